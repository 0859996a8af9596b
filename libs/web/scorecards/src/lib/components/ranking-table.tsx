import { Button, Card, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import {
  formatChange,
  formatScore,
  GRADE_TAG_COLORS,
  rankedRows,
  type ScoreRow,
} from '../scorecard-model';

/** The ranking as a table: rank, unit (opens it), score, grade, change, reasons. */
export function RankingTable<T extends ScoreRow>({
  title,
  rows,
  onOpen,
  extra,
  action,
}: {
  title: string;
  rows: readonly T[];
  onOpen: (row: T) => void;
  extra?: ReactNode;
  /** A per-row action (e.g. the 催办函). */
  action?: (row: T) => ReactNode;
}) {
  return (
    <Card title={title} size="small" extra={extra} styles={{ body: { padding: 0 } }}>
      <Table<T>
        rowKey={(r) => r.organization.id}
        size="small"
        dataSource={rankedRows(rows)}
        pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        data-testid="ranking-table"
        columns={[
          { title: '名次', dataIndex: 'rank', width: 64, align: 'center', render: (r) => r ?? '—' },
          {
            title: '单位',
            key: 'name',
            width: 220,
            render: (_, r) => (
              <Button
                type="link"
                size="small"
                style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start' }}
                onClick={() => onOpen(r)}
              >
                {r.organization.name}
              </Button>
            ),
          },
          {
            title: '得分',
            dataIndex: 'score',
            width: 90,
            align: 'right',
            render: (s: number) => formatScore(s),
          },
          {
            title: '等次',
            key: 'grade',
            width: 130,
            render: (_, r) => (
              <>
                <Tag color={GRADE_TAG_COLORS[r.grade]}>{r.gradeLabel}</Tag>
                {r.vetoed ? <Tag color="red">一票否决</Tag> : null}
              </>
            ),
          },
          {
            title: '较上年同期',
            key: 'change',
            width: 100,
            align: 'right',
            render: (_, r) => (
              <Typography.Text
                type={
                  r.change === null || r.change === undefined || r.change === 0
                    ? 'secondary'
                    : r.change > 0
                      ? 'success'
                      : 'warning'
                }
              >
                {formatChange(r.change)}
              </Typography.Text>
            ),
          },
          {
            title: '主要失分原因',
            key: 'reasons',
            ellipsis: true,
            render: (_, r) => (
              <Typography.Text type="secondary">{r.reasons.join('；') || '—'}</Typography.Text>
            ),
          },
          ...(action
            ? [{ title: '', key: 'action', width: 90, render: (_: unknown, r: T) => action(r) }]
            : []),
        ]}
      />
    </Card>
  );
}

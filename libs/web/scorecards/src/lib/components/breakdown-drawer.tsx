import { Alert, Descriptions, Drawer, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { ScoreBreakdownQuery } from '@sunshine/web/graphql';
import { ErrorState, LoadingState } from '@sunshine/web/ui';
import {
  formatChange,
  formatScore,
  GRADE_TAG_COLORS,
  SOURCE_LABELS,
  sourceLink,
} from '../scorecard-model';

type Breakdown = ScoreBreakdownQuery['scoreBreakdown'];
type Item = Breakdown['items'][number];

/**
 * A bureau's score explained: every item with its points and a link to the record in Sunshine
 * it comes from (the report, the assessment problem, the training year); the items add up to the
 * score.
 */
export function BreakdownDrawer({
  open,
  breakdown,
  loading,
  error,
  onClose,
}: {
  open: boolean;
  breakdown: Breakdown | null;
  loading: boolean;
  error: Error | null;
  onClose: () => void;
}) {
  const b = breakdown;
  return (
    <Drawer
      open={open}
      onClose={onClose}
      width={760}
      title={b ? `${b.organization.name} · 得分明细` : '得分明细'}
      destroyOnHidden
    >
      {error && !b ? (
        <ErrorState message={error.message} />
      ) : !b || loading ? (
        <LoadingState />
      ) : (
        <BreakdownContent breakdown={b} />
      )}
    </Drawer>
  );
}

/** The breakdown itself: figures, vetoes and the items with links to their sources. */
export function BreakdownContent({ breakdown: b }: { breakdown: Breakdown }) {
  return (
    <div data-testid="score-breakdown">
      <Descriptions size="small" column={3} style={{ marginBottom: 12 }}>
        <Descriptions.Item label="得分">
          <Typography.Text strong style={{ fontSize: 18 }}>
            {formatScore(b.score)}
          </Typography.Text>
          <Typography.Text type="secondary">&nbsp;/ {b.maxScore}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label="等次">
          <Tag color={GRADE_TAG_COLORS[b.grade]}>{b.gradeLabel}</Tag>
          {b.vetoed ? <Tag color="red">一票否决</Tag> : null}
        </Descriptions.Item>
        <Descriptions.Item label="名次">
          {b.rank ? `${b.rank} / ${b.peers ?? '—'}` : '—'}
        </Descriptions.Item>
        <Descriptions.Item label="较上年同期">{formatChange(b.change)}</Descriptions.Item>
        <Descriptions.Item label="考评单位">{b.assessor?.name ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="状态">
          {b.publication ? `已定档（第${b.publication.revision}次）` : '未定档'}
        </Descriptions.Item>
      </Descriptions>
      {b.vetoes.length > 0 ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          message={`一票否决：${b.vetoes.map((v) => v.label).join('；')}`}
        />
      ) : null}
      <Table<Item>
        size="small"
        rowKey={(r, i) => `${r.component}:${r.source.type}:${r.source.id}:${i}`}
        dataSource={b.items}
        pagination={b.items.length > 15 ? { pageSize: 15, showSizeChanger: false } : false}
        columns={[
          { title: '明细', dataIndex: 'label', ellipsis: true },
          {
            title: '分值',
            dataIndex: 'points',
            width: 80,
            align: 'right',
            render: (p: number) => (
              <Typography.Text type={p < 0 ? 'danger' : undefined}>
                {p > 0 ? `+${formatScore(p)}` : formatScore(p)}
              </Typography.Text>
            ),
          },
          {
            title: '来源',
            key: 'source',
            width: 130,
            render: (_, r) => {
              const href = sourceLink(r.source, b.organization.id);
              const label = SOURCE_LABELS[r.source.type] ?? r.source.type;
              if (href) return <Link to={href}>{label}</Link>;
              return (
                <Typography.Text type="secondary">
                  {label}
                  {r.attachment ? `（${r.attachment}）` : ''}
                </Typography.Text>
              );
            },
          },
        ]}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right">
              <strong>{formatScore(b.score)}</strong>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={2} />
          </Table.Summary.Row>
        )}
      />
    </div>
  );
}

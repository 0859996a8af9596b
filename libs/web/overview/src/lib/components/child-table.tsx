import { Button, Card, Input, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import {
  EmptyState,
  formatCount,
  formatFraction,
  matchesText,
  ReminderLetterButton,
  STICKY_TABLE_HEADER,
} from '@sunshine/web/ui';
import { errorMessage } from '@sunshine/web/graphql';
import type { ChildRow } from '../overview-model';
import { RateBar } from './rate-bar';

export interface ChildTableProps {
  rows: ChildRow[];
  title: string;
  onOpen: (row: ChildRow) => void;
  /** Downloads the 催办函 of a lagging subordinate (reports still missing); absent: no button. */
  onLetter?: (row: ChildRow) => Promise<void>;
}

/** A subordinate still missing reports of the quarter: the one a 催办函 is for. */
export function isLagging(row: ChildRow): boolean {
  return !row.own && row.reported < row.assigned;
}

/** 240 + 3 × 150 + 2 × 112 + 2 × 84. */
const TABLE_WIDTH = 1082;

const rateSorter =
  (key: 'completionRate' | 'reportingRate' | 'onTimeRate') => (a: ChildRow, b: ChildRow) =>
    a[key] - b[key];

/** Direct subordinates (and the organisation's own tasks) with their rates as sortable bars. */
export function ChildTable({ rows, title, onOpen, onLetter }: ChildTableProps) {
  const [search, setSearch] = useState('');
  const shown = rows.filter((r) => matchesText(search, r.name));
  return (
    <Card
      title={title}
      extra={
        rows.length > 8 ? (
          <Input.Search
            allowClear
            size="small"
            placeholder="搜索单位"
            aria-label="搜索单位"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            style={{ width: 200 }}
          />
        ) : null
      }
      styles={{ body: { padding: 0 } }}
    >
      <Table<ChildRow>
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={shown}
        sticky={STICKY_TABLE_HEADER}
        locale={{
          emptyText: <EmptyState compact title={search ? '没有匹配的单位' : '没有下级单位'} />,
        }}
        columns={[
          {
            title: '单位',
            dataIndex: 'name',
            key: 'name',
            fixed: 'left',
            width: 240,
            // Long names (合肥新站高新技术产业开发区审计局) wrap inside the cell instead of running
            // into the rate bars.
            render: (name: string, r) => (
              <span
                data-col="name"
                style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: 6 }}
              >
                <Button
                  type="link"
                  size="small"
                  style={{
                    padding: 0,
                    height: 'auto',
                    whiteSpace: 'normal',
                    textAlign: 'start',
                    maxWidth: '100%',
                  }}
                  onClick={() => onOpen(r)}
                >
                  {name}
                </Button>
                {r.childCount > 0 ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.childCount} 个下级
                  </Typography.Text>
                ) : null}
                {r.own ? <Tag style={{ marginInlineEnd: 0 }}>本级</Tag> : null}
                {onLetter && isLagging(r) ? (
                  <ReminderLetterButton
                    organizationName={name}
                    download={() => onLetter(r)}
                    describeError={errorMessage}
                  />
                ) : null}
              </span>
            ),
          },
          {
            title: '完成率',
            key: 'completionRate',
            width: 150,
            sorter: rateSorter('completionRate'),
            render: (_, r) => <RateBar rate={r.completionRate} />,
          },
          {
            title: '报送率',
            key: 'reportingRate',
            width: 150,
            sorter: rateSorter('reportingRate'),
            render: (_, r) => <RateBar rate={r.reportingRate} color="#5b8ccf" />,
          },
          {
            title: '按时报送率',
            key: 'onTimeRate',
            width: 150,
            sorter: rateSorter('onTimeRate'),
            render: (_, r) => <RateBar rate={r.onTimeRate} color="#13a8a8" />,
          },
          {
            title: '已完成 / 到期',
            key: 'completed',
            align: 'right',
            width: 112,
            sorter: (a, b) => a.completed - b.completed,
            render: (_, r) => (
              <span data-col="completed">{formatFraction(r.completed, r.due)}</span>
            ),
          },
          {
            title: '已报送 / 承担',
            key: 'reported',
            align: 'right',
            width: 112,
            sorter: (a, b) => a.reported - b.reported,
            render: (_, r) => (
              <span data-col="reported">{formatFraction(r.reported, r.assigned)}</span>
            ),
          },
          {
            title: '已验收',
            key: 'accepted',
            align: 'right',
            width: 84,
            sorter: (a, b) => a.accepted - b.accepted,
            render: (_, r) => <span data-col="accepted">{formatCount(r.accepted)}</span>,
          },
          {
            title: '待验收',
            key: 'awaiting',
            align: 'right',
            width: 84,
            sorter: (a, b) => a.awaiting - b.awaiting,
            render: (_, r) =>
              r.awaiting > 0 ? (
                <Typography.Text style={{ color: '#d46b08' }}>
                  {formatCount(r.awaiting)}
                </Typography.Text>
              ) : (
                <Typography.Text type="secondary">0</Typography.Text>
              ),
          },
        ]}
        // The sum of the widths: at 1366 px (content 1118 px) nothing scrolls sideways.
        scroll={{ x: TABLE_WIDTH }}
      />
    </Card>
  );
}

import { Card, Input, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { EmptyState, formatCount, orgLevelLabel, STICKY_TABLE_HEADER } from '@sunshine/web/ui';
import type { OrganizationNode } from '../organization-summary';

const LEVEL_COLOR: Record<string, string> = {
  NATIONAL: 'red',
  PROVINCE: 'volcano',
  CITY: 'blue',
  COUNTY: 'default',
};

/** The text with the first occurrence of `query` marked (case-insensitive). */
function Highlight({ text, query }: { text: string; query: string }) {
  const q = query.trim();
  const at = q ? text.toLowerCase().indexOf(q.toLowerCase()) : -1;
  if (at < 0) return <>{text}</>;
  return (
    <>
      {text.slice(0, at)}
      <mark style={{ padding: 0, background: '#fff1b8' }}>{text.slice(at, at + q.length)}</mark>
      {text.slice(at + q.length)}
    </>
  );
}

const columnsFor = (search: string): TableColumnsType<OrganizationNode> => [
  {
    title: '单位名称',
    dataIndex: 'name',
    key: 'name',
    ellipsis: true,
    render: (name: string) => <Highlight text={name} query={search} />,
  },
  {
    title: '区划代码',
    dataIndex: 'code',
    key: 'code',
    width: 110,
    render: (code: string) => <Highlight text={code} query={search} />,
  },
  {
    title: '层级',
    dataIndex: 'level',
    key: 'level',
    width: 80,
    render: (level: string) => (
      <Tag color={LEVEL_COLOR[level] ?? 'default'}>{orgLevelLabel(level)}</Tag>
    ),
  },
  {
    title: '直属下级',
    dataIndex: 'childCount',
    key: 'childCount',
    width: 96,
    align: 'right',
    render: (n: number) =>
      n > 0 ? formatCount(n) : <Typography.Text type="secondary">—</Typography.Text>,
  },
  {
    title: '下级合计',
    dataIndex: 'descendantCount',
    key: 'descendantCount',
    width: 96,
    align: 'right',
    render: (n: number) =>
      n > 0 ? formatCount(n) : <Typography.Text type="secondary">—</Typography.Text>,
  },
];

export interface OrganizationTreeTableProps {
  tree: OrganizationNode[];
  total: number;
  matchCount: number;
  searching: boolean;
  search: string;
  onSearch: (value: string) => void;
  expandedKeys: readonly string[];
  onExpandedKeysChange: (keys: readonly string[]) => void;
}

export function OrganizationTreeTable({
  tree,
  total,
  matchCount,
  searching,
  search,
  onSearch,
  expandedKeys,
  onExpandedKeysChange,
}: OrganizationTreeTableProps) {
  return (
    <Card
      title="单位架构"
      extra={
        <Input.Search
          allowClear
          placeholder="按单位名称或区划代码搜索"
          aria-label="搜索单位"
          value={search}
          onChange={(e) => onSearch(e.target.value)}
          style={{ width: 240 }}
        />
      }
      styles={{ body: { padding: 0 } }}
    >
      <Typography.Text
        type="secondary"
        style={{ display: 'block', padding: '10px 16px', fontSize: 12 }}
      >
        {searching
          ? `找到 ${formatCount(matchCount)} 个匹配单位`
          : `可见单位共 ${formatCount(total)} 个`}
      </Typography.Text>
      <Table<OrganizationNode>
        rowKey="id"
        size="small"
        columns={columnsFor(searching ? search : '')}
        dataSource={tree}
        pagination={false}
        sticky={STICKY_TABLE_HEADER}
        expandable={{
          expandedRowKeys: [...expandedKeys],
          onExpandedRowsChange: (keys) => onExpandedKeysChange(keys.map(String)),
          indentSize: 20,
        }}
        locale={{
          emptyText: (
            <EmptyState
              compact
              title={searching ? '没有匹配的单位' : '暂无单位数据'}
              description={searching ? '请检查名称或区划代码后重试' : undefined}
            />
          ),
        }}
      />
    </Card>
  );
}

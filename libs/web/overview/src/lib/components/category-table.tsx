import { Card, Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import { EmptyState, formatCount, formatFraction } from '@sunshine/web/ui';
import { awaitingAcceptance, type CategoryRow } from '../overview-model';
import { RateBar } from './rate-bar';

const noDue = (
  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
    本季度无到期任务
  </Typography.Text>
);

/**
 * Completion and reporting by task category (类别). `detailed` adds the counts, for a full-width
 * card; the compact form fits beside a task list.
 */
export function CategoryTable({
  rows,
  detailed = false,
}: {
  rows: CategoryRow[];
  detailed?: boolean;
}) {
  const columns: TableColumnsType<CategoryRow> = [
    {
      title: '类别',
      dataIndex: 'category',
      key: 'category',
      ellipsis: { showTitle: false },
      render: (name: string) => (
        <Tooltip title={name}>
          <Typography.Text>{name}</Typography.Text>
        </Tooltip>
      ),
    },
    ...(detailed
      ? ([
          {
            title: '承担任务',
            key: 'assigned',
            align: 'right',
            width: 96,
            render: (_: unknown, r: CategoryRow) => formatCount(r.figures.assigned),
          },
          {
            title: '到期任务',
            key: 'due',
            align: 'right',
            width: 96,
            render: (_: unknown, r: CategoryRow) => formatCount(r.figures.due),
          },
        ] as TableColumnsType<CategoryRow>)
      : []),
    {
      title: '完成率',
      key: 'completionRate',
      width: detailed ? 190 : 150,
      sorter: (a, b) => a.figures.completionRate - b.figures.completionRate,
      render: (_, r) =>
        r.figures.due > 0 ? (
          <Tooltip
            title={`已完成 ${formatFraction(r.figures.completed, r.figures.due)} 项到期任务`}
          >
            <div>
              <RateBar rate={r.figures.completionRate} />
            </div>
          </Tooltip>
        ) : (
          noDue
        ),
    },
    {
      title: '报送率',
      key: 'reportingRate',
      width: detailed ? 190 : 150,
      sorter: (a, b) => a.figures.reportingRate - b.figures.reportingRate,
      render: (_, r) => (
        <Tooltip title={`已报送 ${formatFraction(r.figures.reported, r.figures.assigned)} 项`}>
          <div>
            <RateBar rate={r.figures.reportingRate} color="#5b8ccf" />
          </div>
        </Tooltip>
      ),
    },
    ...(detailed
      ? ([
          {
            title: '按时报送率',
            key: 'onTimeRate',
            width: 190,
            sorter: (a: CategoryRow, b: CategoryRow) => a.figures.onTimeRate - b.figures.onTimeRate,
            render: (_: unknown, r: CategoryRow) => (
              <RateBar rate={r.figures.onTimeRate} color="#13a8a8" />
            ),
          },
          {
            title: '待验收',
            key: 'awaiting',
            align: 'right',
            width: 80,
            render: (_: unknown, r: CategoryRow) => formatCount(awaitingAcceptance(r.figures)),
          },
        ] as TableColumnsType<CategoryRow>)
      : []),
  ];
  return (
    <Card
      title="分类完成情况"
      styles={{ body: { padding: 0 } }}
      style={{ marginBottom: 16, marginTop: detailed ? 16 : 0 }}
    >
      <Table<CategoryRow>
        rowKey="category"
        size="small"
        pagination={false}
        dataSource={rows}
        locale={{ emptyText: <EmptyState compact title="暂无分类数据" /> }}
        columns={columns}
      />
    </Card>
  );
}

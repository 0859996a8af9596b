import { Button, Card, Segmented, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import type { OrganizationAssignmentsQuery } from '@sunshine/web/graphql';
import { EmptyState, ErrorState, formatDate, formatDay, deadlineNamesDate } from '@sunshine/web/ui';
import { ReportProgressCell, ReportStatusCell } from '@sunshine/web/reporting-ui';
import { taskFilterCounts, filterTasks, type TaskFilter } from '../task-filter';

export type AssignmentRow = OrganizationAssignmentsQuery['assignments']['items'][number];

export interface TaskTableProps {
  title: string;
  items: AssignmentRow[];
  loading: boolean;
  error: string | null;
  onRetry: () => void;
  onOpenReport: (reportId: string) => void;
}

const FILTER_LABEL: Record<TaskFilter, string> = {
  all: '全部',
  missing: '未报送',
  reported: '已报送',
  accepted: '已验收',
};

/** A bureau's tasks for the quarter with the state of each quarterly report. */
export function TaskTable({ title, items, loading, error, onRetry, onOpenReport }: TaskTableProps) {
  const [filter, setFilter] = useState<TaskFilter>('all');
  const counts = taskFilterCounts(items);
  const shown = filterTasks(items, filter);
  return (
    <Card
      title={title}
      extra={
        <Segmented<TaskFilter>
          size="small"
          value={filter}
          onChange={setFilter}
          options={(Object.keys(FILTER_LABEL) as TaskFilter[]).map((key) => ({
            value: key,
            label: `${FILTER_LABEL[key]} ${counts[key]}`,
          }))}
        />
      }
      styles={{ body: { padding: 0 } }}
      style={{ marginBottom: 16 }}
    >
      {error && items.length === 0 ? (
        <ErrorState message={error} onRetry={onRetry} />
      ) : (
        <Table<AssignmentRow>
          rowKey="id"
          size="small"
          loading={loading}
          dataSource={shown}
          pagination={
            shown.length > 20 ? { pageSize: 20, size: 'small', showSizeChanger: false } : false
          }
          onRow={(r) => ({
            onClick: () => {
              if (r.report) onOpenReport(r.report.id);
            },
            style: { cursor: r.report ? 'pointer' : undefined },
          })}
          locale={{
            emptyText: (
              <EmptyState
                compact
                title={
                  filter === 'all' ? '本季度没有承担的任务' : `没有${FILTER_LABEL[filter]}的任务`
                }
              />
            ),
          }}
          columns={[
            { title: '序号', key: 'number', width: 56, render: (_, r) => r.task.number },
            {
              title: '工作任务',
              key: 'title',
              render: (_, r) => (
                <span>
                  <Typography.Text>{r.task.title}</Typography.Text>
                  {r.task.adjustedAt ? (
                    <Tooltip
                      title={`任务调整（${formatDate(r.task.adjustedAt)}）：${r.task.adjustmentNote ?? ''}`}
                    >
                      <Tag color="purple" style={{ marginInlineStart: 6 }}>
                        任务调整
                      </Tag>
                    </Tooltip>
                  ) : null}
                </span>
              ),
            },
            {
              title: '类别',
              key: 'category',
              width: 170,
              ellipsis: true,
              render: (_, r) => (
                <Typography.Text type="secondary">{r.task.categoryName}</Typography.Text>
              ),
            },
            {
              title: '完成时限',
              key: 'deadline',
              width: 120,
              render: (_, r) => (
                <Tooltip
                  title={
                    deadlineNamesDate(r.task.deadlineText, r.task.dueDate)
                      ? undefined
                      : `截止 ${formatDay(r.task.dueDate)}`
                  }
                >
                  <span>{r.task.deadlineText}</span>
                </Tooltip>
              ),
            },
            {
              title: '完成情况',
              key: 'completion',
              width: 124,
              render: (_, r) => <ReportProgressCell report={r.report} />,
            },
            {
              title: '报送状态',
              key: 'status',
              width: 130,
              render: (_, r) => <ReportStatusCell report={r.report} />,
            },
            {
              title: '提交时间',
              key: 'submittedAt',
              width: 112,
              render: (_, r) => (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDate(r.report?.submittedAt)}
                </Typography.Text>
              ),
            },
            {
              title: '操作',
              key: 'action',
              width: 64,
              render: (_, r) =>
                r.report ? (
                  <Button
                    type="link"
                    size="small"
                    style={{ padding: 0 }}
                    onClick={() => onOpenReport(r.report?.id ?? '')}
                  >
                    查看
                  </Button>
                ) : (
                  <Typography.Text type="secondary">—</Typography.Text>
                ),
            },
          ]}
        />
      )}
    </Card>
  );
}

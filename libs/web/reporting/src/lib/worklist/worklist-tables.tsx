import type { ReactNode } from 'react';
import { Button, Table, Tag, Tooltip, Typography, type TableProps } from 'antd';
import type { WorklistAssignmentsQuery, WorklistReportsQuery } from '@sunshine/web/graphql';
import { isOverdue } from '../report/report-form-model';
import { batchSelectable, continuesCompleted } from './worklist-model';
import {
  EmptyState,
  formatDate,
  formatDateTime,
  formatDay,
  deadlineNamesDate,
} from '@sunshine/web/ui';
import {
  ReportProgressCell,
  ReportStatusCell,
  ReportStatusTag,
  returnedStageLabel,
} from '@sunshine/web/reporting-ui';

export type AssignmentItem = WorklistAssignmentsQuery['assignments']['items'][number];
export type ReportItem = WorklistReportsQuery['progressReports']['items'][number];

interface TaskLike {
  number: string;
  title: string;
  categoryName: string;
  adjustedAt: string | null;
  adjustmentNote: string | null;
}

/** Number, title, category and the 任务调整 badge of a task. */
export function TaskCell({ task }: { task: TaskLike }) {
  return (
    <span>
      <Typography.Text>
        <span style={{ color: 'rgba(0,0,0,0.45)', marginInlineEnd: 6 }}>{task.number}</span>
        {task.title}
      </Typography.Text>
      {task.adjustedAt ? (
        <Tooltip
          title={`${formatDate(task.adjustedAt)}调整：${task.adjustmentNote ?? '任务内容调整'}`}
        >
          <Tag color="purple" style={{ marginInlineStart: 6 }}>
            任务调整
          </Tag>
        </Tooltip>
      ) : null}
      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
        {task.categoryName}
      </Typography.Text>
    </span>
  );
}

interface Paging {
  page: number;
  pageSize: number;
  total: number;
  onChange: (page: number, pageSize: number) => void;
}

function pagination(p: Paging): TableProps<unknown>['pagination'] {
  return p.total > p.pageSize
    ? {
        current: p.page,
        pageSize: p.pageSize,
        total: p.total,
        size: 'small',
        showSizeChanger: false,
        showTotal: (t) => `共 ${t} 条`,
        onChange: p.onChange,
      }
    : false;
}

export interface AssignmentTableProps {
  items: AssignmentItem[];
  loading: boolean;
  paging: Paging;
  empty: ReactNode;
  /** Label of the row action: 填报 for editors, 查看 otherwise. */
  actionLabel: (item: AssignmentItem) => string;
  onOpen: (item: AssignmentItem) => void;
  highlightTaskId?: string | null;
  /** 沿用上季度 for a task completed earlier in the year and not reported yet (editors). */
  onCopyPrevious?: (item: AssignmentItem) => void;
}

/** The bureau's assignments for a quarter with the state of each report. */
export function AssignmentTable({
  items,
  loading,
  paging,
  empty,
  actionLabel,
  onOpen,
  highlightTaskId,
  onCopyPrevious,
}: AssignmentTableProps) {
  return (
    <Table<AssignmentItem>
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={items}
      pagination={pagination(paging) as TableProps<AssignmentItem>['pagination']}
      locale={{ emptyText: empty }}
      rowClassName={(r) => (r.task.id === highlightTaskId ? 'sunshine-row-highlight' : '')}
      onRow={(r) => ({ onDoubleClick: () => onOpen(r) })}
      columns={[
        { title: '工作任务', key: 'task', render: (_, r) => <TaskCell task={r.task} /> },
        {
          title: '完成时限',
          key: 'deadline',
          width: 120,
          render: (_, r) => (
            <Tooltip
              title={
                deadlineNamesDate(r.task.deadlineText, r.task.dueDate)
                  ? undefined
                  : `任务截止 ${formatDay(r.task.dueDate)}`
              }
            >
              <span>{r.task.deadlineText}</span>
            </Tooltip>
          ),
        },
        {
          title: '本季度进展',
          key: 'progress',
          width: 130,
          render: (_, r) => <ReportProgressCell report={r.report} />,
        },
        {
          title: '状态',
          key: 'status',
          width: 110,
          render: (_, r) => (
            <span>
              <ReportStatusCell report={r.report} />
              {continuesCompleted(r) ? (
                <Tooltip title="本年度此前季度已完成并验收，可沿用上季度进展">
                  <Tag color="green" style={{ marginTop: 2 }}>
                    已完成-持续
                  </Tag>
                </Tooltip>
              ) : null}
            </span>
          ),
        },
        {
          title: '最后更新',
          key: 'updatedAt',
          width: 150,
          render: (_, r) => (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.report ? formatDateTime(r.report.updatedAt) : '—'}
            </Typography.Text>
          ),
        },
        {
          title: '操作',
          key: 'action',
          width: onCopyPrevious ? 120 : 72,
          render: (_, r) => (
            <span style={{ whiteSpace: 'nowrap' }}>
              <Button type="link" size="small" style={{ padding: 0 }} onClick={() => onOpen(r)}>
                {actionLabel(r)}
              </Button>
              {onCopyPrevious && continuesCompleted(r) ? (
                <Button
                  type="link"
                  size="small"
                  style={{ padding: 0, marginInlineStart: 8 }}
                  onClick={() => onCopyPrevious(r)}
                >
                  沿用上季度
                </Button>
              ) : null}
            </span>
          ),
        },
      ]}
    />
  );
}

export interface ReportTableProps {
  kind: 'returned' | 'toReview' | 'toAccept';
  /** The quarter being reported now: returned drafts of earlier quarters are overdue. */
  reporting: { year: number; quarter: number } | null;
  items: ReportItem[];
  loading: boolean;
  paging: Paging;
  empty: ReactNode;
  onOpen: (item: ReportItem) => void;
  /** 待验收 of deeper levels: shown to read, accepted by their own parents. */
  readOnly?: boolean;
  /** Rows chosen for a batch decision (only those the user may accept can be chosen). */
  selection?: { ids: readonly string[]; onChange: (items: ReportItem[]) => void };
}

const ACTION: Record<ReportTableProps['kind'], string> = {
  returned: '修改',
  toReview: '审核',
  toAccept: '验收',
};

/** Reports waiting for this user: returned drafts, submissions to review, approvals to accept. */
export function ReportTable({
  kind,
  reporting,
  items,
  loading,
  paging,
  empty,
  onOpen,
  readOnly,
  selection,
}: ReportTableProps) {
  return (
    <Table<ReportItem>
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={items}
      rowSelection={
        selection
          ? {
              selectedRowKeys: [...selection.ids],
              onChange: (_keys, rows) => selection.onChange(rows),
              getCheckboxProps: (r) => ({
                disabled: !batchSelectable(r),
                'aria-label': `选择 ${r.organization.name} ${r.task.number}`,
              }),
            }
          : undefined
      }
      pagination={pagination(paging) as TableProps<ReportItem>['pagination']}
      locale={{ emptyText: empty }}
      onRow={(r) => ({ onDoubleClick: () => onOpen(r) })}
      columns={[
        ...(kind === 'toAccept'
          ? [
              {
                title: '填报单位',
                key: 'org',
                width: 150,
                render: (_: unknown, r: ReportItem) => r.organization.name,
              },
            ]
          : []),
        {
          title: '季度',
          key: 'quarter',
          width: 130,
          render: (_, r) => (
            <span>
              {r.quarterLabel}
              {reporting && isOverdue(r, reporting) ? (
                <Tag color="red" style={{ display: 'block', width: 'fit-content', marginTop: 2 }}>
                  已逾期
                </Tag>
              ) : null}
            </span>
          ),
        },
        { title: '工作任务', key: 'task', render: (_, r) => <TaskCell task={r.task} /> },
        ...(kind === 'returned'
          ? [
              {
                title: '退回原因',
                key: 'reason',
                width: 260,
                render: (_: unknown, r: ReportItem) => (
                  <Tooltip title={r.returnedReason}>
                    <Typography.Text type="danger" ellipsis style={{ maxWidth: 240 }}>
                      {returnedStageLabel(r.returnedStage)}：{r.returnedReason}
                    </Typography.Text>
                  </Tooltip>
                ),
              },
            ]
          : [
              {
                title: '本季度进展',
                key: 'progress',
                width: 130,
                render: (_: unknown, r: ReportItem) => <ReportProgressCell report={r} />,
              },
              {
                title: kind === 'toAccept' ? '审核时间' : '提交时间',
                key: 'time',
                width: 150,
                render: (_: unknown, r: ReportItem) => (
                  <span style={{ whiteSpace: 'nowrap' }}>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatDateTime(kind === 'toAccept' ? r.approvedAt : r.submittedAt)}
                    </Typography.Text>
                    {r.late ? (
                      <Tag color="red" style={{ marginInlineStart: 4 }}>
                        迟报
                      </Tag>
                    ) : null}
                  </span>
                ),
              },
            ]),
        {
          title: '状态',
          key: 'status',
          width: 84,
          render: (_, r) => <ReportStatusTag status={r.displayStatus} />,
        },
        {
          title: '操作',
          key: 'action',
          width: 64,
          render: (_, r) => (
            <Button type="link" size="small" style={{ padding: 0 }} onClick={() => onOpen(r)}>
              {readOnly ? '查看' : ACTION[kind]}
            </Button>
          ),
        },
      ]}
    />
  );
}

export function TableEmpty({ title, description }: { title: string; description?: string }) {
  return <EmptyState compact title={title} description={description} />;
}

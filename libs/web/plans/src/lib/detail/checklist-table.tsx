import {
  Button,
  Popconfirm,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { EmptyState, formatDate, STICKY_TABLE_HEADER } from '@sunshine/web/ui';
import { levelsLabel, type ChecklistRow, type PlanTaskItem } from '../plan-model';

export interface ChecklistTableProps {
  rows: ChecklistRow[];
  /** Edit and (drafts) delete buttons for the issuer's administrators. */
  editable: boolean;
  deletable: boolean;
  onEdit: (task: PlanTaskItem) => void;
  onDelete: (task: PlanTaskItem) => void;
}

const COLUMN_COUNT = 7;

/** The checklist as one table: category headings followed by their tasks. */
export function ChecklistTable({
  rows,
  editable,
  deletable,
  onEdit,
  onDelete,
}: ChecklistTableProps) {
  const heading = (r: ChecklistRow) => ({ colSpan: r.kind === 'category' ? 0 : 1 });
  const columns: TableColumnsType<ChecklistRow> = [
    {
      title: '序号',
      key: 'number',
      width: 64,
      onCell: (r) => ({
        colSpan: r.kind === 'category' ? (editable ? COLUMN_COUNT : COLUMN_COUNT - 1) : 1,
      }),
      render: (_, r) =>
        r.kind === 'category' ? (
          <Space size={12}>
            <Typography.Text strong>{r.heading}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.taskCount} 项 · 分值 {r.weight}
            </Typography.Text>
          </Space>
        ) : (
          r.task.number
        ),
    },
    {
      title: '工作任务',
      key: 'title',
      onCell: heading,
      render: (_, r) =>
        r.kind === 'task' ? (
          <div>
            <Typography.Text strong>{r.task.title}</Typography.Text>
            {r.task.adjustedAt ? (
              <Tooltip
                title={`${formatDate(r.task.adjustedAt)}调整：${r.task.adjustmentNote ?? ''}`}
              >
                <Tag color="purple" style={{ marginInlineStart: 6 }}>
                  任务调整
                </Tag>
              </Tooltip>
            ) : null}
            {r.task.description ? (
              <Typography.Paragraph
                type="secondary"
                ellipsis={{ rows: 2, tooltip: r.task.description }}
                style={{ margin: '2px 0 0', fontSize: 12 }}
              >
                {r.task.description}
              </Typography.Paragraph>
            ) : null}
            {r.task.targetValue !== null ? (
              <Tag color="blue" style={{ marginTop: 4 }}>
                目标 ≥{r.task.targetValue} {r.task.targetUnit ?? ''}
              </Tag>
            ) : null}
          </div>
        ) : null,
    },
    {
      title: '牵头单位',
      key: 'lead',
      width: 150,
      onCell: heading,
      render: (_, r) =>
        r.kind === 'task' ? (
          <div>
            <div>{r.task.leadDepartments.join('、')}</div>
            {r.task.cooperatingDepartments.length > 0 ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                配合：{r.task.cooperatingDepartments.join('、')}
              </Typography.Text>
            ) : null}
          </div>
        ) : null,
    },
    {
      title: '完成时限',
      key: 'deadline',
      width: 116,
      onCell: heading,
      render: (_, r) => (r.kind === 'task' ? r.task.deadlineText : null),
    },
    {
      title: '适用层级',
      key: 'levels',
      width: 168,
      onCell: heading,
      render: (_, r) =>
        r.kind === 'task' ? (
          <Space size={4}>
            {levelsLabel(r.task.levels).map((l) => (
              <Tag key={l} style={{ marginInlineEnd: 0 }}>
                {l}
              </Tag>
            ))}
          </Space>
        ) : null,
    },
    {
      title: '分值',
      key: 'weight',
      width: 64,
      align: 'right',
      onCell: heading,
      render: (_, r) => (r.kind === 'task' ? r.task.weight : null),
    },
  ];
  if (editable) {
    columns.push({
      title: '操作',
      key: 'actions',
      width: 96,
      onCell: heading,
      render: (_, r) =>
        r.kind === 'task' ? (
          <Space size={0}>
            <Button type="link" size="small" icon={<EditOutlined />} onClick={() => onEdit(r.task)}>
              编辑
            </Button>
            {deletable ? (
              <Popconfirm
                title="删除该任务？"
                okText="删除"
                okButtonProps={{ danger: true }}
                cancelText="取消"
                onConfirm={() => onDelete(r.task)}
              >
                <Button
                  type="link"
                  size="small"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={`删除任务 ${r.task.number}`}
                />
              </Popconfirm>
            ) : null}
          </Space>
        ) : null,
    });
  }
  return (
    <Table<ChecklistRow>
      rowKey="key"
      size="small"
      columns={columns}
      dataSource={rows}
      pagination={false}
      sticky={STICKY_TABLE_HEADER}
      rowClassName={(r) => (r.kind === 'category' ? 'sunshine-group-row' : '')}
      locale={{ emptyText: <EmptyState compact title="计划中还没有任务" /> }}
    />
  );
}

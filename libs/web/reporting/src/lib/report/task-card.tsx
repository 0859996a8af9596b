import { Alert, Card, Descriptions, Typography } from 'antd';
import type { TaskDetailFragment } from '@sunshine/web/graphql';
import { formatDate, formatDeadline } from '@sunshine/web/ui';
import { targetLabel } from './report-form-model';

/** What the task asks for: requirements, evidence expected, deadline, weight and target. */
export function TaskCard({ task }: { task: TaskDetailFragment }) {
  const target = targetLabel(task.targetValue, task.targetUnit);
  return (
    <Card title="任务要求" size="small" style={{ marginBottom: 16 }}>
      {task.adjustedAt ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={`任务调整（${formatDate(task.adjustedAt)}）`}
          description={task.adjustmentNote ?? '任务内容已调整，请按调整后的要求填报。'}
        />
      ) : null}
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 12 }}>
        {task.description || <Typography.Text type="secondary">未填写具体要求</Typography.Text>}
      </Typography.Paragraph>
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'category', label: '类别', children: task.categoryName },
          {
            key: 'deadline',
            label: '完成时限',
            children: formatDeadline(task.deadlineText, task.dueDate),
          },
          { key: 'weight', label: '分值', children: task.weight },
          ...(target ? [{ key: 'target', label: '量化目标', children: target }] : []),
          {
            key: 'evidence',
            label: '佐证材料',
            children: task.evidence || <Typography.Text type="secondary">未指定</Typography.Text>,
          },
        ]}
      />
    </Card>
  );
}

import { Tooltip, Typography } from 'antd';
import { formatDay } from '@sunshine/web/ui';
import type { Issue } from '../assessment-model';

const OPEN = ['OPEN', 'RECTIFYING', 'RETURNED', 'AWAITING_APPROVAL'];

/**
 * 整改期限 with where it stands in working days ("剩余 N 个工作日", "今天截止", "已逾期 N 个工作日",
 * counted by the server with the Chinese calendar): only while the bureau still owes an answer.
 */
export function DeadlineCell({
  issue,
}: {
  issue: Pick<Issue, 'deadline' | 'deadlineStatus' | 'status'>;
}) {
  const s = issue.deadlineStatus;
  const owed = OPEN.includes(issue.status);
  const type = !owed
    ? 'secondary'
    : s.state === 'OVERDUE'
      ? 'danger'
      : s.state === 'DUE_TODAY' || s.workingDays <= 3
        ? 'warning'
        : undefined;
  const body = (
    <span>
      {formatDay(issue.deadline)}
      {owed ? (
        <Typography.Text type={type} style={{ display: 'block', fontSize: 12 }}>
          {s.label}
          {s.warning ? ' *' : ''}
        </Typography.Text>
      ) : null}
    </span>
  );
  return s.warning && owed ? <Tooltip title={s.warning}>{body}</Tooltip> : body;
}

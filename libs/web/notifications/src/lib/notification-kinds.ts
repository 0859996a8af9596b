import type { NotificationKind } from '@sunshine/web/graphql';

/** One label for every kind the API declares (the `NotificationKind` enum). */
const KIND_LABEL: Record<NotificationKind, string> = {
  DUE_SOON: '即将截止',
  DUE_TOMORROW: '明天截止',
  OVERDUE: '已逾期',
  RETURNED: '退回',
  REMINDER: '催办',
  TASK_ADJUSTED: '任务调整',
  ASSIGNMENT: '任务下达',
  TRAINING: '培训',
  SECURITY: '账户安全',
  AUDIT_ALERT: '审计告警',
};

/** 即将截止, 催办, 任务调整 … for a notification kind; unknown kinds read 通知. */
export function notificationKindLabel(kind: string): string {
  return (KIND_LABEL as Record<string, string | undefined>)[kind] ?? '通知';
}

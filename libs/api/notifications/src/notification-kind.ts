import { registerEnumType } from '@nestjs/graphql';
import type { NotificationKind } from '@sunshine/api/core';

/** The kinds the notification sink accepts (core's `NotificationKind`), as a GraphQL enum. */
export const NotificationKindEnum: { readonly [K in NotificationKind]: K } = {
  DUE_SOON: 'DUE_SOON',
  DUE_TOMORROW: 'DUE_TOMORROW',
  OVERDUE: 'OVERDUE',
  RETURNED: 'RETURNED',
  REMINDER: 'REMINDER',
  TASK_ADJUSTED: 'TASK_ADJUSTED',
  ASSIGNMENT: 'ASSIGNMENT',
  TRAINING: 'TRAINING',
  SECURITY: 'SECURITY',
  AUDIT_ALERT: 'AUDIT_ALERT',
};

/** Every kind, for checking stored rows. */
export const NOTIFICATION_KINDS: readonly NotificationKind[] = Object.values(NotificationKindEnum);

registerEnumType(NotificationKindEnum, {
  name: 'NotificationKind',
  description: '通知类型',
  valuesMap: {
    DUE_SOON: { description: '报送即将截止' },
    DUE_TOMORROW: { description: '报送明天（或今天）截止' },
    OVERDUE: { description: '报送已逾期' },
    RETURNED: { description: '进展被退回' },
    REMINDER: { description: '上级催办' },
    TASK_ADJUSTED: { description: '任务调整' },
    ASSIGNMENT: { description: '任务下达' },
    TRAINING: { description: '培训通知与提醒' },
    SECURITY: { description: '账户安全' },
    AUDIT_ALERT: { description: '审计告警（仅审计管理员）' },
  },
});

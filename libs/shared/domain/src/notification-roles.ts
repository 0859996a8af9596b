import { Role } from './roles';

/**
 * In-app notifications (deadlines, returns, reminders, task changes, new assignments) are work
 * items for an organisation's business roles: its administrator, editors and reviewers read them
 * and mark them read. A leader, an assessor, an auditor or any other role of the organisation
 * sees none of them and cannot mark them read.
 */
export const NOTIFICATION_ROLES: readonly Role[] = [Role.ADMIN, Role.EDITOR, Role.REVIEWER];

export function receivesNotifications(roles: readonly Role[]): boolean {
  return roles.some((r) => NOTIFICATION_ROLES.includes(r));
}

/** Notification kinds only the audit administrators read (and business roles never see). */
export const AUDIT_NOTIFICATION_KINDS: readonly string[] = ['AUDIT_ALERT'];

/**
 * Which notifications an account reads: business roles their organisation's work items, the
 * audit administrator the audit alerts; 'none' for everyone else.
 */
export function notificationAudience(roles: readonly Role[]): 'business' | 'audit' | 'none' {
  if (receivesNotifications(roles)) return 'business';
  if (roles.includes(Role.AUDITOR)) return 'audit';
  return 'none';
}

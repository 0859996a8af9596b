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

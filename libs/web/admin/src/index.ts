import { lazy } from 'react';

export { ROLE_OPTIONS, roleSetMessage } from './lib/roles';
export {
  auditActionLabel,
  auditResultView,
  auditTargetLabel,
  formatChanges,
} from './lib/audit/audit-format';
export { userStatusView, type UserStatusView } from './lib/users/user-status';
export { generatePassword } from './lib/users/generate-password';
export { useUsersPage } from './lib/users/use-users-page';
export { useUserActions } from './lib/users/use-user-actions';
export { useAuditLog } from './lib/audit/use-audit-log';

/** 系统管理 → 用户管理 (ADMIN), loaded on demand. */
export const UsersPage = lazy(() =>
  import('./lib/users/users-page').then((m) => ({ default: m.UsersPage })),
);
/** 系统管理 → 审计日志 (AUDITOR), loaded on demand. */
export const AuditLogPage = lazy(() =>
  import('./lib/audit/audit-log-page').then((m) => ({ default: m.AuditLogPage })),
);

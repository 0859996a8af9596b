import { lazy } from 'react';

export {
  auditActionLabel,
  auditResultView,
  auditTargetLabel,
  formatChanges,
} from './lib/audit-format';
export { useAuditLog } from './lib/use-audit-log';

/** 系统管理 → 审计日志 (AUDITOR), loaded on demand. */
export const AuditLogPage = lazy(() =>
  import('./lib/audit-log-page').then((m) => ({ default: m.AuditLogPage })),
);

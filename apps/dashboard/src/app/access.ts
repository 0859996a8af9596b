import type { Role } from '@sunshine/web/graphql';

// Kept apart from navigation.ts (which needs the domain library) so the router stays small.

/** Roles that take part in quarterly reporting (fill in, review, accept). */
export const REPORTING_ROLES: readonly Role[] = ['EDITOR', 'REVIEWER', 'ADMIN'];
/** Roles that read the annual checklist (任务清单). */
export const PLAN_ROLES: readonly Role[] = ['ADMIN', 'LEADER', 'EDITOR', 'REVIEWER'];
/** Roles that open single reports (leaders read them from the overview). */
export const REPORT_VIEW_ROLES: readonly Role[] = ['EDITOR', 'REVIEWER', 'ADMIN', 'LEADER'];
/**
 * Roles that work with business data (libs/shared/domain BUSINESS_ROLES): the security and audit
 * administrators (三员分立) see none of it.
 */
export const BUSINESS_ROLES: readonly Role[] = [
  'ADMIN',
  'LEADER',
  'EDITOR',
  'REVIEWER',
  'ASSESSOR',
];
/** Roles that open 用户管理: ADMIN for business accounts, SECURITY_ADMIN for the duty accounts. */
export const USER_ADMIN_ROLES: readonly Role[] = ['ADMIN', 'SECURITY_ADMIN'];

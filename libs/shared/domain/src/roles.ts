/** Roles a user holds within its own organisation. Several per user. */
export enum Role {
  ADMIN = 'ADMIN',
  LEADER = 'LEADER',
  EDITOR = 'EDITOR',
  REVIEWER = 'REVIEWER',
  ASSESSOR = 'ASSESSOR',
  /** 安全管理员: manages audit and security administrators' accounts; no business data, no trail. */
  SECURITY_ADMIN = 'SECURITY_ADMIN',
  /** 审计管理员: reads and verifies the audit trail; no business data. */
  AUDITOR = 'AUDITOR',
}

export const ROLE_LABEL: Record<Role, string> = {
  [Role.ADMIN]: '管理员',
  [Role.LEADER]: '领导',
  [Role.EDITOR]: '填报员',
  [Role.REVIEWER]: '审核人',
  [Role.ASSESSOR]: '第三方测评',
  [Role.SECURITY_ADMIN]: '安全管理员',
  [Role.AUDITOR]: '审计管理员',
};

/**
 * Separation of duties (三员分立): the system administrator (ADMIN), the security administrator
 * (SECURITY_ADMIN) and the audit administrator (AUDITOR) are different people. SECURITY_ADMIN and
 * AUDITOR are each held alone; the pairs below are kept for the messages that name them.
 */
export const EXCLUSIVE_ROLE_PAIRS: ReadonlyArray<readonly [Role, Role]> = [
  [Role.ADMIN, Role.AUDITOR],
  [Role.ADMIN, Role.SECURITY_ADMIN],
  [Role.SECURITY_ADMIN, Role.AUDITOR],
];

/** Roles an account holds alone: an account with one of them has no other role. */
export const DUTY_ROLES: readonly Role[] = [Role.SECURITY_ADMIN, Role.AUDITOR];

/** Roles that work with business data (plans, reports, the overview, evidence, notifications). */
export const BUSINESS_ROLES: readonly Role[] = [
  Role.ADMIN,
  Role.LEADER,
  Role.EDITOR,
  Role.REVIEWER,
  Role.ASSESSOR,
];

export type RoleSetProblem = 'EMPTY' | 'DUPLICATE' | 'SEPARATION_OF_DUTIES';

/** Checks a role set for a user; returns the first problem or null. */
export function checkRoleSet(roles: readonly Role[]): RoleSetProblem | null {
  if (roles.length === 0) return 'EMPTY';
  if (new Set(roles).size !== roles.length) return 'DUPLICATE';
  for (const [a, b] of EXCLUSIVE_ROLE_PAIRS) {
    if (roles.includes(a) && roles.includes(b)) return 'SEPARATION_OF_DUTIES';
  }
  if (roles.length > 1 && roles.some((r) => DUTY_ROLES.includes(r))) return 'SEPARATION_OF_DUTIES';
  return null;
}

/**
 * Which of the three duties an account serves: business (the system administrator and the
 * business roles), security (安全管理员) or audit (审计管理员).
 */
export type AccountDuty = 'BUSINESS' | 'SECURITY' | 'AUDIT';

export function accountDuty(roles: readonly Role[]): AccountDuty {
  if (roles.includes(Role.AUDITOR)) return 'AUDIT';
  if (roles.includes(Role.SECURITY_ADMIN)) return 'SECURITY';
  return 'BUSINESS';
}

/**
 * The duties whose accounts a user may create, change, reset, disable and enable: a system
 * administrator manages business accounts; a security administrator manages audit and security
 * administrators' accounts. Nobody else manages accounts.
 */
export function managedDuties(actorRoles: readonly Role[]): AccountDuty[] {
  const duties: AccountDuty[] = [];
  if (actorRoles.includes(Role.ADMIN)) duties.push('BUSINESS');
  if (actorRoles.includes(Role.SECURITY_ADMIN)) duties.push('SECURITY', 'AUDIT');
  return duties;
}

/** Whether a user with `actorRoles` may manage an account holding `targetRoles`. */
export function managesAccount(actorRoles: readonly Role[], targetRoles: readonly Role[]): boolean {
  return managedDuties(actorRoles).includes(accountDuty(targetRoles));
}

/** The roles a user may give to accounts it manages (in the domain's order). */
export function assignableRoles(actorRoles: readonly Role[]): Role[] {
  return (Object.values(Role) as Role[]).filter((r) => managesAccount(actorRoles, [r]));
}

/** Whether a user with these roles works with business data at all. */
export function hasBusinessRole(roles: readonly Role[]): boolean {
  return roles.some((r) => BUSINESS_ROLES.includes(r));
}

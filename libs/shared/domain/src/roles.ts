/** Roles a user holds within its own organisation. Several per user. */
export enum Role {
  ADMIN = 'ADMIN',
  LEADER = 'LEADER',
  EDITOR = 'EDITOR',
  REVIEWER = 'REVIEWER',
  ASSESSOR = 'ASSESSOR',
  AUDITOR = 'AUDITOR',
}

export const ROLE_LABEL: Record<Role, string> = {
  [Role.ADMIN]: '管理员',
  [Role.LEADER]: '领导',
  [Role.EDITOR]: '填报员',
  [Role.REVIEWER]: '审核人',
  [Role.ASSESSOR]: '第三方测评',
  [Role.AUDITOR]: '审计管理员',
};

/**
 * Separation of duties (三员分立): pairs of roles that one account may never hold together.
 * The system administrator and the audit administrator must be different people.
 */
export const EXCLUSIVE_ROLE_PAIRS: ReadonlyArray<readonly [Role, Role]> = [
  [Role.ADMIN, Role.AUDITOR],
];

export type RoleSetProblem = 'EMPTY' | 'DUPLICATE' | 'SEPARATION_OF_DUTIES';

/** Checks a role set for a user; returns the first problem or null. */
export function checkRoleSet(roles: readonly Role[]): RoleSetProblem | null {
  if (roles.length === 0) return 'EMPTY';
  if (new Set(roles).size !== roles.length) return 'DUPLICATE';
  for (const [a, b] of EXCLUSIVE_ROLE_PAIRS) {
    if (roles.includes(a) && roles.includes(b)) return 'SEPARATION_OF_DUTIES';
  }
  return null;
}

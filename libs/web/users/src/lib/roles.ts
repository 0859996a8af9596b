import {
  assignableRoles,
  checkRoleSet,
  managesAccount,
  ROLE_LABEL,
  Role as DomainRole,
  type RoleSetProblem,
} from '@sunshine/shared/domain';
import type { Role } from '@sunshine/web/graphql';

/** Role checkboxes in the order of the domain (管理员 … 审计管理员). */
export const ROLE_OPTIONS: ReadonlyArray<{ value: Role; label: string }> = (
  Object.keys(ROLE_LABEL) as Role[]
).map((value) => ({ value, label: ROLE_LABEL[DomainRole[value]] }));

const ROLE_SET_MESSAGE: Record<RoleSetProblem, string> = {
  EMPTY: '请至少选择一个角色',
  DUPLICATE: '角色不能重复',
  SEPARATION_OF_DUTIES:
    '根据“三员分立”要求，管理员与审计管理员不能由同一账户兼任，安全管理员、审计管理员不能兼任其他角色',
};

const toDomain = (roles: readonly Role[]): DomainRole[] => roles.map((r) => DomainRole[r]);

/**
 * The roles a user may give (三员分立): a system administrator gives business roles, a security
 * administrator gives 安全管理员 and 审计管理员.
 */
export function assignableRoleOptions(
  actorRoles: readonly Role[],
): ReadonlyArray<{ value: Role; label: string }> {
  const allowed: readonly string[] = assignableRoles(toDomain(actorRoles));
  return ROLE_OPTIONS.filter((o) => allowed.includes(o.value));
}

/** Whether a user may change an account with these roles (the API refuses the others). */
export function canManageAccount(
  actorRoles: readonly Role[],
  targetRoles: readonly Role[],
): boolean {
  return managesAccount(toDomain(actorRoles), toDomain(targetRoles));
}

/** Chinese message for an invalid role set, or null when it is acceptable. */
export function roleSetMessage(roles: readonly Role[]): string | null {
  const problem = checkRoleSet(roles.map((r) => DomainRole[r]));
  return problem ? ROLE_SET_MESSAGE[problem] : null;
}

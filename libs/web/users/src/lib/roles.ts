import {
  checkRoleSet,
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
  SEPARATION_OF_DUTIES: '根据“三员分立”要求，管理员与审计管理员不能由同一账户兼任',
};

/** Chinese message for an invalid role set, or null when it is acceptable. */
export function roleSetMessage(roles: readonly Role[]): string | null {
  const problem = checkRoleSet(roles.map((r) => DomainRole[r]));
  return problem ? ROLE_SET_MESSAGE[problem] : null;
}

import { Role } from '@sunshine/shared/domain';

/**
 * Who is acting and what they may see, resolved once per request from the access token and
 * passed explicitly to every service call. There is no "no scope means everything".
 */
export interface Scope {
  readonly userId: string;
  readonly username: string;
  readonly sessionId: string | null;
  /** The user's own organisation. */
  readonly organizationId: string;
  readonly roles: readonly Role[];
  /** Roots of the visible subtrees: the own organisation, or an assessor's assignments. */
  readonly rootOrgIds: readonly string[];
  readonly ip: string | null;
}

export function hasRole(scope: Scope, ...roles: Role[]): boolean {
  return roles.some((r) => scope.roles.includes(r));
}

/**
 * A scope for work the system does on a user's behalf before a session exists (sign-in,
 * refresh): it sees only that user's own organisation.
 */
export function selfScope(
  user: {
    id: string;
    username: string;
    organizationId: string;
    roles: readonly Role[];
  },
  ip: string | null,
): Scope {
  return {
    userId: user.id,
    username: user.username,
    sessionId: null,
    organizationId: user.organizationId,
    roles: user.roles,
    rootOrgIds: [user.organizationId],
    ip,
  };
}

/** The id background jobs act under (deadline reminders); audit events name the user 'system'. */
export const SYSTEM_USER_ID = '00000000-0000-0000-0000-000000000000';

/** A scope for scheduled work over the whole hierarchy. Never derived from a request. */
export function systemScope(topOrgIds: readonly string[]): Scope {
  const [organizationId] = topOrgIds;
  if (organizationId === undefined)
    throw new Error('systemScope needs at least one top organization');
  return {
    userId: SYSTEM_USER_ID,
    username: 'system',
    sessionId: null,
    organizationId,
    roles: [],
    rootOrgIds: topOrgIds,
    ip: null,
  };
}

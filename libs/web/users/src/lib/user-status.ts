import type { UserRowFragment } from '@sunshine/web/graphql';

export type UserStatusKind = 'active' | 'locked' | 'disabled';

export interface UserStatusView {
  kind: UserStatusKind;
  label: string;
  /** Extra line, e.g. until when the account is locked. */
  until?: string;
}

/** What the status column shows: disabled beats locked; a lock in the past is over. */
export function userStatusView(
  user: Pick<UserRowFragment, 'status' | 'lockedUntil'>,
  now: Date = new Date(),
): UserStatusView {
  if (user.status === 'DISABLED') return { kind: 'disabled', label: '已停用' };
  if (user.lockedUntil && new Date(user.lockedUntil).getTime() > now.getTime()) {
    return { kind: 'locked', label: '已锁定', until: user.lockedUntil };
  }
  return { kind: 'active', label: '正常' };
}

/** Login names: 3–32 letters, digits, dot, underscore or hyphen (e.g. 340102-editor). */
export const USERNAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{2,31}$/;

import { lazy } from 'react';

export { ROLE_OPTIONS, roleSetMessage } from './lib/roles';
export { userStatusView, type UserStatusView } from './lib/user-status';
export { generatePassword } from './lib/generate-password';
export { useUsersPage } from './lib/use-users-page';
export { useUserActions } from './lib/use-user-actions';

/** 系统管理 → 用户管理 (ADMIN), loaded on demand. */
export const UsersPage = lazy(() =>
  import('./lib/users-page').then((m) => ({ default: m.UsersPage })),
);

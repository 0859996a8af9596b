import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { LoadingState, StatusPage } from '@sunshine/web/ui';
import type { Role } from '@sunshine/web/graphql';
import { hasRole, useAuth } from './auth-context';

export const LOGIN_PATH = '/login';
export const CHANGE_PASSWORD_PATH = '/change-password';

/** Where the login page returns to after signing in. */
export interface LoginLocationState {
  from?: string;
}

/**
 * Renders its children (or the nested routes) for a signed-in user. Anonymous users go to the
 * login page; a user who must change the password goes to the change-password page first.
 */
export function RequireAuth({ children }: { children?: ReactNode }) {
  const { state } = useAuth();
  const location = useLocation();
  if (state.status === 'loading') return <LoadingState fullscreen tip="正在验证登录状态…" />;
  if (state.status === 'anonymous') {
    const loginState: LoginLocationState = state.signedOut
      ? {}
      : { from: `${location.pathname}${location.search}` };
    return <Navigate to={LOGIN_PATH} replace state={loginState} />;
  }
  if (state.user.mustChangePassword && location.pathname !== CHANGE_PASSWORD_PATH) {
    return <Navigate to={CHANGE_PASSWORD_PATH} replace />;
  }
  return children ?? <Outlet />;
}

/**
 * Shows a 403 page to users without the role (or without any of the roles, for a list). The API
 * enforces the same rule.
 */
export function RequireRole({
  role,
  children,
}: {
  role: Role | readonly Role[];
  children?: ReactNode;
}) {
  const { user } = useAuth();
  const roles: readonly Role[] = typeof role === 'string' ? [role] : role;
  if (!roles.some((r) => hasRole(user, r))) return <StatusPage kind="forbidden" />;
  return children ?? <Outlet />;
}

import { lazy } from 'react';

export {
  AuthProvider,
  hasRole,
  useAuth,
  useCurrentUser,
  type AuthContextValue,
  type AuthState,
  type SessionUser,
} from './lib/auth-context';
export {
  CHANGE_PASSWORD_PATH,
  LOGIN_PATH,
  RequireAuth,
  RequireRole,
  type LoginLocationState,
} from './lib/guards';
export { passwordProblems } from './lib/use-change-password';
export { SecurityNoticeBanner } from './lib/security-notice';

/** Route pages load on demand so the sign-in page ships little JavaScript. */
export const LoginPage = lazy(() =>
  import('./lib/pages/login-page').then((m) => ({ default: m.LoginPage })),
);
export const ChangePasswordPage = lazy(() =>
  import('./lib/pages/change-password-page').then((m) => ({ default: m.ChangePasswordPage })),
);
export const AccountSecurityPage = lazy(() =>
  import('./lib/pages/account-security-page').then((m) => ({ default: m.AccountSecurityPage })),
);
export const ACCOUNT_SECURITY_PATH = '/account/security';

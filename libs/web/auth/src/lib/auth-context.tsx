import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import {
  graphqlRequest,
  LoginDocument,
  LogoutDocument,
  onSessionChange,
  refreshSession,
  resetSessionData,
  setAccessToken,
  type LoginInput,
  type Role,
  type SessionUserFragment,
} from '@sunshine/web/graphql';

export type SessionUser = SessionUserFragment;

/** What a successful sign-in step answers. */
export interface SignInPayload {
  accessToken: string;
  securityNotice?: { message: string } | null;
  user: SessionUser;
}

export type AuthState =
  | { status: 'loading' }
  /** `signedOut`: the user chose to leave, so the next sign-in starts at the home page. */
  | { status: 'anonymous'; notice?: string; signedOut?: boolean }
  | { status: 'authenticated'; user: SessionUser };

export interface AuthContextValue {
  state: AuthState;
  /** The signed-in user, or null. */
  user: SessionUser | null;
  /** Throws the server's error (Chinese message) when the credentials are refused. */
  login: (input: LoginInput) => Promise<SessionUser>;
  logout: () => Promise<void>;
  /** Adopts a new token and user returned by the server (e.g. after a password change). */
  acceptSession: (accessToken: string, user: SessionUser) => void;
  /** Adopts the session a sign-in step answered (password, second factor, enrolment). */
  completeSignIn: (payload: SignInPayload) => SessionUser;
  /**
   * Told at sign-in when the account had failed attempts (or was locked) since the previous
   * sign-in; shown until dismissed.
   */
  securityNotice: string | null;
  dismissSecurityNotice: () => void;
}

const AuthContext = createContext<AuthContextValue | null>(null);

const SESSION_EXPIRED = '登录已过期，请重新登录';
const SERVER_UNREACHABLE = '暂时无法连接服务器，请检查网络后重试';

/**
 * The session: restored silently from the refresh cookie on load, followed through refreshes done
 * by requests, and ended on logout. The access token stays in memory (see @sunshine/web/graphql).
 */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'loading' });
  const [securityNotice, setSecurityNotice] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    void refreshSession().then((outcome) => {
      if (cancelled) return;
      if (outcome.status === 'ok') setState({ status: 'authenticated', user: outcome.user });
      else if (outcome.status === 'unreachable')
        setState({ status: 'anonymous', notice: SERVER_UNREACHABLE });
      else setState({ status: 'anonymous' });
    });
    return () => {
      cancelled = true;
    };
  }, []);

  useEffect(
    () =>
      onSessionChange((user) => {
        if (user) {
          setState({ status: 'authenticated', user });
          return;
        }
        resetSessionData();
        setState((prev) =>
          prev.status === 'authenticated' ? { status: 'anonymous', notice: SESSION_EXPIRED } : prev,
        );
      }),
    [],
  );

  const acceptSession = useCallback((accessToken: string, user: SessionUser) => {
    setAccessToken(accessToken);
    setState({ status: 'authenticated', user });
  }, []);

  const completeSignIn = useCallback(
    (payload: SignInPayload) => {
      resetSessionData();
      setSecurityNotice(payload.securityNotice?.message ?? null);
      acceptSession(payload.accessToken, payload.user);
      return payload.user;
    },
    [acceptSession],
  );

  const login = useCallback(
    async (input: LoginInput) => {
      const data = await graphqlRequest(LoginDocument, { input }, { auth: false });
      return completeSignIn(data.login);
    },
    [completeSignIn],
  );

  const logout = useCallback(async () => {
    try {
      await graphqlRequest(LogoutDocument);
    } catch {
      // Signing out locally must work even when the server cannot be reached.
    }
    setAccessToken(null);
    resetSessionData();
    setSecurityNotice(null);
    setState({ status: 'anonymous', signedOut: true });
  }, []);

  const value = useMemo<AuthContextValue>(
    () => ({
      state,
      user: state.status === 'authenticated' ? state.user : null,
      login,
      logout,
      acceptSession,
      completeSignIn,
      securityNotice,
      dismissSecurityNotice: () => setSecurityNotice(null),
    }),
    [state, login, logout, acceptSession, completeSignIn, securityNotice],
  );

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}

export function hasRole(user: Pick<SessionUser, 'roles'> | null, role: Role): boolean {
  return user?.roles.includes(role) ?? false;
}

/** The signed-in user; only for components rendered behind <RequireAuth>. */
export function useCurrentUser(): SessionUser {
  const { user } = useAuth();
  if (!user)
    throw new Error('useCurrentUser needs a signed-in user (render it inside <RequireAuth>)');
  return user;
}

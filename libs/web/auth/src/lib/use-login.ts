import { useState } from 'react';
import { useLocation } from 'react-router';
import { errorMessage, errorReason } from '@sunshine/web/graphql';
import { useAuth } from './auth-context';
import type { LoginLocationState } from './guards';

export interface LoginValues {
  username: string;
  password: string;
}

export interface LoginAlert {
  type: 'error' | 'warning';
  message: string;
}

/** State and actions of the login form. Redirects are declarative: see LoginPage. */
export function useLogin() {
  const { state, login } = useAuth();
  const location = useLocation();
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<LoginAlert | null>(null);

  const from = (location.state as LoginLocationState | null)?.from;
  const redirectTo = from && from !== '/login' ? from : '/';

  const submit = async (values: LoginValues) => {
    setSubmitting(true);
    setFailure(null);
    try {
      await login({ username: values.username.trim(), password: values.password });
    } catch (error: unknown) {
      // A locked account or too many attempts is a warning (wait or ask the administrator), not a typo.
      const reason = errorReason(error);
      const locked = reason === 'ACCOUNT_LOCKED' || reason === 'TOO_MANY_ATTEMPTS';
      setFailure({
        type: locked ? 'warning' : 'error',
        message: errorMessage(error, '登录失败，请稍后重试'),
      });
    } finally {
      setSubmitting(false);
    }
  };

  const notice = state.status === 'anonymous' ? state.notice : undefined;
  const alert: LoginAlert | null =
    failure ?? (notice ? { type: 'warning', message: notice } : null);

  return {
    status: state.status,
    redirectTo,
    submit,
    submitting,
    alert,
    clearAlert: () => setFailure(null),
  };
}

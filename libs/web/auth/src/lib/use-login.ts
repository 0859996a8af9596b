import { useState } from 'react';
import { useLocation } from 'react-router';
import { errorMessage, errorReason, graphQLErrorsOf } from '@sunshine/web/graphql';
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

/** After the password: a second factor to give, or to set up first. */
export interface SecondStep {
  kind: 'verify' | 'enrol';
  challenge: string;
  username: string;
}

const SECOND_STEP: Record<string, SecondStep['kind']> = {
  SECOND_FACTOR_REQUIRED: 'verify',
  SECOND_FACTOR_ENROLMENT_REQUIRED: 'enrol',
};

/** State and actions of the login form. Redirects are declarative: see LoginPage. */
export function useLogin() {
  const { state, login } = useAuth();
  const location = useLocation();
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<LoginAlert | null>(null);
  const [step, setStep] = useState<SecondStep | null>(null);

  const from = (location.state as LoginLocationState | null)?.from;
  const redirectTo = from && from !== '/login' ? from : '/';

  const submit = async (values: LoginValues) => {
    setSubmitting(true);
    setFailure(null);
    try {
      await login({ username: values.username.trim(), password: values.password });
    } catch (error: unknown) {
      const reason = errorReason(error);
      const challenge = graphQLErrorsOf(error)[0]?.extensions?.['challenge'];
      const kind = reason ? SECOND_STEP[reason] : undefined;
      if (kind && typeof challenge === 'string') {
        setStep({ kind, challenge, username: values.username.trim() });
        return;
      }
      // A locked account or too many attempts is a warning (wait or ask the administrator), not a typo.
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
    step,
    /** Back to the password (a cancelled or expired second step), with an optional message. */
    restart: (message?: string) => {
      setStep(null);
      setFailure(message ? { type: 'warning', message } : null);
    },
  };
}

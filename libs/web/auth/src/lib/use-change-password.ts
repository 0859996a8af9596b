import { useState } from 'react';
import { checkPassword, PASSWORD_PROBLEM_MESSAGE } from '@sunshine/shared/domain';
import { ChangePasswordDocument, errorMessage, sessionRequest } from '@sunshine/web/graphql';
import { useAuth } from './auth-context';

export interface ChangePasswordValues {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

/** Chinese messages for every password rule the candidate breaks (等保 2.0 policy). */
export function passwordProblems(password: string, username: string): string[] {
  return checkPassword(password, username).map((p) => PASSWORD_PROBLEM_MESSAGE[p]);
}

/** The change-password form; the server answers with a fresh session for the new password. */
export function useChangePassword() {
  const { user, acceptSession, logout } = useAuth();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  // Remember whether the change was forced: afterwards the user no longer carries the flag.
  const [forced] = useState(user?.mustChangePassword ?? false);

  const submit = async (values: ChangePasswordValues) => {
    setError(null);
    setSubmitting(true);
    try {
      const data = await sessionRequest(ChangePasswordDocument, {
        input: { currentPassword: values.currentPassword, newPassword: values.newPassword },
      });
      acceptSession(data.changePassword.accessToken, data.changePassword.user);
      setDone(true);
    } catch (e: unknown) {
      setError(errorMessage(e, '修改密码失败，请稍后重试'));
    } finally {
      setSubmitting(false);
    }
  };

  return { user, forced, submit, submitting, error, done, logout };
}

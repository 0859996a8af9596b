import { useState } from 'react';
import { useMutation } from '@apollo/client/react';
import { App } from 'antd';
import {
  CreateUserDocument,
  DisableUserDocument,
  EnableUserDocument,
  EndUserSessionsDocument,
  ResetSecondFactorDocument,
  errorMessage,
  ResetUserPasswordDocument,
  UnlockUserDocument,
  UpdateUserDocument,
  type CreateUserInput,
  type UpdateUserInput,
  type UserRowFragment,
} from '@sunshine/web/graphql';

export interface TemporaryPassword {
  user: UserRowFragment;
  password: string;
}

/**
 * Mutations of 用户管理 with their feedback. Each returns true on success; failures show the
 * server's Chinese message. Edits and status changes update the cache through the returned user.
 */
export function useUserActions() {
  const { message } = App.useApp();
  const [pendingId, setPendingId] = useState<string | null>(null);
  const [temporaryPassword, setTemporaryPassword] = useState<TemporaryPassword | null>(null);
  const [create, createState] = useMutation(CreateUserDocument, { refetchQueries: ['Users'] });
  const [update, updateState] = useMutation(UpdateUserDocument);
  const [disable] = useMutation(DisableUserDocument);
  const [enable] = useMutation(EnableUserDocument);
  const [unlock] = useMutation(UnlockUserDocument);
  const [reset] = useMutation(ResetUserPasswordDocument);
  const [resetFactor] = useMutation(ResetSecondFactorDocument);
  const [endSessions] = useMutation(EndUserSessionsDocument);

  const run = async (id: string | null, action: () => Promise<string>, failure: string) => {
    setPendingId(id);
    try {
      message.success(await action());
      return true;
    } catch (error: unknown) {
      message.error(errorMessage(error, failure));
      return false;
    } finally {
      setPendingId(null);
    }
  };

  return {
    pendingId,
    creating: createState.loading,
    updating: updateState.loading,
    createUser: (input: CreateUserInput) =>
      run(
        null,
        async () => {
          const { data } = await create({ variables: { input } });
          return `已创建用户 ${data?.createUser.displayName ?? input.displayName}，首次登录时须修改密码`;
        },
        '创建用户失败',
      ),
    updateUser: (input: UpdateUserInput) =>
      run(
        String(input.id),
        async () => {
          await update({ variables: { input } });
          return '用户信息已保存';
        },
        '保存失败',
      ),
    setEnabled: (user: UserRowFragment, enabled: boolean) =>
      run(
        user.id,
        async () => {
          const input = { id: user.id };
          if (!enabled) {
            await disable({ variables: { input } });
            return `已停用 ${user.displayName}`;
          }
          if (user.status === 'DISABLED') {
            await enable({ variables: { input } });
            return `已启用 ${user.displayName}`;
          }
          // An active but locked account: lift the lock only (audited as an unlock).
          await unlock({ variables: { input } });
          return `已解除 ${user.displayName} 的锁定`;
        },
        enabled ? '启用失败' : '停用失败',
      ),
    resetPassword: (user: UserRowFragment) =>
      run(
        user.id,
        async () => {
          const { data } = await reset({ variables: { input: { id: user.id } } });
          if (data) {
            setTemporaryPassword({
              user: data.resetUserPassword.user,
              password: data.resetUserPassword.temporaryPassword,
            });
          }
          return `已重置 ${user.displayName} 的密码`;
        },
        '重置密码失败',
      ),
    resetSecondFactor: (user: UserRowFragment) =>
      run(
        user.id,
        async () => {
          await resetFactor({ variables: { input: { userId: user.id } } });
          return `已重置 ${user.displayName} 的两步验证，其下次登录时须重新设置`;
        },
        '重置两步验证失败',
      ),
    endSessions: (user: UserRowFragment) =>
      run(
        user.id,
        async () => {
          const { data } = await endSessions({ variables: { input: { userId: user.id } } });
          return `已结束 ${user.displayName} 的 ${data?.endUserSessions ?? 0} 个会话`;
        },
        '结束会话失败',
      ),
    temporaryPassword,
    clearTemporaryPassword: () => setTemporaryPassword(null),
  };
}

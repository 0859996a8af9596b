import { useRef, useState } from 'react';
import { Alert, Button, Flex, Form, Input, Typography } from 'antd';
import { SafetyOutlined } from '@ant-design/icons';
import {
  BeginSecondFactorEnrolmentDocument,
  ConfirmSecondFactorEnrolmentDocument,
  errorMessage,
  errorReason,
  graphqlRequest,
  VerifySecondFactorDocument,
} from '@sunshine/web/graphql';
import { useAuth, type SignInPayload } from './auth-context';
import { EnrolSecondFactor } from './enrol-second-factor';
import type { SecondStep } from './use-login';

const EXPIRED = '验证已超时，请重新输入用户名和密码';

/** Sign-in, second step: the code from the authenticator app, or a recovery code. */
export function SecondFactorStep({
  step,
  restart,
}: {
  step: SecondStep;
  restart: (message?: string) => void;
}) {
  const { completeSignIn } = useAuth();
  const [recovery, setRecovery] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async ({ code }: { code: string }) => {
    setBusy(true);
    setError(null);
    try {
      const data = await graphqlRequest(
        VerifySecondFactorDocument,
        { input: { challenge: step.challenge, code: code.trim() } },
        { auth: false },
      );
      completeSignIn(data.verifySecondFactor);
    } catch (e: unknown) {
      if (errorReason(e) === 'CHALLENGE_INVALID') restart(EXPIRED);
      else if (errorReason(e) === 'ACCOUNT_LOCKED') restart(errorMessage(e));
      else setError(errorMessage(e, '验证失败，请稍后重试'));
      setBusy(false);
    }
  };

  return (
    <div>
      <Flex align="center" gap={8} style={{ marginBottom: 8 }}>
        <SafetyOutlined style={{ fontSize: 20, color: '#1d4f91' }} aria-hidden />
        <Typography.Title level={4} style={{ margin: 0 }}>
          两步验证
        </Typography.Title>
      </Flex>
      <Typography.Paragraph type="secondary">
        {recovery
          ? `请输入一个未用过的恢复码（账户 ${step.username}）。`
          : `请打开手机上的验证器应用，输入账户 ${step.username} 当前显示的 6 位验证码。`}
      </Typography.Paragraph>
      {error ? (
        <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} />
      ) : null}
      <Form<{ code: string }>
        key={recovery ? 'recovery' : 'totp'}
        layout="vertical"
        size="large"
        requiredMark={false}
        onFinish={submit}
        onValuesChange={() => setError(null)}
        disabled={busy}
      >
        {recovery ? (
          <Form.Item
            name="code"
            label="恢复码"
            rules={[
              { required: true, message: '请输入恢复码' },
              {
                pattern: /^\s*[0-9A-Za-z]{5}-?[0-9A-Za-z]{5}\s*$/,
                message: '恢复码格式为 xxxxx-xxxxx',
              },
            ]}
          >
            <Input placeholder="xxxxx-xxxxx" autoComplete="off" autoFocus />
          </Form.Item>
        ) : (
          <Form.Item
            name="code"
            label="动态验证码"
            rules={[
              { required: true, message: '请输入验证码' },
              { pattern: /^\s*\d{3}\s?\d{3}\s*$/, message: '请输入 6 位数字' },
            ]}
          >
            <Input
              placeholder="6 位数字"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={7}
              autoFocus
            />
          </Form.Item>
        )}
        <Form.Item style={{ marginBottom: 12 }}>
          <Button type="primary" htmlType="submit" block loading={busy}>
            验 证
          </Button>
        </Form.Item>
      </Form>
      <Flex justify="space-between">
        <Button type="link" style={{ padding: 0 }} onClick={() => setRecovery((r) => !r)}>
          {recovery ? '使用动态验证码' : '手机不在身边？使用恢复码'}
        </Button>
        <Button type="link" style={{ padding: 0 }} onClick={() => restart()}>
          返回重新登录
        </Button>
      </Flex>
    </div>
  );
}

/** Sign-in, enrolment step: a privileged account without a second factor sets it up first. */
export function EnrolmentStep({
  step,
  restart,
}: {
  step: SecondStep;
  restart: (message?: string) => void;
}) {
  const { completeSignIn } = useAuth();
  const session = useRef<SignInPayload | null>(null);

  const guard = async <T,>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (e: unknown) {
      if (errorReason(e) === 'CHALLENGE_INVALID' || errorReason(e) === 'ACCOUNT_LOCKED')
        restart(errorReason(e) === 'ACCOUNT_LOCKED' ? errorMessage(e) : EXPIRED);
      throw e;
    }
  };

  return (
    <div>
      <Flex align="center" gap={8} style={{ marginBottom: 8 }}>
        <SafetyOutlined style={{ fontSize: 20, color: '#1d4f91' }} aria-hidden />
        <Typography.Title level={4} style={{ margin: 0 }}>
          设置两步验证
        </Typography.Title>
      </Flex>
      <Typography.Paragraph type="secondary">
        按安全策略，账户 {step.username} 须使用两步验证（密码 + 手机验证器动态码）后才能登录。
      </Typography.Paragraph>
      <EnrolSecondFactor
        begin={() =>
          guard(async () => {
            const data = await graphqlRequest(
              BeginSecondFactorEnrolmentDocument,
              { input: { challenge: step.challenge } },
              { auth: false },
            );
            return data.beginSecondFactorEnrolment;
          })
        }
        confirm={(code) =>
          guard(async () => {
            const data = await graphqlRequest(
              ConfirmSecondFactorEnrolmentDocument,
              { input: { challenge: step.challenge, code } },
              { auth: false },
            );
            session.current = data.confirmSecondFactorEnrolment.session ?? null;
            return data.confirmSecondFactorEnrolment.recoveryCodes;
          })
        }
        onDone={() => {
          if (session.current) completeSignIn(session.current);
          else restart();
        }}
        onCancel={() => restart()}
        cancelText="返回重新登录"
      />
    </div>
  );
}

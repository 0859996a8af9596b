import { Alert, Button, Form, Input } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Navigate } from 'react-router';
import { LoadingState, PRODUCT_NAME, PRODUCT_TAGLINE } from '@sunshine/web/ui';
import { useLogin, type LoginValues } from '../use-login';
import { AuthFrame, AuthHeading, OWNER } from './auth-frame';
import { EnrolmentStep, SecondFactorStep } from '../second-factor-step';

export function LoginPage() {
  const { status, redirectTo, submit, submitting, alert, clearAlert, step, restart } = useLogin();

  if (status === 'loading') return <LoadingState fullscreen tip="正在验证登录状态…" />;
  if (status === 'authenticated') return <Navigate to={redirectTo} replace />;

  if (step)
    return (
      <AuthFrame width={step.kind === 'enrol' ? 480 : 380}>
        {step.kind === 'verify' ? (
          <SecondFactorStep step={step} restart={restart} />
        ) : (
          <EnrolmentStep step={step} restart={restart} />
        )}
      </AuthFrame>
    );

  return (
    <AuthFrame>
      <AuthHeading title={`${PRODUCT_NAME} · ${PRODUCT_TAGLINE}`} subtitle={OWNER} />
      {alert ? (
        <Alert
          type={alert.type}
          showIcon
          title={alert.message}
          style={{ marginBottom: 20 }}
          role="alert"
        />
      ) : null}
      <Form<LoginValues>
        layout="vertical"
        size="large"
        requiredMark={false}
        onFinish={submit}
        onValuesChange={clearAlert}
        disabled={submitting}
      >
        <Form.Item
          name="username"
          label="用户名"
          rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}
        >
          <Input
            prefix={<UserOutlined />}
            placeholder="请输入用户名"
            autoComplete="username"
            autoFocus
          />
        </Form.Item>
        <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
          <Input.Password
            prefix={<LockOutlined />}
            placeholder="请输入密码"
            autoComplete="current-password"
          />
        </Form.Item>
        <Form.Item style={{ marginBottom: 16 }}>
          <Button type="primary" htmlType="submit" block loading={submitting}>
            登 录
          </Button>
        </Form.Item>
      </Form>
      <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>
        忘记密码或账户被锁定，请联系本单位系统管理员处理。
      </div>
    </AuthFrame>
  );
}

import { Alert, Button, Form, Input } from 'antd';
import { Link, Navigate } from 'react-router';
import { PASSWORD_MIN_LENGTH } from '@sunshine/shared/domain';
import {
  passwordProblems,
  useChangePassword,
  type ChangePasswordValues,
} from '../use-change-password';
import { AuthFrame, AuthHeading } from './auth-frame';

export function ChangePasswordPage() {
  const { user, forced, submit, submitting, error, done, logout } = useChangePassword();
  const [form] = Form.useForm<ChangePasswordValues>();

  if (!user) return <Navigate to="/login" replace />;
  if (done) return <Navigate to="/" replace />;

  return (
    <AuthFrame>
      <AuthHeading
        title="修改密码"
        subtitle={`${user.displayName}（${user.username}）· ${user.organization.name}`}
      />
      {forced ? (
        <Alert
          type="info"
          showIcon
          title="首次登录、密码已被重置或已超过有效期，请先设置新密码。"
          style={{ marginBottom: 16 }}
        />
      ) : null}
      {error ? (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />
      ) : null}
      <Form<ChangePasswordValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={submit}
        disabled={submitting}
      >
        <Form.Item
          name="currentPassword"
          label="当前密码"
          rules={[{ required: true, message: '请输入当前密码' }]}
        >
          <Input.Password autoComplete="current-password" autoFocus />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label="新密码"
          extra={`至少 ${PASSWORD_MIN_LENGTH} 位，包含大写字母、小写字母、数字、特殊字符中的至少三类，且不含用户名`}
          rules={[
            { required: true, message: '请输入新密码' },
            {
              validator: async (_, value: string | undefined) => {
                if (!value) return;
                const problems = passwordProblems(value, user.username);
                if (problems.length > 0) throw new Error(problems[0]);
                if (value === form.getFieldValue('currentPassword')) {
                  throw new Error('新密码不能与当前密码相同');
                }
              },
            },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label="确认新密码"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: '请再次输入新密码' },
            ({ getFieldValue }) => ({
              validator: async (_, value: string | undefined) => {
                if (value && value !== getFieldValue('newPassword'))
                  throw new Error('两次输入的新密码不一致');
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item style={{ marginBottom: 8 }}>
          <Button type="primary" htmlType="submit" block loading={submitting}>
            确认修改
          </Button>
        </Form.Item>
      </Form>
      {forced ? (
        <Button type="link" block onClick={() => void logout()}>
          退出登录
        </Button>
      ) : (
        <div style={{ textAlign: 'center' }}>
          <Link to="/">返回首页</Link>
        </div>
      )}
    </AuthFrame>
  );
}

import { Alert } from 'antd';
import { useAuth } from './auth-context';

/** The sign-in notice about failed attempts on the account, until the user closes it. */
export function SecurityNoticeBanner() {
  const { securityNotice, dismissSecurityNotice } = useAuth();
  if (!securityNotice) return null;
  return (
    <Alert
      type="warning"
      showIcon
      closable
      title="登录安全提醒"
      description={securityNotice}
      onClose={dismissSecurityNotice}
      style={{ marginBottom: 16 }}
    />
  );
}

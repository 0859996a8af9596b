import { Alert, Button, Modal, Typography } from 'antd';
import type { TemporaryPassword } from './use-user-actions';

/** Shows a reset password once; it is not stored anywhere in the browser. */
export function TemporaryPasswordModal({
  value,
  onClose,
}: {
  value: TemporaryPassword | null;
  onClose: () => void;
}) {
  return (
    <Modal
      title="临时密码"
      open={value !== null}
      onCancel={onClose}
      mask={{ closable: false }}
      footer={
        <Button type="primary" onClick={onClose}>
          我已记录
        </Button>
      }
    >
      {value ? (
        <>
          <Typography.Paragraph>
            已为 <Typography.Text strong>{value.user.displayName}</Typography.Text>（
            {value.user.username}）生成临时密码：
          </Typography.Paragraph>
          <Typography.Paragraph
            copyable={{ text: value.password, tooltips: ['复制', '已复制'] }}
            style={{
              fontFamily: 'Consolas, Menlo, monospace',
              fontSize: 22,
              letterSpacing: 2,
              textAlign: 'center',
              padding: '12px 0',
              background: '#f5f7fa',
              borderRadius: 4,
            }}
          >
            {value.password}
          </Typography.Paragraph>
          <Alert
            type="warning"
            showIcon
            title="该密码仅显示这一次，关闭后无法再次查看。请通过安全渠道告知用户，用户登录后须立即修改。"
          />
        </>
      ) : null}
    </Modal>
  );
}

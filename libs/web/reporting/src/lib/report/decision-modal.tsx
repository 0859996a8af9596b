import { useState } from 'react';
import { Input, Modal, Typography } from 'antd';
import { RETURN_REASON_MIN_LENGTH, WORKFLOW_COMMENT_MAX_LENGTH } from '@sunshine/shared/domain';

export interface DecisionModalProps {
  open: boolean;
  title: string;
  okText: string;
  /** Explains what happens next. */
  description: string;
  /** A reason is required (sending back); otherwise the comment is optional. */
  required: boolean;
  danger?: boolean;
  onOk: (comment: string) => Promise<void>;
  onCancel: () => void;
}

/** Confirms a review decision with a comment (optional) or a reason (required). */
export function DecisionModal({
  open,
  title,
  okText,
  description,
  required,
  danger,
  onOk,
  onCancel,
}: DecisionModalProps) {
  const [text, setText] = useState('');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const missing = required && text.trim().length < RETURN_REASON_MIN_LENGTH;
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      cancelText="取消"
      okButtonProps={{ danger, disabled: busy }}
      confirmLoading={busy}
      destroyOnHidden
      afterClose={() => {
        setText('');
        setTouched(false);
      }}
      onCancel={onCancel}
      onOk={async () => {
        setTouched(true);
        if (missing) return;
        setBusy(true);
        try {
          await onOk(text.trim());
        } finally {
          setBusy(false);
        }
      }}
    >
      <Typography.Paragraph type="secondary">{description}</Typography.Paragraph>
      <Input.TextArea
        aria-label={required ? '退回原因' : '意见'}
        placeholder={required ? '请填写退回原因（必填），说明需要修改的内容' : '意见（可选）'}
        autoSize={{ minRows: 3, maxRows: 6 }}
        maxLength={WORKFLOW_COMMENT_MAX_LENGTH}
        showCount
        status={touched && missing ? 'error' : undefined}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      {touched && missing ? (
        <Typography.Text type="danger" style={{ fontSize: 12 }}>
          请填写退回原因（至少 {RETURN_REASON_MIN_LENGTH} 个字）
        </Typography.Text>
      ) : null}
    </Modal>
  );
}

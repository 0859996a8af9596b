import { useEffect, useState } from 'react';
import { Alert, Button, Flex, Form, Input, Steps, Typography } from 'antd';
import { errorMessage } from '@sunshine/web/graphql';
import { LoadingState } from '@sunshine/web/ui';

export interface EnrolmentSecret {
  secret: string;
  otpauthUri: string;
  qrCode: string;
}

export interface EnrolSecondFactorProps {
  /** Creates the secret (server side) and answers it with its QR code. */
  begin: () => Promise<EnrolmentSecret>;
  /** Confirms with a code from the app; answers the recovery codes. */
  confirm: (code: string) => Promise<string[]>;
  /** After the user has saved the recovery codes. */
  onDone: () => void;
  onCancel?: () => void;
  cancelText?: string;
}

/** The key in groups of four, as authenticator apps show it. */
export function groupKey(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}

/**
 * Setting up the second factor: scan the QR code (or type the key), confirm with a code from
 * the app, then save the ten one-time recovery codes. Used at sign-in and on 账户安全.
 */
export function EnrolSecondFactor({
  begin,
  confirm,
  onDone,
  onCancel,
  cancelText = '取消',
}: EnrolSecondFactorProps) {
  const [secret, setSecret] = useState<EnrolmentSecret | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let cancelled = false;
    begin().then(
      (s) => !cancelled && setSecret(s),
      (e: unknown) => !cancelled && setError(errorMessage(e, '无法开始设置两步验证，请稍后重试')),
    );
    return () => {
      cancelled = true;
    };
    // Once per mount: every call makes a new secret.
  }, []);

  const submit = async ({ code }: { code: string }) => {
    setBusy(true);
    setError(null);
    try {
      setCodes(await confirm(code.replace(/\s+/g, '')));
    } catch (e: unknown) {
      setError(errorMessage(e, '验证失败，请稍后重试'));
    } finally {
      setBusy(false);
    }
  };

  const download = () => {
    if (!codes) return;
    const text = `阳光督导 两步验证恢复码（每个只能使用一次）\n\n${codes.join('\n')}\n`;
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = '阳光督导-恢复码.txt';
    a.click();
    URL.revokeObjectURL(url);
  };

  return (
    <div>
      <Steps
        size="small"
        current={codes ? 2 : secret ? 1 : 0}
        items={[{ title: '扫描二维码' }, { title: '输入验证码' }, { title: '保存恢复码' }]}
        style={{ marginBottom: 16 }}
      />
      {error ? (
        <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} />
      ) : null}
      {codes ? (
        <div>
          <Alert
            type="warning"
            showIcon
            title="请立即保存以下恢复码"
            description="手机丢失或无法使用验证器时，可用恢复码登录。每个恢复码只能使用一次，本页关闭后不再显示。"
            style={{ marginBottom: 12 }}
          />
          <div
            aria-label="恢复码"
            style={{
              display: 'grid',
              gridTemplateColumns: 'repeat(2, 1fr)',
              gap: '6px 24px',
              padding: '12px 16px',
              background: '#fafafa',
              border: '1px solid #f0f0f0',
              borderRadius: 6,
              fontFamily: 'monospace',
              fontSize: 15,
              marginBottom: 12,
            }}
          >
            {codes.map((c) => (
              <span key={c} data-testid="recovery-code">
                {c}
              </span>
            ))}
          </div>
          <Flex gap={8} justify="flex-end">
            <Button onClick={download}>下载恢复码</Button>
            <Button type="primary" onClick={onDone}>
              我已保存恢复码，继续
            </Button>
          </Flex>
        </div>
      ) : !secret ? (
        error ? null : (
          <LoadingState tip="正在生成密钥…" />
        )
      ) : (
        <div>
          <Flex gap={20} align="flex-start">
            <img
              src={secret.qrCode}
              alt="两步验证二维码"
              width={168}
              height={168}
              style={{ border: '1px solid #f0f0f0', borderRadius: 6, flex: '0 0 auto' }}
            />
            <div style={{ minWidth: 0 }}>
              <Typography.Paragraph style={{ marginBottom: 8 }}>
                用手机上的验证器应用（如 微信小程序“腾讯身份验证器”、Microsoft Authenticator、
                FreeOTP）扫描二维码；无法扫描时，手动输入密钥：
              </Typography.Paragraph>
              <Typography.Text
                code
                copyable={{ text: secret.secret, tooltips: ['复制密钥', '已复制'] }}
                data-testid="second-factor-secret"
                style={{ fontSize: 14, wordBreak: 'break-all' }}
              >
                {groupKey(secret.secret)}
              </Typography.Text>
              <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 12 }}>
                类型：基于时间（TOTP），6 位数字，每 30 秒更新
              </Typography.Paragraph>
            </div>
          </Flex>
          <Form<{ code: string }>
            layout="vertical"
            requiredMark={false}
            onFinish={submit}
            disabled={busy}
            style={{ marginTop: 16 }}
          >
            <Form.Item
              name="code"
              label="验证器显示的 6 位验证码"
              rules={[
                { required: true, message: '请输入验证码' },
                { pattern: /^\s*\d{3}\s?\d{3}\s*$/, message: '请输入 6 位数字' },
              ]}
            >
              <Input
                inputMode="numeric"
                autoComplete="one-time-code"
                placeholder="6 位数字"
                maxLength={7}
                autoFocus
              />
            </Form.Item>
            <Flex gap={8} justify="flex-end">
              {onCancel ? <Button onClick={onCancel}>{cancelText}</Button> : null}
              <Button type="primary" htmlType="submit" loading={busy}>
                验证并启用
              </Button>
            </Flex>
          </Form>
        </div>
      )}
      {error && !secret && onCancel ? (
        <Flex justify="flex-end">
          <Button onClick={onCancel}>{cancelText}</Button>
        </Flex>
      ) : null}
    </div>
  );
}

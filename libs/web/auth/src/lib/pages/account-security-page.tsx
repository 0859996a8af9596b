import { useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { App, Button, Card, Descriptions, Modal, Popconfirm, Table, Tag, Typography } from 'antd';
import {
  AccountSecurityDocument,
  BeginOwnSecondFactorEnrolmentDocument,
  ConfirmOwnSecondFactorEnrolmentDocument,
  EndMySessionDocument,
  errorMessage,
  type AccountSecurityQuery,
} from '@sunshine/web/graphql';
import { ErrorState, formatDateTime, LoadingState, PageHeader } from '@sunshine/web/ui';
import { useAuth } from '../auth-context';
import { EnrolSecondFactor } from '../enrol-second-factor';

type Session = AccountSecurityQuery['mySessions'][number];

/** 账户安全: the second factor, the password's expiry and the devices signed in (登录设备). */
export function AccountSecurityPage() {
  const { message } = App.useApp();
  const { logout } = useAuth();
  const { data, loading, error, refetch } = useQuery(AccountSecurityDocument, {
    fetchPolicy: 'network-only',
  });
  const [beginOwn] = useMutation(BeginOwnSecondFactorEnrolmentDocument);
  const [confirmOwn] = useMutation(ConfirmOwnSecondFactorEnrolmentDocument);
  const [endSession] = useMutation(EndMySessionDocument);
  const [enrolling, setEnrolling] = useState(false);
  const [ending, setEnding] = useState<string | null>(null);

  if (loading && !data) return <LoadingState />;
  if (error || !data)
    return <ErrorState message={errorMessage(error, '加载失败')} onRetry={() => void refetch()} />;
  const security = data.accountSecurity;

  const end = async (session: Session) => {
    setEnding(session.id);
    try {
      await endSession({ variables: { input: { id: session.id } } });
      if (session.current) {
        await logout();
        return;
      }
      message.success('已结束该设备的登录');
      await refetch();
    } catch (e: unknown) {
      message.error(errorMessage(e, '操作失败，请稍后重试'));
    } finally {
      setEnding(null);
    }
  };

  return (
    <>
      <PageHeader title="账户安全" description="两步验证、密码有效期和当前登录的设备。" />
      <Card title="两步验证" size="small" style={{ marginBottom: 16 }}>
        <Descriptions column={3} size="small">
          <Descriptions.Item label="状态">
            {security.secondFactorEnabled ? (
              <Tag color="success">已启用</Tag>
            ) : (
              <Tag color={security.secondFactorRequired ? 'error' : 'default'}>未启用</Tag>
            )}
          </Descriptions.Item>
          <Descriptions.Item label="剩余恢复码">
            {security.secondFactorEnabled ? `${security.recoveryCodesLeft} 个` : '—'}
          </Descriptions.Item>
          <Descriptions.Item label="密码到期">
            {security.passwordExpiresAt ? formatDateTime(security.passwordExpiresAt) : '不过期'}
          </Descriptions.Item>
        </Descriptions>
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0' }}>
          {security.secondFactorEnabled
            ? '登录时除密码外还需输入手机验证器的动态码。手机丢失时可用恢复码登录，并请安全管理员重置两步验证。'
            : '启用后，登录时除密码外还需输入手机验证器（TOTP）显示的 6 位动态码。'}
        </Typography.Paragraph>
        {security.secondFactorEnabled ? null : (
          <Button type="primary" onClick={() => setEnrolling(true)}>
            启用两步验证
          </Button>
        )}
      </Card>
      <Card title="登录设备" size="small">
        <Table<Session>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={data.mySessions}
          columns={[
            {
              title: '设备',
              dataIndex: 'device',
              render: (device: string, s) => (
                <span>
                  {device} {s.current ? <Tag color="blue">当前设备</Tag> : null}
                </span>
              ),
            },
            { title: '登录地址', dataIndex: 'ip', render: (ip: string | null) => ip ?? '—' },
            {
              title: '登录时间',
              dataIndex: 'signedInAt',
              render: (v: string) => formatDateTime(v),
            },
            {
              title: '最近使用',
              dataIndex: 'lastUsedAt',
              render: (v: string) => formatDateTime(v),
            },
            {
              title: '操作',
              key: 'actions',
              width: 120,
              render: (_: unknown, s) => (
                <Popconfirm
                  title={s.current ? '结束当前设备的登录并退出？' : '结束该设备的登录？'}
                  okText="结束"
                  cancelText="取消"
                  onConfirm={() => end(s)}
                >
                  <Button type="link" danger size="small" loading={ending === s.id}>
                    {s.current ? '退出' : '结束登录'}
                  </Button>
                </Popconfirm>
              ),
            },
          ]}
        />
      </Card>
      <Modal
        title="启用两步验证"
        open={enrolling}
        footer={null}
        width={560}
        destroyOnHidden
        maskClosable={false}
        onCancel={() => setEnrolling(false)}
      >
        <EnrolSecondFactor
          begin={async () => {
            const { data: d } = await beginOwn();
            if (!d) throw new Error('无法开始设置两步验证');
            return d.beginOwnSecondFactorEnrolment;
          }}
          confirm={async (code) => {
            const { data: d } = await confirmOwn({ variables: { input: { code } } });
            if (!d) throw new Error('验证失败');
            return d.confirmOwnSecondFactorEnrolment.recoveryCodes;
          }}
          onDone={() => {
            setEnrolling(false);
            message.success('已启用两步验证，下次登录时需输入动态验证码');
            void refetch();
          }}
          onCancel={() => setEnrolling(false)}
        />
      </Modal>
    </>
  );
}

import {
  Badge,
  Button,
  Dropdown,
  Flex,
  Popconfirm,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import { EmptyState, formatDateTime, roleLabel } from '@sunshine/web/ui';
import type { UserRowFragment } from '@sunshine/web/graphql';
import { userStatusView } from './user-status';

const BADGE_STATUS = { active: 'success', locked: 'warning', disabled: 'default' } as const;

export interface UserTableProps {
  users: UserRowFragment[];
  total: number;
  page: number;
  pageSize: number;
  loading: boolean;
  filtered: boolean;
  currentUserId?: string;
  /** Whether the caller may change this account (三员分立); the others are read-only. */
  manageable: (user: UserRowFragment) => boolean;
  pendingId: string | null;
  onPageChange: (page: number, pageSize: number) => void;
  onEdit: (user: UserRowFragment) => void;
  onSetEnabled: (user: UserRowFragment, enabled: boolean) => void;
  onResetPassword: (user: UserRowFragment) => void;
  /** A security administrator's handles on an account: its second factor and its sessions. */
  onSecurityAction?: (user: UserRowFragment, action: SecurityAction) => void;
  onCreate: () => void;
}

export type SecurityAction = 'reset-second-factor' | 'end-sessions';

export function UserTable(props: UserTableProps) {
  const { users, total, page, pageSize, loading, filtered, currentUserId, pendingId } = props;

  const columns: TableColumnsType<UserRowFragment> = [
    {
      title: '用户',
      key: 'user',
      width: 180,
      render: (_, u) => (
        <div>
          <Typography.Text strong>{u.displayName}</Typography.Text>
          {u.id === currentUserId ? (
            <Tag style={{ marginInlineStart: 6 }} color="blue" variant="filled">
              本人
            </Tag>
          ) : null}
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {u.username}
          </Typography.Text>
        </div>
      ),
    },
    { title: '所属单位', key: 'org', ellipsis: true, render: (_, u) => u.organization.name },
    {
      title: '角色',
      key: 'roles',
      render: (_, u) => (
        <Flex wrap gap={4}>
          {u.roles.map((r) => (
            <Tag
              key={r}
              style={{ marginInlineEnd: 0 }}
              color={
                r === 'ADMIN' || r === 'AUDITOR' || r === 'SECURITY_ADMIN' ? 'geekblue' : undefined
              }
            >
              {roleLabel(r)}
            </Tag>
          ))}
        </Flex>
      ),
    },
    {
      title: '状态',
      key: 'status',
      width: 150,
      render: (_, u) => {
        const s = userStatusView(u);
        return (
          <div>
            <Badge status={BADGE_STATUS[s.kind]} text={s.label} />
            {s.until ? (
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                至 {formatDateTime(s.until)}
              </Typography.Text>
            ) : null}
            {u.mustChangePassword && s.kind !== 'disabled' ? (
              <Typography.Text type="warning" style={{ display: 'block', fontSize: 12 }}>
                待首次修改密码
              </Typography.Text>
            ) : null}
          </div>
        );
      },
    },
    {
      title: '最近登录',
      dataIndex: 'lastLoginAt',
      key: 'lastLoginAt',
      width: 160,
      render: (v: string | null) =>
        v ? formatDateTime(v) : <Typography.Text type="secondary">从未登录</Typography.Text>,
    },
    {
      title: '操作',
      key: 'actions',
      width: props.onSecurityAction ? 240 : 190,
      render: (_, u) => {
        const self = u.id === currentUserId;
        const disabled = u.status === 'DISABLED';
        const locked = userStatusView(u).kind === 'locked';
        const busy = pendingId === u.id;
        if (!self && !props.manageable(u)) {
          return (
            <Tooltip title="三员分立：该账户由另一类管理员管理">
              <Typography.Text type="secondary">无权操作</Typography.Text>
            </Tooltip>
          );
        }
        return (
          <Space size={0} separator={<span style={{ color: '#d9d9d9' }}>|</span>}>
            <Button type="link" size="small" onClick={() => props.onEdit(u)} disabled={busy}>
              编辑
            </Button>
            {locked ? (
              <Popconfirm
                title={`解除 ${u.displayName} 的锁定？`}
                description="账户因多次输错密码被锁定；解除后可立即重新登录。"
                okText="解锁"
                onConfirm={() => props.onSetEnabled(u, true)}
              >
                <Button type="link" size="small" disabled={busy}>
                  解锁
                </Button>
              </Popconfirm>
            ) : self ? (
              <Tooltip title="不能停用自己的账户">
                <Button type="link" size="small" disabled>
                  停用
                </Button>
              </Tooltip>
            ) : (
              <Popconfirm
                title={disabled ? `启用 ${u.displayName}？` : `停用 ${u.displayName}？`}
                description={
                  disabled
                    ? '启用后该用户可重新登录。'
                    : '停用后该用户将无法登录，已登录的会话也将失效。'
                }
                okText={disabled ? '启用' : '停用'}
                okButtonProps={{ danger: !disabled }}
                onConfirm={() => props.onSetEnabled(u, disabled)}
              >
                <Button type="link" size="small" disabled={busy}>
                  {disabled ? '启用' : '停用'}
                </Button>
              </Popconfirm>
            )}
            <Popconfirm
              title={`重置 ${u.displayName} 的密码？`}
              description="将生成临时密码，用户下次登录时须修改。"
              okText="重置"
              onConfirm={() => props.onResetPassword(u)}
            >
              <Button type="link" size="small" disabled={busy || disabled}>
                重置密码
              </Button>
            </Popconfirm>
            {props.onSecurityAction && !self ? (
              <Dropdown
                trigger={['click']}
                menu={{
                  items: [
                    { key: 'reset-second-factor', label: '重置两步验证' },
                    { key: 'end-sessions', label: '结束全部会话', danger: true },
                  ],
                  onClick: ({ key }) => props.onSecurityAction?.(u, key as SecurityAction),
                }}
              >
                <Button type="link" size="small" disabled={busy}>
                  更多
                </Button>
              </Dropdown>
            ) : null}
          </Space>
        );
      },
    },
  ];

  return (
    <Table<UserRowFragment>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={users}
      loading={loading}
      pagination={{
        current: page,
        pageSize,
        total,
        showSizeChanger: true,
        pageSizeOptions: [10, 20, 50, 100],
        showTotal: (t) => `共 ${t} 个用户`,
        onChange: props.onPageChange,
      }}
      locale={{
        emptyText: loading ? (
          <span />
        ) : (
          <EmptyState
            compact
            title={filtered ? '没有符合条件的用户' : '暂无用户'}
            description={
              filtered ? '请调整单位或搜索条件。' : '可点击“新建用户”为本单位或下级单位创建账户。'
            }
            action={
              filtered ? null : (
                <Button type="primary" onClick={props.onCreate}>
                  新建用户
                </Button>
              )
            }
          />
        ),
      }}
    />
  );
}

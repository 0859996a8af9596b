import { useState } from 'react';
import { App, Button, Card, Checkbox, Flex, Input } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { UserRowFragment } from '@sunshine/web/graphql';
import { ErrorState, PageHeader } from '@sunshine/web/ui';
import { OrganizationSelect } from './organization-select';
import { assignableRoleOptions, canManageAccount } from './roles';
import { useOrganizationOptions } from './use-organization-options';
import { CreateUserDrawer } from './create-user-drawer';
import { EditUserModal } from './edit-user-modal';
import { TemporaryPasswordModal } from './temporary-password-modal';
import { useUserActions } from './use-user-actions';
import { useUsersPage } from './use-users-page';
import { UserTable, type SecurityAction } from './user-table';

export function UsersPage() {
  const list = useUsersPage();
  const orgs = useOrganizationOptions();
  const actions = useUserActions();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<UserRowFragment | null>(null);
  const [searchText, setSearchText] = useState('');
  // 三员分立: a system administrator manages business accounts, a security administrator the
  // audit and security administrators' accounts (the API holds the same rule).
  const roleOptions = assignableRoleOptions(orgs.currentRoles);
  const securityAdmin = orgs.currentRoles.includes('SECURITY_ADMIN');
  const { modal } = App.useApp();
  const securityAction = (u: UserRowFragment, action: SecurityAction) => {
    const reset = action === 'reset-second-factor';
    modal.confirm({
      title: reset ? `重置 ${u.displayName} 的两步验证？` : `结束 ${u.displayName} 的全部会话？`,
      content: reset
        ? '用于手机丢失等情况：该用户的验证器和恢复码将失效，下次登录时须重新设置两步验证。此操作记入审计日志并通知该用户。'
        : '该用户在所有设备上的登录将立即失效，须重新登录。此操作记入审计日志。',
      okText: reset ? '重置' : '结束会话',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: () => (reset ? actions.resetSecondFactor(u) : actions.endSessions(u)),
    });
  };

  return (
    <>
      <PageHeader
        title="用户管理"
        description={
          securityAdmin
            ? '管理本单位及下级单位的审计管理员和安全管理员账户（三员分立：业务账户由系统管理员管理）。'
            : '管理本单位及下级单位的用户账户、角色和状态；审计管理员和安全管理员账户由安全管理员管理。'
        }
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            新建用户
          </Button>
        }
      />
      <Card styles={{ body: { paddingTop: 16 } }}>
        <Flex wrap gap={12} align="center" style={{ marginBottom: 16 }}>
          <OrganizationSelect
            treeData={orgs.treeData}
            loading={orgs.loading}
            allowClear
            placeholder="全部单位"
            aria-label="按单位筛选"
            value={list.filters.organizationId}
            onChange={(v) => list.setOrganization(typeof v === 'string' ? v : undefined)}
            style={{ width: 240 }}
          />
          <Checkbox
            checked={list.filters.includeDescendants}
            onChange={(e) => list.setIncludeDescendants(e.target.checked)}
          >
            包含下级单位
          </Checkbox>
          <Input.Search
            allowClear
            placeholder="搜索用户名或姓名"
            aria-label="搜索用户"
            value={searchText}
            onChange={(e) => {
              setSearchText(e.target.value);
              if (!e.target.value) list.setSearch('');
            }}
            onSearch={list.setSearch}
            style={{ width: 240 }}
          />
          <Button
            onClick={() => {
              setSearchText('');
              list.reset();
            }}
            disabled={!list.filtered && list.filters.includeDescendants}
          >
            重置
          </Button>
        </Flex>
        {list.error && list.users.length === 0 ? (
          <ErrorState message={list.error} onRetry={list.refetch} />
        ) : (
          <UserTable
            users={list.users}
            total={list.total}
            page={list.page}
            pageSize={list.pageSize}
            loading={list.loading}
            filtered={list.filtered}
            currentUserId={orgs.currentUserId}
            manageable={(u) => canManageAccount(orgs.currentRoles, u.roles)}
            pendingId={actions.pendingId}
            onPageChange={list.onPageChange}
            onEdit={setEditing}
            onSetEnabled={(u, enabled) => void actions.setEnabled(u, enabled)}
            onResetPassword={(u) => void actions.resetPassword(u)}
            onSecurityAction={securityAdmin ? securityAction : undefined}
            onCreate={() => setCreating(true)}
          />
        )}
      </Card>
      <CreateUserDrawer
        open={creating}
        treeData={orgs.treeData}
        defaultOrganizationId={list.filters.organizationId ?? orgs.ownOrganizationId}
        roleOptions={roleOptions}
        submitting={actions.creating}
        onSubmit={actions.createUser}
        onClose={() => setCreating(false)}
      />
      <EditUserModal
        user={editing}
        roleOptions={roleOptions}
        self={editing?.id === orgs.currentUserId}
        submitting={actions.updating}
        onSubmit={actions.updateUser}
        onClose={() => setEditing(null)}
      />
      <TemporaryPasswordModal
        value={actions.temporaryPassword}
        onClose={actions.clearTemporaryPassword}
      />
    </>
  );
}

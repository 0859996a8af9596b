import { useState } from 'react';
import { Button, Card, Checkbox, Flex, Input } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { UserRowFragment } from '@sunshine/web/graphql';
import { ErrorState, PageHeader } from '@sunshine/web/ui';
import { OrganizationSelect } from './organization-select';
import { useOrganizationOptions } from './use-organization-options';
import { CreateUserDrawer } from './create-user-drawer';
import { EditUserModal } from './edit-user-modal';
import { TemporaryPasswordModal } from './temporary-password-modal';
import { useUserActions } from './use-user-actions';
import { useUsersPage } from './use-users-page';
import { UserTable } from './user-table';

export function UsersPage() {
  const list = useUsersPage();
  const orgs = useOrganizationOptions();
  const actions = useUserActions();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<UserRowFragment | null>(null);
  const [searchText, setSearchText] = useState('');

  return (
    <>
      <PageHeader
        title="用户管理"
        description="管理本单位及下级单位的用户账户、角色和状态。"
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
            pendingId={actions.pendingId}
            onPageChange={list.onPageChange}
            onEdit={setEditing}
            onSetEnabled={(u, enabled) => void actions.setEnabled(u, enabled)}
            onResetPassword={(u) => void actions.resetPassword(u)}
            onCreate={() => setCreating(true)}
          />
        )}
      </Card>
      <CreateUserDrawer
        open={creating}
        treeData={orgs.treeData}
        defaultOrganizationId={list.filters.organizationId ?? orgs.ownOrganizationId}
        submitting={actions.creating}
        onSubmit={actions.createUser}
        onClose={() => setCreating(false)}
      />
      <EditUserModal
        user={editing}
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

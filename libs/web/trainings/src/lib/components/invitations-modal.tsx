import { useState } from 'react';
import { useMutation } from '@apollo/client/react';
import { App, Modal, TreeSelect, Typography } from 'antd';
import { errorMessage, UpdateTrainingSessionDocument } from '@sunshine/web/graphql';
import { orgTree, updateInputOf, type LoadedSession } from '../trainings-model';

/** 编辑受邀单位: the host adds or removes invited bureaus of its subtree. */
export function InvitationsModal({
  session,
  organizations,
  open,
  onClose,
  onSaved,
}: {
  session: LoadedSession & { organization: { id: string } };
  organizations: ReadonlyArray<{
    id: string;
    code: string;
    name: string;
    parentId?: string | null;
  }>;
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { message } = App.useApp();
  const [update, { loading }] = useMutation(UpdateTrainingSessionDocument);
  const [ids, setIds] = useState<string[]>(session.invited.map((o) => o.id));
  const [error, setError] = useState<string | null>(null);
  const names = new Map(organizations.map((o) => [o.id, o.name]));

  const save = async () => {
    setError(null);
    try {
      await update({
        variables: { input: updateInputOf(session, { invitedOrganizationIds: ids }) as never },
      });
      message.success(`受邀单位已更新（${ids.length} 个）`);
      onSaved();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <Modal
      title="编辑受邀单位"
      open={open}
      onCancel={onClose}
      onOk={() => void save()}
      okText="保存"
      confirmLoading={loading}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        受邀单位可在报名截止前为本单位人员报名；新增的单位会收到培训通知。
      </Typography.Paragraph>
      <TreeSelect
        style={{ width: '100%' }}
        aria-label="受邀单位"
        // Strict: the saved list is exactly what is ticked (ticking a city does not tick its
        // counties), so opening and saving changes nothing.
        treeCheckStrictly
        value={ids.map((value) => ({ value, label: names.get(value) ?? value }))}
        onChange={(v: Array<{ value: string }>) => setIds(v.map((x) => x.value))}
        treeData={orgTree(organizations, session.organization.id)}
        treeCheckable
        maxTagCount={8}
        placeholder="选择受邀的下级单位"
        treeNodeFilterProp="title"
        allowClear
      />
      {error ? (
        <div style={{ color: '#cf1322', marginTop: 8 }} role="alert">
          {error}
        </div>
      ) : null}
    </Modal>
  );
}

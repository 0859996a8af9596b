import { useEffect } from 'react';
import { Descriptions, Form, Input, Modal } from 'antd';
import type { Role, UpdateUserInput, UserRowFragment } from '@sunshine/web/graphql';
import { RoleCheckboxes } from './role-checkboxes';
import { roleSetMessage } from './roles';

interface EditUserValues {
  displayName: string;
  roles: Role[];
}

export interface EditUserModalProps {
  user: UserRowFragment | null;
  submitting: boolean;
  onSubmit: (input: UpdateUserInput) => Promise<boolean>;
  onClose: () => void;
}

/** Name and roles of a user. Sends the version read, so a concurrent edit is refused (CONFLICT). */
export function EditUserModal({ user, submitting, onSubmit, onClose }: EditUserModalProps) {
  const [form] = Form.useForm<EditUserValues>();

  useEffect(() => {
    if (user) form.setFieldsValue({ displayName: user.displayName, roles: user.roles });
  }, [user, form]);

  const finish = async (values: EditUserValues) => {
    if (!user) return;
    const ok = await onSubmit({
      id: user.id,
      version: user.version,
      displayName: values.displayName.trim(),
      roles: values.roles,
    });
    if (ok) onClose();
  };

  return (
    <Modal
      title="编辑用户"
      open={user !== null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      confirmLoading={submitting}
      destroyOnHidden
      forceRender
    >
      {user ? (
        <Descriptions
          size="small"
          column={1}
          style={{ marginBottom: 16 }}
          items={[
            { key: 'username', label: '用户名', children: user.username },
            { key: 'org', label: '所属单位', children: user.organization.name },
          ]}
        />
      ) : null}
      <Form<EditUserValues> form={form} layout="vertical" onFinish={finish} disabled={submitting}>
        <Form.Item
          name="displayName"
          label="姓名"
          rules={[
            { required: true, whitespace: true, message: '请输入姓名' },
            { max: 50, message: '姓名不能超过 50 个字' },
          ]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="roles"
          label="角色"
          required
          rules={[
            {
              validator: async (_, value: Role[] | undefined) => {
                const problem = roleSetMessage(value ?? []);
                if (problem) throw new Error(problem);
              },
            },
          ]}
        >
          <RoleCheckboxes />
        </Form.Item>
      </Form>
    </Modal>
  );
}

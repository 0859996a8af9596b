import { useState } from 'react';
import { Alert, Button, Drawer, Flex, Form, Input, Space, Typography } from 'antd';
import {
  PASSWORD_MIN_LENGTH,
  checkPassword,
  PASSWORD_PROBLEM_MESSAGE,
} from '@sunshine/shared/domain';
import type { CreateUserInput, Role } from '@sunshine/web/graphql';
import { OrganizationSelect } from './organization-select';
import { RoleCheckboxes } from './role-checkboxes';
import { roleSetMessage } from './roles';
import type { OrganizationTreeOption } from './use-organization-options';
import { generatePassword } from './generate-password';
import { USERNAME_PATTERN } from './user-status';

interface CreateUserValues {
  organizationId: string;
  username: string;
  displayName: string;
  roles: Role[];
  password: string;
  assessorOrganizationIds?: string[];
}

export interface CreateUserDrawerProps {
  open: boolean;
  treeData: OrganizationTreeOption[];
  defaultOrganizationId?: string;
  /** The roles the caller may give (三员分立). */
  roleOptions: ReadonlyArray<{ value: Role; label: string }>;
  submitting: boolean;
  onSubmit: (input: CreateUserInput) => Promise<boolean>;
  onClose: () => void;
}

export function CreateUserDrawer({
  open,
  treeData,
  defaultOrganizationId,
  roleOptions,
  submitting,
  onSubmit,
  onClose,
}: CreateUserDrawerProps) {
  const [form] = Form.useForm<CreateUserValues>();
  const roles = Form.useWatch('roles', form) ?? [];
  // A generated password is shown so that the administrator can pass it on.
  const [passwordVisible, setPasswordVisible] = useState(false);

  const finish = async (values: CreateUserValues) => {
    const ok = await onSubmit({
      organizationId: values.organizationId,
      username: values.username.trim(),
      displayName: values.displayName.trim(),
      roles: values.roles,
      password: values.password,
      assessorOrganizationIds: values.roles.includes('ASSESSOR')
        ? (values.assessorOrganizationIds ?? [])
        : null,
    });
    if (ok) {
      form.resetFields();
      setPasswordVisible(false);
      onClose();
    }
  };

  return (
    <Drawer
      title="新建用户"
      open={open}
      size={480}
      onClose={onClose}
      destroyOnHidden
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={submitting} onClick={() => form.submit()}>
            创建
          </Button>
        </Flex>
      }
    >
      <Form<CreateUserValues>
        form={form}
        layout="vertical"
        onFinish={finish}
        initialValues={{ organizationId: defaultOrganizationId, roles: [] }}
        disabled={submitting}
      >
        <Form.Item
          name="organizationId"
          label="所属单位"
          rules={[{ required: true, message: '请选择所属单位' }]}
        >
          <OrganizationSelect treeData={treeData} />
        </Form.Item>
        <Flex gap={12}>
          <Form.Item
            name="username"
            label="用户名"
            style={{ flex: 1 }}
            rules={[
              { required: true, message: '请输入用户名' },
              {
                pattern: USERNAME_PATTERN,
                message: '3–32 位字母、数字、点、下划线或短横线，以字母或数字开头',
              },
            ]}
          >
            <Input placeholder="如 340102-editor" autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="displayName"
            label="姓名"
            style={{ flex: 1 }}
            rules={[
              { required: true, whitespace: true, message: '请输入姓名' },
              { max: 50, message: '姓名不能超过 50 个字' },
            ]}
          >
            <Input placeholder="真实姓名" autoComplete="off" />
          </Form.Item>
        </Flex>
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
          <RoleCheckboxes options={roleOptions} />
        </Form.Item>
        {roles.includes('ASSESSOR') ? (
          <Form.Item
            name="assessorOrganizationIds"
            label="测评对象单位"
            extra="第三方测评人员只能查看和录入所选单位的测评问题。"
            rules={[
              { required: true, type: 'array', min: 1, message: '请选择至少一个测评对象单位' },
            ]}
          >
            <OrganizationSelect treeData={treeData} multiple placeholder="选择被测评单位" />
          </Form.Item>
        ) : null}
        <Form.Item label="初始密码" required style={{ marginBottom: 8 }}>
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item
              name="password"
              noStyle
              dependencies={['username']}
              rules={[
                { required: true, message: '请输入初始密码' },
                ({ getFieldValue }) => ({
                  validator: async (_, value: string | undefined) => {
                    if (!value) return;
                    const problems = checkPassword(value, String(getFieldValue('username') ?? ''));
                    const [problem] = problems;
                    if (problem) throw new Error(PASSWORD_PROBLEM_MESSAGE[problem]);
                  },
                }),
              ]}
            >
              <Input.Password
                autoComplete="new-password"
                placeholder={`至少 ${PASSWORD_MIN_LENGTH} 位`}
                visibilityToggle={{ visible: passwordVisible, onVisibleChange: setPasswordVisible }}
              />
            </Form.Item>
            <Button
              onClick={() => {
                form.setFieldValue('password', generatePassword());
                setPasswordVisible(true);
                void form.validateFields(['password']);
              }}
            >
              随机生成
            </Button>
          </Space.Compact>
        </Form.Item>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          包含大写字母、小写字母、数字、特殊字符中的至少三类，且不含用户名。
        </Typography.Text>
        <Alert
          type="info"
          showIcon
          style={{ marginTop: 20 }}
          title="请通过安全渠道将初始密码告知用户；用户首次登录时须修改密码。"
        />
      </Form>
    </Drawer>
  );
}

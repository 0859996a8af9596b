import { useState } from 'react';
import { useMutation } from '@apollo/client/react';
import { App, DatePicker, Form, Input, InputNumber, Modal, Select, Switch, TreeSelect } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import {
  CreateTrainingSessionDocument,
  errorMessage,
  type TrainingContextQuery,
} from '@sunshine/web/graphql';
import { orgTree, sessionInput } from '../trainings-model';

type Org = TrainingContextQuery['organizations'][number];

interface FormShape {
  title: string;
  organiserName?: string;
  dates: [Dayjs, Dayjs];
  place?: string;
  online?: boolean;
  hours: number;
  topics?: string;
  lecturers?: string;
  audienceLevels?: string[];
  audienceRoles?: string[];
  invitedOrganizationIds?: string[];
  capacity?: number;
  registrationDeadline?: Dayjs;
}

/** 新建培训班: the organiser is the user's own bureau (or an outside body named for the assessor). */
export function SessionFormModal({
  open,
  onClose,
  onCreated,
  organizations,
  ownOrgId,
  external,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (id: string) => void;
  organizations: readonly Org[];
  ownOrgId: string;
  external: boolean;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<FormShape>();
  const [create, { loading }] = useMutation(CreateTrainingSessionDocument);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    try {
      const r = await create({
        variables: {
          input: sessionInput({
            ...v,
            dates: [v.dates[0].format('YYYY-MM-DD'), v.dates[1].format('YYYY-MM-DD')],
            registrationDeadline: v.registrationDeadline?.format('YYYY-MM-DD'),
          }) as never,
        },
      });
      const id = r.data?.createTrainingSession.id;
      if (id) {
        message.success('培训班已创建');
        form.resetFields();
        onCreated(id);
      }
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <Modal
      title="新建培训班"
      open={open}
      width={720}
      onCancel={onClose}
      onOk={() => void submit()}
      okText="创建"
      confirmLoading={loading}
      destroyOnHidden
    >
      <Form<FormShape>
        form={form}
        layout="vertical"
        requiredMark="optional"
        initialValues={{
          hours: 6,
          audienceRoles: ['分管领导', '工作人员'],
          dates: [dayjs(), dayjs()],
        }}
      >
        <Form.Item
          name="title"
          label="培训班名称"
          rules={[{ required: true, min: 2, message: '请填写培训班名称' }]}
        >
          <Input maxLength={200} placeholder="如：全省审计机关政务公开业务培训班" />
        </Form.Item>
        {external ? (
          <Form.Item
            name="organiserName"
            label="举办单位"
            rules={[{ required: true, message: '请填写举办单位名称' }]}
          >
            <Input maxLength={100} placeholder="如：某第三方测评机构" />
          </Form.Item>
        ) : (
          <Form.Item
            name="organiserName"
            label="外单位举办"
            tooltip="由外单位举办、本单位登记时填写举办单位名称"
          >
            <Input maxLength={100} />
          </Form.Item>
        )}
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item
            name="dates"
            label="培训日期"
            style={{ flex: 2 }}
            rules={[{ required: true, message: '请选择培训日期' }]}
          >
            <DatePicker.RangePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="hours"
            label="学时"
            style={{ flex: 1 }}
            rules={[{ required: true, message: '请填写学时' }]}
          >
            <InputNumber min={0.5} max={200} step={0.5} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="capacity" label="名额" style={{ flex: 1 }}>
            <InputNumber min={1} max={5000} style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="place" label="地点" style={{ flex: 2 }}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="online" label="线上培训" valuePropName="checked" style={{ flex: 1 }}>
            <Switch />
          </Form.Item>
          <Form.Item name="registrationDeadline" label="报名截止" style={{ flex: 1 }}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <Form.Item name="topics" label="培训专题" tooltip="多个专题用分号或换行分隔">
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="lecturers" label="授课人" tooltip="每行一位：姓名 职务 单位">
          <Input.TextArea rows={2} placeholder="王强 处长 省政务公开办" />
        </Form.Item>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="audienceLevels" label="培训对象层级" style={{ flex: 1 }}>
            <Select
              mode="multiple"
              options={[
                { value: 'CITY', label: '市级' },
                { value: 'COUNTY', label: '县级' },
              ]}
            />
          </Form.Item>
          <Form.Item name="audienceRoles" label="培训对象" style={{ flex: 1 }}>
            <Select
              mode="tags"
              options={['分管领导', '工作人员', '信息员'].map((v) => ({ value: v, label: v }))}
            />
          </Form.Item>
        </div>
        <Form.Item name="invitedOrganizationIds" label="受邀单位">
          <TreeSelect
            treeData={orgTree(organizations, ownOrgId)}
            treeCheckable
            showCheckedStrategy={TreeSelect.SHOW_ALL}
            maxTagCount={6}
            placeholder="选择受邀的下级单位"
            treeNodeFilterProp="title"
            allowClear
          />
        </Form.Item>
        {error ? (
          <div style={{ color: '#cf1322' }} role="alert">
            {error}
          </div>
        ) : null}
      </Form>
    </Modal>
  );
}

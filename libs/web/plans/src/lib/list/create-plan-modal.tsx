import { useEffect } from 'react';
import { Form, Input, InputNumber, Modal } from 'antd';
import type { OrgLevel } from '@sunshine/web/graphql';
import { defaultPlanTitle } from '../plan-model';

export interface CreatePlanValues {
  year: number;
  title: string;
  dueDaysAfterQuarter: number;
}

export interface CreatePlanModalProps {
  open: boolean;
  defaultYear: number;
  level: OrgLevel;
  submitting: boolean;
  onSubmit: (values: CreatePlanValues) => Promise<boolean>;
  onClose: () => void;
}

/** 新建年度计划: year, title, reporting window. The plan starts as a draft. */
export function CreatePlanModal({
  open,
  defaultYear,
  level,
  submitting,
  onSubmit,
  onClose,
}: CreatePlanModalProps) {
  const [form] = Form.useForm<CreatePlanValues>();
  useEffect(() => {
    if (open)
      form.setFieldsValue({
        year: defaultYear,
        title: defaultPlanTitle(defaultYear, level),
        dueDaysAfterQuarter: 10,
      });
  }, [open, defaultYear, level, form]);
  return (
    <Modal
      open={open}
      title="新建年度计划"
      okText="创建草稿"
      cancelText="取消"
      confirmLoading={submitting}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form<CreatePlanValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        onValuesChange={(changed: Partial<CreatePlanValues>) => {
          if (changed.year) form.setFieldValue('title', defaultPlanTitle(changed.year, level));
        }}
        onFinish={async (values) => {
          if (await onSubmit(values)) onClose();
        }}
      >
        <Form.Item name="year" label="年度" rules={[{ required: true, message: '请填写年度' }]}>
          <InputNumber min={2000} max={2100} precision={0} suffix="年" style={{ width: 160 }} />
        </Form.Item>
        <Form.Item
          name="title"
          label="计划名称"
          rules={[
            { required: true, whitespace: true, message: '请填写计划名称' },
            { max: 200, message: '计划名称不超过 200 字' },
          ]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="dueDaysAfterQuarter"
          label="季度报送截止"
          extra="季度结束后第几天为报送截止日，默认第 10 天（如第一季度为 4 月 10 日）"
          rules={[{ required: true, message: '请填写截止天数' }]}
        >
          <InputNumber
            min={1}
            max={60}
            precision={0}
            prefix="季度结束后第"
            suffix="天"
            style={{ width: 220 }}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

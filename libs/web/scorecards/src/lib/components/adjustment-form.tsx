import { useMutation } from '@apollo/client/react';
import { App, Button, Form, Input, InputNumber, Radio, Select } from 'antd';
import {
  AddScoreAdjustmentDocument,
  errorMessage,
  type ScoreAdjustmentKind,
} from '@sunshine/web/graphql';

interface Values {
  organizationId: string;
  kind: ScoreAdjustmentKind;
  points?: number;
  quarter: number;
  reason: string;
  attachment?: string;
}

/** 加分 / 扣分 / 一票否决 for one bureau, with the reason and the supporting document. */
export function AdjustmentForm({
  year,
  quarter,
  bureaus,
  onSaved,
}: {
  year: number;
  quarter: number | null;
  bureaus: ReadonlyArray<{ id: string; name: string }>;
  onSaved: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [add, adding] = useMutation(AddScoreAdjustmentDocument);
  const kind = Form.useWatch('kind', form);
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      data-testid="adjustment-form"
      initialValues={{ kind: 'BONUS', quarter: quarter ?? 4 }}
      onFinish={async (v) => {
        try {
          await add({
            variables: {
              input: {
                organizationId: v.organizationId,
                year,
                quarter: v.quarter,
                kind: v.kind,
                points: v.kind === 'VETO' ? undefined : v.points,
                reason: v.reason,
                attachment: v.attachment || undefined,
              },
            },
          });
          message.success('已录入，考评结果已重新计算');
          form.resetFields(['organizationId', 'points', 'reason', 'attachment']);
          onSaved();
        } catch (e) {
          message.error(errorMessage(e));
        }
      }}
    >
      <Form.Item
        name="organizationId"
        label="单位"
        rules={[{ required: true, message: '请选择单位' }]}
      >
        <Select
          showSearch
          optionFilterProp="label"
          placeholder="选择单位"
          options={bureaus.map((b) => ({ value: b.id, label: b.name }))}
        />
      </Form.Item>
      <Form.Item name="kind" label="类型">
        <Radio.Group
          optionType="button"
          options={[
            { value: 'BONUS', label: '加分' },
            { value: 'DEDUCTION', label: '扣分' },
            { value: 'VETO', label: '一票否决' },
          ]}
        />
      </Form.Item>
      {kind === 'VETO' ? null : (
        <Form.Item name="points" label="分值" rules={[{ required: true, message: '请填写分值' }]}>
          <InputNumber min={0.01} max={100} step={0.5} precision={2} style={{ width: 160 }} />
        </Form.Item>
      )}
      <Form.Item name="quarter" label="计入季度（自该季度起累计）">
        <Select
          style={{ width: 160 }}
          options={[1, 2, 3, 4].map((q) => ({ value: q, label: `第${'一二三四'[q - 1]}季度` }))}
        />
      </Form.Item>
      <Form.Item
        name="reason"
        label="理由"
        rules={[{ required: true, whitespace: true, message: '请填写理由' }]}
      >
        <Input.TextArea rows={2} maxLength={500} placeholder="如：获省政府办公厅通报表扬" />
      </Form.Item>
      <Form.Item name="attachment" label="佐证附件（文号、网址或文件编号）">
        <Input maxLength={500} placeholder="如：皖政办秘〔2025〕12号" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={adding.loading}>
        录入
      </Button>
    </Form>
  );
}

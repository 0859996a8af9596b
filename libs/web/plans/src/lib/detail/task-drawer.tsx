import { useEffect } from 'react';
import {
  Alert,
  Button,
  Checkbox,
  Col,
  Drawer,
  Flex,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
} from 'antd';
import type { OrgLevel } from '@sunshine/web/graphql';
import type { PlanCategoryItem, PlanTaskItem } from '../plan-model';
import { taskFormValues, type TaskFormValues } from './task-form-model';

const LEVEL_OPTIONS: Array<{ value: OrgLevel; label: string }> = [
  { value: 'PROVINCE', label: '省级' },
  { value: 'CITY', label: '市级' },
  { value: 'COUNTY', label: '县级' },
];

export interface TaskDrawerProps {
  open: boolean;
  /** The task to edit; null for a new task. */
  task: PlanTaskItem | null;
  categories: readonly PlanCategoryItem[];
  defaultCategoryId: string;
  published: boolean;
  submitting: boolean;
  onSubmit: (values: TaskFormValues) => Promise<boolean>;
  onClose: () => void;
}

/** Edits a task; on a published plan the change is a 任务调整 and needs a note. */
export function TaskDrawer({
  open,
  task,
  categories,
  defaultCategoryId,
  published,
  submitting,
  onSubmit,
  onClose,
}: TaskDrawerProps) {
  const [form] = Form.useForm<TaskFormValues>();
  useEffect(() => {
    if (open) form.setFieldsValue(taskFormValues(task, defaultCategoryId));
  }, [open, task, defaultCategoryId, form]);

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={600}
      title={task ? `编辑任务 ${task.number}` : '新增任务'}
      destroyOnHidden
      footer={
        <Flex justify="end" gap={8}>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={submitting} onClick={() => form.submit()}>
            {published ? '保存并通知相关单位' : '保存'}
          </Button>
        </Flex>
      }
    >
      {published ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="计划已发布，本次修改将记为任务调整"
          description="保存后，承担该任务的各单位会收到任务调整通知，任务上将显示“任务调整”标记。请在下方写明调整说明。"
        />
      ) : null}
      <Form<TaskFormValues>
        form={form}
        layout="vertical"
        requiredMark="optional"
        onFinish={async (values) => {
          if (await onSubmit(values)) onClose();
        }}
      >
        <Row gutter={12}>
          <Col span={16}>
            <Form.Item
              name="categoryId"
              label="类别"
              rules={[{ required: true, message: '请选择类别' }]}
            >
              <Select options={categories.map((c) => ({ value: c.id, label: c.name }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="number"
              label="序号"
              rules={[
                { required: true, whitespace: true, message: '请填写序号' },
                { pattern: /^\d+(\.\d+)*$/, message: '序号形如 3 或 3.2' },
              ]}
            >
              <Input placeholder="如 3.2" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="title"
          label="工作任务"
          rules={[
            { required: true, whitespace: true, message: '请填写工作任务' },
            { max: 200, message: '不超过 200 字' },
          ]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="description" label="具体要求">
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} showCount />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item
              name="leadDepartments"
              label="牵头单位"
              rules={[{ required: true, type: 'array', min: 1, message: '请填写牵头单位' }]}
            >
              <Select
                mode="tags"
                open={false}
                tokenSeparators={['、', ',', '，']}
                placeholder="输入后回车，可填多个"
                suffixIcon={null}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="cooperatingDepartments" label="配合单位">
              <Select
                mode="tags"
                open={false}
                tokenSeparators={['、', ',', '，']}
                placeholder="输入后回车，可填多个"
                suffixIcon={null}
              />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item
              name="deadlineText"
              label="完成时限"
              extra="如：2025年6月30日、6月底前、每季度、持续推进"
              rules={[{ required: true, whitespace: true, message: '请填写完成时限' }]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="weight"
              label="分值"
              rules={[{ required: true, message: '请填写分值' }]}
            >
              <InputNumber min={0} max={100} step={0.5} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="levels"
          label="适用层级"
          rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一个层级' }]}
        >
          <Checkbox.Group options={LEVEL_OPTIONS} />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item
              name="targetValue"
              label="量化目标"
              extra="如“主动公开信息不少于 16 条”填 16；没有可不填"
            >
              <InputNumber min={0} prefix="≥" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="targetUnit" label="目标单位">
              <Input placeholder="条、次、篇" maxLength={20} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="evidence" label="佐证材料">
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 5 }}
            maxLength={1000}
            placeholder="如：公开信息截图及链接"
          />
        </Form.Item>
        {published ? (
          <Form.Item
            name="adjustmentNote"
            label="调整说明"
            required
            rules={[
              { required: true, whitespace: true, message: '请填写调整说明，相关单位将收到该说明' },
              { max: 500, message: '不超过 500 字' },
            ]}
          >
            <Input.TextArea
              autoSize={{ minRows: 2, maxRows: 5 }}
              maxLength={500}
              showCount
              placeholder="说明调整了什么、为什么调整，如：完成时限由6月底前调整为9月底前"
            />
          </Form.Item>
        ) : null}
      </Form>
    </Drawer>
  );
}

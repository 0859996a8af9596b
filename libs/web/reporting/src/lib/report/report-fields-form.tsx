import { Button, Card, Col, Flex, Form, Input, InputNumber, Row, Select, Typography } from 'antd';
import { DeleteOutlined, LinkOutlined, PlusOutlined } from '@ant-design/icons';
import type { CompletionState, TaskDetailFragment } from '@sunshine/web/graphql';
import { PercentInput } from './percent-input';
import {
  COMPLETION_OPTIONS,
  completionProblem,
  targetLabel,
  type ReportFormValues,
} from './report-form-model';

/** The editable fields of a draft: state and percent, actual value, narrative, problems, plans. */
export function ReportFieldsForm({ task }: { task: TaskDetailFragment }) {
  const state = Form.useWatch<CompletionState | undefined>('completionState') ?? 'IN_PROGRESS';
  const target = targetLabel(task.targetValue, task.targetUnit);
  return (
    <Card title="季度进展" style={{ marginBottom: 16 }} styles={{ body: { paddingBottom: 8 } }}>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item<ReportFormValues>
            name="completionState"
            label="完成状态"
            rules={[{ required: true, message: '请选择完成状态' }]}
          >
            <Select options={[...COMPLETION_OPTIONS]} aria-label="完成状态" />
          </Form.Item>
        </Col>
        <Col xs={24} md={16}>
          <Form.Item<ReportFormValues>
            name="percent"
            label="完成进度"
            dependencies={['completionState']}
            extra={
              state === 'NOT_STARTED'
                ? '未开始的任务进度为 0%'
                : state === 'COMPLETED'
                  ? '已完成的任务进度为 100%'
                  : '推进中或受阻的任务进度应小于 100%'
            }
            rules={[
              ({ getFieldValue }) => ({
                validator: async (_, value: number | undefined) => {
                  const problem = completionProblem(
                    getFieldValue('completionState') as CompletionState,
                    value ?? 0,
                  );
                  if (problem) throw new Error(problem);
                },
              }),
            ]}
          >
            <PercentInput state={state} />
          </Form.Item>
        </Col>
      </Row>
      {target ? (
        <Form.Item<ReportFormValues> name="actualValue" label="实际完成值" extra={target}>
          <InputNumber
            min={0}
            style={{ width: 200 }}
            suffix={task.targetUnit ?? undefined}
            placeholder="截至本季度末的累计数"
            aria-label="实际完成值"
          />
        </Form.Item>
      ) : null}
      <Form.Item<ReportFormValues> name="narrative" label="进展情况">
        <Input.TextArea
          autoSize={{ minRows: 4, maxRows: 12 }}
          maxLength={5000}
          showCount
          placeholder="本季度开展的工作、公开的信息及数量、完成的节点等"
        />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Form.Item<ReportFormValues> name="problems" label="存在问题">
            <Input.TextArea
              autoSize={{ minRows: 2, maxRows: 8 }}
              maxLength={2000}
              showCount
              placeholder="没有可不填"
            />
          </Form.Item>
        </Col>
        <Col xs={24} lg={12}>
          <Form.Item<ReportFormValues> name="nextSteps" label="下步计划">
            <Input.TextArea
              autoSize={{ minRows: 2, maxRows: 8 }}
              maxLength={2000}
              showCount
              placeholder="下季度的工作安排"
            />
          </Form.Item>
        </Col>
      </Row>
    </Card>
  );
}

/** Links to what was published (title + address), edited as a list. */
export function EvidenceUrlsField() {
  return (
    <Form.List name="evidenceUrls">
      {(fields, { add, remove }) => (
        <div>
          <Typography.Text strong style={{ display: 'block', margin: '12px 0 8px' }}>
            <LinkOutlined /> 公开链接
          </Typography.Text>
          {fields.map((field) => (
            <Flex key={field.key} gap={8} align="start">
              <Form.Item
                name={[field.name, 'title']}
                style={{ width: 220, marginBottom: 8 }}
                rules={[{ max: 200, message: '标题不超过 200 字' }]}
              >
                <Input placeholder="标题，如：2025年预算公开" aria-label="链接标题" />
              </Form.Item>
              <Form.Item
                name={[field.name, 'url']}
                style={{ flex: 1, marginBottom: 8 }}
                rules={[
                  { required: true, message: '请填写网址' },
                  { pattern: /^https?:\/\/\S+$/i, message: '网址须以 http:// 或 https:// 开头' },
                  { max: 500, message: '网址过长' },
                ]}
              >
                <Input placeholder="https://" aria-label="链接网址" />
              </Form.Item>
              <Button
                type="text"
                icon={<DeleteOutlined />}
                aria-label="删除链接"
                onClick={() => remove(field.name)}
              />
            </Flex>
          ))}
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            onClick={() => add({ title: '', url: '' })}
            disabled={fields.length >= 50}
          >
            添加链接
          </Button>
        </div>
      )}
    </Form.List>
  );
}

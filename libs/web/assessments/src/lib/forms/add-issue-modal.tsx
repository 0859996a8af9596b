import { useMemo, useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, App, DatePicker, Flex, Form, Input, InputNumber, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import {
  AddAssessmentIssueDocument,
  AssessmentFormContextDocument,
  AssessmentRoundBureausDocument,
  errorMessage,
} from '@sunshine/web/graphql';
import { ASSESSMENT_ISSUE_TYPE_OPTIONS, ASSESSMENT_SEVERITY_LABELS } from '@sunshine/shared/domain';
import { formatDay } from '@sunshine/web/ui';
import { issueInput, type IssueFormValues } from './round-form-model';

interface FormShape extends Omit<IssueFormValues, 'deadline'> {
  deadline?: Dayjs;
}

/** 录入问题: one problem of a bureau of the round, by hand (the assessor or the round's ADMIN). */
export function AddIssueModal({
  open,
  round,
  onClose,
}: {
  open: boolean;
  round: { id: string; title: string; defaultDeadline: string; indicatorSystemId?: string | null };
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<FormShape>();
  const bureaus = useQuery(AssessmentRoundBureausDocument, {
    variables: { id: round.id },
    skip: !open,
  });
  const context = useQuery(AssessmentFormContextDocument, { skip: !open });
  const [add, { loading }] = useMutation(AddAssessmentIssueDocument, {
    refetchQueries: ['AssessmentOverview', 'AssessmentIssues'],
  });
  const [error, setError] = useState<string | null>(null);
  const indicators = useMemo(() => {
    const systems = context.data?.indicatorSystems ?? [];
    const system = systems.find((s) => s.id === round.indicatorSystemId);
    return (system?.indicators ?? []).map((i) => ({
      value: i.id,
      label: `${i.code} ${i.name}`,
    }));
  }, [context.data, round.indicatorSystemId]);

  const submit = async (again: boolean) => {
    const v = await form.validateFields();
    setError(null);
    try {
      await add({
        variables: {
          input: issueInput(round.id, { ...v, deadline: v.deadline?.format('YYYY-MM-DD') }),
        },
      });
      message.success('问题已录入');
      if (again) form.resetFields(['description', 'location', 'pointsDeducted']);
      else {
        form.resetFields();
        onClose();
      }
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <Modal
      title={`录入问题 · ${round.title}`}
      open={open}
      width={720}
      onCancel={onClose}
      okText="保存"
      onOk={() => void submit(false)}
      confirmLoading={loading}
      destroyOnHidden
    >
      <Form<FormShape>
        form={form}
        layout="vertical"
        requiredMark="optional"
        initialValues={{ severity: 'MEDIUM', pointsDeducted: 0 }}
      >
        <Flex gap={16}>
          <Form.Item
            name="organizationId"
            label="被评估单位"
            style={{ flex: 1 }}
            rules={[{ required: true, message: '请选择被评估单位' }]}
          >
            <Select
              showSearch
              optionFilterProp="label"
              loading={bureaus.loading}
              placeholder="选择本批次的单位"
              options={(bureaus.data?.assessmentRound.bureaus ?? []).map((b) => ({
                value: b.id,
                label: b.name,
              }))}
            />
          </Form.Item>
          <Form.Item
            name="issueType"
            label="问题类型"
            style={{ width: 280 }}
            rules={[{ required: true, message: '请选择问题类型' }]}
          >
            <Select placeholder="选择问题类型" options={[...ASSESSMENT_ISSUE_TYPE_OPTIONS]} />
          </Form.Item>
        </Flex>
        {indicators.length > 0 ? (
          <Form.Item name="indicatorId" label="指标">
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              placeholder="选择本批次指标体系中的指标"
              options={indicators}
            />
          </Form.Item>
        ) : null}
        <Form.Item
          name="description"
          label="问题描述"
          rules={[{ required: true, min: 2, max: 2000, message: '请填写问题描述（2 到 2000 字）' }]}
        >
          <Input.TextArea
            rows={3}
            placeholder="如：“政策解读”栏目最新信息为 3 个月前，更新不及时"
          />
        </Form.Item>
        <Form.Item
          name="location"
          label="问题位置"
          rules={[{ max: 1000, message: '不能超过 1000 字' }]}
        >
          <Input placeholder="网址或栏目路径，如“政策法规-规范性文件立改废”" />
        </Form.Item>
        <Flex gap={16}>
          <Form.Item name="severity" label="严重程度" style={{ width: 160 }}>
            <Select
              options={Object.entries(ASSESSMENT_SEVERITY_LABELS).map(([value, label]) => ({
                value,
                label,
              }))}
            />
          </Form.Item>
          <Form.Item name="pointsDeducted" label="扣分" style={{ width: 140 }}>
            <InputNumber min={0} max={100} step={0.5} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="deadline" label="整改期限" style={{ flex: 1 }}>
            <DatePicker
              placeholder={`默认 ${formatDay(round.defaultDeadline)}`}
              style={{ width: '100%' }}
            />
          </Form.Item>
        </Flex>
        {error ? <Alert type="error" showIcon title={error} role="alert" /> : null}
      </Form>
    </Modal>
  );
}

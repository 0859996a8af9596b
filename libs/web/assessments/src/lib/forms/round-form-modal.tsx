import { useEffect, useMemo, useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  TreeSelect,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import {
  AssessmentAssessorsDocument,
  AssessmentFormContextDocument,
  CreateAssessmentRoundDocument,
  errorMessage,
} from '@sunshine/web/graphql';
import { loadChineseWorkingDays, type WorkingDayCalendar } from '@sunshine/shared/domain';
import { formatDay } from '@sunshine/web/ui';
import {
  allBureaus,
  bureauTree,
  roundDeadline,
  roundInput,
  type DeadlineMode,
} from './round-form-model';

interface FormShape {
  title: string;
  assessorName: string;
  period: [Dayjs, Dayjs];
  bureauIds: string[];
  indicatorSystemId?: string;
  assessorUserIds?: string[];
  deadlineMode: DeadlineMode;
  deadlineDate?: Dayjs;
  workingDays?: number;
}

const DAY = 'YYYY-MM-DD';

/** 新建测评批次 (a draft): title, assessor, period, bureaus, indicator system, default deadline. */
export function RoundFormModal({
  open,
  ownOrgId,
  today,
  onClose,
  onCreated,
}: {
  open: boolean;
  ownOrgId: string;
  /** China calendar day, 'YYYY-MM-DD': the working days count from it. */
  today: string;
  onClose: () => void;
  onCreated: (id: string) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<FormShape>();
  const context = useQuery(AssessmentFormContextDocument, { skip: !open });
  const assessors = useQuery(AssessmentAssessorsDocument, {
    variables: { filter: { organizationId: ownOrgId, includeDescendants: false, limit: 200 } },
    skip: !open,
  });
  const [create, { loading }] = useMutation(CreateAssessmentRoundDocument, {
    refetchQueries: ['AssessmentRounds'],
  });
  const [error, setError] = useState<string | null>(null);
  const [calendar, setCalendar] = useState<WorkingDayCalendar | null>(null);
  useEffect(() => {
    if (open && !calendar) void loadChineseWorkingDays().then(setCalendar);
  }, [open, calendar]);

  const orgs = useMemo(() => context.data?.organizations ?? [], [context.data]);
  const tree = useMemo(() => bureauTree(orgs, ownOrgId), [orgs, ownOrgId]);
  const mode = Form.useWatch('deadlineMode', form) ?? 'WORKING_DAYS';
  const workingDays = Form.useWatch('workingDays', form);
  const deadlineDate = Form.useWatch('deadlineDate', form);
  const deadline = roundDeadline(
    { deadlineMode: mode, deadlineDate: deadlineDate?.format(DAY), workingDays },
    today,
    calendar,
  );
  const assessorOptions = (assessors.data?.users.items ?? [])
    .filter((u) => u.roles.includes('ASSESSOR'))
    .map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）` }));

  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    if (!deadline.date) {
      setError('请填写默认整改期限');
      return;
    }
    try {
      const r = await create({
        variables: {
          input: roundInput(
            {
              ...v,
              periodStart: v.period[0].format(DAY),
              periodEnd: v.period[1].format(DAY),
              deadlineDate: v.deadlineDate?.format(DAY),
            },
            deadline.date,
          ),
        },
      });
      const id = r.data?.createAssessmentRound.id;
      if (id) {
        message.success('测评批次已创建（草稿），可导入问题清单后发布');
        form.resetFields();
        onCreated(id);
      }
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const year = dayjs(today).year() - 1;
  return (
    <Modal
      title="新建测评批次"
      open={open}
      width={760}
      style={{ top: 32 }}
      styles={{ body: { maxHeight: 'calc(100vh - 190px)', overflowY: 'auto' } }}
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
          title: `${year}年度政务公开第三方评估`,
          period: [dayjs(`${year}-01-01`), dayjs(`${year}-12-31`)],
          deadlineMode: 'WORKING_DAYS',
          workingDays: 5,
          bureauIds: [],
        }}
      >
        <Form.Item
          name="title"
          label="批次名称"
          rules={[{ required: true, min: 2, max: 200, message: '请填写批次名称（2 到 200 字）' }]}
        >
          <Input placeholder="如：2025年度全省审计机关政务公开第三方评估" />
        </Form.Item>
        <Flex gap={16}>
          <Form.Item
            name="assessorName"
            label="测评机构"
            style={{ flex: 1 }}
            rules={[{ required: true, min: 2, max: 200, message: '请填写测评机构名称' }]}
          >
            <Input placeholder="如：某某咨询有限公司" />
          </Form.Item>
          <Form.Item
            name="period"
            label="测评期间"
            style={{ width: 300 }}
            rules={[{ required: true, message: '请选择测评期间' }]}
          >
            <DatePicker.RangePicker style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
        <Form.Item
          name="bureauIds"
          label="参加测评的单位"
          rules={[{ required: true, type: 'array', min: 1, message: '请选择参加测评的单位' }]}
          extra={
            <Button
              type="link"
              size="small"
              style={{ paddingInline: 0 }}
              onClick={() => form.setFieldValue('bureauIds', allBureaus(orgs, ownOrgId))}
            >
              选择全部下级单位
            </Button>
          }
        >
          <TreeSelect
            aria-label="参加测评的单位"
            treeData={tree}
            treeCheckable
            showCheckedStrategy={TreeSelect.SHOW_ALL}
            maxTagCount={8}
            placeholder="选择下级单位（可多选）"
            treeNodeFilterProp="title"
            loading={context.loading}
            allowClear
          />
        </Form.Item>
        <Flex gap={16}>
          <Form.Item name="indicatorSystemId" label="指标体系" style={{ flex: 1 }}>
            <Select
              allowClear
              placeholder="可选：选择指标体系"
              options={(context.data?.indicatorSystems ?? []).map((s) => ({
                value: s.id,
                label: `${s.name}（${s.totalPoints} 分）`,
              }))}
            />
          </Form.Item>
          <Form.Item name="assessorUserIds" label="测评账户" style={{ flex: 1 }}>
            <Select
              mode="multiple"
              allowClear
              placeholder="可选：负责本批次的第三方测评账户"
              options={assessorOptions}
            />
          </Form.Item>
        </Flex>
        <Form.Item label="默认整改期限" required style={{ marginBottom: 4 }}>
          <Flex gap={12} align="center" wrap>
            <Form.Item name="deadlineMode" noStyle>
              <Radio.Group
                optionType="button"
                options={[
                  { value: 'WORKING_DAYS', label: '工作日数' },
                  { value: 'DATE', label: '指定日期' },
                ]}
              />
            </Form.Item>
            {mode === 'WORKING_DAYS' ? (
              <Form.Item name="workingDays" noStyle>
                <InputNumber
                  aria-label="工作日数"
                  min={1}
                  max={120}
                  precision={0}
                  addonAfter="个工作日内"
                  style={{ width: 170 }}
                />
              </Form.Item>
            ) : (
              <Form.Item name="deadlineDate" noStyle>
                <DatePicker aria-label="整改期限" />
              </Form.Item>
            )}
            {deadline.date ? (
              <Typography.Text type="secondary">截止 {formatDay(deadline.date)}</Typography.Text>
            ) : null}
          </Flex>
        </Form.Item>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          按工作日计算时已扣除法定节假日、计入调休上班日；问题清单中单独写明期限的以清单为准。
        </Typography.Text>
        {deadline.warning ? (
          <Alert type="warning" showIcon title={deadline.warning} style={{ marginTop: 8 }} />
        ) : null}
        {error ? (
          <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} role="alert" />
        ) : null}
      </Form>
    </Modal>
  );
}

import { useEffect, useRef, useState } from 'react';
import { Alert, App, Breadcrumb, Button, Card, Col, Flex, Form, Row, Tag, Typography } from 'antd';
import {
  ArrowLeftOutlined,
  CheckOutlined,
  RollbackOutlined,
  SaveOutlined,
  SendOutlined,
} from '@ant-design/icons';
import { Link, useLocation, useNavigate } from 'react-router';
import { errorMessage, hasErrorCode } from '@sunshine/web/graphql';
import {
  EmptyState,
  ErrorState,
  formatDateTime,
  formatDay,
  formatQuarter,
  LoadingState,
  PageHeader,
} from '@sunshine/web/ui';
import { ReportHistory, ReportStatusTag, returnedStageLabel } from '@sunshine/web/reporting-ui';
import { DecisionModal } from './decision-modal';
import { EvidenceFiles } from './evidence-files';
import { EvidenceUrlsField, ReportFieldsForm } from './report-fields-form';
import {
  formValuesFrom,
  percentForState,
  submitProblems,
  toSaveInput,
  type ReportFormValues,
} from './report-form-model';
import { EvidenceUrlsList, ReportReadonly } from './report-readonly';
import { TaskCard } from './task-card';
import { useLeaveGuard } from './use-leave-guard';
import { useReportWorkspace } from './use-report-workspace';

type Decision = 'approve' | 'accept' | 'return' | null;

/** A quarterly report: the editor's form, the reviewer's and the overseer's decision, the history. */
export function ReportPage() {
  const w = useReportWorkspace();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const location = useLocation();
  const [form] = Form.useForm<ReportFormValues>();
  const [dirty, setDirty] = useState(false);
  // A new report saved by its first attachment: opened once the upload is done.
  const createdId = useRef<string | null>(null);
  const [loadedKey, setLoadedKey] = useState(0);
  const [decision, setDecision] = useState<Decision>(null);
  const leaveGuard = useLeaveGuard(
    dirty && w.mode === 'edit',
    '填写的季度进展尚未保存，离开后这些内容将丢失。请先点“保存草稿”，或确认放弃修改。',
  );

  const report = w.report;
  const formKey = `${report?.id ?? w.assignmentId ?? ''}:${loadedKey}`;
  // Fill the form once per report (and after "load the latest"), not on every refetch: an upload
  // changes the version but must not discard what the user is typing.
  useEffect(() => {
    if (w.mode !== 'edit' || (!report && !w.assignmentId)) return;
    form.setFieldsValue(formValuesFrom(report));
    setDirty(false);
  }, [formKey, w.mode]); // `report` is read on purpose only when the key changes

  const header = (
    <PageHeader
      title={w.task ? `${w.task.number} ${w.task.title}` : '季度进展'}
      breadcrumb={
        <Breadcrumb
          items={[
            { key: 'worklist', title: <Link to="/reporting">进展填报</Link> },
            { key: 'report', title: w.task ? `${w.task.number} ${w.task.title}` : '季度进展' },
          ]}
        />
      }
      description={
        w.task ? (
          <Flex component="span" gap={8} align="center" wrap>
            <span>{w.organization?.name}</span>
            <span>·</span>
            <span>{formatQuarter(w.period.year, w.period.quarter)}</span>
            <span>·</span>
            <span>报送截止 {formatDay(w.dueDate, '—')}</span>
            <ReportStatusTag status={report?.displayStatus} />
            {report?.late ? <Tag color="red">迟报</Tag> : null}
            {w.overdue ? <Tag color="red">已逾期</Tag> : null}
          </Flex>
        ) : undefined
      }
      extra={
        <Button
          icon={<ArrowLeftOutlined />}
          // Opened from a link (a notification, a new tab): there is no page to go back to.
          onClick={() => void (location.key === 'default' ? navigate('/reporting') : navigate(-1))}
        >
          返回
        </Button>
      }
    />
  );

  if (w.error)
    return (
      <>
        {header}
        <ErrorState message={w.error} onRetry={w.retry} />
      </>
    );
  if (w.loading)
    return (
      <>
        {header}
        <LoadingState tip="正在加载季度进展…" />
      </>
    );
  if (w.notFound || !w.task)
    return (
      <>
        {header}
        <Card>
          <EmptyState
            title="未找到该任务的季度进展"
            description="任务可能已取消分解，或不在本单位的填报范围内。"
            action={
              <Button type="primary" onClick={() => void navigate('/reporting')}>
                返回进展填报
              </Button>
            }
          />
        </Card>
      </>
    );

  const task = w.task;
  const editing = w.mode === 'edit';

  /** Saves the draft; a new report then opens as itself unless `stay` (an upload under way). */
  const saveDraft = async (stay = false): Promise<{ id: string; version: number } | null> => {
    if (!w.assignmentId) return null;
    const values = await form.validateFields();
    const saved = await w.save(
      toSaveInput(values, {
        assignmentId: w.assignmentId,
        year: w.period.year,
        quarter: w.period.quarter,
        version: report?.version ?? null,
      }),
    );
    setDirty(false);
    leaveGuard.clear();
    if (!report && !stay) w.openReport(saved.id);
    if (!report && stay) createdId.current = saved.id;
    return saved;
  };

  const onSave = async () => {
    try {
      if (await saveDraft()) message.success('草稿已保存');
    } catch (error: unknown) {
      // Validation shows at the fields; a conflict in the banner above the form.
      if (isValidationError(error) || hasErrorCode(error, 'CONFLICT')) return;
      message.error(errorMessage(error, '保存失败'));
    }
  };

  const onSubmit = async () => {
    const values = form.getFieldsValue(true) as ReportFormValues;
    // The shared submit rules (the API refuses the same): one message per field.
    const missing = submitProblems(values, task).map((p) => ({
      name: p.field,
      errors: [p.message],
    }));
    const [firstMissing] = missing;
    if (firstMissing) {
      form.setFields(missing);
      form.scrollToField(firstMissing.name);
      return;
    }
    try {
      await form.validateFields();
    } catch {
      return;
    }
    modal.confirm({
      title: '提交季度进展？',
      content: '提交后由本单位审核人审核，审核前不能再修改；如需修改，请联系审核人退回。',
      okText: '提交',
      cancelText: '取消',
      onOk: async () => {
        try {
          const current = !report || dirty ? await saveDraft() : report;
          if (!current) return;
          await w.submit(current);
          message.success('已提交，等待本单位审核人审核');
        } catch (error: unknown) {
          if (!isValidationError(error) && !hasErrorCode(error, 'CONFLICT'))
            message.error(errorMessage(error, '提交失败'));
        }
      },
    });
  };

  const decide = async (comment: string) => {
    const kind = decision;
    try {
      if (kind === 'approve') await w.approve(comment);
      else if (kind === 'accept') await w.accept(comment);
      else if (kind === 'return') await w.sendBack(comment);
      setDecision(null);
      message.success(
        kind === 'approve'
          ? '已审核通过，报送上级单位验收'
          : kind === 'accept'
            ? '已验收'
            : '已退回，填报单位将收到通知',
      );
    } catch (error: unknown) {
      if (!hasErrorCode(error, 'CONFLICT')) message.error(errorMessage(error, '操作失败'));
      setDecision(null);
    }
  };

  const returned = report?.displayStatus === 'RETURNED' && report.returnedReason;

  return (
    <div style={{ display: 'flex', flexDirection: 'column', minHeight: 'calc(100vh - 96px)' }}>
      {header}
      {returned ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={`${returnedStageLabel(report.returnedStage)}已退回，请按意见修改后重新提交`}
          description={
            <span style={{ whiteSpace: 'pre-wrap' }}>退回原因：{report.returnedReason}</span>
          }
        />
      ) : null}
      {w.conflict ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={w.conflict.message}
          description={
            editing ? '重新加载将显示他人保存的最新内容，您尚未保存的修改会被放弃。' : undefined
          }
          action={
            <Button
              size="small"
              onClick={() => {
                void w.reload().then(() => setLoadedKey((k) => k + 1));
              }}
            >
              加载最新内容
            </Button>
          }
        />
      ) : null}
      {editing && !report && w.assignmentId && w.hasPrevious ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="任务已完成并持续推进？可沿用上季度的进展（内容、链接和文件）作为本季度草稿，核对后提交。"
          action={
            <Button
              size="small"
              loading={w.copying}
              onClick={() => {
                w.copyPrevious()
                  .then(() => message.success('已沿用上季度进展，请核对后提交'))
                  .catch((error: unknown) => message.error(errorMessage(error, '沿用失败')));
              }}
            >
              沿用上季度
            </Button>
          }
        />
      ) : null}
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Form<ReportFormValues>
            form={form}
            layout="vertical"
            requiredMark={false}
            disabled={editing && w.busy}
            initialValues={formValuesFrom(report)}
            onValuesChange={(changed: Partial<ReportFormValues>) => {
              setDirty(true);
              if (changed.completionState) {
                const percent = form.getFieldValue('percent') as number;
                const next = percentForState(changed.completionState, percent);
                if (next !== percent) form.setFieldValue('percent', next);
              }
            }}
          >
            {editing ? (
              <ReportFieldsForm task={task} />
            ) : report ? (
              <ReportReadonly report={report} />
            ) : null}
            <Card title="佐证材料" style={{ marginBottom: 16 }}>
              <EvidenceFiles
                files={report?.evidenceFiles ?? []}
                reportId={report?.id ?? null}
                // The first attachment of a new report saves it as a draft.
                ensureReport={
                  report
                    ? undefined
                    : async () => {
                        try {
                          return (await saveDraft(true))?.id ?? null;
                        } catch (error: unknown) {
                          if (!isValidationError(error))
                            message.error(errorMessage(error, '保存失败'));
                          return null;
                        }
                      }
                }
                editable={editing}
                onChanged={() =>
                  !report && createdId.current ? w.openReport(createdId.current) : w.reload()
                }
              />
              {editing ? (
                <EvidenceUrlsField />
              ) : (
                <EvidenceUrlsList urls={report?.evidenceUrls ?? []} />
              )}
            </Card>
          </Form>
        </Col>
        <Col xs={24} xl={8}>
          <TaskCard task={task} />
          <Card title="流转记录" size="small" style={{ marginBottom: 16 }}>
            <ReportHistory events={report?.history ?? []} saved={!!report} />
          </Card>
        </Col>
      </Row>
      {w.mode !== 'read' ? (
        <div
          className="sunshine-action-bar"
          style={{
            position: 'sticky',
            bottom: 0,
            zIndex: 5,
            marginTop: 'auto',
            marginInline: -20,
            marginBottom: -20,
            padding: '10px 20px',
            background: '#fff',
            borderTop: '1px solid #f0f0f0',
            boxShadow: '0 -2px 8px rgba(0,0,0,0.04)',
          }}
        >
          <Flex justify="space-between" align="center" gap={12}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {editing
                ? dirty
                  ? '有尚未保存的修改'
                  : report
                    ? `草稿已保存于 ${formatDateTime(report.updatedAt)}`
                    : '尚未保存'
                : w.mode === 'review'
                  ? '审核通过后报送上级单位验收；退回须填写原因'
                  : '验收后计入完成情况；退回须填写原因'}
            </Typography.Text>
            <Flex gap={8}>
              {editing ? (
                <>
                  <Button
                    icon={<SaveOutlined />}
                    loading={w.saving}
                    disabled={w.busy && !w.saving}
                    onClick={() => void onSave()}
                  >
                    保存草稿
                  </Button>
                  <Button
                    type="primary"
                    icon={<SendOutlined />}
                    disabled={w.busy}
                    onClick={() => void onSubmit()}
                  >
                    提交审核
                  </Button>
                </>
              ) : (
                <>
                  <Button
                    danger
                    icon={<RollbackOutlined />}
                    disabled={w.busy}
                    onClick={() => setDecision('return')}
                  >
                    退回
                  </Button>
                  <Button
                    type="primary"
                    icon={<CheckOutlined />}
                    disabled={w.busy}
                    onClick={() => setDecision(w.mode === 'review' ? 'approve' : 'accept')}
                  >
                    {w.mode === 'review' ? '审核通过' : '验收通过'}
                  </Button>
                </>
              )}
            </Flex>
          </Flex>
        </div>
      ) : null}
      <DecisionModal
        open={decision !== null}
        title={
          decision === 'approve' ? '审核通过' : decision === 'accept' ? '验收通过' : '退回季度进展'
        }
        okText={decision === 'return' ? '退回' : '确定'}
        danger={decision === 'return'}
        required={decision === 'return'}
        description={
          decision === 'approve'
            ? '审核通过后，该进展将报送上级单位验收。'
            : decision === 'accept'
              ? '验收后，该进展计入完成情况统计。'
              : '退回后，填报单位可修改后重新提交，并会收到退回通知。'
        }
        onOk={decide}
        onCancel={() => setDecision(null)}
      />
    </div>
  );
}

function isValidationError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'errorFields' in error;
}

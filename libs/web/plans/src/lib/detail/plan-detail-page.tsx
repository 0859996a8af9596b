import { useMemo, useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import {
  Alert,
  App,
  Breadcrumb,
  Button,
  Card,
  Flex,
  Input,
  Modal,
  Space,
  Tag,
  Typography,
} from 'antd';
import {
  CloudUploadOutlined,
  DownloadOutlined,
  FileExcelOutlined,
  PlusOutlined,
  SendOutlined,
} from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import {
  AddPlanCategoryDocument,
  DeletePlanTaskDocument,
  downloadFile,
  errorMessage,
  MeDocument,
  PlanDetailDocument,
  PublishPlanDocument,
  SavePlanTaskDocument,
} from '@sunshine/web/graphql';
import {
  EmptyState,
  ErrorState,
  formatCount,
  formatDate,
  LoadingState,
  PageHeader,
} from '@sunshine/web/ui';
import { CHECKLIST_SAMPLE_PATH, CHECKLIST_TEMPLATE_PATH } from '../import/import-model';
import { ImportModal } from '../import/import-modal';
import { useChecklistImport } from '../import/use-checklist-import';
import {
  canExportPlan,
  canManagePlan,
  checklistRows,
  planStatusView,
  type PlanTaskItem,
} from '../plan-model';
import { ChecklistTable } from './checklist-table';
import { TaskDrawer } from './task-drawer';
import { toTaskInput } from './task-form-model';

/** A plan: its checklist by category; for the issuer's administrators import, edit and publish. */
export function PlanDetailPage() {
  const { planId = '' } = useParams();
  const { message, modal } = App.useApp();
  const me = useQuery(MeDocument);
  const { data, loading, error, refetch } = useQuery(PlanDetailDocument, {
    variables: { id: planId },
    fetchPolicy: 'cache-and-network',
  });
  const [saveTask, saveState] = useMutation(SavePlanTaskDocument);
  const [deleteTask] = useMutation(DeletePlanTaskDocument);
  const [publish] = useMutation(PublishPlanDocument, { refetchQueries: ['Plans', 'Worklist'] });
  const [addCategory, addCategoryState] = useMutation(AddPlanCategoryDocument);
  const [importing, setImporting] = useState(false);
  const [editing, setEditing] = useState<{ task: PlanTaskItem | null; categoryId: string } | null>(
    null,
  );
  const [categoryName, setCategoryName] = useState<string | null>(null);
  const checklistImport = useChecklistImport(planId, () => void refetch());

  const plan = data?.plan;
  const user = me.data?.me;
  const rows = useMemo(() => (plan ? checklistRows(plan.categories) : []), [plan]);

  const download = (path: string, name: string) =>
    void downloadFile(path, name).catch((e: unknown) =>
      message.error(e instanceof Error ? e.message : '下载失败'),
    );
  const downloadTemplate = () => download(CHECKLIST_TEMPLATE_PATH, '重点工作任务清单导入模板.xlsx');
  const downloadSample = () => download(CHECKLIST_SAMPLE_PATH, '重点工作任务分工示例.xlsx');

  const breadcrumb = (
    <Breadcrumb
      items={[
        { key: 'plans', title: <Link to="/plans">任务清单</Link> },
        { key: 'plan', title: plan ? `${plan.year}年度` : '计划' },
      ]}
    />
  );

  if (error && !plan)
    return (
      <>
        <PageHeader title="任务清单" breadcrumb={breadcrumb} />
        <ErrorState message={errorMessage(error, '计划加载失败')} onRetry={() => void refetch()} />
      </>
    );
  if (!plan || !user)
    return (
      <>
        <PageHeader title="任务清单" breadcrumb={breadcrumb} />
        {loading ? <LoadingState tip="正在加载任务清单…" /> : <EmptyState title="计划不存在" />}
      </>
    );

  const manage = canManagePlan(plan, user);
  const draft = plan.status === 'DRAFT';
  const published = plan.status === 'PUBLISHED';
  const status = planStatusView(plan.status);
  const hasTasks = plan.stats.tasks > 0;

  const onPublish = () =>
    modal.confirm({
      title: `发布“${plan.title}”？`,
      content: (
        <div>
          <p style={{ margin: '8px 0' }}>
            将把 <Typography.Text strong>{plan.stats.tasks}</Typography.Text> 项任务（
            {plan.stats.categories} 个类别，总分值 {plan.stats.totalWeight}
            ）按适用层级分解到各单位，各单位即可开始按季度填报进展。
          </p>
          <Typography.Text type="secondary">
            发布后不能再整体导入任务清单；修改任务将记为任务调整，并通知承担该任务的单位。
          </Typography.Text>
        </div>
      ),
      okText: '发布',
      cancelText: '取消',
      width: 480,
      onOk: async () => {
        try {
          const { data: r } = await publish({
            variables: { input: { id: plan.id, version: plan.version } },
          });
          await refetch();
          message.success(
            `计划已发布，下达任务分解 ${formatCount(r?.publishPlan.assignmentsCreated ?? 0)} 条`,
          );
        } catch (e: unknown) {
          message.error(errorMessage(e, '发布失败'));
        }
      },
    });

  const extra = (
    <>
      {manage && draft ? (
        <>
          <Button icon={<CloudUploadOutlined />} onClick={() => setImporting(true)}>
            导入任务清单
          </Button>
          <Button
            icon={<PlusOutlined />}
            disabled={plan.categories.length === 0}
            onClick={() => setEditing({ task: null, categoryId: plan.categories[0]?.id ?? '' })}
          >
            新增任务
          </Button>
          <Button type="primary" icon={<SendOutlined />} disabled={!hasTasks} onClick={onPublish}>
            发布计划
          </Button>
        </>
      ) : null}
      {!draft && canExportPlan(user.roles) ? (
        <Button
          icon={<FileExcelOutlined />}
          onClick={() => download(`/files/plans/${plan.id}/export.xlsx`, `${plan.title}.xlsx`)}
        >
          导出 Excel
        </Button>
      ) : null}
    </>
  );

  return (
    <>
      <PageHeader
        title={plan.title}
        breadcrumb={breadcrumb}
        description={
          <Space size={8} wrap>
            <Tag color={status.color} style={{ marginInlineEnd: 0 }}>
              {status.label}
            </Tag>
            <span>
              {plan.stats.categories} 个类别 · {plan.stats.tasks} 项任务 · 总分值{' '}
              {plan.stats.totalWeight}
            </span>
            {!draft ? (
              <span>
                · 已分解 {formatCount(plan.stats.assignments)} 条 · {formatDate(plan.publishedAt)}
                发布
              </span>
            ) : null}
            <span>· 季度结束后第 {plan.dueDaysAfterQuarter} 天截止报送</span>
          </Space>
        }
        extra={extra}
      />
      {manage && published ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="计划已发布：修改任务将记为任务调整，并通知承担该任务的各单位。"
        />
      ) : null}
      {manage && draft && !hasTasks ? (
        <Card>
          <EmptyState
            title="计划中还没有任务"
            description="可直接导入上级印发的任务分工表（Excel），导入前会先显示预览；也可按导入模板整理后导入。"
            action={
              <Flex gap={8} justify="center">
                <Button
                  type="primary"
                  icon={<CloudUploadOutlined />}
                  onClick={() => setImporting(true)}
                >
                  导入任务清单
                </Button>
                <Button icon={<DownloadOutlined />} onClick={downloadTemplate}>
                  下载导入模板
                </Button>
                <Button icon={<DownloadOutlined />} onClick={downloadSample}>
                  下载示例文件
                </Button>
              </Flex>
            }
          />
        </Card>
      ) : (
        <Card
          styles={{ body: { padding: 0 } }}
          title="重点工作任务"
          extra={
            manage && draft ? (
              <Button size="small" icon={<PlusOutlined />} onClick={() => setCategoryName('')}>
                新增类别
              </Button>
            ) : null
          }
        >
          <ChecklistTable
            rows={rows}
            editable={manage && plan.status !== 'CLOSED'}
            deletable={manage && draft}
            onEdit={(task) => setEditing({ task, categoryId: task.categoryId })}
            onDelete={(task) => {
              deleteTask({ variables: { input: { id: task.id } } })
                .then(() => refetch())
                .then(() => message.success(`已删除任务 ${task.number}`))
                .catch((e: unknown) => message.error(errorMessage(e, '删除失败')));
            }}
          />
        </Card>
      )}
      <ImportModal
        open={importing}
        state={checklistImport.state}
        replaces={hasTasks}
        onFile={checklistImport.start}
        onReset={checklistImport.reset}
        onEditMapping={checklistImport.editMapping}
        onMappingChange={checklistImport.setMapping}
        onApplyMapping={checklistImport.applyMapping}
        onConfirm={checklistImport.confirm}
        onClose={() => setImporting(false)}
        onDownloadTemplate={downloadTemplate}
        onDownloadSample={downloadSample}
      />
      <TaskDrawer
        open={editing !== null}
        task={editing?.task ?? null}
        categories={plan.categories}
        defaultCategoryId={editing?.categoryId ?? ''}
        published={published}
        submitting={saveState.loading}
        onClose={() => setEditing(null)}
        onSubmit={async (values) => {
          try {
            await saveTask({
              variables: { input: toTaskInput(values, plan.id, editing?.task ?? null, published) },
            });
            await refetch();
            message.success(published ? '任务已调整，已通知承担该任务的单位' : '任务已保存');
            return true;
          } catch (e: unknown) {
            message.error(errorMessage(e, '保存失败'));
            return false;
          }
        }}
      />
      <Modal
        open={categoryName !== null}
        title="新增类别"
        okText="添加"
        cancelText="取消"
        confirmLoading={addCategoryState.loading}
        okButtonProps={{ disabled: !categoryName?.trim() }}
        onCancel={() => setCategoryName(null)}
        onOk={async () => {
          try {
            await addCategory({
              variables: { input: { planId: plan.id, name: categoryName?.trim() ?? '' } },
            });
            await refetch();
            setCategoryName(null);
          } catch (e: unknown) {
            message.error(errorMessage(e, '添加类别失败'));
          }
        }}
        destroyOnHidden
      >
        <Input
          aria-label="类别名称"
          placeholder="如：政策解读"
          maxLength={100}
          value={categoryName ?? ''}
          onChange={(e) => setCategoryName(e.target.value)}
        />
      </Modal>
    </>
  );
}

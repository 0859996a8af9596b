import {
  Alert,
  Button,
  Flex,
  Modal,
  Result,
  Select,
  Space,
  Steps,
  Table,
  Tabs,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { DownloadOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import { ImportDragger, ImportProblemTable, ImportProgress } from '@sunshine/web/ui';
import {
  FIELD_OPTIONS,
  mappingProblem,
  problemDetail,
  rowWarnings,
  warningSummary,
  type ColumnMapping,
  type DetectedColumn,
  type FieldKey,
  type ImportPreview,
  type PreviewTask,
} from './import-model';
import type { ImportState } from './use-checklist-import';

export interface ImportModalProps {
  open: boolean;
  state: ImportState;
  /** The plan already has tasks, which an import replaces. */
  replaces: boolean;
  onFile: (file: File) => void;
  onReset: () => void;
  onClose: () => void;
  onEditMapping: () => void;
  onMappingChange: (mapping: ColumnMapping) => void;
  onApplyMapping: () => void;
  onConfirm: () => void;
  onDownloadTemplate: () => void;
  onDownloadSample: () => void;
}

const IGNORE = '__ignore__';
const FIELD_SELECT_OPTIONS = [
  { value: IGNORE, label: '不导入' },
  ...FIELD_OPTIONS.map((f) => ({ value: f.value, label: f.label })),
];

function stepOf(state: ImportState): number {
  switch (state.status) {
    case 'idle':
    case 'reading':
    case 'failed':
      return 0;
    case 'mapping':
      return 1;
    case 'preview':
    case 'invalid':
      return 2;
    case 'running':
    case 'done':
      return 3;
  }
}

function basisTag(column: DetectedColumn) {
  if (column.guess === null) return null;
  if (column.basis === 'CONTENT') return <Tag color="orange">按内容推测</Tag>;
  if (column.basis === 'SIMILAR') return <Tag color="gold">按表头推测</Tag>;
  return null;
}

function MappingStep({
  preview,
  mapping,
  onChange,
}: {
  preview: ImportPreview;
  mapping: ColumnMapping;
  onChange: (mapping: ColumnMapping) => void;
}) {
  const layout = preview.layout;
  if (!layout) return null;
  const problem = mappingProblem(mapping);
  return (
    <>
      <Alert
        type="info"
        showIcon
        title="请核对每一列对应的内容"
        description={`表头在第 ${mapping.headerRow} 行。已按表头和内容推测，请逐列确认；只有“工作任务”必须指定，其余没有的内容将按默认值导入，并在下一步的预览中提示。`}
        style={{ marginBottom: 12 }}
      />
      <Table<DetectedColumn>
        rowKey="index"
        size="small"
        pagination={false}
        scroll={{ y: 330 }}
        dataSource={layout.columns}
        columns={[
          { title: '列', dataIndex: 'letter', key: 'letter', width: 48 },
          {
            title: '表头',
            key: 'header',
            width: 150,
            render: (_: unknown, c) =>
              c.header ? c.header : <Typography.Text type="secondary">（无表头）</Typography.Text>,
          },
          {
            title: '示例内容',
            key: 'samples',
            ellipsis: true,
            render: (_: unknown, c) =>
              c.samples.length > 0 ? (
                <Typography.Text type="secondary" ellipsis={{ tooltip: c.samples.join(' / ') }}>
                  {c.samples.join(' / ')}
                </Typography.Text>
              ) : (
                <Typography.Text type="secondary">—</Typography.Text>
              ),
          },
          {
            title: '对应内容',
            key: 'field',
            width: 250,
            render: (_: unknown, c) => {
              const value = mapping.columns[String(c.index)] ?? null;
              const chosen = value ?? IGNORE;
              return (
                <Space size={4}>
                  <Select
                    aria-label={`第 ${c.letter} 列对应内容`}
                    value={chosen}
                    options={FIELD_SELECT_OPTIONS}
                    virtual={false}
                    listHeight={400}
                    style={{ width: 130 }}
                    onChange={(next: string) =>
                      onChange({
                        ...mapping,
                        columns: {
                          ...mapping.columns,
                          [String(c.index)]: next === IGNORE ? null : (next as FieldKey),
                        },
                      })
                    }
                  />
                  {value !== null && value === c.guess ? basisTag(c) : null}
                </Space>
              );
            },
          },
        ]}
      />
      {problem ? <Alert type="warning" showIcon title={problem} style={{ marginTop: 12 }} /> : null}
    </>
  );
}

function PreviewStep({ preview }: { preview: ImportPreview }) {
  const byRow = rowWarnings(preview.warnings);
  const summary = warningSummary(preview.warnings);
  const fileWarnings = preview.warnings.filter((w) => w.row <= 0);
  if (!preview.ok) {
    return (
      <>
        <Alert
          type="error"
          showIcon
          title={`文件中有 ${preview.errors.length} 处问题，无法导入`}
          description="请按下表修改 Excel 文件后重新选择；如果是列的对应关系不对，可点击“调整列对应”。"
          style={{ marginBottom: 12 }}
        />
        <ImportProblemTable problems={preview.errors} />
      </>
    );
  }
  const taskColumns = [
    { title: '序号', dataIndex: 'number', key: 'number', width: 64 },
    {
      title: '类别',
      dataIndex: 'category',
      key: 'category',
      width: 140,
      ellipsis: { showTitle: true },
    },
    {
      title: '工作任务',
      key: 'title',
      ellipsis: true,
      render: (_: unknown, t: PreviewTask) => (
        <Typography.Text ellipsis={{ tooltip: t.description || t.title }}>
          {t.title}
        </Typography.Text>
      ),
    },
    {
      title: '牵头单位',
      key: 'lead',
      width: 150,
      ellipsis: true,
      render: (_: unknown, t: PreviewTask) =>
        t.lead.length > 0 ? (
          <Typography.Text ellipsis={{ tooltip: t.lead.join('、') }}>
            {t.lead.join('、')}
          </Typography.Text>
        ) : (
          <Typography.Text type="warning">未注明</Typography.Text>
        ),
    },
    { title: '完成时限', dataIndex: 'deadline', key: 'deadline', width: 140, ellipsis: true },
    {
      title: '提示',
      key: 'warnings',
      width: 64,
      render: (_: unknown, t: PreviewTask) => {
        const list = byRow.get(t.row);
        if (!list) return null;
        return (
          <Tooltip
            title={
              <div>
                {list.map((text) => (
                  <div key={text}>{text}</div>
                ))}
              </div>
            }
          >
            <Tag color="orange" icon={<ExclamationCircleOutlined />} style={{ marginInlineEnd: 0 }}>
              {list.length}
            </Tag>
          </Tooltip>
        );
      },
    },
  ];
  return (
    <>
      <Alert
        type={preview.warnings.length > 0 ? 'warning' : 'success'}
        showIcon
        title={`将导入 ${preview.categories.length} 个类别、${preview.taskCount} 项任务${
          preview.warnings.length > 0 ? `，其中 ${preview.warnings.length} 条提示请核对` : ''
        }`}
        description={
          <>
            <div>
              {preview.warnings.length > 0
                ? '提示是系统识别或补全的内容，不影响导入，导入后可在清单中逐项修改。'
                : null}
              点击“确认导入”后才会写入。
            </div>
            {summary.length > 0 ? (
              <Flex wrap gap={6} style={{ marginTop: 6 }}>
                {summary.map((s) => (
                  <Tag key={s.code} color="orange" style={{ marginInlineEnd: 0 }}>
                    {s.label} {s.count}
                  </Tag>
                ))}
              </Flex>
            ) : null}
          </>
        }
        style={{ marginBottom: 8 }}
      />
      <Tabs
        size="small"
        items={[
          {
            key: 'tasks',
            label: `任务（${preview.taskCount}）`,
            children: (
              <Table<PreviewTask>
                rowKey="row"
                size="small"
                dataSource={preview.tasks}
                columns={taskColumns}
                pagination={
                  preview.tasks.length > 6
                    ? { pageSize: 6, size: 'small', showSizeChanger: false }
                    : false
                }
              />
            ),
          },
          {
            key: 'categories',
            label: `类别（${preview.categories.length}）`,
            children: (
              <Table
                rowKey="name"
                size="small"
                pagination={false}
                scroll={{ y: 260 }}
                dataSource={preview.categories.map((c, i) => ({ ...c, order: i + 1 }))}
                columns={[
                  { title: '序号', dataIndex: 'order', key: 'order', width: 64 },
                  { title: '类别', dataIndex: 'name', key: 'name' },
                  { title: '任务数', dataIndex: 'tasks', key: 'tasks', width: 96 },
                ]}
              />
            ),
          },
          {
            key: 'warnings',
            label: `提示（${preview.warnings.length}）`,
            disabled: preview.warnings.length === 0,
            children: (
              <>
                {fileWarnings.length > 0 ? (
                  <ul style={{ margin: '0 0 8px', paddingInlineStart: 20 }}>
                    {fileWarnings.map((w) => (
                      <li key={w.message}>
                        <Typography.Text>{problemDetail(w.message)}</Typography.Text>
                      </li>
                    ))}
                  </ul>
                ) : null}
                <ImportProblemTable
                  problems={preview.warnings.filter((w) => w.row > 0)}
                  pageSize={5}
                />
              </>
            ),
          },
        ]}
      />
    </>
  );
}

/**
 * 导入任务清单: choose an .xlsx → check the columns (when a header was not recognised) → preview
 * the categories and tasks with every warning → import, all or nothing.
 */
export function ImportModal({
  open,
  state,
  replaces,
  onFile,
  onReset,
  onClose,
  onEditMapping,
  onMappingChange,
  onApplyMapping,
  onConfirm,
  onDownloadTemplate,
  onDownloadSample,
}: ImportModalProps) {
  const busy = state.status === 'running' || state.status === 'reading';
  const dragger = (
    <ImportDragger
      disabled={busy}
      onFile={onFile}
      text="点击或拖拽任务清单 Excel 文件（.xlsx）到此处"
      hint="可直接使用上级印发的任务分工表，无需按模板重新整理；导入前会先显示预览，确认后才写入"
    />
  );

  let body;
  switch (state.status) {
    case 'idle':
      body = dragger;
      break;
    case 'reading':
    case 'running':
      body = (
        <ImportProgress
          fileName={state.fileName}
          percent={state.percent}
          text={state.text}
          label={state.status === 'reading' ? '识别进度' : '导入进度'}
        />
      );
      break;
    case 'mapping':
      body = (
        <MappingStep preview={state.preview} mapping={state.mapping} onChange={onMappingChange} />
      );
      break;
    case 'preview':
      body = <PreviewStep preview={state.preview} />;
      break;
    case 'done':
      body = (
        <Result
          status="success"
          title="任务清单已导入"
          subTitle={`已从“${state.fileName}”导入 ${state.categories} 个类别、${state.tasks} 项任务${
            state.warnings > 0 ? `（${state.warnings} 条提示）` : ''
          }。请核对后发布。`}
          extra={
            <Button type="primary" onClick={onClose}>
              完成
            </Button>
          }
        />
      );
      break;
    case 'invalid':
      body = (
        <>
          <Alert
            type="error"
            showIcon
            title={`“${state.fileName}”中有 ${state.problems.length} 处问题，未导入任何内容`}
            description="请按下表逐项修改 Excel 文件后重新上传。"
            style={{ marginBottom: 12 }}
          />
          <ImportProblemTable problems={state.problems} pageSize={10} />
        </>
      );
      break;
    case 'failed':
      body = (
        <>
          <Alert
            type="error"
            showIcon
            title="导入失败"
            description={state.message}
            style={{ marginBottom: 12 }}
          />
          {dragger}
        </>
      );
      break;
  }

  const fileStep = state.status === 'idle' || state.status === 'failed';
  const mappingBlocked = state.status === 'mapping' && mappingProblem(state.mapping) !== null;
  const wide = state.status === 'mapping' || state.status === 'preview';

  return (
    <Modal
      open={open}
      title="导入任务清单"
      width={wide ? 1000 : 760}
      style={{ top: 40 }}
      // Header, steps and footer stay in view on a 768-pixel screen; the step's content scrolls.
      styles={{
        body: { maxHeight: 'calc(100vh - 170px)', overflowY: 'auto', overflowX: 'hidden' },
      }}
      onCancel={busy ? undefined : onClose}
      closable={!busy}
      mask={{ closable: !busy }}
      footer={
        <Flex justify="space-between" align="center">
          {fileStep ? (
            <Flex gap={8}>
              <Button icon={<DownloadOutlined />} onClick={onDownloadTemplate}>
                下载导入模板
              </Button>
              <Button icon={<DownloadOutlined />} onClick={onDownloadSample}>
                下载示例文件
              </Button>
            </Flex>
          ) : state.status === 'mapping' ||
            state.status === 'preview' ||
            state.status === 'invalid' ? (
            <Flex gap={8}>
              <Button onClick={onReset}>重新选择文件</Button>
              {state.status === 'preview' && state.preview.layout ? (
                <Button onClick={onEditMapping}>调整列对应</Button>
              ) : null}
            </Flex>
          ) : (
            <span />
          )}
          <Flex gap={8}>
            {state.status !== 'done' ? (
              <Button onClick={onClose} disabled={busy}>
                {state.status === 'mapping' || state.status === 'preview' ? '取消' : '关闭'}
              </Button>
            ) : null}
            {state.status === 'mapping' ? (
              <Button type="primary" disabled={mappingBlocked} onClick={onApplyMapping}>
                下一步：预览
              </Button>
            ) : null}
            {state.status === 'preview' ? (
              <Button type="primary" disabled={!state.preview.ok} onClick={onConfirm}>
                确认导入
              </Button>
            ) : null}
          </Flex>
        </Flex>
      }
      destroyOnHidden
      afterClose={onReset}
    >
      <Steps
        size="small"
        current={stepOf(state)}
        style={{ marginBottom: 16 }}
        items={[{ title: '选择文件' }, { title: '核对列' }, { title: '预览' }, { title: '导入' }]}
      />
      {replaces && (fileStep || state.status === 'preview') ? (
        <Alert
          type="warning"
          showIcon
          title="导入将替换计划中现有的全部类别和任务"
          style={{ marginBottom: 12 }}
        />
      ) : null}
      {body}
    </Modal>
  );
}

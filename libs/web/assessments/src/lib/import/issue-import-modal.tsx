import {
  Alert,
  Button,
  Descriptions,
  Flex,
  Modal,
  Result,
  Select,
  Steps,
  Switch,
  Table,
  Tabs,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { formatDay, ImportDragger, ImportProblemTable, ImportProgress } from '@sunshine/web/ui';
import {
  importBlocker,
  layoutLabel,
  openQuestions,
  type ImportChoices,
  type IssuePreview,
  type PreviewIssue,
  type SplitRow,
  type UnitQuestion,
} from './issue-import-model';
import type { IssueImportState } from './use-issue-import';

export interface IssueImportModalProps {
  open: boolean;
  roundTitle: string;
  state: IssueImportState;
  onFile: (file: File) => void;
  onChooseUnit: (text: string, id: string | null) => void;
  onKeepWhole: (row: { sheet: string; row: number }, whole: boolean) => void;
  onApply: () => void;
  onConfirm: () => void;
  onReset: () => void;
  onClose: () => void;
  onDownloadTemplate: () => void;
  onDownloadSample: () => void;
}

function stepOf(state: IssueImportState): number {
  switch (state.status) {
    case 'idle':
    case 'reading':
    case 'failed':
      return 0;
    case 'preview':
    case 'invalid':
      return 1;
    default:
      return 2;
  }
}

function Questions({
  questions,
  choices,
  onChoose,
}: {
  questions: UnitQuestion[];
  choices: ImportChoices;
  onChoose: (text: string, id: string | null) => void;
}) {
  return (
    <Table<UnitQuestion>
      rowKey="text"
      size="small"
      pagination={false}
      dataSource={questions}
      columns={[
        {
          title: '文件中的写法',
          key: 'text',
          width: 170,
          render: (_: unknown, q) => <Typography.Text strong>{q.text}</Typography.Text>,
        },
        {
          title: '出现位置',
          key: 'places',
          render: (_: unknown, q) => (
            <Typography.Text type="secondary">
              {q.places.join('、')}
              {q.rows > q.places.length ? ` 等 ${q.rows} 处` : ''}
            </Typography.Text>
          ),
        },
        {
          title: '对应单位',
          key: 'choice',
          width: 300,
          render: (_: unknown, q) => (
            <Select
              aria-label={`“${q.text}”对应的单位`}
              placeholder={q.code === 'UNIT_UNKNOWN' ? '选择最接近的单位' : '请选择所属单位'}
              style={{ width: 280 }}
              allowClear
              status={choices.units[q.text] ? undefined : 'warning'}
              value={choices.units[q.text] ?? null}
              onChange={(v: string | undefined) => onChoose(q.text, v ?? null)}
              options={q.candidates.map((c) => ({
                value: c.id,
                label: c.parentName ? `${c.name}（${c.parentName}）` : c.name,
              }))}
            />
          ),
        },
      ]}
    />
  );
}

function SplitRows({
  rows,
  choices,
  onKeepWhole,
}: {
  rows: SplitRow[];
  choices: ImportChoices;
  onKeepWhole: (row: { sheet: string; row: number }, whole: boolean) => void;
}) {
  const whole = (r: SplitRow): boolean =>
    choices.keepWhole.some((k) => k.sheet === r.sheet && k.row === r.row);
  return (
    <Table<SplitRow>
      rowKey={(r) => `${r.sheet}/${r.row}`}
      size="small"
      dataSource={rows}
      pagination={rows.length > 4 ? { pageSize: 4, size: 'small', showSizeChanger: false } : false}
      columns={[
        { title: '行', key: 'row', width: 70, render: (_: unknown, r) => `第 ${r.row} 行` },
        { title: '单位', dataIndex: 'unitName', key: 'unit', width: 130, ellipsis: true },
        {
          title: '拆分结果',
          key: 'parts',
          render: (_: unknown, r) => (
            <ol style={{ margin: 0, paddingInlineStart: 18 }}>
              {r.parts.map((p, i) => (
                <li key={i}>
                  <Typography.Text delete={whole(r)}>{p}</Typography.Text>
                </li>
              ))}
            </ol>
          ),
        },
        {
          title: '拆分',
          key: 'split',
          width: 88,
          render: (_: unknown, r) => (
            <Switch
              aria-label={`第 ${r.row} 行拆分为多个问题`}
              checked={!whole(r)}
              checkedChildren="拆分"
              unCheckedChildren="不拆"
              onChange={(on) => onKeepWhole(r, !on)}
            />
          ),
        },
      ]}
    />
  );
}

function PreviewStep({
  preview,
  choices,
  applied,
  onChooseUnit,
  onKeepWhole,
}: {
  preview: IssuePreview;
  choices: ImportChoices;
  applied: ImportChoices;
  onChooseUnit: (text: string, id: string | null) => void;
  onKeepWhole: (row: { sheet: string; row: number }, whole: boolean) => void;
}) {
  const s = preview.summary;
  const open = openQuestions(preview, choices);
  const blocker = importBlocker(preview, choices, applied);
  const multiSheet = preview.sheets > 1;
  const items = [
    {
      key: 'summary',
      label: '概况',
      children: (
        <>
          <Descriptions
            size="small"
            column={3}
            bordered
            style={{ marginBottom: 12 }}
            items={[
              {
                key: 'layout',
                label: '文件格式',
                children: layoutLabel(preview.layout, preview.sheets),
                span: 3,
              },
              { key: 'issues', label: '问题', children: `${s.issues} 个` },
              { key: 'units', label: '单位', children: `${s.byUnit.length} 个` },
              { key: 'points', label: '扣分合计', children: `${s.pointsTotal} 分` },
              {
                key: 'split',
                label: '拆分',
                children: `${s.splitRows} 行拆为 ${s.splitIssues} 个问题`,
              },
              { key: 'none', label: '无问题的行', children: `${s.noProblemRows} 行` },
              { key: 'ind', label: '对应到指标', children: `${s.indicatorMatched} 个问题` },
            ]}
          />
          <Table
            rowKey="unitId"
            size="small"
            dataSource={s.byUnit}
            pagination={
              s.byUnit.length > 5 ? { pageSize: 5, size: 'small', showSizeChanger: false } : false
            }
            columns={[
              { title: '单位', dataIndex: 'unitName', key: 'unit' },
              { title: '问题数', dataIndex: 'issues', key: 'issues', width: 100, align: 'right' },
              { title: '扣分', dataIndex: 'points', key: 'points', width: 100, align: 'right' },
            ]}
          />
        </>
      ),
    },
    ...(preview.questions.length > 0
      ? [
          {
            key: 'units',
            label: (
              <span>
                单位确认{' '}
                <Tag color={open.length > 0 ? 'red' : 'green'}>
                  {open.length > 0 ? `待选 ${open.length}` : '已选'}
                </Tag>
              </span>
            ),
            children: (
              <>
                <Alert
                  type="warning"
                  showIcon
                  title="以下单位名称可能指多个单位（如不同市的同名县区），或无法识别，请逐一选择"
                  description="选择后点击“应用选择并重新预览”。"
                  style={{ marginBottom: 8 }}
                />
                <Questions
                  questions={preview.questions}
                  choices={choices}
                  onChoose={onChooseUnit}
                />
              </>
            ),
          },
        ]
      : []),
    ...(preview.splitRows.length > 0
      ? [
          {
            key: 'split',
            label: `拆分确认（${preview.splitRows.length} 行）`,
            children: (
              <SplitRows rows={preview.splitRows} choices={choices} onKeepWhole={onKeepWhole} />
            ),
          },
        ]
      : []),
    {
      key: 'issues',
      label: `问题（${s.issues}）`,
      children: (
        <Table<PreviewIssue>
          rowKey={(i) => `${i.sheet}/${i.row}/${i.part}`}
          size="small"
          dataSource={preview.issues}
          pagination={{ pageSize: 6, size: 'small', showSizeChanger: false }}
          columns={[
            { title: '行', key: 'row', width: 64, render: (_: unknown, i) => i.row },
            { title: '单位', dataIndex: 'unitName', key: 'unit', width: 130, ellipsis: true },
            { title: '问题类型', dataIndex: 'typeLabel', key: 'type', width: 150, ellipsis: true },
            {
              title: '问题描述',
              key: 'description',
              ellipsis: true,
              render: (_: unknown, i) => (
                <Typography.Text
                  ellipsis={{
                    tooltip: `${i.indicator ? `【${i.indicator}】` : ''}${i.description}`,
                  }}
                >
                  {i.partCount > 1 ? (
                    <Tag color="blue">
                      拆分 {i.part}/{i.partCount}
                    </Tag>
                  ) : null}
                  {i.description}
                </Typography.Text>
              ),
            },
            {
              title: '扣分',
              key: 'points',
              width: 56,
              align: 'right',
              render: (_: unknown, i) => i.points ?? '—',
            },
            {
              title: '整改期限',
              key: 'deadline',
              width: 128,
              render: (_: unknown, i) => formatDay(i.deadline),
            },
          ]}
        />
      ),
    },
    ...(preview.errors.length > 0
      ? [
          {
            key: 'errors',
            label: <Typography.Text type="danger">错误（{preview.errors.length}）</Typography.Text>,
            children: (
              <ImportProblemTable problems={preview.errors} pageSize={6} showSheet={multiSheet} />
            ),
          },
        ]
      : []),
    {
      key: 'warnings',
      label: `提示（${preview.warnings.length}）`,
      disabled: preview.warnings.length === 0,
      children: (
        <ImportProblemTable problems={preview.warnings} pageSize={6} showSheet={multiSheet} />
      ),
    },
  ];
  return (
    <>
      <Alert
        type={blocker ? (preview.ok ? 'warning' : 'error') : 'success'}
        showIcon
        title={
          preview.ok
            ? `将导入 ${s.byUnit.length} 个单位的 ${s.issues} 个问题`
            : `文件中有 ${preview.errors.length} 处错误${open.length > 0 ? `，其中 ${open.length} 个单位名称需要选择` : ''}，暂不能导入`
        }
        description={
          blocker ??
          '请核对拆分结果和问题类型，点击“确认导入”后才会写入；导入为整体操作，要么全部成功，要么不写入任何内容。'
        }
        style={{ marginBottom: 8 }}
      />
      <Tabs
        size="small"
        defaultActiveKey={
          open.length > 0 ? 'units' : preview.errors.length > 0 ? 'errors' : 'summary'
        }
        items={items}
      />
    </>
  );
}

/** 导入问题清单: choose the assessor's .xlsx → preview (names, split cells, errors) → import. */
export function IssueImportModal(props: IssueImportModalProps) {
  const { state } = props;
  const busy = state.status === 'reading' || state.status === 'running';
  const dragger = (
    <ImportDragger
      disabled={busy}
      onFile={props.onFile}
      text="点击或拖拽测评机构提供的问题清单（.xlsx）到此处"
      hint="支持“一个单位一个工作表”和“一个工作表含被评估单位列”两种格式；导入前先预览，确认后才写入"
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
    case 'preview':
      body = (
        <PreviewStep
          preview={state.preview}
          choices={state.choices}
          applied={state.applied}
          onChooseUnit={props.onChooseUnit}
          onKeepWhole={props.onKeepWhole}
        />
      );
      break;
    case 'done':
      body = (
        <Result
          status="success"
          title="问题清单已导入"
          subTitle={`已从“${state.fileName}”导入 ${state.bureaus} 个单位的 ${state.imported} 个问题。`}
          extra={
            <Button type="primary" onClick={props.onClose}>
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
            description="请按下表修改后重新选择文件。"
            style={{ marginBottom: 12 }}
          />
          <ImportProblemTable problems={state.problems} pageSize={8} showSheet />
        </>
      );
      break;
    case 'failed':
      body = (
        <>
          <Alert
            type="error"
            showIcon
            title="无法导入"
            description={state.message}
            style={{ marginBottom: 12 }}
          />
          {dragger}
        </>
      );
      break;
  }
  const fileStep = state.status === 'idle' || state.status === 'failed';
  const changed =
    state.status === 'preview' && JSON.stringify(state.choices) !== JSON.stringify(state.applied);
  const blocker =
    state.status === 'preview' ? importBlocker(state.preview, state.choices, state.applied) : null;
  return (
    <Modal
      open={props.open}
      title={`导入问题清单 · ${props.roundTitle}`}
      width={state.status === 'preview' ? 1060 : 760}
      style={{ top: 32 }}
      styles={{
        body: { maxHeight: 'calc(100vh - 170px)', overflowY: 'auto', overflowX: 'hidden' },
      }}
      onCancel={busy ? undefined : props.onClose}
      closable={!busy}
      mask={{ closable: !busy }}
      destroyOnHidden
      afterClose={props.onReset}
      footer={
        <Flex justify="space-between" align="center">
          {fileStep ? (
            <Flex gap={8}>
              <Button icon={<DownloadOutlined />} onClick={props.onDownloadTemplate}>
                下载导入模板
              </Button>
              <Button icon={<DownloadOutlined />} onClick={props.onDownloadSample}>
                下载示例文件
              </Button>
            </Flex>
          ) : state.status === 'preview' || state.status === 'invalid' ? (
            <Button onClick={props.onReset}>重新选择文件</Button>
          ) : (
            <span />
          )}
          <Flex gap={8}>
            {state.status !== 'done' ? (
              <Button onClick={props.onClose} disabled={busy}>
                {state.status === 'preview' ? '取消' : '关闭'}
              </Button>
            ) : null}
            {state.status === 'preview' && changed ? (
              <Button onClick={props.onApply}>应用选择并重新预览</Button>
            ) : null}
            {state.status === 'preview' ? (
              <Tooltip title={blocker}>
                <Button type="primary" disabled={blocker !== null} onClick={props.onConfirm}>
                  确认导入
                </Button>
              </Tooltip>
            ) : null}
          </Flex>
        </Flex>
      }
    >
      <Steps
        size="small"
        current={stepOf(state)}
        style={{ marginBottom: 16 }}
        items={[{ title: '选择文件' }, { title: '预览与确认' }, { title: '导入' }]}
      />
      {body}
    </Modal>
  );
}

import { Alert, Button, Flex, Modal, Progress, Result, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, FileExcelOutlined } from '@ant-design/icons';
import { problemRows, type ProblemRow } from './import-model';
import type { ImportState } from './use-checklist-import';

export interface ImportModalProps {
  open: boolean;
  state: ImportState;
  /** The plan already has tasks, which an import replaces. */
  replaces: boolean;
  onFile: (file: File) => void;
  onReset: () => void;
  onClose: () => void;
  onDownloadTemplate: () => void;
  onDownloadSample: () => void;
}

/** 导入任务清单: drop an .xlsx, follow the progress, see every problem or the result. */
export function ImportModal({
  open,
  state,
  replaces,
  onFile,
  onReset,
  onClose,
  onDownloadTemplate,
  onDownloadSample,
}: ImportModalProps) {
  const running = state.status === 'running';
  const dragger = (
    <Upload.Dragger
      accept=".xlsx"
      multiple={false}
      showUploadList={false}
      disabled={running}
      customRequest={({ file }) => {
        if (file instanceof File) onFile(file);
      }}
    >
      <p style={{ fontSize: 36, color: '#237804', margin: '4px 0' }}>
        <FileExcelOutlined aria-hidden />
      </p>
      <p style={{ margin: 0 }}>点击或拖拽任务清单 Excel 文件（.xlsx）到此处</p>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        按导入模板填写；校验全部通过才会导入，有任何问题都不会写入
      </Typography.Text>
    </Upload.Dragger>
  );

  let body;
  switch (state.status) {
    case 'idle':
      body = dragger;
      break;
    case 'running':
      body = (
        <div style={{ padding: '24px 8px' }}>
          <Typography.Text>
            <FileExcelOutlined style={{ color: '#237804' }} /> {state.fileName}
          </Typography.Text>
          <Progress
            percent={state.percent}
            status="active"
            style={{ marginTop: 12 }}
            aria-label="导入进度"
          />
          <Typography.Text type="secondary">{state.text}</Typography.Text>
        </div>
      );
      break;
    case 'done':
      body = (
        <Result
          status="success"
          title="任务清单已导入"
          subTitle={`已从“${state.fileName}”导入 ${state.categories} 个类别、${state.tasks} 项任务。请核对后发布。`}
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
          <Table<ProblemRow>
            rowKey="key"
            size="small"
            dataSource={problemRows(state.problems)}
            pagination={
              state.problems.length > 10
                ? { pageSize: 10, size: 'small', showSizeChanger: false }
                : false
            }
            columns={[
              { title: '行', dataIndex: 'row', key: 'row', width: 96 },
              { title: '列', dataIndex: 'column', key: 'column', width: 120 },
              { title: '问题', dataIndex: 'message', key: 'message' },
            ]}
          />
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

  return (
    <Modal
      open={open}
      title="导入任务清单"
      width={760}
      onCancel={running ? undefined : onClose}
      closable={!running}
      mask={{ closable: !running }}
      footer={
        <Flex justify="space-between" align="center">
          {state.status === 'done' ? (
            <span />
          ) : (
            <Flex gap={8}>
              <Button icon={<DownloadOutlined />} onClick={onDownloadTemplate}>
                下载导入模板
              </Button>
              <Button icon={<DownloadOutlined />} onClick={onDownloadSample}>
                下载示例文件
              </Button>
            </Flex>
          )}
          <Flex gap={8}>
            {state.status === 'invalid' ? (
              <Button type="primary" onClick={onReset}>
                重新上传
              </Button>
            ) : null}
            {state.status !== 'done' ? (
              <Button onClick={onClose} disabled={running}>
                关闭
              </Button>
            ) : null}
          </Flex>
        </Flex>
      }
      destroyOnHidden
      afterClose={onReset}
    >
      {replaces && (state.status === 'idle' || state.status === 'failed') ? (
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

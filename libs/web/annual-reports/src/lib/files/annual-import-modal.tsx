import { useState } from 'react';
import { Alert, App, Button, List, Modal, Space, Tag, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import {
  authorizedFetch,
  downloadFile,
  errorMessage,
  fileRequestFailure,
} from '@sunshine/web/graphql';

/** The answer of `POST /files/annual-reports/:year/:organizationId/import[/preview]`. */
export interface AnnualImportPreview {
  ok: boolean;
  problems: Array<{
    severity: 'ERROR' | 'WARNING';
    code: string;
    address: string;
    message: string;
  }>;
  checks: Array<{ rule: string; message: string; severity: string }>;
  counts: {
    cells: number;
    nonZero: number;
    errors: number;
    warnings: number;
    failingRules: number;
  };
  version?: number;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * 从 Excel 导入: the file is previewed (nothing written) with every unreadable cell and the
 * identity checks; only a readable file can be imported, all at once, into the draft's tables.
 */
export function AnnualImportModal({
  open,
  year,
  organizationId,
  version,
  onClose,
  onImported,
}: {
  open: boolean;
  year: number;
  organizationId: string;
  version: number;
  onClose: () => void;
  onImported: () => void;
}) {
  const { message } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<AnnualImportPreview | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const send = async (path: string, f: File): Promise<AnnualImportPreview> => {
    const response = await authorizedFetch(
      `/files/annual-reports/${year}/${organizationId}/${path}`,
      {
        method: 'POST',
        body: f,
        headers: {
          'content-type': XLSX,
          'x-file-name': encodeURIComponent(f.name),
          'x-report-version': String(version),
        },
      },
    );
    if (!response.ok) throw await fileRequestFailure(response);
    return (await response.json()) as AnnualImportPreview;
  };
  const run = async (path: 'import/preview' | 'import', f: File) => {
    setBusy(true);
    setFailure(null);
    try {
      const p = await send(path, f);
      setPreview(p);
      if (path === 'import' && p.ok) {
        message.success(`已导入 ${p.counts.cells} 个单元格（非零 ${p.counts.nonZero} 个）`);
        onImported();
        close();
      }
    } catch (e) {
      setFailure(errorMessage(e));
      setPreview(null);
    } finally {
      setBusy(false);
    }
  };
  const close = () => {
    setFile(null);
    setPreview(null);
    setFailure(null);
    onClose();
  };
  const errors = preview?.problems.filter((p) => p.severity === 'ERROR') ?? [];
  const warnings = preview?.problems.filter((p) => p.severity === 'WARNING') ?? [];
  const failing = preview?.checks.filter((c) => c.severity === 'ERROR') ?? [];
  return (
    <Modal
      title="从 Excel 导入表格"
      open={open}
      width={720}
      onCancel={close}
      footer={[
        <Button
          key="template"
          onClick={() =>
            downloadFile(
              '/files/annual-reports/template.xlsx',
              '政府信息公开工作年度报告表格模板.xlsx',
            ).catch((e: unknown) => message.error(errorMessage(e)))
          }
        >
          下载模板
        </Button>,
        <Button key="cancel" onClick={close}>
          取消
        </Button>,
        <Button
          key="import"
          type="primary"
          loading={busy}
          disabled={!file || !preview?.ok}
          onClick={() => file && void run('import', file)}
        >
          导入
        </Button>,
      ]}
    >
      <Typography.Paragraph type="secondary">
        按国家模板（表二、表三、表四，合并表头）填写的 Excel
        文件，导入后替换本报告草稿的全部表格数字，正文不变；有无法识别的单元格时不导入。
      </Typography.Paragraph>
      <Upload.Dragger
        accept=".xlsx"
        maxCount={1}
        showUploadList={file ? { showRemoveIcon: false } : false}
        fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []}
        beforeUpload={(f) => {
          setFile(f);
          void run('import/preview', f);
          return false;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">点击或拖入 .xlsx 文件（不超过 10 MB）</p>
      </Upload.Dragger>
      {failure ? <Alert style={{ marginTop: 12 }} type="error" showIcon message={failure} /> : null}
      {preview ? (
        <Space direction="vertical" style={{ width: '100%', marginTop: 12 }}>
          <Alert
            type={preview.ok ? (failing.length ? 'warning' : 'success') : 'error'}
            showIcon
            message={
              preview.ok
                ? `读取 ${preview.counts.cells} 个单元格，其中非零 ${preview.counts.nonZero} 个${
                    failing.length
                      ? `；勾稽关系有 ${failing.length} 处不平，导入后请在表格中修正`
                      : '；勾稽关系全部平衡'
                  }`
                : `有 ${errors.length} 处无法导入，请修改文件后重新选择`
            }
          />
          {[...errors, ...warnings].length > 0 ? (
            <List
              size="small"
              bordered
              style={{ maxHeight: 220, overflow: 'auto' }}
              dataSource={[...errors, ...warnings]}
              renderItem={(p) => (
                <List.Item>
                  <Tag color={p.severity === 'ERROR' ? 'error' : 'warning'}>
                    {p.severity === 'ERROR' ? '错误' : '提示'}
                  </Tag>
                  {p.message}
                </List.Item>
              )}
            />
          ) : null}
          {failing.length > 0 ? (
            <List
              size="small"
              bordered
              header="勾稽关系"
              style={{ maxHeight: 160, overflow: 'auto' }}
              dataSource={failing}
              renderItem={(c) => <List.Item>{c.message}</List.Item>}
            />
          ) : null}
        </Space>
      ) : null}
    </Modal>
  );
}

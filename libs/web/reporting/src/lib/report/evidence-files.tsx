import { useRef, useState } from 'react';
import { App, Flex, Progress, Typography, Upload } from 'antd';
import { CloseCircleOutlined, InboxOutlined } from '@ant-design/icons';
import {
  authorizedFetch,
  downloadFile,
  fileRequestFailure,
  uploadFile,
  type ReportFieldsFragment,
} from '@sunshine/web/graphql';
import { formatFileSize } from '@sunshine/web/ui';
import { EvidenceFileList } from '@sunshine/web/reporting-ui';
import { EVIDENCE_ACCEPT, evidenceFileProblem } from './report-form-model';

type EvidenceFile = ReportFieldsFragment['evidenceFiles'][number];

interface Pending {
  uid: string;
  name: string;
  size: number;
  percent: number;
  error?: string;
}

export interface EvidenceFilesProps {
  files: readonly EvidenceFile[];
  /** The draft to upload to; null while the report has not been saved yet. */
  reportId: string | null;
  /**
   * Saves the new report as a draft (the first attachment creates it) and answers its id; null
   * when it cannot be saved yet. Without it, a new report asks to be saved first.
   */
  ensureReport?: () => Promise<string | null>;
  editable: boolean;
  /** Called after an upload or delete (the report's version and files changed). */
  onChanged: () => Promise<void> | void;
}

/** Evidence files: list with download; while a draft, upload (with progress) and delete. */
export function EvidenceFiles({
  files,
  reportId,
  ensureReport,
  editable,
  onChanged,
}: EvidenceFilesProps) {
  const { message } = App.useApp();
  const [pending, setPending] = useState<Pending[]>([]);
  const [busyId, setBusyId] = useState<string | null>(null);
  // Several files dropped at once on a new report create one draft, not several.
  const creating = useRef<Promise<string | null> | null>(null);
  const canUpload = Boolean(reportId || ensureReport);

  const targetReport = async (): Promise<string | null> => {
    if (reportId) return reportId;
    if (!ensureReport) return null;
    creating.current ??= ensureReport().finally(() => {
      creating.current = null;
    });
    return creating.current;
  };

  const patch = (uid: string, change: Partial<Pending>) =>
    setPending((list) => list.map((p) => (p.uid === uid ? { ...p, ...change } : p)));

  const upload = async (file: File, uid: string) => {
    if (!canUpload) return;
    const problem = evidenceFileProblem(file);
    setPending((list) => [
      ...list,
      { uid, name: file.name, size: file.size, percent: 0, error: problem ?? undefined },
    ]);
    if (problem) return;
    try {
      const target = await targetReport().catch(() => null);
      if (!target) {
        patch(uid, { error: '草稿未能保存，请检查表单后重试' });
        return;
      }
      await uploadFile(`/files/reports/${target}/evidence`, file, {
        onProgress: (percent) => patch(uid, { percent }),
      });
      setPending((list) => list.filter((p) => p.uid !== uid));
      message.success(`已上传“${file.name}”`);
      await onChanged();
    } catch (error: unknown) {
      patch(uid, { error: error instanceof Error && error.message ? error.message : '上传失败' });
    }
  };

  return (
    <div>
      {files.length > 0 ? (
        <EvidenceFileList
          files={files}
          busyId={busyId}
          onDownload={(f) => {
            setBusyId(f.id);
            downloadFile(f.downloadPath, f.fileName)
              .catch((e: unknown) => message.error(e instanceof Error ? e.message : '下载失败'))
              .finally(() => setBusyId(null));
          }}
          onDelete={
            editable
              ? (f) => {
                  setBusyId(f.id);
                  authorizedFetch(`/files/evidence/${f.id}`, { method: 'DELETE' })
                    .then(async (res) => {
                      if (!res.ok) throw await fileRequestFailure(res);
                      message.success(`已删除“${f.fileName}”`);
                      await onChanged();
                    })
                    .catch((e: unknown) =>
                      message.error(e instanceof Error ? e.message : '删除失败'),
                    )
                    .finally(() => setBusyId(null));
                }
              : undefined
          }
        />
      ) : !editable ? (
        <Typography.Text type="secondary">未上传文件</Typography.Text>
      ) : null}
      {pending.map((p) => (
        <Flex key={p.uid} align="center" gap={8} style={{ padding: '6px 0' }}>
          <Typography.Text ellipsis style={{ width: 220 }} title={p.name}>
            {p.name}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
            {formatFileSize(p.size)}
          </Typography.Text>
          {p.error ? (
            <Typography.Text type="danger" style={{ flex: 1, fontSize: 12 }}>
              {p.error}
            </Typography.Text>
          ) : (
            <Progress
              percent={p.percent}
              size="small"
              style={{ flex: 1, margin: 0 }}
              aria-label={`正在上传 ${p.name}`}
            />
          )}
          {p.error ? (
            <CloseCircleOutlined
              role="button"
              aria-label="移除"
              style={{ color: 'rgba(0,0,0,0.45)', cursor: 'pointer' }}
              onClick={() => setPending((list) => list.filter((x) => x.uid !== p.uid))}
            />
          ) : null}
        </Flex>
      ))}
      {editable ? (
        <Upload.Dragger
          accept={EVIDENCE_ACCEPT}
          multiple
          disabled={!canUpload}
          showUploadList={false}
          customRequest={({ file }) => {
            if (file instanceof File) void upload(file, `${Date.now()}-${file.name}`);
          }}
          style={{ marginTop: files.length > 0 || pending.length > 0 ? 8 : 0, padding: '4px 0' }}
        >
          <Flex align="center" justify="center" gap={12} style={{ padding: '4px 12px' }}>
            <InboxOutlined
              style={{ fontSize: 28, color: canUpload ? '#1d4f91' : 'rgba(0,0,0,0.25)' }}
              aria-hidden
            />
            <div style={{ textAlign: 'left' }}>
              <div>
                {reportId
                  ? '点击或拖拽文件到此处上传'
                  : canUpload
                    ? '点击或拖拽文件到此处上传（将同时保存草稿）'
                    : '请先保存草稿，再上传佐证材料文件'}
              </div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                支持 PDF、图片（JPG/PNG/GIF/WebP）、Word、Excel，单个文件不超过 20 MB
              </Typography.Text>
            </div>
          </Flex>
        </Upload.Dragger>
      ) : null}
    </div>
  );
}

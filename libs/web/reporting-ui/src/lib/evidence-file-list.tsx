import type { ReactNode } from 'react';
import { Button, Flex, Popconfirm, Tooltip, Typography } from 'antd';
import {
  DeleteOutlined,
  DownloadOutlined,
  FileExcelOutlined,
  FileImageOutlined,
  FilePdfOutlined,
  FileWordOutlined,
  PaperClipOutlined,
} from '@ant-design/icons';
import { formatDateTime, formatFileSize } from '@sunshine/web/ui';

/** An evidence file as listed under a report. */
export interface EvidenceFileItem {
  id: string;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  createdAt: string;
}

function fileIcon(mime: string): ReactNode {
  if (mime === 'application/pdf') return <FilePdfOutlined style={{ color: '#cf1322' }} />;
  if (mime.startsWith('image/')) return <FileImageOutlined style={{ color: '#389e0d' }} />;
  if (mime.includes('word')) return <FileWordOutlined style={{ color: '#1d4f91' }} />;
  if (mime.includes('sheet') || mime.includes('excel'))
    return <FileExcelOutlined style={{ color: '#237804' }} />;
  return <PaperClipOutlined />;
}

export interface EvidenceFileListProps<T extends EvidenceFileItem> {
  files: readonly T[];
  onDownload: (file: T) => void;
  /** Shown only while the report is an editable draft. */
  onDelete?: (file: T) => void;
  /** Id of the file being downloaded or deleted. */
  busyId?: string | null;
}

/** Evidence files with type icon, size and upload time, a download button and (drafts) delete. */
export function EvidenceFileList<T extends EvidenceFileItem>({
  files,
  onDownload,
  onDelete,
  busyId,
}: EvidenceFileListProps<T>) {
  return (
    <ul style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label="佐证材料文件">
      {files.map((f, i) => (
        <li
          key={f.id}
          style={{
            padding: '6px 0',
            borderTop: i === 0 ? undefined : '1px solid #f0f0f0',
          }}
        >
          <Flex align="center" gap={8}>
            <span aria-hidden style={{ fontSize: 16 }}>
              {fileIcon(f.mimeType)}
            </span>
            <Typography.Text ellipsis style={{ flex: 1, minWidth: 0 }} title={f.fileName}>
              {f.fileName}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
              {formatFileSize(f.sizeBytes)} · {formatDateTime(f.createdAt)}
            </Typography.Text>
            <Tooltip title="下载">
              <Button
                type="text"
                size="small"
                icon={<DownloadOutlined />}
                aria-label={`下载 ${f.fileName}`}
                loading={busyId === f.id}
                onClick={() => onDownload(f)}
              />
            </Tooltip>
            {onDelete ? (
              <Popconfirm
                title="删除该文件？"
                description="删除后不可恢复。"
                okText="删除"
                okButtonProps={{ danger: true }}
                cancelText="取消"
                onConfirm={() => onDelete(f)}
              >
                <Button
                  type="text"
                  size="small"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={`删除 ${f.fileName}`}
                  disabled={busyId === f.id}
                />
              </Popconfirm>
            ) : null}
          </Flex>
        </li>
      ))}
    </ul>
  );
}

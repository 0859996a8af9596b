import { useMutation } from '@apollo/client/react';
import { App, Button, Dropdown } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import {
  errorMessage,
  ExportAuditTrailDocument,
  type AuditExportFormat,
} from '@sunshine/web/graphql';

export interface AuditExportProps {
  /** The page's filters: the export covers the same period and action. */
  from: string | null;
  to: string | null;
  action: string | null;
}

/** Saves text as a file through a temporary link. */
function saveText(content: string, fileName: string, contentType: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: contentType }));
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.style.display = 'none';
    document.body.appendChild(link);
    link.click();
    link.remove();
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}

/** 导出: the trail (with hashes and signatures) as CSV or JSON; the export is itself audited. */
export function AuditExport({ from, to, action }: AuditExportProps) {
  const { message } = App.useApp();
  const [exportTrail, { loading }] = useMutation(ExportAuditTrailDocument);

  const run = async (format: AuditExportFormat) => {
    try {
      const { data } = await exportTrail({ variables: { input: { format, from, to, action } } });
      const file = data?.exportAuditTrail;
      if (!file) return;
      saveText(file.content, file.fileName, file.contentType);
      if (file.truncated)
        message.warning(`已导出前 ${file.count} 条；超过单次上限，请缩小时间范围分批导出`);
      else
        message.success(`已导出 ${file.count} 条审计记录（含哈希与签名），本次导出已记入审计日志`);
    } catch (error: unknown) {
      message.error(errorMessage(error, '导出失败，请稍后重试'));
    }
  };

  return (
    <Dropdown
      menu={{
        items: [
          { key: 'CSV', label: '导出 CSV' },
          { key: 'JSON', label: '导出 JSON' },
        ],
        onClick: ({ key }) => void run(key as AuditExportFormat),
      }}
    >
      <Button icon={<DownloadOutlined />} loading={loading}>
        导出
      </Button>
    </Dropdown>
  );
}

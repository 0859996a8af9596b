import { useState } from 'react';
import { App, Button, Space, Tooltip } from 'antd';
import { DownloadOutlined, FileExcelOutlined, PrinterOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { downloadFile, errorMessage } from '@sunshine/web/graphql';
import { AnnualImportModal } from './annual-import-modal';

/** The report page's file buttons: import from Excel (editable drafts), print preview, Word. */
export function AnnualFileActions({
  year,
  report,
  editable,
  dirty,
  onImported,
}: {
  year: number;
  report: { id: string | null; version: number; organization: { id: string; name: string } };
  editable: boolean;
  dirty: boolean;
  onImported: () => void;
}) {
  const [importing, setImporting] = useState(false);
  const navigate = useNavigate();
  const { message } = App.useApp();
  const orgId = report.organization.id;
  return (
    <Space wrap>
      {editable ? (
        <Tooltip title={dirty ? '请先保存当前修改' : '按国家模板填写的 Excel 导入表格'}>
          <Button icon={<FileExcelOutlined />} disabled={dirty} onClick={() => setImporting(true)}>
            导入 Excel
          </Button>
        </Tooltip>
      ) : null}
      <Button
        icon={<PrinterOutlined />}
        onClick={() => navigate(`/annual-reports/${year}/${orgId}/preview`)}
      >
        预览打印
      </Button>
      <Button
        icon={<DownloadOutlined />}
        disabled={report.id === null}
        onClick={() =>
          downloadFile(
            `/files/annual-reports/${year}/${orgId}.docx`,
            `${report.organization.name}${year}年政府信息公开工作年度报告.docx`,
          ).catch((e: unknown) => message.error(errorMessage(e)))
        }
      >
        下载 Word
      </Button>
      <AnnualImportModal
        open={importing}
        year={year}
        organizationId={orgId}
        version={report.version}
        onClose={() => setImporting(false)}
        onImported={onImported}
      />
    </Space>
  );
}

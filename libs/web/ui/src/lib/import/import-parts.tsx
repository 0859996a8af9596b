import type { ReactNode } from 'react';
import { Progress, Table, Typography, Upload } from 'antd';
import { FileExcelOutlined } from '@ant-design/icons';
import { problemRows, type ImportProblem, type ProblemRow } from './import-model';

export interface ImportDraggerProps {
  /** 点击或拖拽任务清单 Excel 文件（.xlsx）到此处 */
  text: string;
  hint?: ReactNode;
  disabled?: boolean;
  onFile: (file: File) => void;
}

/** The file step of an import dialog: one .xlsx, read by the caller (no upload list). */
export function ImportDragger({ text, hint, disabled, onFile }: ImportDraggerProps) {
  return (
    <Upload.Dragger
      accept=".xlsx"
      multiple={false}
      showUploadList={false}
      disabled={disabled}
      customRequest={({ file }) => {
        if (file instanceof File) onFile(file);
      }}
    >
      <p style={{ fontSize: 36, color: '#237804', margin: '4px 0' }}>
        <FileExcelOutlined aria-hidden />
      </p>
      <p style={{ margin: 0 }}>{text}</p>
      {hint ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {hint}
        </Typography.Text>
      ) : null}
    </Upload.Dragger>
  );
}

export interface ImportProgressProps {
  fileName: string;
  percent: number;
  text: string;
  label: string;
}

/** Reading or writing a file: its name, the bar and what is being done. */
export function ImportProgress({ fileName, percent, text, label }: ImportProgressProps) {
  return (
    <div style={{ padding: '24px 8px' }}>
      <Typography.Text>
        <FileExcelOutlined style={{ color: '#237804' }} /> {fileName}
      </Typography.Text>
      <Progress percent={percent} status="active" style={{ marginTop: 12 }} aria-label={label} />
      <Typography.Text type="secondary">{text}</Typography.Text>
    </div>
  );
}

export interface ImportProblemTableProps {
  problems: readonly ImportProblem[];
  pageSize?: number;
  /** Show a 工作表 column (files of several sheets). */
  showSheet?: boolean;
}

/** Errors or warnings of a file, one line each: (工作表) / 行 / 列 / 说明. */
export function ImportProblemTable({
  problems,
  pageSize = 8,
  showSheet = false,
}: ImportProblemTableProps) {
  if (problems.length === 0) return null;
  return (
    <Table<ProblemRow>
      rowKey="key"
      size="small"
      dataSource={problemRows(problems)}
      pagination={
        problems.length > pageSize ? { pageSize, size: 'small', showSizeChanger: false } : false
      }
      columns={[
        ...(showSheet
          ? [{ title: '工作表', dataIndex: 'sheet', key: 'sheet', width: 130, ellipsis: true }]
          : []),
        { title: '行', dataIndex: 'row', key: 'row', width: 96 },
        { title: '列', dataIndex: 'column', key: 'column', width: 110 },
        { title: '说明', dataIndex: 'message', key: 'message' },
      ]}
    />
  );
}

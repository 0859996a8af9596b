/**
 * Limits of the spreadsheet reader and the ways it refuses a file. This file is loaded in the
 * worker thread too: it imports nothing but types.
 */

export interface WorkbookLimits {
  /** Size of the uploaded file. */
  maxFileBytes: number;
  /** Files inside the ZIP package (a normal workbook has a few dozen). */
  maxEntries: number;
  /** All parts together once inflated, counted while inflating (the ZIP headers are not trusted). */
  maxInflatedBytes: number;
  /** Merged cells over all sheets: the reader builds one object per merged cell. */
  maxMergedCells: number;
  /** Merged ranges over all sheets: exceljs checks each against all earlier ones (quadratic). */
  maxMergedRanges: number;
  /** <row> elements per sheet, styled empty rows included. */
  maxRows: number;
  /** Cells per row. */
  maxColumns: number;
  /** Wall time of one read; the worker is terminated when it runs out. */
  timeoutMs: number;
}

/** Largest upload the reader accepts by default. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

export const DEFAULT_WORKBOOK_LIMITS: Readonly<WorkbookLimits> = {
  maxFileBytes: MAX_FILE_BYTES,
  maxEntries: 1_000,
  // A 10,000-row checklist inflates to about 10 MB; pictures do not inflate at all.
  maxInflatedBytes: 100 * 1024 * 1024,
  maxMergedCells: 1_000_000,
  maxMergedRanges: 10_000,
  maxRows: 50_000,
  maxColumns: 16_384,
  timeoutMs: 20_000,
};

/** Why a file was refused. */
export type WorkbookErrorCode =
  | 'EMPTY'
  | 'FILE_TOO_LARGE'
  | 'OLD_FORMAT_OR_ENCRYPTED'
  | 'NOT_XLSX'
  | 'CORRUPT'
  | 'ENCRYPTED_ENTRY'
  | 'TOO_MANY_ENTRIES'
  | 'INFLATED_TOO_LARGE'
  | 'TOO_MANY_MERGED_CELLS'
  | 'TOO_MANY_ROWS'
  | 'TOO_COMPLEX'
  | 'TIMEOUT'
  | 'UNREADABLE';

/** Thrown inside the worker; only the code crosses the thread boundary. */
export class WorkbookFailure extends Error {
  constructor(readonly code: WorkbookErrorCode) {
    super(code);
    this.name = 'WorkbookFailure';
  }
}

const mb = (bytes: number): string => `${Math.round(bytes / (1024 * 1024))} MB`;

/** What the user is told, in Chinese. */
export function workbookErrorMessage(code: WorkbookErrorCode, limits: WorkbookLimits): string {
  switch (code) {
    case 'EMPTY':
      return '文件为空，请选择填写好的 Excel 文件（.xlsx）';
    case 'FILE_TOO_LARGE':
      return `文件超过 ${mb(limits.maxFileBytes)}，无法导入，请删除无关内容（如图片）后重试`;
    case 'OLD_FORMAT_OR_ENCRYPTED':
      return '不支持旧版 Excel（.xls）或设置了密码的文件，请在 Excel 中“另存为”不加密的 .xlsx 格式后上传';
    case 'NOT_XLSX':
      return '文件不是有效的 Excel 文件（.xlsx），请使用本系统提供的模板填写后上传';
    case 'CORRUPT':
      return '文件已损坏或不完整，无法读取，请重新保存为 .xlsx 后上传';
    case 'ENCRYPTED_ENTRY':
      return '文件已加密或使用了不支持的压缩方式，请另存为普通 .xlsx 后上传';
    case 'TOO_MANY_ENTRIES':
      return `文件内部包含的部件过多（超过 ${limits.maxEntries} 个），不是正常的 Excel 文件，请在 Excel 中另存为 .xlsx 后重试`;
    case 'INFLATED_TOO_LARGE':
      return '文件解压后内容过大，无法导入，请检查是否包含大量空行或图片';
    case 'TOO_MANY_MERGED_CELLS':
      return '文件中的合并单元格过多，无法导入，请取消不必要的合并后重试';
    case 'TOO_MANY_ROWS':
      return `工作表行数超过上限（${limits.maxRows} 行），请删除多余的空行或拆分后分批导入`;
    case 'TOO_COMPLEX':
      return '文件内容过多或过于复杂，无法导入，请删除无关内容或拆分后重试';
    case 'TIMEOUT':
      return '读取文件超时，文件可能过于复杂，请删除无关内容或拆分后重试';
    case 'UNREADABLE':
      return '无法读取 Excel 文件内容，文件可能已损坏，请在 Excel 中另存为 .xlsx 后重试';
  }
}

/** A file the reader refused, with a message for the user. */
export class WorkbookReadError extends Error {
  constructor(
    readonly code: WorkbookErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'WorkbookReadError';
  }
}

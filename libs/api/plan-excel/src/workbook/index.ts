export { closeWorkbookReader, readWorkbook, warmUpWorkbookReader } from './read-workbook';
export { EMPTY, Sheet, textOf } from './grid';
export type { CellValue, MergeRange, WorkbookGrid } from './grid';
export {
  DEFAULT_WORKBOOK_LIMITS,
  MAX_FILE_BYTES,
  WorkbookReadError,
  workbookErrorMessage,
} from './limits';
export type { WorkbookErrorCode, WorkbookLimits } from './limits';
export { formatNumber } from './excel-cells';

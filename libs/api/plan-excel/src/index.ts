export {
  parseChecklistWorkbook,
  DEFAULT_CATEGORY,
  DEFAULT_DEADLINE_TEXT,
  MAX_DATA_ROWS,
  HEADER_SEARCH_ROWS,
} from './parse-checklist';
export { columnLetter, MAX_LAYOUT_COLUMNS } from './layout';
export type { ChecklistLayout, ColumnMapping, DetectedColumn, GuessBasis } from './layout';
export {
  deadlineInText,
  headline,
  isGenericUnit,
  leadingCategory,
  leadingItemNumber,
  parseResponsibility,
  trailingResponsibility,
} from './real-lists';
export type { Responsibility } from './real-lists';
export { buildChecklistTemplate, DEADLINE_FORMS, REJECTED_DEADLINE_EXAMPLES } from './template';
export { buildSampleChecklist, sampleChecklistTitle } from './sample';
export {
  buildPlanExport,
  CHECKLIST_SHEET_NAME,
  PLAN_STATUS_LABEL,
  PROGRESS_COLUMNS,
  PROGRESS_SHEET_NAME,
} from './export-plan';
export type {
  PlanExportAssignment,
  PlanExportCategory,
  PlanExportInput,
  PlanExportLatestStatus,
  PlanExportStatus,
  PlanExportTask,
} from './export-plan';
export { CHECKLIST_COLUMNS, columnForHeader, normalizeHeader } from './columns';
export type { ColumnKey, ColumnSpec } from './columns';
export {
  DEFAULT_LEVELS,
  formatTarget,
  parseLevels,
  parseTarget,
  parseWeight,
  splitDepartments,
} from './values';
export type { FieldResult } from './values';
export {
  closeWorkbookReader,
  DEFAULT_WORKBOOK_LIMITS,
  EMPTY,
  MAX_FILE_BYTES,
  readWorkbook,
  Sheet,
  textOf,
  warmUpWorkbookReader,
  WorkbookReadError,
  workbookErrorMessage,
} from './workbook';
export type {
  CellValue,
  MergeRange,
  WorkbookErrorCode,
  WorkbookGrid,
  WorkbookLimits,
} from './workbook';
export type {
  ChecklistParseOptions,
  ChecklistParseResult,
  ChecklistTarget,
  ImportProblem,
  ImportProblemCode,
  ImportWarning,
  ImportWarningCode,
  ParsedCategory,
  ParsedTask,
} from './types';
export { isFormulaLike, neutraliseFormulaText, safeCellText } from './cell-text';
export {
  addTitleRow,
  BODY_FONT,
  CENTER,
  EXAMPLE_FONT,
  freezeHeader,
  HEADER_FILL,
  HEADER_FONT,
  stampWorkbook,
  styleBodyRow,
  styleHeaderRow,
  THIN_BORDER,
  TITLE_FONT,
  toBuffer,
  WRAP_TOP,
} from './workbook-style';

export {
  parseIssueList,
  parseIssueListGrid,
  MAX_ISSUES,
  ISSUE_HEADER_SEARCH_ROWS,
} from './parse-issue-list';
export type {
  IssueListContext,
  IssueListError,
  IssueListErrorCode,
  IssueListProblem,
  IssueListResult,
  IssueListSummary,
  IssueListWarning,
  IssueListWarningCode,
  ParsedIssue,
  SheetLayout,
} from './types';
export { matchUnit, normaliseUnitName, UnitDirectory } from './unit-match';
export type {
  AssessmentUnit,
  MatchUnitOptions,
  UnitCandidate,
  UnitLevel,
  UnitMatch,
} from './unit-match';
export { isNoProblem, splitProblems } from './split';
export type { SplitResult } from './split';
export { guessIssueType, issueTypeFromLabel } from './issue-types';
export type { IssueTypeGuess } from './issue-types';
export { extractUrls } from './urls';
export { INDICATOR_COLUMNS, ISSUE_COLUMNS } from './columns';
export type { HeaderSpec, IndicatorColumnKey, IssueColumnKey } from './columns';
export { parseIndicatorSystem, parseIndicatorSystemGrid } from './parse-indicator-system';
export type {
  IndicatorErrorCode,
  IndicatorNode,
  IndicatorProblem,
  IndicatorSystemResult,
  IndicatorWarning,
  IndicatorWarningCode,
} from './parse-indicator-system';
export {
  RECTIFICATION_COLUMNS,
  safeSheetName,
  writeRectificationTable,
} from './write-rectification';
export type { RectificationRow, RectificationTableOptions } from './write-rectification';
export {
  INSTRUCTIONS_SHEET,
  TEMPLATE_COLUMNS,
  TEMPLATE_SHEET,
  UNITS_SHEET,
  writeIssueListTemplate,
} from './template';
export type { IssueListTemplateOptions } from './template';
export { buildSampleIssueList } from './sample';
export type { SampleIssueList, SampleIssueListOptions, SampleUnit } from './sample';
export {
  buildSampleIndicatorSystem,
  SAMPLE_INDICATORS,
  SAMPLE_VETO_ITEMS,
  writeIndicatorSystemTemplate,
} from './sample-indicators';

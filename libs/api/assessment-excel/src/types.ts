import type { WorkbookLimits } from '@sunshine/api/plan-excel';
import type { IssueColumnKey } from './columns';
import type { AssessmentIssueType } from '@sunshine/shared/domain';
import type { AssessmentUnit, UnitCandidate } from './unit-match';

/** Machine-readable kind of an error: the issue list cannot be imported as it is. */
export type IssueListErrorCode =
  /** Not a readable .xlsx, or refused by the reader's guards (size, ZIP bomb, rows, merges). */
  | 'BAD_FILE'
  /** No sheet has a header with a 存在问题 column. */
  | 'MISSING_HEADER'
  /** A sheet without a unit column whose name and title name no unit. */
  | 'SHEET_UNIT_MISSING'
  /** No unit on a row. */
  | 'UNIT_REQUIRED'
  /** The unit name fits several organisations: the city is needed (candidates attached). */
  | 'UNIT_AMBIGUOUS'
  /** No organisation has that name (suggestions attached). */
  | 'UNIT_UNKNOWN'
  /** The city column names no city. */
  | 'CITY_UNKNOWN'
  /** The unit is not among the round's bureaus. */
  | 'UNIT_OUT_OF_SCOPE'
  /** Points deducted that are not a number from 0 to 100. */
  | 'BAD_POINTS'
  /** A text over its length limit. */
  | 'TOO_LONG'
  /** The file holds no problem at all. */
  | 'NO_ISSUES'
  /** More problems than one import takes. */
  | 'TOO_MANY_ISSUES';

/** Machine-readable kind of a warning: a guess or a default the preview should show. */
export type IssueListWarningCode =
  /** A cell with several problems was split into separate issues: confirm in the preview. */
  | 'SPLIT'
  /** The issue type was guessed from the text. */
  | 'TYPE_GUESSED'
  /** Nothing in the text points to a type: 其他. */
  | 'TYPE_OTHER'
  /** The 问题类型 cell names no known type; the type was guessed from the text instead. */
  | 'TYPE_LABEL_UNKNOWN'
  /** A blank unit cell took the unit of the row above. */
  | 'UNIT_FROM_ABOVE'
  /** A blank (unmerged) indicator cell took the indicator of the row above. */
  | 'INDICATOR_FROM_ABOVE'
  /** The row's points were given to its first problem only (the cell was split). */
  | 'POINTS_ON_FIRST'
  /** The same problem twice for the same unit. */
  | 'DUPLICATE'
  /** A sheet without a header was skipped. */
  | 'SHEET_SKIPPED'
  /** A row that is neither a problem, a note nor blank was skipped. */
  | 'ROW_SKIPPED'
  /** The sheet's unit was read from its name or title: check it. */
  | 'UNIT_FROM_SHEET'
  /** An ambiguous unit name resolved by the round's scope (only one candidate is assessed). */
  | 'UNIT_FROM_SCOPE'
  /** An ambiguous or unknown unit name resolved by the user's choice in the preview. */
  | 'UNIT_CHOSEN';

export interface IssueListProblem<C extends string = IssueListErrorCode | IssueListWarningCode> {
  /** Worksheet name; '' for the whole file. */
  sheet: string;
  /** 1-based Excel row; 0 for the whole sheet or file. */
  row: number;
  /** Canonical header of the column concerned ('存在问题'), or ''. */
  column: string;
  code: C;
  /** Chinese, with the position: "工作表「瑶海区」第 5 行「被评估单位」：…". */
  message: string;
  /** UNIT_AMBIGUOUS: the organisations the name may mean. */
  candidates?: UnitCandidate[];
  /** UNIT_UNKNOWN / CITY_UNKNOWN: the closest names. */
  suggestions?: UnitCandidate[];
}

export type IssueListError = IssueListProblem<IssueListErrorCode>;
export type IssueListWarning = IssueListProblem<IssueListWarningCode>;

export interface ParsedIssue {
  /** Position in the file: sheet, 1-based Excel row, and the part of a split cell (1-based). */
  sheet: string;
  row: number;
  part: number;
  /** How many problems the row's cell was split into (1: not split). */
  partCount: number;
  /** Split from a cell holding several problems: the preview asks to confirm. */
  split: boolean;
  unit: { id: string; code: string; name: string };
  /** The unit as written (cell, sheet name or title). */
  unitText: string;
  /** 一级, 二级, 三级 indicator names as far as given (merged cells carried down). */
  indicatorPath: string[];
  /** 评价标准, or ''. */
  standard: string;
  type: AssessmentIssueType;
  /** EXACT: from the 问题类型 cell; GUESSED: from the words; NONE: nothing matched (其他). */
  typeBasis: 'EXACT' | 'GUESSED' | 'NONE';
  description: string;
  /** The location as written (URL or column path), or the part of it paired with this problem. */
  location: string;
  /** Web addresses found in the location (or, when it has none, in the description). */
  urls: string[];
  /** Points deducted, or null when not given (or given for the row's first problem only). */
  points: number | null;
  /** The rectification deadline as written ('5个工作日内'), a date cell as 'YYYY-MM-DD', or ''. */
  deadlineText: string;
  /** 严重程度 as written, or ''. */
  severityText: string;
  /** The whole problem cell before splitting. */
  sourceText: string;
}

export interface SheetLayout {
  name: string;
  /** 0 when the sheet was skipped. */
  headerRow: number;
  columns: Array<{ key: IssueColumnKey; header: string; letter: string }>;
  /**
   * Where the sheet's unit comes from: a column per row, the sheet name, the title above, or
   * section rows between the problems ('一、瑶海区审计局').
   */
  unitSource: 'COLUMN' | 'SHEET_NAME' | 'TITLE' | 'SECTION_ROWS' | null;
  /** The sheet's unit when it is the same for every row. */
  unit: { id: string; code: string; name: string } | null;
  skipped: boolean;
}

export interface IssueListSummary {
  sheets: number;
  /** Data rows read (rows with a problem cell, including '无'). */
  rows: number;
  issues: number;
  /** Rows whose cell was split, and the issues they gave. */
  splitRows: number;
  splitIssues: number;
  /** Rows saying there is no problem ('无', blank problem cell on an indicator row). */
  noProblemRows: number;
  /** Title, note, repeated header and blank rows ignored. */
  skippedRows: number;
  typeGuessed: number;
  typeOther: number;
  pointsTotal: number;
  errors: number;
  warnings: number;
  /** Issues per unit, in order of first appearance. */
  byUnit: Array<{ unitId: string; unitName: string; issues: number; points: number }>;
  /** Issues per type. */
  byType: Array<{ type: AssessmentIssueType; issues: number }>;
}

export interface IssueListResult {
  /** True when there is no error and at least one issue: the caller may import all of it. */
  ok: boolean;
  issues: ParsedIssue[];
  errors: IssueListError[];
  warnings: IssueListWarning[];
  sheets: SheetLayout[];
  summary: IssueListSummary;
}

export interface IssueListContext {
  /** The organisations names are matched against (usually the round's bureaus and their parents). */
  units: readonly AssessmentUnit[];
  /** The ids of the round's bureaus: a matched unit outside them is an error. */
  scopeUnitIds?: readonly string[];
  /** Split cells holding several problems (default true). */
  splitCells?: boolean;
  /** Rows whose problem cell the user chose to keep whole (one issue) in the preview. */
  keepWhole?: ReadonlyArray<{ sheet: string; row: number }>;
  /**
   * The user's choices for unit names the file writes ambiguously (or that are unknown), keyed by
   * the name as written (a cell, or a sheet's name): `{"高新区审计局": "<organisation id>"}`. A
   * choice counts only when the id is among the name's candidates (or suggestions).
   */
  unitChoices?: Readonly<Record<string, string>>;
  /** Called with rows done and the total, at most every 500 rows and at the end. */
  onProgress?: (done: number, total: number) => void;
  /** Limits of the spreadsheet reader, over its defaults. */
  limits?: Partial<WorkbookLimits>;
}

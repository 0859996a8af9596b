import type { OrgLevel, ValidDeadline } from '@sunshine/shared/domain';
import type { ChecklistLayout, ColumnMapping } from './layout';
import type { WorkbookLimits } from './workbook';

/** Machine-readable kind of an import problem; the message says the same in Chinese. */
export type ImportProblemCode =
  | 'BAD_FILE'
  | 'TOO_MANY_ROWS'
  | 'MISSING_HEADER'
  | 'NO_TASKS'
  | 'REQUIRED'
  | 'TOO_LONG'
  | 'BAD_DEADLINE'
  | 'DUPLICATE_NUMBER'
  | 'BAD_LEVEL'
  | 'BAD_SCORE'
  | 'BAD_TARGET'
  | 'BAD_MAPPING';

/**
 * Machine-readable kind of an import warning: something the importer guessed or defaulted. The
 * import goes ahead; the preview shows every warning so that the user can check it.
 */
export type ImportWarningCode =
  /** No 适用层级 column: every task applies to the province, the cities and the counties. */
  | 'DEFAULT_LEVELS'
  /** No 分值 column: every task has the same weight, adding up to about 100. */
  | 'DEFAULT_WEIGHT'
  /** No deadline anywhere for the task: 持续推进. */
  | 'DEFAULT_DEADLINE'
  /** The deadline was read from the task text or from a free-text deadline cell. */
  | 'DEADLINE_GUESSED'
  /** A dated deadline outside the plan's year. */
  | 'DEADLINE_OUTSIDE_YEAR'
  /** The responsible units were read from the task text or split from one cell. */
  | 'LEAD_GUESSED'
  /** No responsible unit found. */
  | 'LEAD_MISSING'
  /** The lead is a generic group ('各科室', '各有关单位'). */
  | 'LEAD_GENERIC'
  /** The category was read from the task text ('一、做好财政信息公开。…'). */
  | 'CATEGORY_GUESSED'
  /** No category for the task: '未分类'. */
  | 'DEFAULT_CATEGORY'
  /** The task number was generated, or taken from the text ('1.'), or prefixed with its category. */
  | 'NUMBER_GENERATED'
  /** The short title was taken from the start of a long task text. */
  | 'TITLE_GUESSED';

export interface ImportWarning {
  /** 1-based Excel row; 0 for the whole file. */
  row: number;
  /** The canonical header name of the field concerned ('完成时限'), or ''. */
  column: string;
  code: ImportWarningCode;
  message: string;
}

/**
 * One problem found in an imported file. `row` is the 1-based Excel row (0 for the whole file),
 * `column` the canonical header name ('完成时限'), or '' when the problem is not about one column.
 */
export interface ImportProblem {
  row: number;
  column: string;
  code: ImportProblemCode;
  message: string;
}

/** A quantitative target such as '≥16条': at least `value` `unit`. */
export interface ChecklistTarget {
  value: number;
  unit: string;
  comparator: 'GTE';
}

export interface ParsedCategory {
  name: string;
  /** 1-based order of first appearance in the file. */
  order: number;
}

export interface ParsedTask {
  /** 1-based Excel row the task was read from. */
  row: number;
  /** 序号 as written ('1', '3.2', '3.10'). */
  number: string;
  categoryName: string;
  title: string;
  description: string;
  leadDepartments: string[];
  cooperatingDepartments: string[];
  deadline: ValidDeadline;
  /** The deadline as written in the file ('6月底前'), or '2025年6月30日' for a date cell. */
  deadlineText: string;
  levels: OrgLevel[];
  weight: number;
  evidence: string;
  target: ChecklistTarget | null;
}

export type ChecklistParseResult =
  | {
      ok: true;
      layout: ChecklistLayout;
      categories: ParsedCategory[];
      tasks: ParsedTask[];
      warnings: ImportWarning[];
    }
  | {
      ok: false;
      /** Null when the file could not be read as a sheet at all. */
      layout: ChecklistLayout | null;
      errors: ImportProblem[];
      warnings: ImportWarning[];
    };

export interface ChecklistParseOptions {
  planYear: number;
  /** Called with the number of data rows processed so far and the total, ending with (total, total). */
  onProgress?: (done: number, total: number) => void;
  /** The user's column mapping (from the import dialog); without it the guesses are used. */
  mapping?: ColumnMapping;
  /** Limits of the spreadsheet reader, over its defaults (DEFAULT_WORKBOOK_LIMITS). */
  limits?: Partial<WorkbookLimits>;
}

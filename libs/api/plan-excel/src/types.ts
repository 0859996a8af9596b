import type { OrgLevel, ValidDeadline } from '@sunshine/shared/domain';
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
  | 'BAD_TARGET';

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
  | { ok: true; categories: ParsedCategory[]; tasks: ParsedTask[] }
  | { ok: false; errors: ImportProblem[] };

export interface ChecklistParseOptions {
  planYear: number;
  /** Called with the number of data rows processed so far and the total, ending with (total, total). */
  onProgress?: (done: number, total: number) => void;
  /** Limits of the spreadsheet reader, over its defaults (DEFAULT_WORKBOOK_LIMITS). */
  limits?: Partial<WorkbookLimits>;
}

/**
 * Import of the annual key-task checklist (年度政务公开重点工作任务分工) from an .xlsx file.
 *
 * The file is read the way provincial offices actually write it:
 * - a title row and notes may sit above the header; the header is the first of the first ten
 *   rows that names every required column (accepting common variants of each name);
 * - categories come either from a 类别 column (often one vertically merged cell per category) or
 *   from category rows between the tasks ('一、用权公开', usually merged across the row);
 * - any vertically merged cell (a 牵头单位 shared by several tasks) applies to every row it spans,
 *   and a blank 类别 continues the category above.
 *
 * Every problem in the file is reported at once, sorted by row and column; a file that is not a
 * readable .xlsx yields one BAD_FILE problem instead of an exception. The sheet is read by the
 * spreadsheet reader (workbook/), off the event loop and within its limits.
 */
import { formatDateZh, parseDeadline, type ValidDeadline } from '@sunshine/shared/domain';
import {
  CHECKLIST_COLUMNS,
  COLUMN_BY_KEY,
  columnForHeader,
  MAX_CATEGORY_LENGTH,
  MAX_DEPARTMENT_LENGTH,
  MAX_DESCRIPTION_LENGTH,
  MAX_EVIDENCE_LENGTH,
  MAX_NUMBER_LENGTH,
  MAX_TITLE_LENGTH,
  type ColumnKey,
} from './columns';
import { EMPTY_CELL, gridCell, scanRow, type GridCell } from './checklist-sheet';
import type {
  ChecklistParseOptions,
  ChecklistParseResult,
  ImportProblem,
  ImportProblemCode,
  ParsedCategory,
  ParsedTask,
} from './types';
import {
  charLength,
  cleanCategoryName,
  hasChineseOrdinal,
  parseLevels,
  parseTarget,
  parseWeight,
  splitDepartments,
} from './values';
import { readWorkbook, textOf, WorkbookReadError, type Sheet } from './workbook';

/** Rows after the header that hold anything (tasks, category rows, rows with errors). */
export const MAX_DATA_ROWS = 10_000;
/** The header must be within this many rows from the top. */
export const HEADER_SEARCH_ROWS = 10;
const PROGRESS_STEP = 500;
const YIELD_STEP = 2_000;

const NOTE_ROW = /^(?:注|备注|说明|附注|填表说明)\s*\d*\s*[:：.．、]/;

interface Problem extends ImportProblem {
  /** Sort key within a row: the sheet column, or the canonical column order. */
  order: number;
}

interface Layout {
  headerRow: number;
  columns: ReadonlyMap<ColumnKey, number>;
}

function toBytes(input: Buffer | ArrayBuffer | Uint8Array): Uint8Array {
  if (input instanceof Uint8Array) return input;
  if (input instanceof ArrayBuffer) return new Uint8Array(input);
  return new Uint8Array(0);
}

function formatMessage(row: number, column: string, detail: string): string {
  if (row <= 0) return detail;
  return column === '' ? `第 ${row} 行：${detail}` : `第 ${row} 行「${column}」：${detail}`;
}

function fileProblem(code: ImportProblemCode, detail: string): ImportProblem {
  return { row: 0, column: '', code, message: detail };
}

function failure(errors: ImportProblem[]): ChecklistParseResult {
  return { ok: false, errors };
}

function findLayout(sheet: Sheet): Layout | { missing: ColumnKey[]; row: number } {
  let best: { row: number; found: number; missing: ColumnKey[] } | null = null;
  const lastRow = Math.min(HEADER_SEARCH_ROWS, sheet.rowCount);
  for (let r = 1; r <= lastRow; r += 1) {
    const columns = new Map<ColumnKey, number>();
    const lastColumn = sheet.columnCount(r);
    for (let c = 1; c <= lastColumn; c += 1) {
      const key = columnForHeader(textOf(gridCell(sheet, r, c).value));
      if (key !== null && !columns.has(key)) columns.set(key, c);
    }
    const missing = CHECKLIST_COLUMNS.filter((col) => col.required && !columns.has(col.key)).map(
      (col) => col.key,
    );
    if (missing.length === 0) return { headerRow: r, columns };
    if (best === null || columns.size > best.found) {
      best = { row: r, found: columns.size, missing };
    }
  }
  if (best === null || best.found === 0) {
    return {
      row: 1,
      missing: CHECKLIST_COLUMNS.filter((col) => col.required).map((col) => col.key),
    };
  }
  return { row: best.row, missing: best.missing };
}

/** Caches a pure single-argument function for the duration of one import. */
function memo<T>(fn: (text: string) => T): (text: string) => T {
  const cache = new Map<string, T>();
  return (text) => {
    let value = cache.get(text);
    if (value === undefined) {
      value = fn(text);
      cache.set(text, value);
    }
    return value;
  };
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Reads the checklist from the first worksheet of an .xlsx file. `planYear` resolves deadlines
 * written without a year ('6月底前'); it must be a valid year (a RangeError otherwise: that is a
 * programming error, not a problem of the file).
 */
export async function parseChecklistWorkbook(
  buffer: Buffer | ArrayBuffer | Uint8Array,
  options: ChecklistParseOptions,
): Promise<ChecklistParseResult> {
  assertPlanYear(options.planYear);
  let sheet: Sheet | undefined;
  try {
    sheet = (await readWorkbook(toBytes(buffer), options.limits)).sheets[0];
  } catch (error) {
    if (error instanceof WorkbookReadError) {
      if (error.code === 'TOO_MANY_ROWS') return failure([tooManyRows()]);
      return failure([fileProblem('BAD_FILE', error.message)]);
    }
    return failure([
      fileProblem(
        'BAD_FILE',
        '无法读取 Excel 文件内容，文件可能已损坏，请在 Excel 中另存为 .xlsx 后重试',
      ),
    ]);
  }
  if (!sheet) return failure([fileProblem('BAD_FILE', '文件中没有工作表')]);
  return new ChecklistReader(sheet, options.planYear, options.onProgress).read();
}

function tooManyRows(): ImportProblem {
  return fileProblem('TOO_MANY_ROWS', `数据行数超过上限（${MAX_DATA_ROWS} 行），请拆分后分批导入`);
}

function assertPlanYear(planYear: number): void {
  if (!Number.isInteger(planYear) || planYear < 1001 || planYear > 9998) {
    throw new RangeError(`无效的计划年度：${planYear}`);
  }
}

class ChecklistReader {
  private readonly problems: Problem[] = [];
  private readonly tasks: ParsedTask[] = [];
  private readonly categoryOrder = new Map<string, number>();
  private readonly numberRows = new Map<string, number[]>();
  private columns: ReadonlyMap<ColumnKey, number> = new Map();
  private currentCategory: string | null = null;
  private taskRows = 0;
  // Real checklists repeat a few dozen deadline, level and department texts over many rows:
  // parse each distinct text once. Results are copied out so that tasks never share objects.
  private readonly deadlines = memo((text: string) => parseDeadline(text, this.planYear));
  private readonly levelLists = memo(parseLevels);
  private readonly departmentLists = memo(splitDepartments);
  private readonly targets = memo(parseTarget);

  constructor(
    private readonly sheet: Sheet,
    private readonly planYear: number,
    private readonly onProgress?: (done: number, total: number) => void,
  ) {}

  async read(): Promise<ChecklistParseResult> {
    const layout = findLayout(this.sheet);
    if ('missing' in layout) {
      return failure(
        layout.missing.map((key) => {
          const spec = COLUMN_BY_KEY[key];
          const variants = spec.aliases.slice(0, 3).join('”“');
          return {
            row: layout.row,
            column: spec.header,
            code: 'MISSING_HEADER',
            message: formatMessage(
              layout.row,
              spec.header,
              `表头缺少必填列「${spec.header}」（也可写作“${variants}”），请使用导入模板`,
            ),
          };
        }),
      );
    }
    this.columns = layout.columns;

    // Only rows that hold something: a stray cell in row 1,000,000 costs nothing.
    const rows = this.sheet.rowNumbers().filter((r) => r > layout.headerRow);
    const total = rows.length;
    let dataRows = 0;
    this.onProgress?.(0, total);
    for (const [index, row] of rows.entries()) {
      if (this.readRow(row)) {
        dataRows += 1;
        if (dataRows > MAX_DATA_ROWS) return failure([tooManyRows()]);
      }
      const done = index + 1;
      if (done % PROGRESS_STEP === 0 && done < total) this.onProgress?.(done, total);
      if (done % YIELD_STEP === 0) await yieldToEventLoop();
    }
    this.onProgress?.(total, total);

    this.checkDuplicateNumbers();
    if (this.taskRows === 0) {
      this.problems.push({
        ...fileProblem('NO_TASKS', '表格中没有任务，请在表头下方逐行填写任务'),
        order: 0,
      });
    }
    if (this.problems.length > 0) {
      const errors = [...this.problems]
        .sort((a, b) => a.row - b.row || a.order - b.order)
        .map(({ row, column, code, message }) => ({ row, column, code, message }));
      return failure(errors);
    }
    const used = new Set(this.tasks.map((task) => task.categoryName));
    const categories: ParsedCategory[] = [...this.categoryOrder.entries()]
      .filter(([name]) => used.has(name))
      .sort((a, b) => a[1] - b[1])
      .map(([name], index) => ({ name, order: index + 1 }));
    return { ok: true, categories, tasks: this.tasks };
  }

  private problem(row: number, key: ColumnKey | null, code: ImportProblemCode, detail: string) {
    const column = key === null ? '' : COLUMN_BY_KEY[key].header;
    const order = key === null ? 0 : (this.columns.get(key) ?? 0);
    this.problems.push({ row, column, code, message: formatMessage(row, column, detail), order });
  }

  private checkLength(row: number, key: ColumnKey, text: string, max: number): void {
    // UTF-16 length is never below the character count: only long texts need counting.
    if (text.length <= max) return;
    const length = charLength(text);
    if (length > max) {
      this.problem(row, key, 'TOO_LONG', `不能超过 ${max} 个字（当前 ${length} 个字）`);
    }
  }

  private useCategory(row: number, text: string): void {
    const name = cleanCategoryName(text);
    if (name === '') {
      this.problem(row, 'category', 'REQUIRED', '类别名称不能为空');
      return;
    }
    this.checkLength(row, 'category', name, MAX_CATEGORY_LENGTH);
    this.currentCategory = name;
    if (!this.categoryOrder.has(name)) this.categoryOrder.set(name, this.categoryOrder.size + 1);
  }

  /** Reads one row; false when the row is empty (and does not count as a data row). */
  private readRow(r: number): boolean {
    const cells = {} as Record<ColumnKey, GridCell>;
    let hasOwn = false;
    for (const column of CHECKLIST_COLUMNS) {
      const index = this.columns.get(column.key);
      const cell = index === undefined ? EMPTY_CELL : gridCell(this.sheet, r, index);
      cells[column.key] = cell;
      if (cell.own.kind !== 'empty') hasOwn = true;
    }
    const text = (key: ColumnKey): string => textOf(cells[key].value);

    if (text('title') === '') {
      // No task title: a category row, a note, an empty row, or a task missing its title.
      const { texts, mergedAcross } = scanRow(this.sheet, r);
      const [first, second] = texts;
      if (first === undefined) return false;
      if (NOTE_ROW.test(first)) return false;
      if (!hasOwn && !mergedAcross) return false;
      const categoryOwn = textOf(cells.category.own);
      if (texts.length === 1 && (mergedAcross || hasChineseOrdinal(first) || categoryOwn !== '')) {
        this.useCategory(r, first);
        return true;
      }
      if (
        texts.length === 2 &&
        second !== undefined &&
        hasChineseOrdinal(first) &&
        cleanCategoryName(first) === ''
      ) {
        this.useCategory(r, second);
        return true;
      }
    } else {
      // '一' in 序号 with the category name in 工作任务 and no task details.
      const number = textOf(cells.number.own);
      if (
        number !== '' &&
        hasChineseOrdinal(number) &&
        text('lead') === '' &&
        text('deadline') === '' &&
        text('weight') === ''
      ) {
        this.useCategory(r, cleanCategoryName(number) || text('category') || text('title'));
        return true;
      }
    }
    if (!hasOwn) return false;
    this.readTask(r, cells);
    return true;
  }

  private readTask(r: number, cells: Record<ColumnKey, GridCell>): void {
    this.taskRows += 1;
    const text = (key: ColumnKey): string => textOf(cells[key].value);
    let valid = true;
    const required = (key: ColumnKey, value: string, detail = '不能为空'): void => {
      if (value === '') {
        this.problem(r, key, 'REQUIRED', detail);
        valid = false;
      }
    };
    const limit = (key: ColumnKey, value: string, max: number): void => {
      const before = this.problems.length;
      this.checkLength(r, key, value, max);
      if (this.problems.length > before) valid = false;
    };

    // 序号
    const number = text('number')
      .normalize('NFKC')
      .replace(/\s+/g, '')
      .replace(/[.、]+$/, '');
    required('number', number);
    limit('number', number, MAX_NUMBER_LENGTH);
    if (number !== '') {
      const rows = this.numberRows.get(number);
      if (rows) rows.push(r);
      else this.numberRows.set(number, [r]);
    }

    // 类别 (a blank cell continues the category above it)
    const categoryText = text('category');
    if (categoryText !== '') {
      const before = this.problems.length;
      this.useCategory(r, categoryText);
      if (this.problems.length > before) valid = false;
    }
    const categoryName = this.currentCategory;
    if (categoryText === '' && categoryName === null) {
      required(
        'category',
        '',
        '该任务没有所属类别，请填写「类别」，或在任务上方添加类别行（如“一、用权公开”）',
      );
    }

    // 工作任务, 具体要求, 佐证材料
    const title = text('title');
    required('title', title);
    limit('title', title, MAX_TITLE_LENGTH);
    const description = text('description');
    limit('description', description, MAX_DESCRIPTION_LENGTH);
    const evidence = text('evidence');
    limit('evidence', evidence, MAX_EVIDENCE_LENGTH);

    // 牵头单位, 配合单位
    const leadDepartments = [...this.departmentLists(text('lead'))];
    required('lead', leadDepartments.length === 0 ? '' : 'ok');
    const cooperatingDepartments = [...this.departmentLists(text('cooperating'))];
    for (const [key, departments] of [
      ['lead', leadDepartments],
      ['cooperating', cooperatingDepartments],
    ] as const) {
      const tooLong = departments.find((name) => charLength(name) > MAX_DEPARTMENT_LENGTH);
      if (tooLong !== undefined) {
        this.problem(r, key, 'TOO_LONG', `单位名称不能超过 ${MAX_DEPARTMENT_LENGTH} 个字`);
        valid = false;
      }
    }

    // 完成时限
    const deadlineCell = cells.deadline.value;
    let deadline: ValidDeadline | null = null;
    let deadlineText = textOf(deadlineCell);
    if (deadlineCell.kind === 'empty') {
      required('deadline', '', '完成时限不能为空');
    } else {
      if (deadlineCell.kind === 'date') deadlineText = formatDateZh(deadlineCell.date);
      const parsed = this.deadlines(
        deadlineCell.kind === 'date' ? deadlineCell.date : deadlineCell.text,
      );
      if (parsed.kind === 'INVALID') {
        this.problem(r, 'deadline', 'BAD_DEADLINE', parsed.message);
        valid = false;
      } else {
        deadline = { ...parsed };
      }
    }

    // 适用层级
    const levels = this.levelLists(text('levels'));
    if (!levels.ok) {
      this.problem(r, 'levels', 'BAD_LEVEL', levels.message);
      valid = false;
    }

    // 分值
    const weightCell = cells.weight.value;
    const weight = parseWeight(weightCell.kind === 'number' ? weightCell.value : text('weight'));
    if (!weight.ok) {
      this.problem(r, 'weight', 'BAD_SCORE', weight.message);
      valid = false;
    }

    // 量化指标
    const target = this.targets(text('target'));
    if (!target.ok) {
      this.problem(r, 'target', 'BAD_TARGET', target.message);
      valid = false;
    }

    if (!valid || categoryName === null || deadline === null || !levels.ok || !weight.ok) return;
    if (!target.ok) return;
    this.tasks.push({
      row: r,
      number,
      categoryName,
      title,
      description,
      leadDepartments,
      cooperatingDepartments,
      deadline,
      deadlineText,
      levels: [...levels.value],
      weight: weight.value,
      evidence,
      target: target.value && { ...target.value },
    });
  }

  private checkDuplicateNumbers(): void {
    for (const [number, rows] of this.numberRows) {
      if (rows.length < 2) continue;
      for (const r of rows) {
        this.problem(
          r,
          'number',
          'DUPLICATE_NUMBER',
          `序号“${number}”重复（第 ${rows.join('、')} 行）`,
        );
      }
    }
  }
}

/**
 * Import of the annual key-task checklist (年度政务公开重点工作任务分工) from an .xlsx file.
 *
 * The file is read the way governments actually publish task-division lists, and the only
 * required content is the task text:
 * - a title row and notes may sit above the header; the header is the row among the first ten
 *   that names the most known columns (with their common variants: 责任科室/责任部门 for the lead,
 *   时限要求/进度安排 for the deadline, 重点任务/任务内容 for the task); unknown headers get a
 *   guess from their cells (layout.ts), which the user confirms or changes in the mapping step;
 * - categories come from a 类别 column (often one vertically merged cell per category), from
 *   category rows between the tasks ('一、用权公开', usually merged across the row), or from a
 *   heading prefixed to a task ('一、做好财政信息公开。1.推进……');
 * - items numbered inside the text ('1.' '（1）' '1、'), responsibility inside the text
 *   ('（省发展改革委牵头落实）') or in one cell ('办公室牵头，各科室配合') and deadlines inside the
 *   text ('2021年6月底前') are recognised (real-lists.ts);
 * - whatever is missing is defaulted: all levels, equal weight, 持续推进, numbers by category.
 *
 * Every guess and default is a warning (per row, or for the whole file when a column is missing);
 * errors are what cannot be imported as written (an unreadable deadline, a bad level or score, a
 * text too long, a number used twice). Every problem is reported at once, sorted by row and
 * column; a file that is not a readable .xlsx yields one BAD_FILE problem instead of an exception.
 * The sheet is read by the spreadsheet reader (workbook/), off the event loop and within its limits.
 */
import {
  formatDateZh,
  parseDeadline,
  type OrgLevel,
  type ValidDeadline,
} from '@sunshine/shared/domain';
import {
  COLUMN_BY_KEY,
  CHECKLIST_COLUMNS,
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
import {
  detectLayout,
  guessedColumns,
  mappedColumns,
  type ChecklistLayout,
  type ColumnMapping,
} from './layout';
import {
  deadlineInText,
  deadlineYear,
  headline,
  isGenericUnit,
  isHeadingText,
  leadingCategory,
  leadingItemNumber,
  parseResponsibility,
  trailingResponsibility,
  type Responsibility,
} from './real-lists';
import type {
  ChecklistParseOptions,
  ChecklistParseResult,
  ImportProblem,
  ImportProblemCode,
  ImportWarning,
  ImportWarningCode,
  ParsedCategory,
  ParsedTask,
} from './types';
import {
  ALL_PLAN_LEVELS,
  charLength,
  cleanCategoryName,
  hasChineseOrdinal,
  parseLevels,
  parseTarget,
  parseWeight,
  splitDepartments,
} from './values';
import { readWorkbook, textOf, WorkbookReadError, type Sheet } from './workbook';

export { HEADER_SEARCH_ROWS } from './layout';
/** The category of tasks that come with none. */
export const DEFAULT_CATEGORY = '未分类';
/** The deadline of tasks that come with none. */
export const DEFAULT_DEADLINE_TEXT = '持续推进';

/** Rows after the header that hold anything (tasks, category rows, rows with errors). */
export const MAX_DATA_ROWS = 10_000;
const PROGRESS_STEP = 500;
const YIELD_STEP = 2_000;

const NOTE_ROW =
  /^(?:注|备注|说明|附注|填表说明|填表人|填报人|联系人|联系电话|审核人|制表人|制表|填报单位|填报日期)\s*\d*\s*[:：.．、]/;
/** A lone short text that is not a number: a category written in another column. */
const LONE_HEADING = /^[^\d(（].{1,39}$/;

interface Problem extends ImportProblem {
  /** Sort key within a row: the sheet column, or the canonical column order. */
  order: number;
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

function failure(
  errors: ImportProblem[],
  layout: ChecklistLayout | null = null,
  warnings: ImportWarning[] = [],
): ChecklistParseResult {
  return { ok: false, layout, errors, warnings };
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
  return new ChecklistReader(sheet, options.planYear, options.onProgress, options.mapping).read();
}

function tooManyRows(): ImportProblem {
  return fileProblem('TOO_MANY_ROWS', `数据行数超过上限（${MAX_DATA_ROWS} 行），请拆分后分批导入`);
}

function assertPlanYear(planYear: number): void {
  if (!Number.isInteger(planYear) || planYear < 1001 || planYear > 9998) {
    throw new RangeError(`无效的计划年度：${planYear}`);
  }
}

interface Warning extends ImportWarning {
  order: number;
}

/** A task read from its row, before numbers and weights that depend on the whole file. */
interface RowTask extends Omit<ParsedTask, 'number' | 'weight'> {
  number: string | null;
  /** The item number written inside the text ('1.' → '1'). */
  textNumber: string | null;
  weight: number | null;
}

const FULL_STOP = /[。；;]+$/;

class ChecklistReader {
  private readonly problems: Problem[] = [];
  private readonly warnings: Warning[] = [];
  private readonly rowTasks: RowTask[] = [];
  /** Every 序号 written on a task row (valid or not), with the row's category. */
  private readonly writtenNumbers: Array<{ row: number; number: string; category: string }> = [];
  private readonly categoryOrder = new Map<string, number>();
  private columns: ReadonlyMap<ColumnKey, number> = new Map();
  private currentCategory: string | null = null;
  private taskRows = 0;
  private headerRow = 1;
  // Real checklists repeat a few dozen deadline, level and department texts over many rows:
  // parse each distinct text once. Results are copied out so that tasks never share objects.
  private readonly deadlines = memo((text: string) => parseDeadline(text, this.planYear));
  private readonly levelLists = memo(parseLevels);
  private readonly departmentLists = memo(splitDepartments);
  private readonly responsibilities = memo(parseResponsibility);
  private readonly targets = memo(parseTarget);

  constructor(
    private readonly sheet: Sheet,
    private readonly planYear: number,
    private readonly onProgress?: (done: number, total: number) => void,
    private readonly mapping?: ColumnMapping,
  ) {}

  private has(key: ColumnKey): boolean {
    return this.columns.has(key);
  }

  async read(): Promise<ChecklistParseResult> {
    const layout = detectLayout(this.sheet, this.planYear);
    if (this.mapping) {
      const mapped = mappedColumns(this.mapping);
      if (!mapped.ok) {
        return failure([fileProblem('BAD_MAPPING', mapped.message)], layout);
      }
      this.headerRow = mapped.headerRow;
      this.columns = mapped.columns;
    } else {
      this.headerRow = layout.headerRow;
      this.columns = guessedColumns(layout);
    }
    if (!this.has('title') && !this.has('description')) {
      const spec = COLUMN_BY_KEY.title;
      return failure(
        [
          {
            row: this.headerRow,
            column: spec.header,
            code: 'MISSING_HEADER',
            message: formatMessage(
              this.headerRow,
              spec.header,
              '没有找到任务内容所在的列（如“工作任务”“重点任务”“具体任务”“任务内容”），请在“核对列”中指定哪一列是工作任务',
            ),
          },
        ],
        layout,
      );
    }

    // Only rows that hold something: a stray cell in row 1,000,000 costs nothing.
    const rows = this.sheet.rowNumbers().filter((r) => r > this.headerRow);
    const total = rows.length;
    let dataRows = 0;
    this.onProgress?.(0, total);
    for (const [index, row] of rows.entries()) {
      if (this.readRow(row)) {
        dataRows += 1;
        if (dataRows > MAX_DATA_ROWS) return failure([tooManyRows()], layout);
      }
      const done = index + 1;
      if (done % PROGRESS_STEP === 0 && done < total) this.onProgress?.(done, total);
      if (done % YIELD_STEP === 0) await yieldToEventLoop();
    }
    this.onProgress?.(total, total);

    if (this.taskRows === 0) {
      this.problems.push({
        ...fileProblem('NO_TASKS', '表格中没有任务，请在表头下方逐行填写任务'),
        order: 0,
      });
    }
    const tasks = this.finish();
    const warnings = this.sortedWarnings();
    if (this.problems.length > 0) {
      const errors = [...this.problems]
        .sort((a, b) => a.row - b.row || a.order - b.order)
        .map(({ row, column, code, message }) => ({ row, column, code, message }));
      return failure(errors, layout, warnings);
    }
    const used = new Set(tasks.map((task) => task.categoryName));
    const categories: ParsedCategory[] = [...this.categoryOrder.entries()]
      .filter(([name]) => used.has(name))
      .sort((a, b) => a[1] - b[1])
      .map(([name], index) => ({ name, order: index + 1 }));
    return { ok: true, layout, categories, tasks, warnings };
  }

  private sortedWarnings(): ImportWarning[] {
    return [...this.warnings]
      .sort((a, b) => a.row - b.row || a.order - b.order)
      .map(({ row, column, code, message }) => ({ row, column, code, message }));
  }

  private problem(row: number, key: ColumnKey | null, code: ImportProblemCode, detail: string) {
    const column = key === null ? '' : COLUMN_BY_KEY[key].header;
    const order = key === null ? 0 : (this.columns.get(key) ?? 0);
    this.problems.push({ row, column, code, message: formatMessage(row, column, detail), order });
  }

  private warn(row: number, key: ColumnKey | null, code: ImportWarningCode, detail: string) {
    const column = key === null ? '' : COLUMN_BY_KEY[key].header;
    const order = key === null ? 0 : (this.columns.get(key) ?? 99);
    this.warnings.push({ row, column, code, message: formatMessage(row, column, detail), order });
  }

  private checkLength(row: number, key: ColumnKey, text: string, max: number): boolean {
    // UTF-16 length is never below the character count: only long texts need counting.
    if (text.length <= max) return true;
    const length = charLength(text);
    if (length > max) {
      this.problem(row, key, 'TOO_LONG', `不能超过 ${max} 个字（当前 ${length} 个字）`);
      return false;
    }
    return true;
  }

  private useCategory(row: number, text: string): boolean {
    const name = cleanCategoryName(text).replace(FULL_STOP, '');
    if (name === '') {
      this.problem(row, 'category', 'REQUIRED', '类别名称不能为空');
      return false;
    }
    if (!this.checkLength(row, 'category', name, MAX_CATEGORY_LENGTH)) return false;
    this.currentCategory = name;
    if (!this.categoryOrder.has(name)) this.categoryOrder.set(name, this.categoryOrder.size + 1);
    return true;
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
    const own = (key: ColumnKey): string => textOf(cells[key].own);
    const { texts, mergedAcross } = scanRow(this.sheet, r);
    const [first, second] = texts;
    if (first === undefined) return false;
    // Notes under (or inside) the table: '注：…', '说明：…'.
    if (NOTE_ROW.test(first) && texts.length <= 2) return false;
    // The header repeated (a list printed over several pages).
    if (texts.length >= 2 && texts.every((t) => columnForHeader(t) !== null)) return false;
    if (!hasOwn && !mergedAcross) return false;

    const taskText = own('title') || own('description');
    const detailsOwn = own('lead') + own('deadline') + own('weight') + own('levels');
    if (taskText === '') {
      // No task text of its own: a category row, or a row of other fields.
      const categoryOwn = own('category');
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
      // A short text alone in another column ('政务公开平台建设' under 序号): a category row.
      if (texts.length === 1 && detailsOwn === '' && LONE_HEADING.test(first)) {
        this.useCategory(r, first);
        return true;
      }
    } else {
      // '一' in 序号 with the category name in 工作任务 and no task details.
      const number = own('number');
      if (number !== '' && hasChineseOrdinal(number) && detailsOwn === '') {
        this.useCategory(r, cleanCategoryName(number) || own('category') || taskText);
        return true;
      }
      // A heading alone in the task column: '一、围绕深化改革推进公开'.
      if (texts.length === 1 && detailsOwn === '' && isHeadingText(taskText)) {
        this.useCategory(r, taskText);
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

    // 序号
    const numberCell = text('number')
      .normalize('NFKC')
      .replace(/\s+/g, '')
      .replace(/[.、]+$/, '');
    if (!this.checkLength(r, 'number', numberCell, MAX_NUMBER_LENGTH)) valid = false;

    // 类别 (a blank cell continues the category above it)
    const categoryText = text('category');
    if (categoryText !== '' && !this.useCategory(r, categoryText)) valid = false;

    // 工作任务 / 具体要求: the task text, with what real lists write inside it.
    let title = text('title');
    let description = text('description');
    let main = title !== '' ? title : description;
    const fromDescription = title === '';
    const heading = categoryText === '' ? leadingCategory(main) : null;
    if (heading !== null && heading.rest !== '' && heading.category !== '') {
      if (this.useCategory(r, heading.category)) {
        this.warn(r, 'category', 'CATEGORY_GUESSED', `类别取自任务内容开头：${heading.category}`);
      }
      main = heading.rest;
    }
    const item = leadingItemNumber(main);
    if (item !== null) main = item.rest;
    let responsibility: Responsibility | null = null;
    let responsibilityText = '';
    const inMain = trailingResponsibility(main);
    if (inMain !== null) {
      main = inMain.rest;
      responsibility = inMain.responsibility;
      responsibilityText = inMain.written;
    }
    if (!fromDescription && description !== '') {
      const inDescription = trailingResponsibility(description);
      if (inDescription !== null) {
        description = inDescription.rest;
        responsibility ??= inDescription.responsibility;
        responsibilityText ||= inDescription.written;
      }
      title = main.replace(FULL_STOP, '');
    } else {
      const whole = main.trim();
      const short = headline(whole);
      title = short;
      if (short === whole.replace(FULL_STOP, '')) {
        description = fromDescription ? whole : '';
      } else {
        description = whole;
        this.warn(r, 'title', 'TITLE_GUESSED', `任务名称取自任务内容的第一句：${short}`);
      }
    }
    if (title === '') {
      this.problem(r, 'title', 'REQUIRED', '任务内容不能为空');
      valid = false;
    }
    if (!this.checkLength(r, 'title', title, MAX_TITLE_LENGTH)) valid = false;
    if (!this.checkLength(r, 'description', description, MAX_DESCRIPTION_LENGTH)) valid = false;
    const evidence = text('evidence');
    if (!this.checkLength(r, 'evidence', evidence, MAX_EVIDENCE_LENGTH)) valid = false;

    let categoryName = this.currentCategory;
    if (categoryName === null) {
      categoryName = DEFAULT_CATEGORY;
      if (!this.categoryOrder.has(categoryName)) {
        this.categoryOrder.set(categoryName, this.categoryOrder.size + 1);
      }
    }

    // 牵头单位, 配合单位
    const leadCell = text('lead');
    let leadDepartments: string[] = [];
    let cooperatingDepartments: string[] = [];
    if (leadCell !== '') {
      const split = this.responsibilities(leadCell);
      if (split !== null) {
        leadDepartments = [...split.lead];
        cooperatingDepartments = [...split.cooperating];
        this.warn(
          r,
          'lead',
          'LEAD_GUESSED',
          `已将“${leadCell}”识别为牵头：${split.lead.join('、')}${
            split.cooperating.length > 0 ? `；配合：${split.cooperating.join('、')}` : ''
          }`,
        );
      } else {
        leadDepartments = [...this.departmentLists(leadCell)];
      }
    } else if (responsibility !== null) {
      leadDepartments = [...responsibility.lead];
      cooperatingDepartments = [...responsibility.cooperating];
      this.warn(
        r,
        'lead',
        'LEAD_GUESSED',
        `牵头单位取自任务内容“（${responsibilityText}）”：${responsibility.lead.join('、')}`,
      );
    }
    const cooperatingCell = text('cooperating');
    if (cooperatingCell !== '') cooperatingDepartments = [...this.departmentLists(cooperatingCell)];
    if (leadDepartments.length === 0) {
      this.warn(r, 'lead', 'LEAD_MISSING', '未注明牵头单位，请在发布前补充');
    } else {
      const generic = leadDepartments.filter(isGenericUnit);
      if (generic.length > 0) {
        this.warn(
          r,
          'lead',
          'LEAD_GENERIC',
          `牵头单位“${generic.join('、')}”为泛指，发布前请核对具体负责的单位`,
        );
      }
    }
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
    const deadline = this.readDeadline(r, cells.deadline.value, `${title}。${description}`);
    if (deadline === null) valid = false;

    // 适用层级
    let levels: OrgLevel[] = [...ALL_PLAN_LEVELS];
    if (this.has('levels')) {
      const parsed = this.levelLists(text('levels'));
      if (parsed.ok) levels = [...parsed.value];
      else {
        this.problem(r, 'levels', 'BAD_LEVEL', parsed.message);
        valid = false;
      }
    }

    // 分值
    let weight: number | null = null;
    if (this.has('weight')) {
      const weightCell = cells.weight.value;
      const parsed = parseWeight(weightCell.kind === 'number' ? weightCell.value : text('weight'));
      if (parsed.ok) weight = parsed.value;
      else {
        this.problem(r, 'weight', 'BAD_SCORE', parsed.message);
        valid = false;
      }
    }

    // 量化指标
    const target = this.targets(text('target'));
    if (!target.ok) {
      this.problem(r, 'target', 'BAD_TARGET', target.message);
      valid = false;
    }

    if (numberCell !== '') {
      this.writtenNumbers.push({ row: r, number: numberCell, category: categoryName });
    }
    if (!valid || deadline === null || !target.ok) return;
    this.rowTasks.push({
      row: r,
      number: numberCell === '' ? null : numberCell,
      textNumber: item?.number ?? null,
      categoryName,
      title,
      description,
      leadDepartments,
      cooperatingDepartments,
      deadline: deadline.deadline,
      deadlineText: deadline.text,
      levels,
      weight,
      evidence,
      target: target.value && { ...target.value },
    });
  }

  private readDeadline(
    r: number,
    cell: GridCell['value'],
    taskText: string,
  ): { deadline: ValidDeadline; text: string } | null {
    let result: { deadline: ValidDeadline; text: string } | null = null;
    if (cell.kind === 'date') {
      const parsed = this.deadlines(cell.date);
      if (parsed.kind === 'INVALID') {
        this.problem(r, 'deadline', 'BAD_DEADLINE', parsed.message);
        return null;
      }
      result = { deadline: { ...parsed }, text: formatDateZh(cell.date) };
    } else if (cell.kind !== 'empty') {
      const written = cell.text.trim();
      const parsed = this.deadlines(written);
      if (parsed.kind !== 'INVALID') {
        result = { deadline: { ...parsed }, text: written };
      } else {
        const inside = deadlineInText(written, this.planYear);
        if (inside !== null) {
          result = { deadline: inside.deadline, text: written };
          this.warn(
            r,
            'deadline',
            'DEADLINE_GUESSED',
            `完成时限“${written}”按“${inside.written}”计`,
          );
        } else if (!/[\d年月日季]/.test(written)) {
          result = { deadline: { kind: 'CONTINUOUS' }, text: written };
          this.warn(
            r,
            'deadline',
            'DEFAULT_DEADLINE',
            `完成时限“${written}”不是具体时间，按“${DEFAULT_DEADLINE_TEXT}”计`,
          );
        } else {
          this.problem(r, 'deadline', 'BAD_DEADLINE', parsed.message);
          return null;
        }
      }
    } else {
      const inside = deadlineInText(taskText, this.planYear);
      if (inside !== null) {
        result = { deadline: inside.deadline, text: inside.written };
        this.warn(r, 'deadline', 'DEADLINE_GUESSED', `完成时限取自任务内容：${inside.written}`);
      } else {
        result = { deadline: { kind: 'CONTINUOUS' }, text: DEFAULT_DEADLINE_TEXT };
        if (this.has('deadline')) {
          this.warn(
            r,
            'deadline',
            'DEFAULT_DEADLINE',
            `未填写完成时限，按“${DEFAULT_DEADLINE_TEXT}”计`,
          );
        }
      }
    }
    const year = deadlineYear(result.deadline);
    if (year !== null && year !== this.planYear) {
      this.warn(
        r,
        'deadline',
        'DEADLINE_OUTSIDE_YEAR',
        `完成时限“${result.text}”不在计划年度（${this.planYear}年）内，请核对是否沿用了往年的清单`,
      );
    }
    return result;
  }

  /** Numbers, weights and the warnings about whole columns, once every row is read. */
  private finish(): ParsedTask[] {
    const tasks = this.rowTasks;
    const n = tasks.length;
    const fileWarn = (key: ColumnKey, code: ImportWarningCode, detail: string) =>
      this.warn(0, key, code, detail);

    if (!this.has('deadline')) {
      fileWarn(
        'deadline',
        'DEFAULT_DEADLINE',
        `表格中没有“完成时限”列：任务内容中写明的时限已识别，其余任务按“${DEFAULT_DEADLINE_TEXT}”计`,
      );
    }
    if (!this.has('levels')) {
      fileWarn(
        'levels',
        'DEFAULT_LEVELS',
        '表格中没有“适用层级”列：全部任务适用于省、市、县三级，可在发布前逐项调整',
      );
    }
    let equalWeight = 0;
    if (!this.has('weight') && n > 0) {
      equalWeight = Math.round((100 / n) * 100) / 100;
      fileWarn(
        'weight',
        'DEFAULT_WEIGHT',
        `表格中没有“分值”列：每项任务按等权 ${equalWeight} 分计（合计约 100 分），可在发布前调整`,
      );
    }
    if (this.categoryOrder.size === 1 && this.categoryOrder.has(DEFAULT_CATEGORY)) {
      fileWarn(
        'category',
        'DEFAULT_CATEGORY',
        `表格中没有类别：全部任务归入“${DEFAULT_CATEGORY}”，导入后可修改`,
      );
    } else {
      for (const task of tasks) {
        if (task.categoryName !== DEFAULT_CATEGORY) continue;
        this.warn(
          task.row,
          'category',
          'DEFAULT_CATEGORY',
          `没有所属类别，归入“${DEFAULT_CATEGORY}”`,
        );
      }
    }

    // Numbers: as written; repeated per category ('1' '2' under each heading) → '类别序号.序号';
    // missing → '类别序号.条目序号' from the text ('1.'), else by position in the category.
    const written = new Map<string, Array<{ row: number; category: string }>>();
    for (const { row, number, category } of this.writtenNumbers) {
      const list = written.get(number);
      if (list) list.push({ row, category });
      else written.set(number, [{ row, category }]);
    }
    const repeated = [...written.values()].filter((list) => list.length > 1);
    const order = (task: RowTask) => this.categoryOrder.get(task.categoryName) ?? 0;
    const perCategory = repeated.every(
      (list) => new Set(list.map((t) => t.category)).size === list.length,
    );
    const prefixWritten = repeated.length > 0 && perCategory;
    if (repeated.length > 0 && !perCategory) {
      for (const [number, list] of written) {
        if (list.length < 2) continue;
        const rows = list.map((t) => t.row);
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
    if (prefixWritten) {
      fileWarn(
        'number',
        'NUMBER_GENERATED',
        '序号在各类别中重复编排：已改为“类别序号.序号”（如“2.1”）',
      );
    }
    const used = new Set<string>();
    const final: string[] = tasks.map((task) => {
      if (task.number === null) return '';
      const number = prefixWritten ? `${order(task)}.${task.number}` : task.number;
      used.add(number);
      return number;
    });
    const seq = new Map<string, number>();
    let generated = 0;
    const multiCategory = this.categoryOrder.size > 1;
    tasks.forEach((task, i) => {
      const position = (seq.get(task.categoryName) ?? 0) + 1;
      seq.set(task.categoryName, position);
      if (task.number !== null) return;
      const prefix = multiCategory ? `${order(task)}.` : '';
      let candidate = `${prefix}${task.textNumber ?? position}`;
      if (used.has(candidate)) candidate = `${prefix}${position}`;
      let k = position;
      while (used.has(candidate)) candidate = `${prefix}${(k += 1)}`;
      used.add(candidate);
      final[i] = candidate;
      generated += 1;
    });
    if (generated > 0) {
      fileWarn(
        'number',
        'NUMBER_GENERATED',
        this.has('number')
          ? `${generated} 项任务未填写序号，已按类别自动编号`
          : `表格中没有“序号”列：已按“类别序号.任务序号”自动编号（任务内容中写明的“1.”“（1）”等已采用）`,
      );
    }
    return tasks.map((task, i) => {
      const { textNumber: _textNumber, ...rest } = task;
      return { ...rest, number: final[i] ?? '', weight: task.weight ?? equalWeight };
    });
  }
}

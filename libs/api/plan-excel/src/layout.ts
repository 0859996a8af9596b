/**
 * Where a checklist's header is and what each column holds: known header names first, then
 * headers that resemble one ('主要工作任务'), then what the cells look like (vertically merged
 * text → 类别, short numbers → 序号, deadlines → 完成时限, unit names → 牵头单位, long text →
 * 工作任务). The result is what the import dialog shows as its column-mapping step, with each
 * guess preselected; the user's mapping (ColumnMapping) then replaces the guesses.
 */
import { parseDeadline } from '@sunshine/shared/domain';
import { CHECKLIST_COLUMNS, columnForHeader, similarColumn, type ColumnKey } from './columns';
import { gridCell } from './checklist-sheet';
import { charLength } from './values';
import { textOf, type Sheet } from './workbook';

/** The header must be within this many rows from the top. */
export const HEADER_SEARCH_ROWS = 10;
/** Columns looked at (a checklist has a dozen at most; the rest of a wide sheet is ignored). */
export const MAX_LAYOUT_COLUMNS = 30;
const SAMPLE_ROWS = 60;

export type GuessBasis = 'HEADER' | 'SIMILAR' | 'CONTENT' | 'NONE';

export interface DetectedColumn {
  /** 1-based sheet column. */
  index: number;
  /** The column letter as Excel shows it ('A'). */
  letter: string;
  /** The header as written ('' when blank). */
  header: string;
  /** The field the column probably holds, or null (ignored). */
  guess: ColumnKey | null;
  /** A known header name, one that resembles it, what the cells look like, or no guess. */
  basis: GuessBasis;
  /** Up to three values from the column, for the mapping step. */
  samples: string[];
}

export interface ChecklistLayout {
  headerRow: number;
  columns: DetectedColumn[];
  /** Some column's meaning was guessed rather than read from a known header: let the user check. */
  needsMapping: boolean;
}

/** The user's choice in the mapping step: the header row and each column's field (null: ignore). */
export interface ColumnMapping {
  headerRow: number;
  columns: Readonly<Record<string, ColumnKey | null>>;
}

const KEYS = new Set<string>(CHECKLIST_COLUMNS.map((c) => c.key));

export function columnLetter(index: number): string {
  let n = index;
  let letter = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    letter = String.fromCharCode(65 + rest) + letter;
    n = Math.floor((n - 1) / 26);
  }
  return letter;
}

function ownText(sheet: Sheet, row: number, column: number): string {
  return textOf(gridCell(sheet, row, column).own);
}

function findHeaderRow(sheet: Sheet): number {
  const last = Math.min(HEADER_SEARCH_ROWS, sheet.rowCount);
  let best = 0;
  let bestCount = 0;
  for (let r = 1; r <= last; r += 1) {
    let count = 0;
    const end = Math.min(sheet.columnCount(r), MAX_LAYOUT_COLUMNS);
    for (let c = 1; c <= end; c += 1) {
      if (columnForHeader(ownText(sheet, r, c)) !== null) count += 1;
    }
    if (count > bestCount) {
      best = r;
      bestCount = count;
    }
  }
  if (best > 0) return best;
  // No known header: the first row with two or more texts that are not a title merged across.
  for (let r = 1; r <= last; r += 1) {
    const texts = sheet.cells(r).filter((cell) => textOf(cell.value) !== '');
    if (texts.length >= 2) return r;
  }
  return 1;
}

const NUMBERISH =
  /^(?:\d{1,3}(?:[.．-]\d{1,3})*[.．、]?|[(（]?[一二三四五六七八九十]{1,3}[)）、]?|[(（]\d{1,3}[)）])$/;
const UNIT_NAME =
  /(?:办公室|办|局|厅|委|室|科|处|组|中心|部|所|队|站|院|政府|单位|部门|科室|处室|牵头|配合)$/;

function contentGuess(
  sheet: Sheet,
  headerRow: number,
  column: number,
  planYear: number,
): ColumnKey | null {
  const verticalMerges = sheet.merges.filter(
    (m) => m.left === column && m.right === column && m.bottom > m.top && m.top > headerRow,
  );
  const values: string[] = [];
  const rows = sheet.rowNumbers().filter((r) => r > headerRow);
  for (const r of rows.slice(0, SAMPLE_ROWS)) {
    // A row merged across the table is a category or note row, not a sample of this column.
    if (sheet.mergesIn(r).some((m) => m.right > m.left && m.left <= column && m.right >= column))
      continue;
    const text = ownText(sheet, r, column);
    if (text !== '') values.push(text);
  }
  if (values.length === 0) return null;
  const share = (test: (v: string) => boolean): number =>
    values.filter(test).length / values.length;
  if (verticalMerges.length > 0 && share((v) => !NUMBERISH.test(v)) >= 0.8) return 'category';
  if (share((v) => NUMBERISH.test(v.replace(/\s+/g, ''))) >= 0.7) return 'number';
  if (share((v) => parseDeadline(v, planYear).kind !== 'INVALID') >= 0.6) return 'deadline';
  const average = values.reduce((sum, v) => sum + charLength(v), 0) / values.length;
  if (
    average <= 30 &&
    share((v) => v.split(/[、，,；;\s]+/).every((part) => part === '' || UNIT_NAME.test(part))) >=
      0.6
  )
    return 'lead';
  if (average >= 8 && share((v) => /[\u4e00-\u9fa5]{4,}/.test(v)) >= 0.6) return 'title';
  return null;
}

/** Finds the header row and guesses each column's field. */
export function detectLayout(sheet: Sheet, planYear: number): ChecklistLayout {
  const headerRow = findHeaderRow(sheet);
  let width = sheet.columnCount(headerRow);
  const rows = sheet.rowNumbers().filter((r) => r > headerRow);
  for (const r of rows.slice(0, SAMPLE_ROWS)) width = Math.max(width, sheet.columnCount(r));
  width = Math.min(width, MAX_LAYOUT_COLUMNS);

  const columns: DetectedColumn[] = [];
  for (let c = 1; c <= width; c += 1) {
    const header = ownText(sheet, headerRow, c);
    const samples: string[] = [];
    for (const r of rows) {
      if (samples.length >= 3) break;
      const text = textOf(gridCell(sheet, r, c).own);
      if (text !== '' && !sheet.mergesIn(r).some((m) => m.right > m.left && m.left === c))
        samples.push(charLength(text) > 40 ? `${[...text].slice(0, 40).join('')}…` : text);
    }
    columns.push({
      index: c,
      letter: columnLetter(c),
      header,
      guess: null,
      basis: 'NONE',
      samples,
    });
  }
  const used = new Set<ColumnKey>();
  const assign = (basis: GuessBasis, guess: (column: DetectedColumn) => ColumnKey | null) => {
    for (const column of columns) {
      if (column.guess !== null) continue;
      const key = guess(column);
      if (key === null || used.has(key)) continue;
      column.guess = key;
      column.basis = basis;
      used.add(key);
    }
  };
  assign('HEADER', (column) => columnForHeader(column.header));
  assign('SIMILAR', (column) => similarColumn(column.header));
  assign('CONTENT', (column) =>
    column.header === '' || column.basis === 'NONE'
      ? contentGuess(sheet, headerRow, column.index, planYear)
      : null,
  );
  // A second unit column beside the lead is the cooperating one.
  for (const column of columns) {
    if (
      column.guess === null &&
      column.basis === 'NONE' &&
      used.has('lead') &&
      !used.has('cooperating')
    ) {
      if (contentGuess(sheet, headerRow, column.index, planYear) === 'lead') {
        column.guess = 'cooperating';
        column.basis = 'CONTENT';
        used.add('cooperating');
      }
    }
  }
  const hasTask = used.has('title') || used.has('description');
  const needsMapping =
    !hasTask ||
    columns.some(
      (column) => column.basis !== 'HEADER' && (column.header !== '' || column.samples.length > 0),
    );
  return { headerRow, columns, needsMapping };
}

/** The field → sheet column map of a layout's guesses. */
export function guessedColumns(layout: ChecklistLayout): Map<ColumnKey, number> {
  const map = new Map<ColumnKey, number>();
  for (const column of layout.columns) {
    if (column.guess !== null && !map.has(column.guess)) map.set(column.guess, column.index);
  }
  return map;
}

/**
 * The field → sheet column map of a user's mapping, or a Chinese message saying what is wrong
 * with it (unknown field, a field chosen twice, a row or column out of range).
 */
export function mappedColumns(
  mapping: ColumnMapping,
):
  | { ok: true; headerRow: number; columns: Map<ColumnKey, number> }
  | { ok: false; message: string } {
  const { headerRow } = mapping;
  if (!Number.isInteger(headerRow) || headerRow < 1 || headerRow > HEADER_SEARCH_ROWS) {
    return { ok: false, message: `表头行应在第 1 至 ${HEADER_SEARCH_ROWS} 行之间` };
  }
  const columns = new Map<ColumnKey, number>();
  for (const [indexText, key] of Object.entries(mapping.columns ?? {})) {
    const index = Number(indexText);
    if (!Number.isInteger(index) || index < 1 || index > MAX_LAYOUT_COLUMNS) {
      return { ok: false, message: `列号无效：${indexText}` };
    }
    if (key === null) continue;
    if (typeof key !== 'string' || !KEYS.has(key)) {
      return { ok: false, message: `无法识别的字段：${String(key)}` };
    }
    const previous = columns.get(key);
    if (previous !== undefined) {
      const header = CHECKLIST_COLUMNS.find((c) => c.key === key)?.header ?? key;
      return {
        ok: false,
        message: `「${header}」同时对应了第 ${columnLetter(previous)} 列和第 ${columnLetter(index)} 列，请只选择一列`,
      };
    }
    columns.set(key, index);
  }
  return { ok: true, headerRow, columns };
}

/** The reader's result: for each worksheet, its cell values and merged ranges. */
import { chinaDateOf, type CalendarDate } from '@sunshine/shared/domain';
import { CellKind, type MergeRange, type WireSheet } from './wire';

export type { MergeRange } from './wire';

/** A cell's value as a person sees it in Excel; dates are days of the China calendar. */
export type CellValue =
  | { kind: 'empty' }
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number; text: string }
  | { kind: 'date'; date: CalendarDate; text: string };

export const EMPTY: CellValue = { kind: 'empty' };

export function textOf(value: CellValue): string {
  return value.kind === 'empty' ? '' : value.text;
}

/** An entry of the parallel wire arrays; an index outside them is a bug in the reader. */
function entry<T>(list: ArrayLike<T>, index: number): T {
  const value = list[index];
  if (value === undefined) throw new Error(`workbook grid: no cell entry at index ${index}`);
  return value;
}

/** One worksheet. Rows and columns are 1-based, as in Excel. */
export class Sheet {
  readonly name: string;
  /** The last row number of the sheet (styled empty rows included). */
  readonly rowCount: number;
  readonly merges: readonly MergeRange[];
  /** Where each row's cells sit in the wire arrays: [first, end). */
  private readonly rowSpans = new Map<number, [number, number]>();
  private readonly mergesByRow = new Map<number, MergeRange[]>();

  constructor(private readonly wire: WireSheet) {
    this.name = wire.name;
    this.rowCount = wire.rowCount;
    this.merges = wire.merges;
    const { rows } = wire;
    for (let first = 0; first < rows.length;) {
      const row = entry(rows, first);
      let end = first + 1;
      while (end < rows.length && rows[end] === row) end += 1;
      this.rowSpans.set(row, [first, end]);
      first = end;
    }
    for (const range of wire.merges) {
      for (let r = range.top; r <= range.bottom; r += 1) {
        const list = this.mergesByRow.get(r);
        if (list) list.push(range);
        else this.mergesByRow.set(r, [range]);
      }
    }
  }

  private at(index: number): CellValue {
    const { kinds, numbers, texts } = this.wire;
    switch (kinds[index]) {
      case CellKind.Number:
        return { kind: 'number', value: entry(numbers, index), text: entry(texts, index) };
      case CellKind.Date: {
        const date = chinaDateOf(new Date(entry(numbers, index)));
        return { kind: 'date', date, text: date };
      }
      default:
        return { kind: 'text', text: entry(texts, index) };
    }
  }

  /** The cell's own value: empty for every cell of a merged range but its master (top left). */
  value(row: number, column: number): CellValue {
    const span = this.rowSpans.get(row);
    if (span === undefined) return EMPTY;
    const { columns } = this.wire;
    // Columns ascend within a row: binary search.
    let low = span[0];
    let high = span[1] - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const at = entry(columns, middle);
      if (at === column) return this.at(middle);
      if (at < column) low = middle + 1;
      else high = middle - 1;
    }
    return EMPTY;
  }

  /** The non-empty own values of a row, ascending by column. */
  cells(row: number): Array<{ column: number; value: CellValue }> {
    const span = this.rowSpans.get(row);
    if (span === undefined) return [];
    const result: Array<{ column: number; value: CellValue }> = [];
    for (let i = span[0]; i < span[1]; i += 1) {
      result.push({ column: entry(this.wire.columns, i), value: this.at(i) });
    }
    return result;
  }

  /** The merged range covering the cell (its master included), or null. */
  mergeAt(row: number, column: number): MergeRange | null {
    for (const range of this.mergesByRow.get(row) ?? []) {
      if (column >= range.left && column <= range.right) return range;
    }
    return null;
  }

  /** The merged ranges covering any cell of the row. */
  mergesIn(row: number): readonly MergeRange[] {
    return this.mergesByRow.get(row) ?? [];
  }

  /** Numbers of the rows that hold a value or a merged cell, ascending. */
  rowNumbers(): number[] {
    const numbers = new Set([...this.rowSpans.keys(), ...this.mergesByRow.keys()]);
    return [...numbers].sort((a, b) => a - b);
  }

  /** The last column of a row holding a value or a merged cell (0 for an empty row). */
  columnCount(row: number): number {
    const span = this.rowSpans.get(row);
    let last = span === undefined ? 0 : entry(this.wire.columns, span[1] - 1);
    for (const range of this.mergesByRow.get(row) ?? []) last = Math.max(last, range.right);
    return last;
  }
}

export interface WorkbookGrid {
  /** The worksheets in workbook order (chart sheets are not included). */
  sheets: Sheet[];
}

/** Reading exceljs cell values as text, numbers and dates the way a person sees them in Excel. */
import { chinaDateOf, type CalendarDate } from '@sunshine/shared/domain';
import { ValueType, type Cell, type CellValue } from 'exceljs';

/** A cell's content reduced to what the importer needs. */
export type PlainValue =
  | { kind: 'empty' }
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number; text: string }
  | { kind: 'date'; date: CalendarDate; text: string };

export const EMPTY: PlainValue = { kind: 'empty' };

function isObject(value: CellValue): value is Exclude<CellValue, Date> & object {
  return typeof value === 'object' && value !== null && !(value instanceof Date);
}

/** Text of a rich-text or hyperlink value, the result of a formula, the code of an error. */
function unwrap(value: CellValue): Exclude<CellValue, object> | Date {
  if (!isObject(value)) return value;
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('hyperlink' in value) {
    const text: unknown = value.text;
    if (typeof text === 'string') return text;
    if (typeof text === 'object' && text !== null && 'richText' in text) {
      return unwrap(text as CellValue);
    }
    return value.hyperlink;
  }
  if ('error' in value) return value.error;
  if ('result' in value) {
    const result: unknown = value.result;
    if (result === undefined || result === null) return null;
    return unwrap(result as CellValue);
  }
  return null;
}

/**
 * A number as displayed: with the decimals its format asks for ('0.00' shows 3.1 as '3.10'),
 * otherwise the shortest form without binary noise (1.1000000000000001 → '1.1').
 */
export function formatNumber(value: number, numFmt: string | undefined): string {
  const fixed = numFmt ? /^0(?:\.(0+))?$/.exec(numFmt.trim()) : null;
  if (fixed) return value.toFixed(fixed[1]?.length ?? 0);
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(12)));
}

/** The value of a cell (its master's for a merged cell) as text, number or China calendar date. */
export function plainValue(cell: Cell): PlainValue {
  const raw = unwrap(cell.value);
  if (raw === null || raw === undefined) return EMPTY;
  if (raw instanceof Date) {
    if (Number.isNaN(raw.getTime())) return EMPTY;
    const date = chinaDateOf(raw);
    return { kind: 'date', date, text: date };
  }
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return EMPTY;
    return { kind: 'number', value: raw, text: formatNumber(raw, cell.numFmt) };
  }
  if (typeof raw === 'boolean') return { kind: 'text', text: raw ? 'TRUE' : 'FALSE' };
  const text = String(raw).trim();
  return text === '' ? EMPTY : { kind: 'text', text };
}

export function textOf(value: PlainValue): string {
  return value.kind === 'empty' ? '' : value.text;
}

/** Where a merged cell's master sits relative to it; null for a cell that is not merged into another. */
export function mergeDirection(cell: Cell): 'vertical' | 'horizontal' | null {
  if (cell.type !== ValueType.Merge) return null;
  const master = cell.master;
  if (master === cell) return null;
  return master.col === cell.col ? 'vertical' : 'horizontal';
}

/** exceljs cells read as text, numbers and dates the way a person sees them in Excel. */
import type { Cell, CellValue } from 'exceljs';
import { CellKind } from './wire';

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

export interface ReadCell {
  kind: CellKind;
  /** The number, or a date's instant in milliseconds; 0 for a text. */
  number: number;
  /** The text as displayed; '' for a date. */
  text: string;
}

/** A cell's own value (a merged cell's master holds the value), or null when it is empty. */
export function readCell(cell: Cell): ReadCell | null {
  const raw = unwrap(cell.value);
  if (raw === null || raw === undefined) return null;
  if (raw instanceof Date) {
    const time = raw.getTime();
    return Number.isNaN(time) ? null : { kind: CellKind.Date, number: time, text: '' };
  }
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return null;
    return { kind: CellKind.Number, number: raw, text: formatNumber(raw, cell.numFmt) };
  }
  if (typeof raw === 'boolean') {
    return { kind: CellKind.Text, number: 0, text: raw ? 'TRUE' : 'FALSE' };
  }
  const text = String(raw).trim();
  return text === '' ? null : { kind: CellKind.Text, number: 0, text };
}

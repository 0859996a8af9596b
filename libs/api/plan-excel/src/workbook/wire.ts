/**
 * What the reader's worker thread sends back. Cells travel as parallel typed arrays (plus one
 * array of texts) rather than one object per cell: cloning them costs the receiving event loop
 * a fraction of the time, and the typed arrays are transferred without a copy.
 */
import type { WorkbookErrorCode, WorkbookLimits } from './limits';

/** What a cell holds; for a date, `numbers` holds the instant exceljs reads (the Excel serial
 * taken as UTC), in milliseconds. */
export const CellKind = { Text: 0, Number: 1, Date: 2 } as const;
export type CellKind = (typeof CellKind)[keyof typeof CellKind];

/** A merged range, 1-based and inclusive; the master cell is (top, left). */
export interface MergeRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface WireSheet {
  name: string;
  rowCount: number;
  merges: MergeRange[];
  /** The cells holding a value, ordered by row then column. */
  rows: Int32Array<ArrayBuffer>;
  columns: Int32Array<ArrayBuffer>;
  kinds: Uint8Array<ArrayBuffer>;
  /** The number, or the date's instant; 0 for a text. */
  numbers: Float64Array<ArrayBuffer>;
  /** The text as displayed ('3.10' for 3.1 formatted '0.00'); '' for a date. */
  texts: string[];
}

export interface WorkerRequest {
  id: number;
  /** null asks only for an answer, once the reader is loaded (a warm-up). */
  bytes: Uint8Array | null;
  limits: WorkbookLimits;
}

export type WorkerResponse =
  | { id: number; ok: true; sheets: WireSheet[] }
  | { id: number; ok: false; code: WorkbookErrorCode };

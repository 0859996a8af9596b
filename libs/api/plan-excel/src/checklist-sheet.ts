/**
 * How the checklist importer sees merged cells: a vertically merged cell (a 类别 or 牵头单位
 * shared by several tasks) means its master's value in every row it spans, while a cell merged
 * into another column (a category row merged across the table) is empty.
 */
import { EMPTY, textOf, type CellValue, type Sheet } from './workbook';

export interface GridCell {
  /** The cell's own value (empty for a cell merged into another). */
  own: CellValue;
  /** What the cell means: its own value, or its master's when merged vertically. */
  value: CellValue;
}

export interface RowScan {
  /** Non-empty own texts of the row, in column order. */
  texts: string[];
  /** The row holds a cell merged into a cell of another column (a merge across the row). */
  mergedAcross: boolean;
}

export const EMPTY_CELL: GridCell = { own: EMPTY, value: EMPTY };

export function gridCell(sheet: Sheet, row: number, column: number): GridCell {
  const range = sheet.mergeAt(row, column);
  if (range === null || (range.top === row && range.left === column)) {
    const value = sheet.value(row, column);
    return value.kind === 'empty' ? EMPTY_CELL : { own: value, value };
  }
  if (range.left !== column) return EMPTY_CELL;
  return { own: EMPTY, value: sheet.value(range.top, range.left) };
}

export function scanRow(sheet: Sheet, row: number): RowScan {
  const texts: string[] = [];
  for (const { column, value } of sheet.cells(row)) {
    const range = sheet.mergeAt(row, column);
    if (range !== null && (range.top !== row || range.left !== column)) continue;
    const text = textOf(value);
    if (text !== '') texts.push(text);
  }
  const mergedAcross = sheet.mergesIn(row).some((range) => range.right > range.left);
  return { texts, mergedAcross };
}

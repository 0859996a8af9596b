/** Reading cells of the reader's grid the way a person sees a list with merged cells. */
import { textOf, type Sheet } from '@sunshine/api/plan-excel';

/** Text of a cell's own value (empty for a cell merged into another). */
export function ownText(sheet: Sheet, row: number, column: number): string {
  const range = sheet.mergeAt(row, column);
  if (range !== null && (range.top !== row || range.left !== column)) return '';
  return textOf(sheet.value(row, column)).trim();
}

export interface CarriedText {
  text: string;
  /** The text comes from a merged cell's master in an earlier row. */
  merged: boolean;
}

/**
 * What a cell means: its own text, or the master's text when it is merged vertically with a
 * cell above (an indicator shared by several rows). A cell merged into another column is empty.
 */
export function carriedText(sheet: Sheet, row: number, column: number): CarriedText {
  const range = sheet.mergeAt(row, column);
  if (range === null || (range.top === row && range.left === column)) {
    return { text: textOf(sheet.value(row, column)).trim(), merged: false };
  }
  if (range.left !== column) return { text: '', merged: false };
  return { text: textOf(sheet.value(range.top, range.left)).trim(), merged: true };
}

/** Non-empty own texts of a row, in column order. */
export function rowTexts(sheet: Sheet, row: number): string[] {
  const texts: string[] = [];
  for (const { column } of sheet.cells(row)) {
    const text = ownText(sheet, row, column);
    if (text !== '') texts.push(text);
  }
  return texts;
}

/** Whether the row holds a cell merged across two or more columns (a title or section row). */
export function mergedAcross(sheet: Sheet, row: number): boolean {
  return sheet.mergesIn(row).some((range) => range.right > range.left);
}

/** Notes below a table: '注：…', '备注：…', '填表人：…', '评估机构：…'. */
const FOOTNOTE =
  /^(?:注|备注|说明|附注|填表人|制表人|制表|审核人|审核|联系人|联系电话|评估机构|测评机构|评估单位|测评单位|日期|填表日期)\s*[0-9０-９一二三四五]?\s*[：:．.、]/;

export function isFootnote(text: string): boolean {
  return FOOTNOTE.test(text.trim()) || /^注\s*$/.test(text.trim());
}

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

/** A number as written in a points cell: 0.5, '0.5', '扣0.5分', '-0.5'; null when none. */
export function numberIn(text: string): number | null {
  const folded = text.normalize('NFKC').replace(/\s+/g, '');
  if (folded === '') return null;
  const match = /^[扣减]?[-−]?(\d+(?:\.\d+)?)分?$/.exec(folded);
  return match?.[1] === undefined ? null : Number(match[1]);
}

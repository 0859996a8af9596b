import type { CellValue, Workbook } from 'exceljs';

/**
 * Text a spreadsheet program could take for a formula: a leading `=`, `+`, `-` or `@` (also their
 * full-width forms, which Excel accepts under a Chinese input method, and after leading spaces),
 * or a leading tab or carriage return (which some programs strip before parsing).
 */
const FORMULA_LIKE = /^(?:[ \t\r\n\u3000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|[\t\r])/;

/** Whether `text` would be read as a formula when typed, pasted or opened as CSV. */
export function isFormulaLike(text: string): boolean {
  return FORMULA_LIKE.test(text);
}

/**
 * Text safe to put in any exported cell (xlsx or CSV): formula-like text gets a leading
 * apostrophe, so it stays text when the cell is edited, copied or the sheet is saved as CSV.
 * Other text is returned unchanged.
 */
export function safeCellText(text: string): string {
  return isFormulaLike(text) ? `'${text}` : text;
}

function safeValue(value: CellValue): CellValue {
  if (typeof value === 'string') return safeCellText(value);
  if (value && typeof value === 'object') {
    if ('richText' in value) {
      const [first, ...rest] = value.richText;
      if (first && isFormulaLike(first.text)) {
        return { richText: [{ ...first, text: safeCellText(first.text) }, ...rest] };
      }
    }
    if ('hyperlink' in value && typeof value.text === 'string') {
      return { ...value, text: safeCellText(value.text) };
    }
  }
  // Numbers, dates, booleans, and deliberate formulas ({ formula }) stay as they are.
  return value;
}

/**
 * Makes every text cell of the workbook safe (see `safeCellText`). Every writer in this library
 * runs it before writing (`toBuffer`), so no export can miss a cell; answers how many changed.
 */
export function neutraliseFormulaText(workbook: Workbook): number {
  let changed = 0;
  workbook.eachSheet((sheet) => {
    sheet.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        if (cell.isMerged && cell.master !== cell) return;
        const value = cell.value;
        const safe = safeValue(value);
        if (safe !== value) {
          cell.value = safe;
          changed += 1;
        }
      });
    });
  });
  return changed;
}

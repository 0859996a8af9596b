/** Shared look of the workbooks we write: fonts, header and title rows, borders, output buffer. */
import type { Alignment, Borders, Fill, Font, Row, Workbook, Worksheet } from 'exceljs';
import { neutraliseFormulaText } from './cell-text';

export const BODY_FONT: Partial<Font> = { name: '宋体', size: 11 };
export const HEADER_FONT: Partial<Font> = { name: '黑体', size: 11, bold: true };
export const TITLE_FONT: Partial<Font> = { name: '黑体', size: 16, bold: true };
export const CATEGORY_FONT: Partial<Font> = { name: '黑体', size: 11, bold: true };
export const EXAMPLE_FONT: Partial<Font> = {
  name: '宋体',
  size: 11,
  italic: true,
  color: { argb: 'FF7F7F7F' },
};

export const HEADER_FILL: Fill = {
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb: 'FFDDEBF7' },
};
export const CATEGORY_FILL: Fill = {
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb: 'FFF2F2F2' },
};

export const THIN_BORDER: Partial<Borders> = {
  top: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  left: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  bottom: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  right: { style: 'thin', color: { argb: 'FFBFBFBF' } },
};

export const WRAP_TOP: Partial<Alignment> = { vertical: 'top', wrapText: true };
export const CENTER: Partial<Alignment> = {
  vertical: 'middle',
  horizontal: 'center',
  wrapText: true,
};

/** Bold, filled, bordered, centred header cells in columns 1…count. */
export function styleHeaderRow(row: Row, count: number): void {
  row.height = 28;
  for (let c = 1; c <= count; c += 1) {
    const cell = row.getCell(c);
    cell.font = HEADER_FONT;
    cell.fill = HEADER_FILL;
    cell.border = THIN_BORDER;
    cell.alignment = CENTER;
  }
}

/** Borders and wrapped, top-aligned text for columns 1…count of a data row. */
export function styleBodyRow(row: Row, count: number, font: Partial<Font> = BODY_FONT): void {
  for (let c = 1; c <= count; c += 1) {
    const cell = row.getCell(c);
    cell.font = font;
    cell.border = THIN_BORDER;
    cell.alignment = WRAP_TOP;
  }
}

/** A title merged across columns 1…count of the given row. */
export function addTitleRow(
  sheet: Worksheet,
  rowNumber: number,
  count: number,
  title: string,
): void {
  const row = sheet.getRow(rowNumber);
  row.getCell(1).value = title;
  sheet.mergeCells(rowNumber, 1, rowNumber, count);
  row.height = 36;
  row.getCell(1).font = TITLE_FONT;
  row.getCell(1).alignment = { vertical: 'middle', horizontal: 'center' };
}

/** Header row `headerRow` stays visible when scrolling; filter buttons when asked. */
export function freezeHeader(
  sheet: Worksheet,
  headerRow: number,
  count: number,
  autoFilter: boolean,
): void {
  sheet.views = [
    { state: 'frozen', xSplit: 0, ySplit: headerRow, activeCell: `A${headerRow + 1}` },
  ];
  if (autoFilter) {
    sheet.autoFilter = {
      from: { row: headerRow, column: 1 },
      to: { row: headerRow, column: count },
    };
  }
}

/**
 * Writes the workbook to a Node Buffer (exceljs types its result as a bare ArrayBuffer-like).
 * Every text cell is made formula-safe first (`neutraliseFormulaText`): user text such as an
 * organisation name or a task title never reaches a spreadsheet as something it could execute.
 */
export async function toBuffer(workbook: Workbook): Promise<Buffer> {
  neutraliseFormulaText(workbook);
  const data: unknown = await workbook.xlsx.writeBuffer();
  if (Buffer.isBuffer(data)) return data;
  if (data instanceof ArrayBuffer) return Buffer.from(data);
  throw new TypeError('exceljs 未返回有效的文件内容');
}

/** A workbook with the metadata we put on every file. */
export function stampWorkbook(workbook: Workbook, title: string): void {
  workbook.creator = '阳光督导';
  workbook.title = title;
}

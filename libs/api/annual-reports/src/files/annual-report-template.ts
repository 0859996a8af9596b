/**
 * The Excel template of the annual report's tables, generated from the format: one sheet per
 * table laid out as the national template (merged header cells, numbered rows), value cells
 * unlocked with whole-number (or two-decimal amount) validation, and a 填写说明 sheet.
 */
import ExcelJS from 'exceljs';
import {
  BODY_FONT,
  CENTER,
  HEADER_FILL,
  HEADER_FONT,
  stampWorkbook,
  THIN_BORDER,
  toBuffer,
  TITLE_FONT,
} from '@sunshine/api/plan-excel';
import {
  annualTableLayouts,
  placeCells,
  type AnnualCellValues,
  type AnnualReportFormat,
  type TableLayout,
} from '@sunshine/shared/domain';

/** The sheet names; the reader finds the tables by their labels, wherever they are. */
export const TEMPLATE_SHEETS: Record<TableLayout['id'], string> = {
  table2: '表二 主动公开',
  table3: '表三 依申请公开',
  table4: '表四 复议诉讼',
};

/** The table's first grid row on its sheet (row 1 is the title). */
export const TABLE_FIRST_ROW = 2;

const LABEL_FONT: Partial<ExcelJS.Font> = { ...BODY_FONT, size: 10 };
const VALUE_FILL: ExcelJS.Fill = {
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb: 'FFFFFFF0' },
};

function writeTable(
  sheet: ExcelJS.Worksheet,
  layout: TableLayout,
  values: AnnualCellValues | null,
): void {
  const title = sheet.getRow(1);
  title.getCell(1).value = layout.caption;
  title.getCell(1).font = { ...TITLE_FONT, size: 14 };
  title.getCell(1).alignment = { vertical: 'middle', horizontal: 'left' };
  title.height = 30;
  sheet.mergeCells(1, 1, 1, layout.columns);
  const scale = layout.columns > 10 ? 10 : 9;
  layout.widths.forEach((w, i) => (sheet.getColumn(i + 1).width = Math.max(8, w * scale)));
  for (const placed of placeCells(layout)) {
    const row = TABLE_FIRST_ROW + placed.row;
    const column = placed.column + 1;
    const bottom = row + (placed.cell.rowSpan ?? 1) - 1;
    const right = column + (placed.cell.colSpan ?? 1) - 1;
    if (bottom > row || right > column) sheet.mergeCells(row, column, bottom, right);
    for (let r = row; r <= bottom; r += 1)
      for (let c = column; c <= right; c += 1) sheet.getCell(r, c).border = THIN_BORDER;
    const cell = sheet.getCell(row, column);
    const { key } = placed.cell;
    if (key === undefined) {
      cell.value = placed.cell.text;
      cell.font = placed.header || placed.cell.align === 'center' ? HEADER_FONT : LABEL_FONT;
      if (placed.header || placed.cell.align === 'center') cell.fill = HEADER_FILL;
      cell.alignment = {
        ...CENTER,
        horizontal: placed.cell.align === 'left' ? 'left' : 'center',
      };
      continue;
    }
    const amount = placed.cell.amount === true;
    const v = values?.[key];
    cell.value = typeof v === 'number' ? v : 0;
    cell.numFmt = amount ? '0.00' : '0';
    cell.font = BODY_FONT;
    cell.fill = VALUE_FILL;
    cell.alignment = { vertical: 'middle', horizontal: 'center' };
    cell.protection = { locked: false };
    cell.dataValidation = {
      type: amount ? 'decimal' : 'whole',
      operator: 'greaterThanOrEqual',
      formulae: [0],
      allowBlank: true,
      showErrorMessage: true,
      errorTitle: '数值不正确',
      error: amount ? '请填写非负金额（万元），最多两位小数' : '请填写非负整数',
    };
  }
  for (
    let r = TABLE_FIRST_ROW;
    r < TABLE_FIRST_ROW + layout.header.length + layout.rows.length;
    r += 1
  )
    sheet.getRow(r).height = layout.id === 'table3' ? 30 : 24;
  sheet.views = [
    { state: 'frozen', xSplit: 0, ySplit: TABLE_FIRST_ROW + layout.header.length - 1 },
  ];
  sheet.pageSetup = { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1 };
}

const INSTRUCTIONS = [
  '1. 本模板按《政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）的表二、表三、表四排版，请勿增删行列、勿改动表头文字。',
  '2. 只需在浅黄色单元格中填写数字：件数为非负整数，行政事业性收费金额以“万元”为单位，最多两位小数。没有发生的填 0 或留空（按 0 计）。',
  '3. 表三每列：各项办理结果之和等于（七）总计；本年新收＋上年结转＝（七）总计＋结转下年度继续办理；每行：自然人与法人或其他组织五项之和等于总计。表四：结果维持＋结果纠正＋其他结果＋尚未审结＝总计。',
  '4. 上年结转应与上年度报告的“结转下年度继续办理”一致。',
  '5. 上传后系统先预览并逐格检查，确认无误后一次性导入本单位年度报告草稿的表格（正文各部分不受影响）；有任何错误时不导入。',
];

/** The template, blank (all zero) or filled with a report's values. */
export async function buildAnnualReportTemplate(
  format: AnnualReportFormat,
  values: AnnualCellValues | null = null,
  heading = '政府信息公开工作年度报告 表格导入模板',
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  stampWorkbook(wb, heading);
  for (const layout of annualTableLayouts(format))
    writeTable(wb.addWorksheet(TEMPLATE_SHEETS[layout.id]), layout, values);
  const help = wb.addWorksheet('填写说明');
  help.getColumn(1).width = 110;
  help.getCell(1, 1).value = heading;
  help.getCell(1, 1).font = TITLE_FONT;
  INSTRUCTIONS.forEach((line, i) => {
    const cell = help.getCell(i + 3, 1);
    cell.value = line;
    cell.font = BODY_FONT;
    cell.alignment = { wrapText: true, vertical: 'top' };
  });
  help.getCell(INSTRUCTIONS.length + 4, 1).value = `格式版本：${format.version}`;
  return toBuffer(wb);
}

/** A realistic sample checklist, laid out the way bureaus receive it from the province. */
import { Workbook } from 'exceljs';
import { CHECKLIST_COLUMNS, type ColumnKey } from './columns';
import { SAMPLE_CATEGORIES, SAMPLE_FOOTNOTE, type SampleTask } from './sample-data';
import {
  addTitleRow,
  BODY_FONT,
  CATEGORY_FONT,
  CENTER,
  freezeHeader,
  stampWorkbook,
  styleBodyRow,
  styleHeaderRow,
  toBuffer,
  WRAP_TOP,
} from './workbook-style';

/** '2025年全省审计机关政务公开重点工作任务分工' */
export function sampleChecklistTitle(year: number): string {
  return `${year}年全省审计机关政务公开重点工作任务分工`;
}

const HEADER_ROW = 3;

function cellValue(task: SampleTask, key: ColumnKey, number: string, year: number) {
  switch (key) {
    case 'number':
      return number;
    case 'category':
      return null;
    case 'title':
      return task.title;
    case 'description':
      return task.description;
    case 'lead':
      return task.lead;
    case 'cooperating':
      return task.cooperating;
    case 'deadline':
      return typeof task.deadline === 'string'
        ? task.deadline.replace('{year}', String(year))
        : // A real date cell; exceljs stores dates as UTC, so midnight UTC is that calendar day.
          new Date(Date.UTC(year, task.deadline.month - 1, task.deadline.day));
    case 'levels':
      return task.levels;
    case 'weight':
      return task.weight;
    case 'evidence':
      return task.evidence;
    case 'target':
      return task.target ?? null;
  }
}

/**
 * The sample checklist for a year: '附件' and a title above the header, 8 categories in vertically
 * merged 类别 cells, 48 tasks worth 100 points, mixed deadline forms, a footnote below.
 */
export async function buildSampleChecklist(year: number): Promise<Buffer> {
  if (!Number.isInteger(year) || year < 1001 || year > 9998) {
    throw new RangeError(`无效的计划年度：${year}`);
  }
  const count = CHECKLIST_COLUMNS.length;
  const title = sampleChecklistTitle(year);
  const workbook = new Workbook();
  stampWorkbook(workbook, title);
  const sheet = workbook.addWorksheet('任务分工');
  sheet.columns = CHECKLIST_COLUMNS.map((column) => ({ key: column.key, width: column.width }));
  sheet.getColumn(1).numFmt = '@';
  sheet.pageSetup = {
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`,
  };

  const attachment = sheet.getRow(1).getCell(1);
  attachment.value = '附件';
  attachment.font = { name: '黑体', size: 12 };
  addTitleRow(sheet, 2, count, title);

  const header = sheet.getRow(HEADER_ROW);
  CHECKLIST_COLUMNS.forEach((column, index) => {
    header.getCell(index + 1).value = column.header;
  });
  styleHeaderRow(header, count);

  const categoryColumn = CHECKLIST_COLUMNS.findIndex((column) => column.key === 'category') + 1;
  const deadlineColumn = CHECKLIST_COLUMNS.findIndex((column) => column.key === 'deadline') + 1;
  let rowNumber = HEADER_ROW + 1;
  SAMPLE_CATEGORIES.forEach((category, categoryIndex) => {
    const firstRow = rowNumber;
    category.tasks.forEach((task, taskIndex) => {
      const row = sheet.getRow(rowNumber);
      const number = `${categoryIndex + 1}.${taskIndex + 1}`;
      CHECKLIST_COLUMNS.forEach((column, c) => {
        const value = cellValue(task, column.key, number, year);
        if (value !== null) row.getCell(c + 1).value = value;
      });
      styleBodyRow(row, count);
      row.getCell(deadlineColumn).numFmt = 'yyyy"年"m"月"d"日"';
      rowNumber += 1;
    });
    const master = sheet.getRow(firstRow).getCell(categoryColumn);
    master.value = category.heading;
    sheet.mergeCells(firstRow, categoryColumn, rowNumber - 1, categoryColumn);
    master.font = CATEGORY_FONT;
    master.alignment = CENTER;
  });

  const footnote = sheet.getRow(rowNumber + 1);
  footnote.getCell(1).value = SAMPLE_FOOTNOTE;
  sheet.mergeCells(footnote.number, 1, footnote.number, count);
  footnote.getCell(1).font = BODY_FONT;
  footnote.getCell(1).alignment = WRAP_TOP;
  footnote.height = 48;

  freezeHeader(sheet, HEADER_ROW, count, false);
  return toBuffer(workbook);
}

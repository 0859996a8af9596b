/** The downloadable import template for the key-task checklist, with a sheet of instructions. */
import { Workbook, type DataValidation, type Worksheet } from 'exceljs';
import { CHECKLIST_COLUMNS, type ColumnKey } from './columns';
import { MAX_DATA_ROWS } from './parse-checklist';
import {
  addTitleRow,
  BODY_FONT,
  CATEGORY_FILL,
  CATEGORY_FONT,
  EXAMPLE_FONT,
  freezeHeader,
  HEADER_FONT,
  stampWorkbook,
  styleBodyRow,
  styleHeaderRow,
  THIN_BORDER,
  toBuffer,
  WRAP_TOP,
} from './workbook-style';
import { MAX_FILE_BYTES } from './workbook';

export const TEMPLATE_SHEET_NAME = '重点工作任务';
export const INSTRUCTIONS_SHEET_NAME = '填写说明';
/** Rows below the header that get drop-down and range checks in the template. */
const VALIDATED_ROWS = 500;

/** Accepted 完成时限 forms, as explained in the template (each example must parse). */
export const DEADLINE_FORMS: ReadonlyArray<{
  form: string;
  examples: readonly string[];
  meaning: string;
}> = [
  {
    form: '具体日期',
    examples: ['2025年6月30日', '2025-06-30', '6月30日前'],
    meaning: '该日为完成期限（“前”包含当天）；也可直接填写 Excel 日期',
  },
  { form: '月底', examples: ['6月底前', '六月底'], meaning: '该月最后一天' },
  { form: '季度末', examples: ['三季度末', '第三季度末前'], meaning: '该季度最后一天' },
  { form: '半年', examples: ['上半年', '下半年'], meaning: '6月30日或12月31日' },
  { form: '年底', examples: ['年底前', '年内'], meaning: '12月31日' },
  { form: '次年', examples: ['次年1月31日前'], meaning: '计划年度下一年的该日，如年度报告' },
  {
    form: '周期性',
    examples: ['每月', '每季度', '每半年', '每年'],
    meaning: '按周期推进并报送进展，年底前全部完成',
  },
  {
    form: '持续性',
    examples: ['持续推进', '长期坚持', '全年'],
    meaning: '常态化工作，每季度评估进展，年底前完成',
  },
];

/** Forms the importer rejects, listed in the template so that nobody is surprised. */
export const REJECTED_DEADLINE_EXAMPLES: readonly string[] = ['6月前', '下个月', '尽快'];

const LEVEL_OPTIONS = ['省、市、县', '市、县', '全部', '省级', '市级', '县级'];

const EXAMPLE_ROWS: ReadonlyArray<Partial<Record<ColumnKey, string | number>>> = [
  {
    number: '1.1',
    title: '及时更新机构职能信息',
    description:
      '及时更新本机关机构设置、主要职责、内设机构、领导班子成员及分工等信息，确保与“三定”规定和实际情况一致。',
    lead: '办公室',
    cooperating: '人事教育处',
    deadline: '3月底前',
    levels: '省、市、县',
    weight: 2,
    evidence: '机构职能栏目截图及链接',
  },
  {
    number: '1.2',
    title: '公开审计工作动态信息',
    description: '通过门户网站及时发布审计工作动态、重要会议、重点工作推进情况等信息。',
    lead: '办公室',
    cooperating: '各业务处室',
    deadline: '每季度',
    levels: '市、县',
    weight: 3,
    evidence: '信息发布清单及链接',
    target: '≥16条',
  },
];

function buildChecklistSheet(workbook: Workbook): void {
  const count = CHECKLIST_COLUMNS.length;
  const sheet = workbook.addWorksheet(TEMPLATE_SHEET_NAME, {
    properties: { defaultRowHeight: 20 },
  });
  sheet.columns = CHECKLIST_COLUMNS.map((column) => ({
    key: column.key,
    width: column.width,
  }));
  // 序号 as text, so that '3.10' is not turned into the number 3.1.
  sheet.getColumn(1).numFmt = '@';

  const header = sheet.getRow(1);
  CHECKLIST_COLUMNS.forEach((column, index) => {
    header.getCell(index + 1).value = column.header;
  });
  styleHeaderRow(header, count);
  CHECKLIST_COLUMNS.forEach((column, index) => {
    if (!column.required) header.getCell(index + 1).font = { ...HEADER_FONT, italic: true };
    header.getCell(index + 1).note = `${column.required ? '' : '（选填）'}${column.help}`;
  });

  const categoryRow = sheet.getRow(2);
  categoryRow.getCell(1).value = '一、用权公开';
  sheet.mergeCells(2, 1, 2, count);
  categoryRow.getCell(1).font = CATEGORY_FONT;
  categoryRow.getCell(1).fill = CATEGORY_FILL;
  categoryRow.getCell(1).border = THIN_BORDER;

  EXAMPLE_ROWS.forEach((example, index) => {
    const row = sheet.getRow(3 + index);
    CHECKLIST_COLUMNS.forEach((column, c) => {
      const value = example[column.key];
      if (value !== undefined) row.getCell(c + 1).value = value;
    });
    styleBodyRow(row, count, EXAMPLE_FONT);
  });

  const levelsColumn = CHECKLIST_COLUMNS.findIndex((column) => column.key === 'levels') + 1;
  const weightColumn = CHECKLIST_COLUMNS.findIndex((column) => column.key === 'weight') + 1;
  const levels: DataValidation = {
    type: 'list',
    allowBlank: true,
    formulae: [`"${LEVEL_OPTIONS.join(',')}"`],
    showErrorMessage: true,
    errorStyle: 'warning',
    errorTitle: '适用层级',
    error: '请填写省、市、县中的一个或多个，如“市、县”，或“全部”',
  };
  const weight: DataValidation = {
    type: 'decimal',
    operator: 'between',
    allowBlank: true,
    formulae: [0, 100],
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: '分值',
    error: '分值应为 0 到 100 之间的数字',
  };
  for (let r = 2; r <= VALIDATED_ROWS + 1; r += 1) {
    const row = sheet.getRow(r);
    row.getCell(levelsColumn).dataValidation = levels;
    row.getCell(weightColumn).dataValidation = weight;
  }
  freezeHeader(sheet, 1, count, false);
}

function addTable(
  sheet: Worksheet,
  startRow: number,
  header: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
): number {
  const headerRow = sheet.getRow(startRow);
  header.forEach((text, index) => {
    headerRow.getCell(index + 1).value = text;
  });
  styleHeaderRow(headerRow, header.length);
  rows.forEach((values, index) => {
    const row = sheet.getRow(startRow + 1 + index);
    values.forEach((text, c) => {
      row.getCell(c + 1).value = text;
    });
    styleBodyRow(row, header.length);
  });
  return startRow + rows.length + 1;
}

function addSection(sheet: Worksheet, rowNumber: number, title: string): void {
  const cell = sheet.getRow(rowNumber).getCell(1);
  cell.value = title;
  cell.font = { ...CATEGORY_FONT, size: 12 };
}

function buildInstructionsSheet(workbook: Workbook): void {
  const sheet = workbook.addWorksheet(INSTRUCTIONS_SHEET_NAME);
  sheet.columns = [{ width: 14 }, { width: 34 }, { width: 70 }, { width: 12 }];
  addTitleRow(sheet, 1, 3, '政务公开重点工作任务清单填写说明');

  addSection(sheet, 3, '一、各列填写要求');
  let next = addTable(
    sheet,
    4,
    ['列名', '可用的其他列名', '填写要求', '是否必填'],
    CHECKLIST_COLUMNS.map((column) => [
      column.header,
      column.aliases.join('、'),
      column.help,
      column.key === 'title'
        ? '必填'
        : column.required
          ? '建议填写（缺少时按默认值导入，并在预览中提示）'
          : '选填',
    ]),
  );

  addSection(sheet, next + 1, '二、“完成时限”的写法');
  next = addTable(
    sheet,
    next + 2,
    ['写法', '示例', '含义'],
    [
      ...DEADLINE_FORMS.map((item) => [item.form, item.examples.join('、'), item.meaning]),
      [
        '不能识别',
        REJECTED_DEADLINE_EXAMPLES.join('、'),
        '含义不明确，导入时会提示错误，请改为上述写法，如“6月底前”或“6月30日前”',
      ],
    ],
  );

  addSection(sheet, next + 1, '三、其他说明');
  const notes = [
    '1. 只读取第一个工作表；表头须位于前 10 行内，表头上方可以有标题行。',
    '2. 类别可以写在“类别”列（可合并单元格），也可以在任务之间单独插入类别行，如“一、用权公开”（可跨列合并）。',
    '3. 相邻任务相同的“牵头单位”“完成时限”等可以上下合并单元格，合并范围内的每项任务都适用。',
    '4. “序号”全表不得重复；模板中的第 2～4 行为示例，导入前请删除或替换。',
    `5. 仅支持 .xlsx 格式，文件不超过 ${MAX_FILE_BYTES / 1024 / 1024} MB，任务不超过 ${MAX_DATA_ROWS} 行。`,
    '6. 导入时会一次列出全部问题（行号、列名及原因），请逐条修改后重新导入。',
    '7. 以“注：”“说明：”开头的说明行不会被导入。',
    '8. 也可以直接导入上级印发的任务分工表，不必按本模板重新整理：表头写法不同（如“责任科室”“时限要求”“任务内容”）、没有类别列、类别写在任务开头（如“一、做好财政信息公开。”）、责任单位写在任务末尾括号中（如“（省发展改革委牵头落实）”）、没有完成时限、适用层级或分值列等情况均可识别；导入前会先显示列对应关系和预览，识别或补全的内容逐条提示，确认后才写入。',
  ];
  notes.forEach((text, index) => {
    const row = sheet.getRow(next + 2 + index);
    row.getCell(1).value = text;
    row.getCell(1).font = BODY_FONT;
    sheet.mergeCells(row.number, 1, row.number, 4);
    row.getCell(1).alignment = WRAP_TOP;
  });
}

/** The template bureaus download to fill in a year's checklist (.xlsx). */
export async function buildChecklistTemplate(): Promise<Buffer> {
  const workbook = new Workbook();
  stampWorkbook(workbook, '政务公开重点工作任务清单导入模板');
  buildChecklistSheet(workbook);
  buildInstructionsSheet(workbook);
  return toBuffer(workbook);
}

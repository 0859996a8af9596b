/**
 * The issue-list template offered to assessors: a 问题清单 sheet with the canonical headers (a
 * drop-down of issue types), and a 填写说明 sheet (skipped on import) explaining each column,
 * the two layouts, and the issue types.
 */
import {
  BODY_FONT,
  freezeHeader,
  HEADER_FONT,
  stampWorkbook,
  styleHeaderRow,
  toBuffer,
  WRAP_TOP,
} from '@sunshine/api/plan-excel';
import { Workbook } from 'exceljs';
import { ISSUE_COLUMNS } from './columns';
import { ASSESSMENT_ISSUE_TYPE_OPTIONS } from '@sunshine/shared/domain';

export const TEMPLATE_SHEET = '问题清单';
export const INSTRUCTIONS_SHEET = '填写说明';
/** Sheet listing the round's bureaus, so that assessors write names the import recognises. */
export const UNITS_SHEET = '单位名称参考';

export interface IssueListTemplateOptions {
  /** The round's bureaus: listed on a reference sheet (skipped on import). */
  units?: ReadonlyArray<{ name: string; cityName?: string }>;
}
/** Columns of the template, in order (a subset of what the importer understands). */
export const TEMPLATE_COLUMNS = [
  'number',
  'city',
  'unit',
  'level1',
  'level2',
  'standard',
  'type',
  'description',
  'location',
  'points',
  'deadline',
] as const;
const TEMPLATE_ROWS = 2000;

export async function writeIssueListTemplate(
  options: IssueListTemplateOptions = {},
): Promise<Buffer> {
  const workbook = new Workbook();
  stampWorkbook(workbook, '第三方评估问题清单模板');
  const sheet = workbook.addWorksheet(TEMPLATE_SHEET);
  const specs = TEMPLATE_COLUMNS.map((key) => {
    const spec = ISSUE_COLUMNS.find((c) => c.key === key);
    if (!spec) throw new Error(`unknown template column ${key}`);
    return spec;
  });
  sheet.columns = specs.map((spec) => ({ width: spec.width }));
  const header = sheet.getRow(1);
  header.values = specs.map((spec) =>
    spec.key === 'description' ? `*${spec.header}` : spec.header,
  );
  styleHeaderRow(header, specs.length);
  freezeHeader(sheet, 1, specs.length, true);
  const typeColumn = TEMPLATE_COLUMNS.indexOf('type') + 1;
  const list = `"${ASSESSMENT_ISSUE_TYPE_OPTIONS.map((t) => t.label).join(',')}"`;
  for (let r = 2; r <= TEMPLATE_ROWS; r += 1) {
    sheet.getCell(r, typeColumn).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [list],
      showErrorMessage: false,
    };
  }

  const help = workbook.addWorksheet(INSTRUCTIONS_SHEET);
  help.columns = [{ width: 16 }, { width: 90 }];
  const lines: Array<[string, string]> = [
    ['用途', '第三方评估机构按本表填写评估发现的问题，由组织评估的单位导入系统。'],
    [
      '两种填法',
      '①所有单位填在“问题清单”一个工作表中，每行写明“被评估单位”；②每个单位一个工作表，工作表名称为单位名称（如“瑶海区审计局”），此时可删除“被评估单位”“所属市”列。',
    ],
    ['表头', '表头须在前 15 行内，上方可以有标题行；表格下方的“注：…”行不导入。'],
    ...specs.map((spec): [string, string] => [spec.header, spec.help]),
    ['问题类型', ASSESSMENT_ISSUE_TYPE_OPTIONS.map((t) => t.label).join('；')],
  ];
  const title = help.getRow(1);
  title.values = ['项目', '说明'];
  styleHeaderRow(title, 2);
  lines.forEach(([name, text], i) => {
    const row = help.getRow(i + 2);
    row.values = [name, text];
    row.getCell(1).font = HEADER_FONT;
    row.getCell(2).font = BODY_FONT;
    row.getCell(2).alignment = WRAP_TOP;
  });
  if (options.units && options.units.length > 0) {
    const list = workbook.addWorksheet(UNITS_SHEET);
    list.columns = [{ width: 8 }, { width: 12 }, { width: 32 }];
    const head = list.getRow(1);
    head.values = ['序号', '所属市', '被评估单位'];
    styleHeaderRow(head, 3);
    options.units.forEach((unit, i) => {
      list.getRow(i + 2).values = [i + 1, unit.cityName ?? '', unit.name];
    });
  }
  return toBuffer(workbook);
}

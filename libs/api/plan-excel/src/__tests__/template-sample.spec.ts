import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { OrgLevel, parseDeadline, type ValidDeadline } from '@sunshine/shared/domain';
import { CHECKLIST_COLUMNS } from '../columns';
import { parseChecklistWorkbook } from '../parse-checklist';
import { buildSampleChecklist, sampleChecklistTitle } from '../sample';
import {
  buildChecklistTemplate,
  DEADLINE_FORMS,
  INSTRUCTIONS_SHEET_NAME,
  REJECTED_DEADLINE_EXAMPLES,
  TEMPLATE_SHEET_NAME,
} from '../template';
import type { ParsedTask } from '../types';
import { closeWorkbookReader, warmUpWorkbookReader } from '../workbook';
import { open } from './helpers';

// The reader runs in a worker thread: start it once (about a second), end it after the file.
beforeAll(() => warmUpWorkbookReader(), 60_000);
afterAll(() => closeWorkbookReader());

async function parseTasks(buffer: Buffer, planYear: number) {
  const result = await parseChecklistWorkbook(buffer, { planYear });
  if (!result.ok) throw new Error(JSON.stringify(result.errors.slice(0, 5)));
  return result;
}

describe('buildChecklistTemplate', () => {
  it('has the header, an example category and two example tasks that import cleanly', async () => {
    const buffer = await buildChecklistTemplate();
    const workbook = await open(buffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe(TEMPLATE_SHEET_NAME);
    const header = CHECKLIST_COLUMNS.map((_, index) => sheet.getRow(1).getCell(index + 1).value);
    expect(header).toEqual([
      '序号',
      '类别',
      '工作任务',
      '具体要求',
      '牵头单位',
      '配合单位',
      '完成时限',
      '适用层级',
      '分值',
      '佐证材料',
      '量化指标',
    ]);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getColumn(3).width).toBe(30);
    expect(sheet.getColumn(4).width).toBe(50);
    expect(sheet.getCell('A2').value).toBe('一、用权公开');
    expect(sheet.getCell('K2').isMerged).toBe(true);

    const result = await parseTasks(buffer, 2025);
    expect(result.categories).toEqual([{ name: '用权公开', order: 1 }]);
    expect(result.tasks.map((t) => [t.number, t.title, t.deadlineText])).toEqual([
      ['1.1', '及时更新机构职能信息', '3月底前'],
      ['1.2', '公开审计工作动态信息', '每季度'],
    ]);
    expect(result.tasks[1]?.target).toEqual({ value: 16, unit: '条', comparator: 'GTE' });
  });

  it('explains every column and the deadline forms on a second sheet', async () => {
    const workbook = await open(await buildChecklistTemplate());
    const sheet = workbook.getWorksheet(INSTRUCTIONS_SHEET_NAME);
    expect(sheet).toBeDefined();
    const texts: string[] = [];
    sheet!.eachRow((row) => row.eachCell((cell) => texts.push(cell.text)));
    const all = texts.join('\n');
    for (const column of CHECKLIST_COLUMNS) expect(texts).toContain(column.header);
    expect(all).toContain('每季度');
    expect(all).toContain('持续推进');
    expect(all).toContain('6月底前');
    expect(all).toContain('10 MB');
  });

  it('lists only deadline examples that the importer accepts, and rejected ones that it rejects', () => {
    for (const form of DEADLINE_FORMS) {
      for (const example of form.examples) {
        expect([example, parseDeadline(example, 2025).kind]).not.toEqual([example, 'INVALID']);
      }
    }
    for (const example of REJECTED_DEADLINE_EXAMPLES) {
      expect(parseDeadline(example, 2025).kind).toBe('INVALID');
    }
  });
});

describe('buildSampleChecklist', () => {
  const CATEGORY_NAMES = [
    '用权公开/权力配置信息公开',
    '重点领域信息公开',
    '政策解读',
    '回应关切与舆情处置',
    '平台建设',
    '依申请公开',
    '政府信息管理',
    '组织保障与监督考核',
  ];
  let tasks: ParsedTask[];
  let buffer: Buffer;

  beforeAll(async () => {
    buffer = await buildSampleChecklist(2025);
    const result = await parseTasks(buffer, 2025);
    expect(result.categories.map((c) => c.name)).toEqual(CATEGORY_NAMES);
    tasks = result.tasks;
  });

  it('looks like the file bureaus receive: title row, merged category cells, footnote', async () => {
    const sheet = (await open(buffer)).worksheets[0]!;
    expect(sheet.getCell('A2').value).toBe('2025年全省审计机关政务公开重点工作任务分工');
    expect(sampleChecklistTitle(2026)).toBe('2026年全省审计机关政务公开重点工作任务分工');
    expect(sheet.getCell('A3').value).toBe('序号');
    expect(sheet.getCell('B4').value).toBe('一、用权公开/权力配置信息公开');
    // B5 is merged into B4: the category spans all of its tasks.
    expect(sheet.getCell('B5').isMerged).toBe(true);
    expect(sheet.getCell('B5').master.address).toBe('B4');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
  });

  it('parses with zero errors into 48 tasks worth 100 points', () => {
    expect(tasks).toHaveLength(48);
    const total = tasks.reduce((sum, task) => sum + task.weight, 0);
    expect(Math.round(total * 1000) / 1000).toBe(100);
    expect(new Set(tasks.map((t) => t.number)).size).toBe(48);
    expect(tasks[0]?.number).toBe('1.1');
    expect(tasks[47]?.number).toBe('8.6');
    const titles = tasks.map((t) => t.title).join('|');
    for (const phrase of [
      '审计结果公告',
      '整改情况',
      '部门预算',
      '年度报告',
      '栏目更新',
      '政务新媒体',
    ]) {
      expect(titles).toContain(phrase);
    }
    expect(titles).toContain('依申请公开');
    expect(titles).toContain('规范性文件清理');
  });

  it('mixes deadline forms, levels and quantitative targets', () => {
    const kinds = (predicate: (d: ValidDeadline) => boolean) =>
      tasks.filter((t) => predicate(t.deadline)).length;
    expect(kinds((d) => d.kind === 'CONTINUOUS')).toBeGreaterThan(3);
    expect(kinds((d) => d.kind === 'RECURRING' && d.every === 'QUARTER')).toBeGreaterThan(2);
    expect(kinds((d) => d.kind === 'RECURRING' && d.every === 'MONTH')).toBeGreaterThan(0);
    const texts = tasks.map((t) => t.deadlineText);
    expect(texts).toEqual(expect.arrayContaining(['2025年6月30日', '6月底前', '年底前', '每季度']));
    // The real Excel date cells.
    const reform = tasks.find((t) => t.title === '开展规范性文件清理');
    expect(reform?.deadline).toEqual({ kind: 'DATE', date: '2025-09-30' });
    expect(reform?.deadlineText).toBe('2025年9月30日');

    expect(tasks.filter((t) => t.target !== null).length).toBeGreaterThanOrEqual(5);
    expect(tasks.find((t) => t.title === '主动公开审计工作动态信息')?.target).toEqual({
      value: 16,
      unit: '条',
      comparator: 'GTE',
    });
    const levelSets = new Set(tasks.map((t) => t.levels.join(',')));
    expect(levelSets.size).toBeGreaterThanOrEqual(4);
    expect(tasks.find((t) => t.title === '规范基层政务公开审计专栏')?.levels).toEqual([
      OrgLevel.COUNTY,
    ]);
    expect(tasks.some((t) => t.leadDepartments.length + t.cooperatingDepartments.length > 2)).toBe(
      true,
    );
  });

  it('resolves deadlines against the requested year', async () => {
    const result = await parseTasks(await buildSampleChecklist(2026), 2026);
    expect(result.tasks).toHaveLength(48);
    expect(result.tasks.find((t) => t.number === '1.5')?.deadline).toEqual({
      kind: 'DATE',
      date: '2026-06-30',
    });
  });

  it('is kept in tools/seed/data as sample-checklist-2025.xlsx', async () => {
    const file = resolve(__dirname, '../../../../../tools/seed/data/sample-checklist-2025.xlsx');
    expect(existsSync(file)).toBe(true);
    const result = await parseTasks(readFileSync(file), 2025);
    expect(result.tasks).toHaveLength(48);
  });
});

import {
  CompletionState,
  OrgLevel,
  ReportStatus,
  type ValidDeadline,
} from '@sunshine/shared/domain';
import type { Font } from 'exceljs';
import {
  buildPlanExport,
  CHECKLIST_SHEET_NAME,
  PROGRESS_SHEET_NAME,
  type PlanExportInput,
  type PlanExportTask,
} from '../export-plan';
import { parseChecklistWorkbook } from '../parse-checklist';
import { closeWorkbookReader, warmUpWorkbookReader } from '../workbook';
import { open } from './helpers';

// The reader runs in a worker thread: start it once (about a second), end it after the file.
beforeAll(() => warmUpWorkbookReader(), 60_000);
afterAll(() => closeWorkbookReader());

function task(
  number: string,
  title: string,
  deadline: ValidDeadline,
  extra: Partial<PlanExportTask> = {},
) {
  return {
    number,
    title,
    description: `${title}的具体要求`,
    leadDepartments: ['办公室'],
    cooperatingDepartments: [],
    deadline,
    levels: [OrgLevel.CITY, OrgLevel.COUNTY],
    weight: 2,
    evidence: '',
    target: null,
    ...extra,
  };
}

const INPUT: PlanExportInput = {
  plan: { year: 2025, title: '2025年全省审计机关政务公开重点工作任务分工', status: 'PUBLISHED' },
  categories: [
    {
      name: '重点领域信息公开',
      order: 2,
      tasks: [
        task(
          '2.1',
          '发布审计结果公告',
          { kind: 'RECURRING', every: 'QUARTER' },
          {
            leadDepartments: ['办公室', '财政审计处'],
            cooperatingDepartments: ['各业务处室'],
            levels: [OrgLevel.PROVINCE, OrgLevel.CITY, OrgLevel.COUNTY],
            weight: 4,
            evidence: '公告链接',
            target: { value: 2, unit: '条', comparator: 'GTE' },
          },
        ),
      ],
    },
    {
      name: '用权公开',
      order: 1,
      tasks: [
        task(
          '1.1',
          '更新机构职能信息',
          { kind: 'DATE', date: '2025-06-30' },
          {
            deadlineText: '6月底前',
          },
        ),
        task('1.2', '公开权责清单', { kind: 'CONTINUOUS' }, { weight: 1.5 }),
      ],
    },
  ],
  assignments: [
    {
      taskNumber: '2.1',
      organization: { code: '3401', name: '合肥市审计局', level: OrgLevel.CITY },
      latest: {
        quarter: { year: 2025, quarter: 2 },
        completionState: CompletionState.IN_PROGRESS,
        percent: 60,
        reportStatus: ReportStatus.SUBMITTED,
        late: false,
      },
    },
    {
      taskNumber: '1.1',
      organization: { code: '340102', name: '瑶海区审计局', level: OrgLevel.COUNTY },
      latest: {
        quarter: { year: 2025, quarter: 1 },
        completionState: CompletionState.COMPLETED,
        percent: 100,
        reportStatus: 'RETURNED',
        late: true,
      },
    },
    {
      taskNumber: '1.1',
      organization: { code: '3401', name: '合肥市审计局', level: OrgLevel.CITY },
      latest: null,
    },
  ],
};

describe('buildPlanExport', () => {
  it('writes the checklist sheet with a title, styled frozen header and filter', async () => {
    const workbook = await open(await buildPlanExport(INPUT));
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      CHECKLIST_SHEET_NAME,
      PROGRESS_SHEET_NAME,
    ]);
    const sheet = workbook.getWorksheet(CHECKLIST_SHEET_NAME)!;
    expect(sheet.getCell('A1').value).toBe('2025年全省审计机关政务公开重点工作任务分工（已发布）');
    expect(sheet.getCell('A2').value).toBe('序号');
    expect(sheet.getCell('K2').value).toBe('量化指标');
    expect(sheet.getCell('A2').font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(sheet.autoFilter).toBeDefined();

    // Categories in plan order, so 1.1 comes first even though it was given second.
    const row = (r: number) =>
      Array.from({ length: 11 }, (_, c) => sheet.getRow(r).getCell(c + 1).value);
    expect(row(3)).toEqual([
      '1.1',
      '用权公开',
      '更新机构职能信息',
      '更新机构职能信息的具体要求',
      '办公室',
      null,
      '6月底前',
      '市级、县级',
      2,
      null,
      null,
    ]);
    expect(row(4)[6]).toBe('持续推进');
    expect(row(5)).toEqual([
      '2.1',
      '重点领域信息公开',
      '发布审计结果公告',
      '发布审计结果公告的具体要求',
      '办公室、财政审计处',
      '各业务处室',
      '每季度',
      '省级、市级、县级',
      4,
      '公告链接',
      '≥2条',
    ]);
  });

  it('writes one row per assignment with its latest status in Chinese', async () => {
    const workbook = await open(await buildPlanExport(INPUT));
    const sheet = workbook.getWorksheet(PROGRESS_SHEET_NAME)!;
    const values = (r: number) =>
      Array.from({ length: 10 }, (_, c) => sheet.getRow(r).getCell(c + 1).value);
    expect(values(1)).toEqual([
      '序号',
      '工作任务',
      '单位代码',
      '单位名称',
      '层级',
      '最新季度',
      '完成状态',
      '完成进度',
      '报送状态',
      '是否逾期/迟报',
    ]);
    // Sorted by task order, then organisation code.
    expect(values(2)).toEqual([
      '1.1',
      '更新机构职能信息',
      '3401',
      '合肥市审计局',
      '市级',
      '—',
      '未填报',
      null,
      '未填报',
      '—',
    ]);
    expect(values(3)).toEqual([
      '1.1',
      '更新机构职能信息',
      '340102',
      '瑶海区审计局',
      '县级',
      '2025年第一季度',
      '已完成',
      1,
      '已退回',
      '是',
    ]);
    expect(values(4)).toEqual([
      '2.1',
      '发布审计结果公告',
      '3401',
      '合肥市审计局',
      '市级',
      '2025年第二季度',
      '推进中',
      0.6,
      '已提交',
      '否',
    ]);
    expect(sheet.getCell('H4').numFmt).toBe('0%');
    expect((sheet.getCell('J3').font as Partial<Font>).color?.argb).toBe('FFC00000');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBeDefined();
    expect(sheet.getColumn(4).width).toBeGreaterThanOrEqual(20);
  });

  it('exports a checklist sheet that imports back into the same tasks', async () => {
    const result = await parseChecklistWorkbook(await buildPlanExport(INPUT), { planYear: 2025 });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.categories).toEqual([
      { name: '用权公开', order: 1 },
      { name: '重点领域信息公开', order: 2 },
    ]);
    expect(
      result.tasks.map((t) => ({
        number: t.number,
        title: t.title,
        deadline: t.deadline,
        levels: t.levels,
        weight: t.weight,
        target: t.target,
        lead: t.leadDepartments,
      })),
    ).toEqual([
      {
        number: '1.1',
        title: '更新机构职能信息',
        deadline: { kind: 'DATE', date: '2025-06-30' },
        levels: [OrgLevel.CITY, OrgLevel.COUNTY],
        weight: 2,
        target: null,
        lead: ['办公室'],
      },
      {
        number: '1.2',
        title: '公开权责清单',
        deadline: { kind: 'CONTINUOUS' },
        levels: [OrgLevel.CITY, OrgLevel.COUNTY],
        weight: 1.5,
        target: null,
        lead: ['办公室'],
      },
      {
        number: '2.1',
        title: '发布审计结果公告',
        deadline: { kind: 'RECURRING', every: 'QUARTER' },
        levels: [OrgLevel.PROVINCE, OrgLevel.CITY, OrgLevel.COUNTY],
        weight: 4,
        target: { value: 2, unit: '条', comparator: 'GTE' },
        lead: ['办公室', '财政审计处'],
      },
    ]);
  });
});

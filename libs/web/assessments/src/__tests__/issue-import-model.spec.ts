import {
  importBlocker,
  layoutLabel,
  NO_CHOICES,
  openQuestions,
  parseIssueImportLine,
  rectificationExportPath,
  withKeepWhole,
  withUnit,
  type IssuePreview,
} from '../lib/import/issue-import-model';
import {
  allBureaus,
  bureauTree,
  issueInput,
  roundDeadline,
  roundInput,
} from '../lib/forms/round-form-model';
import { WorkingDayCalendar } from '@sunshine/shared/domain';

const previewLine = {
  type: 'preview',
  ok: false,
  layout: 'ONE_SHEET',
  summary: {
    sheets: 1,
    issues: 2,
    splitRows: 1,
    byUnit: [{ unitId: 'u1', unitName: '瑶海区审计局', issues: 2, points: 1 }],
  },
  issues: [
    {
      sheet: '问题清单',
      row: 3,
      part: 1,
      partCount: 2,
      unitName: '瑶海区审计局',
      description: '栏目空白',
      points: 1,
    },
  ],
  splitRows: [
    {
      sheet: '问题清单',
      row: 3,
      unitName: '瑶海区审计局',
      sourceText: '1.a；2.b',
      parts: ['a', 'b'],
    },
  ],
  questions: [
    {
      text: '黄山审计局',
      code: 'UNIT_AMBIGUOUS',
      rows: 2,
      places: ['第 4 行', '第 9 行'],
      candidates: [
        { id: 'c1', code: '3410', name: '黄山市审计局', parentName: '安徽省审计厅' },
        { id: 'c2', code: '341003', name: '黄山区审计局', parentName: '黄山市审计局' },
      ],
    },
  ],
  errors: [
    {
      sheet: '问题清单',
      row: 4,
      column: '被评估单位',
      code: 'UNIT_AMBIGUOUS',
      message: '第 4 行「被评估单位」：…',
    },
  ],
  warnings: [],
};

describe('issue import lines', () => {
  it('reads a preview, with questions, split rows and errors', () => {
    const line = parseIssueImportLine(previewLine);
    expect(line?.type).toBe('preview');
    const p = line as IssuePreview & { type: 'preview' };
    expect(p.layout).toBe('ONE_SHEET');
    expect(p.summary.byUnit[0]).toEqual({
      unitId: 'u1',
      unitName: '瑶海区审计局',
      issues: 2,
      points: 1,
    });
    expect(p.questions[0]?.candidates.map((c) => c.name)).toEqual(['黄山市审计局', '黄山区审计局']);
    expect(p.splitRows[0]?.parts).toEqual(['a', 'b']);
    expect(p.errors[0]).toMatchObject({ sheet: '问题清单', row: 4, code: 'UNIT_AMBIGUOUS' });
  });

  it('reads progress, results and errors; refuses anything else', () => {
    expect(parseIssueImportLine({ type: 'progress', phase: 'SAVE', done: 5, total: 10 })).toEqual({
      type: 'progress',
      phase: 'SAVE',
      done: 5,
      total: 10,
    });
    expect(
      parseIssueImportLine({ type: 'result', ok: true, imported: 8, bureaus: 3 }),
    ).toMatchObject({
      ok: true,
      imported: 8,
    });
    expect(
      parseIssueImportLine({ type: 'result', ok: false, errors: [{ row: 2, message: 'x' }] }),
    ).toMatchObject({
      ok: false,
      errors: [{ row: 2, message: 'x' }],
    });
    expect(parseIssueImportLine({ type: 'error', status: 404 })).toMatchObject({
      message: '导入失败，请稍后重试',
    });
    expect(parseIssueImportLine({ type: 'nonsense' })).toBeNull();
    expect(parseIssueImportLine('text')).toBeNull();
  });
});

describe('the dialog’s choices', () => {
  const preview = parseIssueImportLine(previewLine) as IssuePreview;

  it('blocks 确认导入 until every name is chosen, the choices are applied and no error is left', () => {
    expect(openQuestions(preview, NO_CHOICES)).toHaveLength(1);
    expect(importBlocker(preview, NO_CHOICES, NO_CHOICES)).toMatch(/选择单位/);
    const chosen = withUnit(NO_CHOICES, '黄山审计局', 'c2');
    expect(openQuestions(preview, chosen)).toEqual([]);
    expect(importBlocker(preview, chosen, NO_CHOICES)).toMatch(/重新预览/);
    expect(importBlocker(preview, chosen, chosen)).toMatch(/仍有错误/);
    expect(
      importBlocker({ ...preview, ok: true, questions: [] }, NO_CHOICES, NO_CHOICES),
    ).toBeNull();
    expect(withUnit(chosen, '黄山审计局', null).units).toEqual({});
  });

  it('keeps a split row whole and splits it again', () => {
    const whole = withKeepWhole(NO_CHOICES, { sheet: '问题清单', row: 3 }, true);
    expect(whole.keepWhole).toEqual([{ sheet: '问题清单', row: 3 }]);
    expect(withKeepWhole(whole, { sheet: '问题清单', row: 3 }, true).keepWhole).toHaveLength(1);
    expect(withKeepWhole(whole, { sheet: '问题清单', row: 3 }, false).keepWhole).toEqual([]);
  });

  it('names the layout and the export paths', () => {
    expect(layoutLabel('SHEET_PER_UNIT', 7)).toBe('每个单位一个工作表（共 7 个）');
    expect(layoutLabel(null, 0)).toBe('未识别');
    expect(rectificationExportPath('r')).toBe('/files/assessment-rounds/r/rectification.xlsx');
    expect(rectificationExportPath('r', 'o')).toBe(
      '/files/assessment-rounds/r/organizations/o/rectification.xlsx',
    );
  });
});

describe('round and issue forms', () => {
  const orgs = [
    { id: 'p', code: '34', name: '省厅', level: 'PROVINCE', parentId: null },
    { id: 'c2', code: '3402', name: '芜湖', level: 'CITY', parentId: 'p' },
    { id: 'c1', code: '3401', name: '合肥', level: 'CITY', parentId: 'p' },
    { id: 'k1', code: '340102', name: '瑶海', level: 'COUNTY', parentId: 'c1' },
  ];

  it('builds the bureau tree below the issuer, in code order', () => {
    const tree = bureauTree(orgs, 'p');
    expect(tree.map((n) => n.title)).toEqual(['合肥', '芜湖']);
    expect(tree[0]?.children.map((n) => n.value)).toEqual(['k1']);
    expect(allBureaus(orgs, 'p').sort()).toEqual(['c1', 'c2', 'k1']);
    expect(allBureaus(orgs, 'c1')).toEqual(['k1']);
  });

  it('computes a deadline in working days over the National Day holiday', () => {
    const calendar = new WorkingDayCalendar({
      holidays: [
        '2025-10-01',
        '2025-10-02',
        '2025-10-03',
        '2025-10-06',
        '2025-10-07',
        '2025-10-08',
      ],
      workdays: ['2025-09-28', '2025-10-11'],
      years: [2025],
    });
    // From Tuesday 30 September: 9 and 10 October, then the make-up Saturday 11th counts.
    expect(
      roundDeadline({ deadlineMode: 'WORKING_DAYS', workingDays: 3 }, '2025-09-30', calendar),
    ).toEqual({
      date: '2025-10-11',
      warning: null,
    });
    expect(
      roundDeadline({ deadlineMode: 'DATE', deadlineDate: '2025-12-31' }, '2025-09-30', calendar)
        .date,
    ).toBe('2025-12-31');
    expect(
      roundDeadline({ deadlineMode: 'WORKING_DAYS', workingDays: 0 }, '2025-09-30', calendar).date,
    ).toBeNull();
  });

  it('maps the forms to the API inputs', () => {
    expect(
      roundInput(
        {
          title: ' 2025年度评估 ',
          assessorName: '某公司',
          periodStart: '2025-01-01',
          periodEnd: '2025-12-31',
          bureauIds: ['a', 'a', 'b'],
          deadlineMode: 'DATE',
        },
        '2026-03-31',
      ),
    ).toEqual({
      title: '2025年度评估',
      assessorName: '某公司',
      periodStart: '2025-01-01',
      periodEnd: '2025-12-31',
      indicatorSystemId: null,
      defaultDeadline: '2026-03-31',
      bureauIds: ['a', 'b'],
      assessorUserIds: [],
    });
    expect(
      issueInput('r', {
        organizationId: 'o',
        issueType: 'EMPTY_COLUMN',
        description: ' 空白 ',
        location: ' ',
      }),
    ).toEqual({
      roundId: 'r',
      organizationId: 'o',
      issueType: 'EMPTY_COLUMN',
      description: '空白',
      location: undefined,
      indicatorId: null,
      severity: 'MEDIUM',
      pointsDeducted: 0,
      deadline: null,
    });
  });
});

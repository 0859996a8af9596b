jest.mock('@sunshine/web/ui', () => ({
  ...jest.requireActual('../../../ui/src/lib/format'),
  ...jest.requireActual('../../../ui/src/lib/import/import-model'),
}));

import {
  checklistFileProblem,
  importPercent,
  importPhaseText,
  guessedMapping,
  mappingProblem,
  parseImportLine,
  rowWarnings,
  warningSummary,
  problemDetail,
  problemRows,
} from '../lib/import/import-model';
import { taskFormValues, toTaskInput } from '../lib/detail/task-form-model';
import {
  canExportPlan,
  canManagePlan,
  checklistRows,
  chineseNumeral,
  defaultPlanTitle,
  isIssuerLevel,
  levelsLabel,
  planStatusView,
  type PlanCategoryItem,
  type PlanTaskItem,
} from '../lib/plan-model';

function task(
  id: string,
  number: string,
  weight: number,
  patch: Partial<PlanTaskItem> = {},
): PlanTaskItem {
  return {
    id,
    planId: 'p',
    categoryId: 'c',
    number,
    title: `任务${number}`,
    description: '',
    leadDepartments: ['办公室'],
    cooperatingDepartments: [],
    deadlineText: '6月底前',
    deadlineLabel: '6月底前',
    dueDate: '2025-06-30',
    levels: ['CITY', 'COUNTY'],
    weight,
    evidence: '',
    targetValue: null,
    targetUnit: null,
    adjustedAt: null,
    adjustmentNote: null,
    version: 1,
    ...patch,
  };
}

describe('plan model', () => {
  it('names statuses', () => {
    expect(planStatusView('DRAFT').label).toBe('草稿');
    expect(planStatusView('PUBLISHED')).toEqual({ label: '已发布', color: 'green' });
  });

  it('writes category numerals', () => {
    expect([1, 8, 10, 11, 20, 23].map(chineseNumeral)).toEqual([
      '一',
      '八',
      '十',
      '十一',
      '二十',
      '二十三',
    ]);
  });

  it('lists categories in order, each heading followed by its tasks and total weight', () => {
    const categories: PlanCategoryItem[] = [
      { id: 'b', name: '政策解读', sortOrder: 2, tasks: [task('t3', '2.1', 3)] },
      {
        id: 'a',
        name: '用权公开',
        sortOrder: 1,
        tasks: [task('t1', '1.1', 2), task('t2', '1.2', 1.5)],
      },
    ];
    const rows = checklistRows(categories);
    expect(rows.map((r) => (r.kind === 'category' ? r.heading : r.task.number))).toEqual([
      '一、用权公开',
      '1.1',
      '1.2',
      '二、政策解读',
      '2.1',
    ]);
    expect(rows[0]).toMatchObject({ taskCount: 2, weight: 3.5 });
  });

  it('orders levels top-down in Chinese', () => {
    expect(levelsLabel(['COUNTY', 'PROVINCE', 'CITY'])).toEqual(['省级', '市级', '县级']);
  });

  it('lets only the issuer’s administrators manage, administrators and leaders export', () => {
    const user = { roles: ['ADMIN' as const], organization: { id: 'o34' } };
    expect(canManagePlan({ organizationId: 'o34' }, user)).toBe(true);
    expect(canManagePlan({ organizationId: 'o34' }, { ...user, roles: ['LEADER'] })).toBe(false);
    expect(canManagePlan({ organizationId: 'o00' }, user)).toBe(false);
    expect(canExportPlan(['LEADER'])).toBe(true);
    expect(canExportPlan(['EDITOR'])).toBe(false);
    expect(isIssuerLevel('PROVINCE')).toBe(true);
    expect(isIssuerLevel('CITY')).toBe(false);
  });

  it('suggests a title for a new plan', () => {
    expect(defaultPlanTitle(2026, 'PROVINCE')).toBe('2026年全省审计机关政务公开重点工作任务分工');
    expect(defaultPlanTitle(2026, 'NATIONAL')).toBe('2026年全国审计机关政务公开重点工作任务分工');
  });
});

describe('import model', () => {
  it('reads a preview: the layout with its guesses, tasks and warnings', () => {
    const line = parseImportLine({
      type: 'preview',
      ok: true,
      layout: {
        headerRow: 2,
        needsMapping: true,
        columns: [
          {
            index: 1,
            letter: 'A',
            header: '',
            guess: 'category',
            basis: 'CONTENT',
            samples: ['平台建设'],
          },
          {
            index: 2,
            letter: 'B',
            header: '主要工作',
            guess: 'title',
            basis: 'SIMILAR',
            samples: [],
          },
          { index: 3, letter: 'C', header: '备注', guess: 'nonsense', basis: 'X', samples: [1] },
        ],
      },
      categories: [{ name: '平台建设', tasks: 1 }],
      taskCount: 1,
      tasks: [{ row: 3, number: '1.1', category: '平台建设', title: '维护专栏', lead: ['办公室'] }],
      warnings: [{ row: 0, column: '分值', code: 'DEFAULT_WEIGHT', message: '表格中没有“分值”列' }],
      errors: [],
    });
    if (line?.type !== 'preview') throw new Error('expected a preview');
    expect(line.layout?.columns.map((c) => [c.guess, c.basis, c.samples])).toEqual([
      ['category', 'CONTENT', ['平台建设']],
      ['title', 'SIMILAR', []],
      [null, 'NONE', []],
    ]);
    expect(line.tasks[0]).toMatchObject({ number: '1.1', lead: ['办公室'], cooperating: [] });
    expect(guessedMapping(line.layout!)).toEqual({
      headerRow: 2,
      columns: { '1': 'category', '2': 'title', '3': null },
    });
  });

  it('checks a mapping before it is sent: one column per field, a task column', () => {
    expect(mappingProblem({ headerRow: 1, columns: { '1': 'title', '2': 'lead' } })).toBeNull();
    expect(mappingProblem({ headerRow: 1, columns: { '1': 'lead', '2': 'lead' } })).toBe(
      '「牵头单位」只能对应一列，请修改重复的选择',
    );
    expect(mappingProblem({ headerRow: 1, columns: { '1': 'lead', '2': null } })).toBe(
      '请至少指定一列为「工作任务」（任务内容）',
    );
  });

  it('counts warnings by kind and lists them by row', () => {
    const warnings = [
      { row: 0, column: '分值', code: 'DEFAULT_WEIGHT', message: '表格中没有“分值”列' },
      {
        row: 4,
        column: '牵头单位',
        code: 'LEAD_GUESSED',
        message: '第 4 行「牵头单位」：取自文字',
      },
      {
        row: 4,
        column: '完成时限',
        code: 'DEADLINE_GUESSED',
        message: '第 4 行「完成时限」：年底前',
      },
      {
        row: 5,
        column: '牵头单位',
        code: 'LEAD_GUESSED',
        message: '第 5 行「牵头单位」：取自文字',
      },
    ];
    expect(warningSummary(warnings)).toEqual([
      { code: 'LEAD_GUESSED', label: '牵头单位由文字识别', count: 2 },
      { code: 'DEADLINE_GUESSED', label: '完成时限由文字识别', count: 1 },
      { code: 'DEFAULT_WEIGHT', label: '分值按等权计', count: 1 },
    ]);
    expect([...rowWarnings(warnings)]).toEqual([
      [4, ['取自文字', '年底前']],
      [5, ['取自文字']],
    ]);
  });

  it('reads progress, results and errors from NDJSON values', () => {
    expect(parseImportLine({ type: 'progress', phase: 'SAVE', done: 5, total: 10 })).toEqual({
      type: 'progress',
      phase: 'SAVE',
      done: 5,
      total: 10,
    });
    expect(parseImportLine({ type: 'result', ok: true, categories: 8, tasks: 48 })).toEqual({
      type: 'result',
      ok: true,
      categories: 8,
      tasks: 48,
      warnings: [],
    });
    expect(
      parseImportLine({
        type: 'result',
        ok: false,
        errors: [{ row: 5, column: '完成时限', code: 'BAD_DEADLINE', message: 'x' }, 'junk'],
      }),
    ).toEqual({
      type: 'result',
      ok: false,
      errors: [{ row: 5, column: '完成时限', code: 'BAD_DEADLINE', message: 'x' }],
      warnings: [],
    });
    expect(parseImportLine({ type: 'error', status: 409, message: '计划已发布' })).toMatchObject({
      type: 'error',
      message: '计划已发布',
    });
    expect(parseImportLine({ type: 'other' })).toBeNull();
    expect(parseImportLine('text')).toBeNull();
  });

  it('turns progress into one bar: checking 70 %, writing 30 %', () => {
    expect(importPercent({ phase: 'PARSE', done: 0, total: 100 })).toBe(0);
    expect(importPercent({ phase: 'PARSE', done: 50, total: 100 })).toBe(35);
    expect(importPercent({ phase: 'SAVE', done: 10, total: 10 })).toBe(100);
    expect(importPhaseText({ phase: 'PARSE', done: 120, total: 480 })).toBe(
      '正在校验：120 / 480 行',
    );
  });

  it('shows problems by row with the prefix moved into the columns', () => {
    expect(problemDetail('第 5 行「完成时限」：无法识别的完成时限：下个月吧')).toBe(
      '无法识别的完成时限：下个月吧',
    );
    expect(problemDetail('第 3 行：空行')).toBe('空行');
    expect(problemDetail('表头缺少必填列')).toBe('表头缺少必填列');
    expect(
      problemRows([
        {
          row: 7,
          column: '分值',
          code: 'BAD_SCORE',
          message: '第 7 行「分值」：分值应为 0 到 100 之间的数字',
        },
        { row: 0, column: '', code: 'NO_TASKS', message: '文件中没有任务' },
      ]),
    ).toEqual([
      { key: '0', sheet: '', row: '整个文件', column: '—', message: '文件中没有任务' },
      {
        key: '1',
        sheet: '',
        row: '第 7 行',
        column: '分值',
        message: '分值应为 0 到 100 之间的数字',
      },
    ]);
  });

  it('accepts only non-empty .xlsx files up to 10 MB', () => {
    expect(checklistFileProblem({ name: '清单.xlsx', size: 100 })).toBeNull();
    expect(checklistFileProblem({ name: '清单.xls', size: 100 })).toMatch(/\.xlsx/);
    expect(checklistFileProblem({ name: '清单.xlsx', size: 0 })).toBe('文件为空');
    expect(checklistFileProblem({ name: '清单.xlsx', size: 11 * 1024 * 1024 })).toMatch(/10 MB/);
  });
});

describe('task form model', () => {
  it('fills a new task with the category and city and county levels', () => {
    expect(taskFormValues(null, 'c1')).toMatchObject({
      categoryId: 'c1',
      levels: ['CITY', 'COUNTY'],
      weight: 1,
    });
  });

  it('builds the input: trimmed, deduplicated departments, target unit only with a target', () => {
    const values = {
      ...taskFormValues(task('t1', '1.1', 2), 'c'),
      title: ' 公开权责清单 ',
      leadDepartments: ['办公室', ' 办公室 ', '法规处'],
      targetValue: null,
      targetUnit: '条',
      adjustmentNote: ' 时限调整 ',
    };
    const draft = toTaskInput(values, 'p', null, false);
    expect(draft).toMatchObject({
      id: null,
      title: '公开权责清单',
      leadDepartments: ['办公室', '法规处'],
      targetValue: null,
      targetUnit: null,
      adjustmentNote: null,
    });
    const adjusted = toTaskInput(
      { ...values, targetValue: 16 },
      'p',
      { id: 't1', version: 4 },
      true,
    );
    expect(adjusted).toMatchObject({
      id: 't1',
      version: 4,
      targetValue: 16,
      targetUnit: '条',
      adjustmentNote: '时限调整',
    });
  });
});

jest.mock('@sunshine/web/reporting-ui', () =>
  jest.requireActual('../../../reporting-ui/src/lib/evidence-file-rules'),
);

import {
  completionProblem,
  evidenceFileProblem,
  expectedDueDate,
  formValuesFrom,
  isOverdue,
  percentForState,
  percentRange,
  reportMode,
  submitProblems,
  targetLabel,
  toSaveInput,
  type ReportFormValues,
} from '../lib/report/report-form-model';

describe('completion state and percent', () => {
  it('locks 未开始 to 0 and 已完成 to 100, keeps the others below 100', () => {
    expect(percentRange('NOT_STARTED')).toEqual({ min: 0, max: 0, locked: true });
    expect(percentRange('COMPLETED')).toEqual({ min: 100, max: 100, locked: true });
    expect(percentRange('BLOCKED')).toEqual({ min: 0, max: 99, locked: false });
  });

  it('moves the percent into the range of a new state', () => {
    expect(percentForState('NOT_STARTED', 40)).toBe(0);
    expect(percentForState('COMPLETED', 40)).toBe(100);
    expect(percentForState('IN_PROGRESS', 100)).toBe(99);
    expect(percentForState('IN_PROGRESS', 42.6)).toBe(43);
    expect(percentForState('BLOCKED', Number.NaN)).toBe(0);
  });

  it('uses the shared rule for the message', () => {
    expect(completionProblem('COMPLETED', 80)).toMatch(/100%/);
    expect(completionProblem('IN_PROGRESS', 80)).toBeNull();
  });
});

describe('formValuesFrom and toSaveInput', () => {
  it('starts a new report as 推进中 at 0%', () => {
    expect(formValuesFrom(null)).toMatchObject({
      completionState: 'IN_PROGRESS',
      percent: 0,
      evidenceUrls: [],
    });
  });

  it('trims texts, drops empty links, titles a link by its address, carries the version', () => {
    const values: ReportFormValues = {
      completionState: 'COMPLETED',
      percent: 90,
      actualValue: 16,
      narrative: '  已发布 16 条  ',
      problems: '',
      nextSteps: ' 持续更新 ',
      evidenceUrls: [
        { title: ' 栏目 ', url: ' https://example.gov.cn/a ' },
        { title: '', url: 'https://example.gov.cn/b' },
        { title: '空', url: '  ' },
      ],
    };
    expect(toSaveInput(values, { assignmentId: 'a1', year: 2025, quarter: 2, version: 3 })).toEqual(
      {
        assignmentId: 'a1',
        year: 2025,
        quarter: 2,
        version: 3,
        completionState: 'COMPLETED',
        percent: 100,
        actualValue: 16,
        narrative: '已发布 16 条',
        problems: '',
        nextSteps: '持续更新',
        evidenceUrls: [
          { title: '栏目', url: 'https://example.gov.cn/a' },
          { title: 'https://example.gov.cn/b', url: 'https://example.gov.cn/b' },
        ],
      },
    );
  });
});

describe('targetLabel', () => {
  it('says the target of a quantitative task', () => {
    expect(targetLabel(16, '条')).toBe('目标 ≥16 条');
    expect(targetLabel(1, null)).toBe('目标 ≥1');
    expect(targetLabel(null, '条')).toBeNull();
  });
});

describe('isOverdue and expectedDueDate', () => {
  const reporting = { year: 2025, quarter: 2, dueDate: '2025-07-10' };
  it('marks unsent reports of closed quarters, judged by the reporting quarter', () => {
    expect(isOverdue({ year: 2025, quarter: 1, status: 'DRAFT' }, reporting)).toBe(true);
    expect(isOverdue({ year: 2024, quarter: 4 }, reporting)).toBe(true);
    expect(isOverdue({ year: 2025, quarter: 2, status: null }, reporting)).toBe(false);
    expect(isOverdue({ year: 2025, quarter: 1, status: 'SUBMITTED' }, reporting)).toBe(false);
  });
  it('takes the worklist due date for the current quarter, the default window otherwise', () => {
    expect(expectedDueDate({ year: 2025, quarter: 2 }, reporting)).toBe('2025-07-10');
    expect(expectedDueDate({ year: 2025, quarter: 1 }, reporting)).toBe('2025-04-10');
    expect(expectedDueDate({ year: 2024, quarter: 4 }, null)).toBe('2025-01-10');
    expect(expectedDueDate({ year: 0, quarter: 0 }, null)).toBeNull();
  });
  it('takes the plan’s window for other quarters', () => {
    const plan = { dueDaysAfterQuarter: 20 };
    expect(expectedDueDate({ year: 2025, quarter: 1 }, reporting, plan)).toBe('2025-04-20');
    expect(expectedDueDate({ year: 2025, quarter: 2 }, reporting, plan)).toBe('2025-07-10');
    expect(expectedDueDate({ year: 2024, quarter: 4 }, null, { dueDaysAfterQuarter: null })).toBe(
      '2025-01-10',
    );
  });
});

describe('submitProblems (the rules the API enforces on submit)', () => {
  const values: ReportFormValues = {
    completionState: 'COMPLETED',
    percent: 100,
    actualValue: null,
    narrative: ' ',
    problems: '',
    nextSteps: '',
    evidenceUrls: [],
  };
  it('names each field that stops a submission', () => {
    expect(submitProblems(values, { targetValue: 16 }).map((p) => p.field)).toEqual([
      'narrative',
      'actualValue',
    ]);
    expect(
      submitProblems({ ...values, narrative: '已完成', actualValue: 16 }, { targetValue: 16 }),
    ).toEqual([]);
    expect(submitProblems({ ...values, narrative: '已完成' }, { targetValue: null })).toEqual([]);
  });
});

describe('reportMode', () => {
  it('follows the actions the API allows', () => {
    expect(reportMode(['SAVE', 'SUBMIT'], false)).toBe('edit');
    expect(reportMode(['APPROVE', 'REJECT_BY_REVIEWER'], false)).toBe('review');
    expect(reportMode(['ACCEPT', 'RETURN'], false)).toBe('accept');
    expect(reportMode([], true)).toBe('read');
  });
  it('lets an editor of the bureau start a report that does not exist yet', () => {
    expect(reportMode(null, true)).toBe('edit');
    expect(reportMode(null, false)).toBe('read');
  });
});

describe('evidenceFileProblem', () => {
  it('accepts PDF, images, Word and Excel up to 20 MB', () => {
    expect(evidenceFileProblem({ name: '清单.PDF', size: 10 })).toBeNull();
    expect(evidenceFileProblem({ name: 'a.docx', size: 10 })).toBeNull();
    expect(evidenceFileProblem({ name: 'a.xlsx', size: 20 * 1024 * 1024 })).toBeNull();
  });
  it('explains why a file cannot be uploaded', () => {
    expect(evidenceFileProblem({ name: 'a.exe', size: 10 })).toMatch(/类型不支持/);
    expect(evidenceFileProblem({ name: 'noext', size: 10 })).toMatch(/类型不支持/);
    expect(evidenceFileProblem({ name: 'a.pdf', size: 0 })).toMatch(/空文件/);
    expect(evidenceFileProblem({ name: 'a.pdf', size: 21 * 1024 * 1024 })).toMatch(/20 MB/);
  });
});

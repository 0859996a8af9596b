import {
  checkSavable,
  ProgressAction,
  Role,
  transition,
  ReportStatus,
  checkSubmittable,
  CompletionState,
  percentForState,
  percentRange,
} from '../index';

describe('report rules', () => {
  const base = {
    completionState: CompletionState.IN_PROGRESS,
    percent: 40,
    narrative: '已发布 8 条',
    actualValue: null,
  };

  it('accepts a complete report', () => {
    expect(checkSubmittable(base, { targetValue: null })).toEqual([]);
    expect(
      checkSubmittable(
        { ...base, completionState: 'COMPLETED', percent: 100, actualValue: 16 },
        { targetValue: 16 },
      ),
    ).toEqual([]);
  });

  it('requires a narrative to submit, but not to save', () => {
    const blank = { ...base, narrative: '  ' };
    expect(checkSavable(blank)).toEqual([]);
    expect(checkSubmittable(blank, {})).toEqual([
      { field: 'narrative', message: '提交前请填写进展情况' },
    ]);
    expect(checkSubmittable({ ...base, narrative: null }, {})).toHaveLength(1);
  });

  it('requires the actual value of a completed task with a target', () => {
    const done = { ...base, completionState: 'COMPLETED' as const, percent: 100 };
    expect(checkSubmittable(done, { targetValue: 16 })).toEqual([
      { field: 'actualValue', message: '任务已完成时请填写实际完成值' },
    ]);
    expect(checkSubmittable(done, { targetValue: null })).toEqual([]);
    expect(checkSubmittable({ ...done, actualValue: 0 }, { targetValue: 16 })).toEqual([]);
    expect(checkSubmittable(base, { targetValue: 16 })).toEqual([]);
  });

  it('keeps the percent consistent with the completion state', () => {
    expect(checkSavable({ ...base, completionState: 'COMPLETED', percent: 50 })).toEqual([
      { field: 'percent', message: '状态为“已完成”时，完成进度应为 100%' },
    ]);
    expect(checkSavable({ ...base, completionState: 'NOT_STARTED', percent: 0 })).toEqual([]);
    expect(percentRange('NOT_STARTED')).toEqual({ min: 0, max: 0, locked: true });
    expect(percentRange('BLOCKED')).toEqual({ min: 0, max: 99, locked: false });
    expect(percentForState('COMPLETED', 40)).toBe(100);
    expect(percentForState('NOT_STARTED', 40)).toBe(0);
    expect(percentForState('IN_PROGRESS', 100)).toBe(99);
    expect(percentForState('IN_PROGRESS', 40.6)).toBe(41);
    expect(percentForState('BLOCKED', Number.NaN)).toBe(0);
  });
});

describe('return reason', () => {
  it('needs at least two characters once trimmed, as the return dialog asks', () => {
    const approved = {
      status: ReportStatus.APPROVED,
      submittedBy: 'e',
      approvedBy: 'r',
      acceptedBy: null,
      returned: null,
    };
    const actor = { userId: 'a', roles: [Role.ADMIN], relation: 'OVERSEER' as const };
    const short = transition(approved, ProgressAction.RETURN, actor, { comment: ' 补 ' });
    expect(short).toEqual({ ok: false, code: 'REASON_REQUIRED', message: '退回原因至少 2 个字' });
    expect(transition(approved, ProgressAction.RETURN, actor, { comment: '补充' }).ok).toBe(true);
  });
});

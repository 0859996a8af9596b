import { CompletionState, ProgressAction } from '@sunshine/shared/domain';
import { isActionReplay, isSaveReplay, type SavedContent } from '../replay';

const content = {
  completionState: CompletionState.IN_PROGRESS,
  percent: 40,
  actualValue: null,
  narrative: '已发布 8 条',
  problems: '',
  nextSteps: '',
  evidenceUrls: [{ title: '门户', url: 'https://example.gov.cn/a' }],
};

describe('recognising a retried save or action', () => {
  it('takes a save whose content is the current draft one version on as a replay', () => {
    const current: SavedContent = { ...content, version: 3 };
    expect(isSaveReplay(current, 2, content)).toBe(true);
    expect(isSaveReplay({ ...content, version: 1 }, undefined, content)).toBe(true);
  });

  it('keeps a conflict a conflict: other content, or more than one version on', () => {
    const current: SavedContent = { ...content, version: 3 };
    expect(isSaveReplay(current, 2, { ...content, percent: 50 })).toBe(false);
    expect(isSaveReplay(current, 1, content)).toBe(false);
    expect(isSaveReplay(current, 3, content)).toBe(false);
  });

  it('takes an action as a replay only when it is the last event, by the same user', () => {
    const last = { action: ProgressAction.SUBMIT, userId: 'u1' };
    expect(isActionReplay(5, 4, last, [ProgressAction.SUBMIT], 'u1')).toBe(true);
    expect(isActionReplay(5, 4, last, [ProgressAction.SUBMIT], 'u2')).toBe(false);
    expect(isActionReplay(5, 4, last, [ProgressAction.APPROVE], 'u1')).toBe(false);
    expect(isActionReplay(6, 4, last, [ProgressAction.SUBMIT], 'u1')).toBe(false);
    expect(isActionReplay(5, 4, null, [ProgressAction.SUBMIT], 'u1')).toBe(false);
  });
});

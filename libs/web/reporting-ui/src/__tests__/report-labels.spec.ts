import {
  actorLabel,
  completionStateView,
  reportEventView,
  reportStatusView,
  returnedStageLabel,
} from '../lib/report-labels';

describe('report labels', () => {
  it('names every display status and marks a missing report 未填报', () => {
    expect(reportStatusView(null)).toEqual({ label: '未填报', color: 'warning' });
    expect(reportStatusView('DRAFT').label).toBe('草稿');
    expect(reportStatusView('SUBMITTED').label).toBe('已提交');
    expect(reportStatusView('APPROVED').label).toBe('已审核');
    expect(reportStatusView('ACCEPTED')).toEqual({ label: '已验收', color: 'success' });
    expect(reportStatusView('RETURNED')).toEqual({ label: '已退回', color: 'error' });
  });

  it('names completion states', () => {
    expect(completionStateView('NOT_STARTED').label).toBe('未开始');
    expect(completionStateView('IN_PROGRESS').label).toBe('推进中');
    expect(completionStateView('COMPLETED').label).toBe('已完成');
    expect(completionStateView('BLOCKED').label).toBe('受阻');
  });

  it('labels history events, returns in red', () => {
    expect(reportEventView('CREATE').label).toBe('创建草稿');
    expect(reportEventView('SUBMIT').label).toBe('提交审核');
    expect(reportEventView('APPROVE').label).toBe('审核通过');
    expect(reportEventView('RETURN')).toEqual({ label: '上级退回', color: 'red' });
    expect(reportEventView('REJECT_BY_REVIEWER').color).toBe('red');
    expect(reportEventView('SOMETHING_NEW').label).toBe('SOMETHING_NEW');
  });

  it('says who sent a report back', () => {
    expect(returnedStageLabel('REVIEWER')).toBe('本单位审核人');
    expect(returnedStageLabel('OVERSEER')).toBe('上级单位');
    expect(returnedStageLabel(null)).toBe('');
  });

  it('names the person, with the account beside it, in the history', () => {
    expect(actorLabel({ username: '340102-editor', displayName: '张晓梅' })).toEqual({
      name: '张晓梅',
      account: '340102-editor',
    });
    expect(actorLabel({ username: '340102-editor', displayName: null })).toEqual({
      name: '340102-editor',
      account: null,
    });
    expect(actorLabel({})).toEqual({ name: '系统', account: null });
  });
});

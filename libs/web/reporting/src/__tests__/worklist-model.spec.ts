import {
  batchSelectable,
  continuesCompleted,
  hasDeeperLevels,
  hasSubordinates,
  initialTab,
  reportPath,
  tabCount,
  worklistBadge,
  worklistTabs,
  type WorklistCounts,
} from '../lib/worklist/worklist-model';

const counts: WorklistCounts = {
  year: 2025,
  quarter: 2,
  dueDate: '2025-07-10',
  toFill: 30,
  returned: 4,
  toReview: 11,
  toAccept: 69,
  unreadNotifications: 2,
};

describe('worklistTabs', () => {
  it('gives editors 待填报 and 被退回, reviewers 待审核, overseeing admins 待验收', () => {
    expect(worklistTabs(['EDITOR'], 'COUNTY')).toEqual(['toFill', 'returned', 'all']);
    expect(worklistTabs(['REVIEWER'], 'COUNTY')).toEqual(['toReview', 'all']);
    expect(worklistTabs(['ADMIN'], 'CITY')).toEqual(['toAccept']);
    expect(worklistTabs(['ADMIN'], 'COUNTY')).toEqual(['all']);
    expect(worklistTabs(['EDITOR', 'REVIEWER', 'ADMIN'], 'CITY')).toEqual([
      'toFill',
      'returned',
      'toReview',
      'toAccept',
      'all',
    ]);
  });

  it('does not assume three levels', () => {
    expect(hasSubordinates('NATIONAL')).toBe(true);
    expect(hasSubordinates('PROVINCE')).toBe(true);
    expect(hasSubordinates('COUNTY')).toBe(false);
  });
});

describe('counts and badge', () => {
  it('counts the work of each role', () => {
    expect(tabCount('toFill', counts)).toBe(30);
    expect(tabCount('all', counts)).toBeNull();
    expect(worklistBadge(counts, ['EDITOR'], 'COUNTY')).toBe(30);
    expect(worklistBadge(counts, ['REVIEWER'], 'COUNTY')).toBe(11);
    expect(worklistBadge(counts, ['ADMIN'], 'CITY')).toBe(69);
    expect(worklistBadge(counts, ['ADMIN'], 'COUNTY')).toBe(0);
    expect(worklistBadge(counts, ['LEADER'], 'PROVINCE')).toBe(0);
    expect(worklistBadge(null, ['EDITOR'], 'COUNTY')).toBe(0);
  });
});

describe('initialTab', () => {
  const tabs = worklistTabs(['EDITOR', 'REVIEWER'], 'COUNTY');
  it('honours the address when the user has that tab', () => {
    expect(initialTab('toReview', tabs, counts)).toBe('toReview');
    expect(initialTab('toAccept', tabs, counts)).toBe('toFill');
  });
  it('otherwise opens the first tab with work waiting', () => {
    expect(initialTab(null, tabs, { ...counts, toFill: 0, returned: 0 })).toBe('toReview');
    expect(initialTab(null, tabs, { ...counts, toFill: 0, returned: 0, toReview: 0 })).toBe(
      'toFill',
    );
  });
});

describe('reportPath', () => {
  it('opens the report, or the new-report form for the quarter', () => {
    expect(reportPath('t1', 'r1', { year: 2025, quarter: 2 })).toBe('/reporting/reports/r1');
    expect(reportPath('t1', null, { year: 2025, quarter: 2 })).toBe(
      '/reporting/tasks/t1?year=2025&quarter=2',
    );
  });
});

describe('待验收 levels and batch selection', () => {
  it('offers a deeper, read-only level only where subordinates have subordinates', () => {
    expect(hasDeeperLevels('NATIONAL')).toBe(true);
    expect(hasDeeperLevels('PROVINCE')).toBe(true);
    expect(hasDeeperLevels('CITY')).toBe(false);
    expect(hasDeeperLevels('COUNTY')).toBe(false);
  });

  it('selects for a batch only reports the user may accept', () => {
    expect(batchSelectable({ availableActions: ['ACCEPT', 'RETURN'] })).toBe(true);
    expect(batchSelectable({ availableActions: [] })).toBe(false);
  });
});

describe('已完成-持续', () => {
  it('marks a task completed earlier until this quarter has a report', () => {
    expect(continuesCompleted({ completedEarlier: true, report: null })).toBe(true);
    expect(continuesCompleted({ completedEarlier: true, report: { id: 'r' } })).toBe(false);
    expect(continuesCompleted({ completedEarlier: false, report: null })).toBe(false);
  });
});

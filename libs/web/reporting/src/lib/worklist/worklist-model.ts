import { ORG_LEVEL_ORDER } from '@sunshine/shared/domain';
import type { Role, WorklistQuery } from '@sunshine/web/graphql';

export type WorklistCounts = WorklistQuery['worklist'];

/** Tabs of 进展填报: what to fill in, what came back, what to review, what to accept, all tasks. */
export type WorklistTab = 'toFill' | 'returned' | 'toReview' | 'toAccept' | 'all';

export const TAB_LABEL: Record<WorklistTab, string> = {
  toFill: '本季度待填报',
  returned: '被退回',
  toReview: '待审核',
  toAccept: '待验收',
  all: '全部任务',
};

/** True for levels with subordinates (nothing assumes three levels). */
export function hasSubordinates(level: string): boolean {
  const i = (ORG_LEVEL_ORDER as readonly string[]).indexOf(level);
  return i >= 0 && i < ORG_LEVEL_ORDER.length - 1;
}

/**
 * True when the organisation's subordinates have subordinates of their own (a province over
 * cities over counties): its 待验收 can show, read-only, the reports accepted further down.
 */
export function hasDeeperLevels(level: string): boolean {
  const i = (ORG_LEVEL_ORDER as readonly string[]).indexOf(level);
  return i >= 0 && i < ORG_LEVEL_ORDER.length - 2;
}

/** Reports of a batch decision: those the user may accept (its direct subordinates' approved). */
export function batchSelectable(r: { availableActions: readonly string[] }): boolean {
  return r.availableActions.includes('ACCEPT');
}

/** 已完成-持续: a task done and accepted earlier in the year, not reported for this quarter yet. */
export function continuesCompleted(a: {
  completedEarlier: boolean;
  report?: { id: string } | null;
}): boolean {
  return a.completedEarlier && !a.report;
}

/** The tabs a user sees: editors fill in, reviewers review, overseeing administrators accept. */
export function worklistTabs(roles: readonly Role[], level: string): WorklistTab[] {
  const tabs: WorklistTab[] = [];
  if (roles.includes('EDITOR')) tabs.push('toFill', 'returned');
  if (roles.includes('REVIEWER')) tabs.push('toReview');
  if (roles.includes('ADMIN') && hasSubordinates(level)) tabs.push('toAccept');
  // The bureau's own tasks, for everyone who reports on them (not for an issuer without tasks).
  if (
    roles.includes('EDITOR') ||
    roles.includes('REVIEWER') ||
    (roles.includes('ADMIN') && !hasSubordinates(level))
  )
    tabs.push('all');
  if (tabs.length === 0) tabs.push('all');
  return tabs;
}

/** The count shown on a tab; null for tabs without one. */
export function tabCount(
  tab: WorklistTab,
  counts: WorklistCounts | null | undefined,
): number | null {
  if (!counts || tab === 'all') return null;
  return counts[tab];
}

/** The menu badge: what waits for this user (reports to fill in or fix, review, accept). */
export function worklistBadge(
  counts: WorklistCounts | null | undefined,
  roles: readonly Role[],
  level: string,
): number {
  if (!counts) return 0;
  let n = 0;
  if (roles.includes('EDITOR')) n += counts.toFill;
  if (roles.includes('REVIEWER')) n += counts.toReview;
  if (roles.includes('ADMIN') && hasSubordinates(level)) n += counts.toAccept;
  return n;
}

/** The tab in the address, if the user has it; else the first with work waiting, else the first. */
export function initialTab(
  param: string | null,
  tabs: readonly WorklistTab[],
  counts: WorklistCounts | null | undefined,
): WorklistTab {
  const asked = tabs.find((t) => t === param);
  if (asked) return asked;
  const busy = tabs.find((t) => (tabCount(t, counts) ?? 0) > 0);
  return busy ?? tabs[0] ?? 'all';
}

/** Where a row of the worklist leads: the report when there is one, else the new-report form. */
export function reportPath(
  taskId: string,
  reportId: string | null | undefined,
  period: { year: number; quarter: number },
): string {
  if (reportId) return `/reporting/reports/${reportId}`;
  return `/reporting/tasks/${taskId}?year=${period.year}&quarter=${period.quarter}`;
}

/**
 * The round-creation and manual issue forms as pure functions: the input the API takes from what
 * the forms hold, and the tree of bureaus a round may cover.
 */
import type { WorkingDayCalendar } from '@sunshine/shared/domain';

export interface OrgNode {
  id: string;
  code: string;
  name: string;
  level: string;
  parentId: string | null;
}

export interface BureauTreeNode {
  value: string;
  title: string;
  children: BureauTreeNode[];
}

/** The bureaus below `rootId` as a tree (the round's issuer itself is not a bureau of it). */
export function bureauTree(orgs: readonly OrgNode[], rootId: string): BureauTreeNode[] {
  const kids = new Map<string, OrgNode[]>();
  for (const o of orgs) if (o.parentId) kids.set(o.parentId, [...(kids.get(o.parentId) ?? []), o]);
  const build = (parent: string): BureauTreeNode[] =>
    (kids.get(parent) ?? [])
      .sort((a, b) => a.code.localeCompare(b.code))
      .map((o) => ({ value: o.id, title: o.name, children: build(o.id) }));
  return build(rootId);
}

/** Every bureau below `rootId` (the 全部下级单位 shortcut). */
export function allBureaus(orgs: readonly OrgNode[], rootId: string): string[] {
  const out: string[] = [];
  const walk = (nodes: BureauTreeNode[]): void => {
    for (const n of nodes) {
      out.push(n.value);
      walk(n.children);
    }
  };
  walk(bureauTree(orgs, rootId));
  return out;
}

export type DeadlineMode = 'DATE' | 'WORKING_DAYS';

export interface RoundFormValues {
  title: string;
  assessorName: string;
  periodStart: string;
  periodEnd: string;
  bureauIds: string[];
  indicatorSystemId?: string | null;
  assessorUserIds?: string[];
  deadlineMode: DeadlineMode;
  deadlineDate?: string | null;
  workingDays?: number | null;
}

/**
 * The default deadline the API stores (a day): the date chosen, or N working days from `today`
 * on the Chinese calendar (holidays and make-up working days), with the calendar's warning when
 * the day falls in a year its table does not cover.
 */
export function roundDeadline(
  v: Pick<RoundFormValues, 'deadlineMode' | 'deadlineDate' | 'workingDays'>,
  today: string,
  calendar: WorkingDayCalendar | null,
): { date: string | null; warning: string | null } {
  if (v.deadlineMode === 'DATE') return { date: v.deadlineDate ?? null, warning: null };
  const n = v.workingDays ?? 0;
  if (!calendar || !Number.isInteger(n) || n < 1) return { date: null, warning: null };
  return calendar.deadlineAfter(today, n);
}

/** CreateAssessmentRoundInput from the form (the deadline already computed). */
export function roundInput(v: RoundFormValues, defaultDeadline: string) {
  return {
    title: v.title.trim(),
    assessorName: v.assessorName.trim(),
    periodStart: v.periodStart,
    periodEnd: v.periodEnd,
    indicatorSystemId: v.indicatorSystemId || null,
    defaultDeadline,
    bureauIds: [...new Set(v.bureauIds)],
    assessorUserIds: v.assessorUserIds ?? [],
  };
}

export interface IssueFormValues {
  organizationId: string;
  issueType: string;
  description: string;
  location?: string;
  indicatorId?: string | null;
  severity?: 'LOW' | 'MEDIUM' | 'HIGH';
  pointsDeducted?: number | null;
  deadline?: string | null;
}

/** AddAssessmentIssueInput from the form. */
export function issueInput(roundId: string, v: IssueFormValues) {
  return {
    roundId,
    organizationId: v.organizationId,
    issueType: v.issueType,
    description: v.description.trim(),
    location: v.location?.trim() || undefined,
    indicatorId: v.indicatorId || null,
    severity: v.severity ?? 'MEDIUM',
    pointsDeducted: v.pointsDeducted ?? 0,
    deadline: v.deadline || null,
  };
}

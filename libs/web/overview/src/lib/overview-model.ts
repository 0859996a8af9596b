import {
  formatCount,
  formatFraction,
  formatPercent,
  formatQuarter,
  percentValue,
} from '@sunshine/web/ui';
import { AWAITING_ACCEPTANCE } from '@sunshine/shared/domain';
import type { CompletionOverviewQuery, OverviewContextQuery } from '@sunshine/web/graphql';

export type Overview = CompletionOverviewQuery['completionOverview'];
export type Figures = Overview['total'];
export type CompletionRowData = Overview['rows'][number];
export type CategoryRow = Overview['byCategory'][number];
export type TrendPoint = Overview['trend'][number];
export type OrganizationRecord = OverviewContextQuery['organizations'][number];

export interface Period {
  year: number;
  quarter: number;
}

const QUARTERS = [1, 2, 3, 4] as const;

/** The period in the address (?year=2025&quarter=2), or the fallback when absent or invalid. */
export function periodFromParams(params: URLSearchParams, fallback: Period): Period {
  const year = Number(params.get('year'));
  const quarter = Number(params.get('quarter'));
  if (Number.isInteger(year) && year >= 2000 && year <= 2100 && [1, 2, 3, 4].includes(quarter))
    return { year, quarter };
  return fallback;
}

export interface PeriodOption {
  year: number;
  quarters: Array<{ value: number; label: string; disabled: boolean }>;
}

/**
 * Years that have a plan (and the reporting year), newest first, each with its quarters; quarters
 * after the reporting quarter have no reports yet and are disabled.
 */
export function periodOptions(planYears: readonly number[], current: Period): PeriodOption[] {
  const years = [...new Set([...planYears, current.year])]
    .filter((y) => y <= current.year)
    .sort((a, b) => b - a);
  return years.map((year) => ({
    year,
    quarters: QUARTERS.map((q) => ({
      value: q,
      label: formatQuarter(year, q).slice(5),
      disabled: year === current.year && q > current.quarter,
    })),
  }));
}

/**
 * The organisations from the user's own (first) down to `targetId` (last), through parent links.
 * When the target is not below the user's organisation, only the target is returned.
 */
export function drillPath(
  orgs: readonly OrganizationRecord[],
  rootId: string,
  targetId: string,
): OrganizationRecord[] {
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const path: OrganizationRecord[] = [];
  const seen = new Set<string>();
  let current = byId.get(targetId);
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    path.unshift(current);
    if (current.id === rootId) return path;
    current = current.parentId ? byId.get(current.parentId) : undefined;
  }
  const target = byId.get(targetId);
  return target ? [target] : [];
}

/** 合肥市审计局 -> 合肥市, 安徽省审计厅 -> 安徽省: short names for chart axes. */
export function shortOrgName(name: string): string {
  const short = name.replace(/审计(局|厅|署)$/, '');
  return short || name;
}

/**
 * 待验收 as the API counts it (AWAITING_ACCEPTANCE in shared/domain): approved reports of the direct
 * subordinates waiting for this organisation's acceptance, the same figure as the worklist's.
 */
export function awaitingAcceptance(f: Pick<Figures, 'awaitingAcceptance'>): number {
  return f.awaitingAcceptance;
}

/** Tasks of the bureaus below (not the organisation itself) without a submitted report. */
export function missingBelow(
  total: Pick<Figures, 'assigned' | 'reported'>,
  own: Pick<Figures, 'assigned' | 'reported'> | null | undefined,
): number {
  const all = total.assigned - total.reported;
  const self = own ? own.assigned - own.reported : 0;
  return Math.max(0, all - self);
}

export type KpiKey = 'completion' | 'reporting' | 'onTime' | 'acceptance';

export interface KpiView {
  key: KpiKey;
  title: string;
  /** Shown large: a percentage or a count. */
  value: string;
  /** 0–100 for the bar under the value (for 待验收: the share already accepted). */
  percent: number;
  /** Shown after the value (项 for counts). */
  unit?: string;
  /** Numerator / denominator in words. */
  caption: string;
  hint: string;
}

/** The four KPI cards of the overview. */
export function kpiViews(f: Figures): KpiView[] {
  const waiting = awaitingAcceptance(f);
  return [
    {
      key: 'completion',
      title: '完成率',
      value: formatPercent(f.completionRate),
      percent: percentValue(f.completionRate),
      caption: `已完成 ${formatFraction(f.completed, f.due)} 项到期任务`,
      hint: '截至季度末到期的任务中，已完成且验收的比例',
    },
    {
      key: 'reporting',
      title: '报送率',
      value: formatPercent(f.reportingRate),
      percent: percentValue(f.reportingRate),
      caption: `已报送 ${formatFraction(f.reported, f.assigned)} 项任务`,
      hint: '本季度已提交、已审核或已验收的进展占承担任务的比例',
    },
    {
      key: 'onTime',
      title: '按时报送率',
      value: formatPercent(f.onTimeRate),
      percent: percentValue(f.onTimeRate),
      caption: `按时报送 ${formatFraction(f.onTime, f.assigned)} 项任务`,
      hint: '在报送截止日期前提交的进展占承担任务的比例',
    },
    {
      key: 'acceptance',
      title: AWAITING_ACCEPTANCE.label,
      value: formatCount(waiting),
      unit: '项',
      percent: f.reported > 0 ? percentValue(f.accepted / f.reported) : 0,
      caption: `已验收 ${formatFraction(f.accepted, f.reported)} 项已报送`,
      hint: `${AWAITING_ACCEPTANCE.hint}，与“进展填报 › 待验收”同一口径`,
    },
  ];
}

/** A row of the subordinate table: a direct child (with its subtree) or the organisation itself. */
export interface ChildRow extends Figures {
  key: string;
  organizationId: string;
  name: string;
  level: string;
  childCount: number;
  /** The organisation's own tasks (本级), listed above its subordinates. */
  own: boolean;
  awaiting: number;
}

export function childRows(overview: Overview): ChildRow[] {
  const rows: ChildRow[] = overview.rows.map((r) => ({
    ...r.figures,
    key: r.organization.id,
    organizationId: r.organization.id,
    name: r.organization.name,
    level: r.organization.level,
    childCount: r.childCount,
    own: false,
    awaiting: awaitingAcceptance(r.figures),
  }));
  if (overview.own && overview.own.assigned > 0) {
    rows.unshift({
      ...overview.own,
      key: `${overview.organization.id}:own`,
      organizationId: overview.organization.id,
      name: `${overview.organization.name}（本级）`,
      level: overview.organization.level,
      childCount: 0,
      own: true,
      awaiting: awaitingAcceptance(overview.own),
    });
  }
  return rows;
}

/** Subordinates ranked by completion rate (then reporting rate, then name) for the bar chart. */
export function rankByCompletion<
  T extends { name: string; completionRate: number; reportingRate: number },
>(rows: readonly T[]): T[] {
  return [...rows].sort(
    (a, b) =>
      b.completionRate - a.completionRate ||
      b.reportingRate - a.reportingRate ||
      a.name.localeCompare(b.name, 'zh-CN'),
  );
}

/** Whether the organisation's page lists tasks (a bureau without subordinates) or subordinates. */
export function showsTasks(overview: Pick<Overview, 'rows'>, forceTasks: boolean): boolean {
  return forceTasks || overview.rows.length === 0;
}

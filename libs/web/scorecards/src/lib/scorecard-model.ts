import { rankScores, toCenti } from '@sunshine/shared/domain';

/** What the page needs of a scorecard row (the generated type fits). */
export interface ScoreRow {
  organization: { id: string; code: string; name: string; level?: string };
  score: number;
  grade: string;
  gradeLabel: string;
  rank?: number | null;
  vetoed: boolean;
  change?: number | null;
  reasons: readonly string[];
}

/** Where a breakdown item's points come from. */
export interface ScoreSourceRef {
  type: string;
  id: string;
}

export const GRADE_COLORS: Record<string, string> = {
  EXCELLENT: '#1d4f91',
  GOOD: '#4f7fc0',
  PASS: '#9fbbe0',
  FAIL: '#e39a3b',
};

export const GRADE_TAG_COLORS: Record<string, string> = {
  EXCELLENT: 'blue',
  GOOD: 'geekblue',
  PASS: 'default',
  FAIL: 'orange',
};

/** 12.5 → "12.50"; the scorecard's unit is 0.01 point. */
export function formatScore(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : n.toFixed(2);
}

/** +1.25 / −0.50 / 0.00 / — (no figure a year earlier). */
export function formatChange(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  if (n > 0) return `+${n.toFixed(2)}`;
  if (n < 0) return `−${Math.abs(n).toFixed(2)}`;
  return '0.00';
}

/** Rows in ranking order: by rank (ties in code order), unranked last by score. */
export function rankedRows<T extends ScoreRow>(rows: readonly T[]): T[] {
  return [...rows].sort(
    (a, b) =>
      (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER) ||
      b.score - a.score ||
      a.organization.code.localeCompare(b.organization.code),
  );
}

/** The lowest `n` ranked rows, lowest first: who the page explains with their reasons. */
export function lowestRows<T extends ScoreRow>(rows: readonly T[], n = 3): T[] {
  return rankedRows(rows).slice(-n).reverse();
}

/**
 * Counties of every city ranked together (the 全省县区 view): the rows re-ranked with the
 * engine's own rule (ties share a rank, vetoed after the rest).
 */
export function rankTogether<T extends ScoreRow>(rows: readonly T[]): T[] {
  const ranks = rankScores(rows.map((r) => ({ scoreCenti: toCenti(r.score), vetoed: r.vetoed })));
  return rankedRows(rows.map((r, i) => ({ ...r, rank: ranks[i] ?? null })));
}

/** 合肥市审计局 → 合肥市. */
export function shortOrgName(name: string): string {
  return name.replace(/审计(局|厅|署)$/, '');
}

/**
 * The page in Sunshine that holds a breakdown item's source record, or null when it has none
 * (an adjustment shows its attachment instead).
 */
export function sourceLink(source: ScoreSourceRef, bureauId: string): string | null {
  const q = (params: Record<string, string>) => new URLSearchParams(params).toString();
  switch (source.type) {
    case 'ProgressReport':
      return `/reporting/reports/${encodeURIComponent(source.id)}`;
    case 'Assignment':
      return `/?${q({ org: bureauId, view: 'tasks' })}`;
    case 'ReportingQuarter': {
      const m = /^(\d{4})Q([1-4])$/.exec(source.id);
      return m ? `/?${q({ org: bureauId, view: 'tasks', year: m[1]!, quarter: m[2]! })}` : null;
    }
    case 'AssessmentIssue':
      return `/assessments?${q({ org: bureauId, issue: source.id })}`;
    case 'TrainingCoverage':
      return /^\d{4}$/.test(source.id)
        ? `/trainings?${q({ year: source.id, org: bureauId })}`
        : null;
    default:
      return null;
  }
}

/** The source's kind in Chinese, for the link's text. */
export const SOURCE_LABELS: Record<string, string> = {
  ProgressReport: '季度进展',
  Assignment: '任务',
  ReportingQuarter: '季度报送',
  AssessmentIssue: '测评问题',
  TrainingCoverage: '培训情况',
  ScoreAdjustment: '加减分',
  RubricComponent: '考评细则',
  Rubric: '考评细则',
};

export interface TrendSeries {
  /** Average per quarter (null: no figure). */
  average: Array<number | null>;
  /** The selected bureau's score per quarter, when one is selected. */
  bureau: Array<number | null> | null;
}

/** Year-to-date figures after each quarter, from the four scorecards of the year. */
export function trendSeries(
  quarters: ReadonlyArray<{
    average?: number | null;
    rows: ReadonlyArray<{ organization: { id: string }; score: number }>;
  } | null>,
  bureauId: string | null,
): TrendSeries {
  return {
    average: quarters.map((q) => q?.average ?? null),
    bureau: bureauId
      ? quarters.map((q) => q?.rows.find((r) => r.organization.id === bureauId)?.score ?? null)
      : null,
  };
}

/** How many bureaus got each grade, in grade order, for the KPI card. */
export function gradeCounts(
  distribution: ReadonlyArray<{ grade: string; label: string; count: number }>,
): Array<{ grade: string; label: string; count: number; color: string }> {
  return distribution.map((d) => ({ ...d, color: GRADE_TAG_COLORS[d.grade] ?? 'default' }));
}

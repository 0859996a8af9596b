/**
 * Rankings over scored bureaus: ties share a rank (1, 2, 2, 4), a vetoed bureau ranks after every
 * bureau that is not; year-on-year change, most improved, the grade distribution; and the
 * canonical JSON a frozen scorecard is hashed over.
 */
import { SCORE_GRADES, type ScoreGrade } from './rubric';

export interface Rankable {
  scoreCenti: number;
  vetoed: boolean;
}

/** Standard competition ranking; the result is aligned with the input. */
export function rankScores(rows: readonly Rankable[]): number[] {
  const key = (r: Rankable): [number, number] => [r.vetoed ? 1 : 0, -r.scoreCenti];
  return rows.map((r) => {
    const [v, s] = key(r);
    return (
      1 +
      rows.filter((o) => {
        const [ov, os] = key(o);
        return ov < v || (ov === v && os < s);
      }).length
    );
  });
}

/** Change against last year's score in 0.01 points; null without last year's score. */
export function scoreChange(current: number, previous: number | null | undefined): number | null {
  if (previous === null || previous === undefined) return null;
  return (Math.round(current * 100) - Math.round(previous * 100)) / 100;
}

/** The rows with the largest positive change (ties all returned); empty when nobody improved. */
export function mostImproved<T extends { change: number | null }>(rows: readonly T[]): T[] {
  const best = Math.max(0, ...rows.map((r) => r.change ?? 0));
  return best > 0 ? rows.filter((r) => r.change === best) : [];
}

export function gradeDistribution(
  rows: readonly { grade: ScoreGrade }[],
): { grade: ScoreGrade; count: number }[] {
  return SCORE_GRADES.map((grade) => ({
    grade,
    count: rows.filter((r) => r.grade === grade).length,
  }));
}

/** Average score rounded to 0.01; null for no rows. */
export function averageScore(rows: readonly { scoreCenti: number }[]): number | null {
  if (rows.length === 0) return null;
  return Math.round(rows.reduce((s, r) => s + r.scoreCenti, 0) / rows.length) / 100;
}

/** JSON with object keys sorted, so that equal content has one text (and one hash). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export interface ScoreDiffRow {
  organizationId: string;
  before: { score: number; grade: ScoreGrade; vetoed: boolean } | null;
  after: { score: number; grade: ScoreGrade; vetoed: boolean } | null;
}

/** Bureaus whose score, grade or veto differ between two runs (one row per changed bureau). */
export function diffScores(
  before: ReadonlyMap<string, { score: number; grade: ScoreGrade; vetoed: boolean }>,
  after: ReadonlyMap<string, { score: number; grade: ScoreGrade; vetoed: boolean }>,
): ScoreDiffRow[] {
  const ids = [...new Set([...before.keys(), ...after.keys()])].sort();
  return ids.flatMap((id) => {
    const b = before.get(id) ?? null;
    const a = after.get(id) ?? null;
    const same = b && a && b.score === a.score && b.grade === a.grade && b.vetoed === a.vetoed;
    return same ? [] : [{ organizationId: id, before: b, after: a }];
  });
}

/**
 * The canonical text a frozen scorecard's content hash is taken over (SHA-256 by the server): who
 * assessed, the period, the rubric, and each bureau's inputs and result, in id order.
 */
export function scorecardContent(c: {
  assessorId: string;
  year: number;
  /** The quarter, 0 for the final result. */
  quarter: number;
  rubric: unknown;
  bureaus: ReadonlyArray<{ organizationId: string; facts: unknown; result: unknown }>;
}): string {
  return canonicalJson({
    assessorId: c.assessorId,
    year: c.year,
    quarter: c.quarter,
    rubric: c.rubric,
    bureaus: [...c.bureaus].sort((a, b) => (a.organizationId < b.organizationId ? -1 : 1)),
  });
}

import type { Scope } from '../tenancy/scope';

/** An organisation as a scorecard names it. */
export interface ScorecardOrg {
  id: string;
  code: string;
  name: string;
}

/** One ranked bureau of a scorecard. */
export interface ScorecardLine {
  organization: ScorecardOrg;
  score: number;
  /** EXCELLENT, GOOD, PASS or FAIL, and its Chinese label. */
  grade: string;
  gradeLabel: string;
  /** Ties share a rank (1, 2, 2, 4); null when the caller may not see ranks. */
  rank: number | null;
  vetoed: boolean;
  /** Against the same period a year earlier. */
  change: number | null;
  /** The main reasons points were lost (the largest losses and any veto). */
  reasons: string[];
}

/** One line of a bureau's breakdown: every point traceable to its source record. */
export interface ScorecardItem {
  component: string;
  label: string;
  points: number;
  source: { type: string; id: string };
}

/** A ranking of an organisation's direct subordinates for a year or year-to-date. */
export interface ScorecardSnapshot {
  year: number;
  /** Year-to-date up to this quarter; null: the year. */
  quarter: number | null;
  /** The organisation whose subordinates are ranked. */
  organization: ScorecardOrg;
  /** The organisation that scores them (the issuer of a bulletin). */
  assessor: ScorecardOrg | null;
  maxScore: number;
  average: number | null;
  rubricVersion: number;
  rows: ScorecardLine[];
  gradeDistribution: Array<{ grade: string; label: string; count: number }>;
  vetoedCount: number;
  /** Set once the results are frozen (定档). */
  publication: { revision: number; publishedAt: Date; contentHash: string } | null;
}

/**
 * The scorecards a caller may read, for features that publish them in other forms (the bulletin
 * and the Excel export of api-letters). Implemented over the scorecards feature's service (see
 * apps/api `ScorecardReaderModule`); tenancy is the implementation's: the same checks as the
 * `scorecard` and `scoreBreakdown` queries.
 */
export abstract class ScorecardReader {
  abstract scorecard(
    scope: Scope,
    year: number,
    quarter: number | null,
    organizationId: string | null,
  ): Promise<ScorecardSnapshot>;

  abstract breakdown(
    scope: Scope,
    year: number,
    quarter: number | null,
    organizationId: string,
  ): Promise<{ score: number; grade: string; vetoed: boolean; items: ScorecardItem[] }>;
}

import {
  formatChange,
  formatScore,
  lowestRows,
  rankedRows,
  rankTogether,
  sourceLink,
  trendSeries,
  type ScoreRow,
} from '../lib/scorecard-model';

const row = (
  code: string,
  score: number,
  rank: number | null,
  extra: Partial<ScoreRow> = {},
): ScoreRow => ({
  organization: { id: `id-${code}`, code, name: `${code}审计局` },
  score,
  grade: score >= 90 ? 'EXCELLENT' : score >= 60 ? 'PASS' : 'FAIL',
  gradeLabel: '',
  rank,
  vetoed: false,
  change: null,
  reasons: [],
  ...extra,
});

describe('ranking helpers', () => {
  const rows = [row('3403', 80, 2), row('3401', 95, 1), row('3402', 80, 2), row('3404', 50, 4)];

  it('orders by rank, ties by code, and finds the lowest three lowest first', () => {
    expect(rankedRows(rows).map((r) => r.organization.code)).toEqual([
      '3401',
      '3402',
      '3403',
      '3404',
    ]);
    expect(lowestRows(rows).map((r) => r.organization.code)).toEqual(['3404', '3403', '3402']);
    expect(lowestRows(rows, 1)).toHaveLength(1);
  });

  it('ranks counties of several cities together: ties share a rank, vetoed last', () => {
    const together = rankTogether([
      row('340102', 70, 1),
      row('340202', 90, 1),
      row('340103', 70, 2),
      row('340203', 99, 1, { vetoed: true }),
    ]);
    expect(together.map((r) => [r.organization.code, r.rank])).toEqual([
      ['340202', 1],
      ['340102', 2],
      ['340103', 2],
      ['340203', 4],
    ]);
  });

  it('formats scores to 0.01 and changes with a sign', () => {
    expect(formatScore(80)).toBe('80.00');
    expect(formatScore(null)).toBe('—');
    expect(formatChange(1.5)).toBe('+1.50');
    expect(formatChange(-0.5)).toBe('−0.50');
    expect(formatChange(0)).toBe('0.00');
    expect(formatChange(undefined)).toBe('—');
  });
});

describe('sourceLink', () => {
  it('links each kind of source record to its page in Sunshine', () => {
    expect(sourceLink({ type: 'ProgressReport', id: 'r1' }, 'b')).toBe('/reporting/reports/r1');
    expect(sourceLink({ type: 'AssessmentIssue', id: 'i1' }, 'b')).toBe(
      '/assessments?org=b&issue=i1',
    );
    expect(sourceLink({ type: 'TrainingCoverage', id: '2025' }, 'b')).toBe(
      '/trainings?year=2025&org=b',
    );
    expect(sourceLink({ type: 'ReportingQuarter', id: '2025Q2' }, 'b')).toBe(
      '/?org=b&view=tasks&year=2025&quarter=2',
    );
    expect(sourceLink({ type: 'Assignment', id: 'a1' }, 'b')).toBe('/?org=b&view=tasks');
  });
  it('has no link for adjustments, rubric lines and malformed ids', () => {
    expect(sourceLink({ type: 'ScoreAdjustment', id: 'x' }, 'b')).toBeNull();
    expect(sourceLink({ type: 'Rubric', id: 'x' }, 'b')).toBeNull();
    expect(sourceLink({ type: 'ReportingQuarter', id: '2025Q5' }, 'b')).toBeNull();
    expect(sourceLink({ type: 'TrainingCoverage', id: 'x' }, 'b')).toBeNull();
  });
});

describe('trendSeries', () => {
  it('takes the average per quarter and the bureau where it has a score', () => {
    const q = (average: number | null, scores: Record<string, number>) => ({
      average,
      rows: Object.entries(scores).map(([id, score]) => ({ organization: { id }, score })),
    });
    const t = trendSeries([q(80, { a: 70 }), q(82, { b: 1 }), null, q(null, {})], 'a');
    expect(t.average).toEqual([80, 82, null, null]);
    expect(t.bureau).toEqual([70, null, null, null]);
    expect(trendSeries([q(1, {})], null).bureau).toBeNull();
  });
});

import { orgIdForCode } from '@sunshine/tools/seed';
import {
  benchDatabase,
  f1,
  f2,
  interleave,
  load,
  RUNS,
  row,
  Session,
  startServer,
  type Benchmark,
  type Row,
} from './harness';

const SCORECARD = `query($y: Int!, $q: Int, $o: ID) { scorecard(year: $y, quarter: $q, organizationId: $o) {
  rows { organization { id code name } score grade rank vetoed change reasons } average vetoedCount } }`;
const BREAKDOWN = `query($y: Int!, $o: ID!) { scoreBreakdown(year: $y, organizationId: $o) {
  score grade vetoed rank items { component label points source { type id } } } }`;

/**
 * 考评: the scorecard computed on demand (the engine over every fact source, one statement per
 * source) and a frozen one, with two years of history and with ten. Two, not one: a scorecard
 * compares with the year before (year on year, a published run read back), so with one year the
 * same query does less work (there is nothing to compare with), which is not history's cost.
 */
export const scorecardBench: Benchmark = {
  name: 'scorecard',
  title:
    'Scorecard (考评): live and published, two years of history against ten (Anhui demo, 2025)',
  async run(ctx) {
    const two = await benchDatabase(ctx, 'years2', { years: 2 });
    const ten = await benchDatabase(ctx, 'years10', { years: 10 });
    const urlTwo = await startServer(ctx, two);
    const urlTen = await startServer(ctx, ten);
    const rows: Row[] = [{ measurement: 'load average before', note: load() }];
    const cases: Array<[string, string, string, Record<string, unknown>]> = [
      ['province: cities, 2025 year-to-date Q1 (live)', '34-leader', SCORECARD, { y: 2025, q: 1 }],
      ['province: cities, 2025 final (live)', '34-leader', SCORECARD, { y: 2025, q: null }],
      ['province: cities, 2024 final (published)', '34-leader', SCORECARD, { y: 2024, q: null }],
      ['city: its counties, 2025 final (live)', '3401-admin', SCORECARD, { y: 2025, q: null }],
      [
        'province: a city’s breakdown, 2025',
        '34-admin',
        BREAKDOWN,
        { y: 2025, o: orgIdForCode('3401') },
      ],
    ];
    for (const [label, user, query, vars] of cases) {
      const a = new Session(urlTwo, user);
      const b = new Session(urlTen, user);
      const s = await interleave(
        { two: () => a.request(query, vars), ten: () => b.request(query, vars) },
        Math.min(RUNS, 50),
      );
      rows.push(row(`${label}: 2 years`, s.two));
      rows.push(row(`${label}: 10 years`, s.ten));
      rows.push({
        measurement: `${label}: ratio 10 years / 2 years, p50`,
        note: `**${f2(s.ten.p50 / s.two.p50)}** (${f1(s.ten.p50)} / ${f1(s.two.p50)} ms)`,
      });
    }
    rows.push({ measurement: 'load average after', note: load() });
    return rows;
  },
};

/**
 * Scale benchmarks: the overview at the floor (Anhui alone), the same province inside a national
 * database (all 31 provinces, two years of reports for every bureau) against Anhui alone,
 * interleaved, the national root, and history (ten years of data against one).
 */
import { TEST_CLOCK } from '@sunshine/testing';
import { seedNational } from '@sunshine/tools/seed';
import {
  benchDatabase,
  f1,
  f2,
  interleave,
  load,
  row,
  RUNS,
  Session,
  startServer,
  type BenchContext,
  type BenchDatabase,
  type Benchmark,
  type Row,
} from './harness';
import { OVERVIEW_QUERY, overviewAgainstFloor } from './overview';
import { orgIdForCode } from '@sunshine/tools/seed';

async function counts(owner: import('pg').Pool): Promise<string> {
  const { rows } = await owner.query<{ b: number; a: number; r: number }>(
    `SELECT (SELECT count(*) FROM organizations)::int AS b, (SELECT count(*) FROM assignments)::int AS a,
            (SELECT count(*) FROM progress_reports)::int AS r`,
  );
  const c = rows[0];
  return c ? `${c.b} bureaus, ${c.a} assignments, ${c.r} reports` : '';
}

export const overviewBench: Benchmark = {
  name: 'overview',
  title: 'Completion overview against the best single SQL statement (Anhui demo, 2025Q2)',
  async run(ctx) {
    const db = await benchDatabase(ctx, 'anhui');
    const url = await startServer(ctx, db);
    const leader = new Session(url, '34-leader');
    const rows: Row[] = [
      { measurement: `data: Anhui demo, ${await counts(db.owner)}`, note: `load ${load()}` },
    ];
    rows.push(
      ...(await overviewAgainstFloor({
        label: 'province (34)',
        orgCode: '34',
        session: leader,
        owner: db.owner,
      })),
    );
    rows.push(
      ...(await overviewAgainstFloor({
        label: 'city (3401)',
        orgCode: '3401',
        session: leader,
        owner: db.owner,
      })),
    );
    rows.push({ measurement: 'load average after', note: load() });
    return rows;
  },
};

/** The national database (all 31 provinces below 审计署, two years of reports), built once per run. */
export function nationalDatabase(ctx: BenchContext): Promise<BenchDatabase> {
  return benchDatabase(ctx, 'national', {
    build: async (ds) => {
      const started = Date.now();
      const r = await seedNational(ds, { demo: true, reportingYears: 2, now: TEST_CLOCK });
      ctx.log(
        `national seed: ${r.organizations} bureaus, ${r.reporting.reports} reports in ${((Date.now() - started) / 1000).toFixed(0)} s`,
      );
    },
  });
}

export const nationalBench: Benchmark = {
  name: 'national',
  title:
    'National scale: a province inside the national database against the province alone; the national root',
  async run(ctx) {
    const alone = await benchDatabase(ctx, 'anhui');
    const national = await nationalDatabase(ctx);
    const urlAlone = await startServer(ctx, alone);
    const urlNational = await startServer(ctx, national);
    const rows: Row[] = [
      {
        measurement: `data: national database, ${await counts(national.owner)}`,
        note: `load ${load()}`,
      },
    ];
    const inAlone = new Session(urlAlone, '34-leader');
    const inNational = new Session(urlNational, '34-leader');
    const province = { o: orgIdForCode('34') };
    const s = await interleave({
      alone: () => inAlone.request(OVERVIEW_QUERY, province),
      national: () => inNational.request(OVERVIEW_QUERY, province),
    });
    rows.push(row('Anhui overview, Anhui alone in its database', s.alone));
    rows.push(row('Anhui overview, inside the national database', s.national));
    rows.push({
      measurement: 'ratio national / alone, p50, interleaved (goal ≤ 1.2)',
      note: `**${f2(s.national.p50 / s.alone.p50)}**`,
    });
    const root = new Session(urlNational, '100000-leader');
    rows.push(
      ...(await overviewAgainstFloor({
        label: 'national root (100000)',
        orgCode: '100000',
        session: root,
        owner: national.owner,
        runs: Math.min(RUNS, 100),
        rawRuns: Math.min(RUNS, 10),
      })),
    );
    rows.push(
      ...(await overviewAgainstFloor({
        label: 'Anhui seen from the national root (34)',
        orgCode: '34',
        session: root,
        owner: national.owner,
        runs: Math.min(RUNS, 100),
      })),
    );
    rows.push({ measurement: 'load average after', note: load() });
    return rows;
  },
};

const WORKLIST = `{ worklist { toFill toReview toAccept returned } }`;

export const historyBench: Benchmark = {
  name: 'history',
  title: 'History: ten years of data against one (Anhui demo), dashboard queries for 2025',
  async run(ctx) {
    const one = await benchDatabase(ctx, 'years1', { years: 1 });
    const ten = await benchDatabase(ctx, 'years10', { years: 10 });
    const urlOne = await startServer(ctx, one);
    const urlTen = await startServer(ctx, ten);
    const rows: Row[] = [
      { measurement: `data: 1 year: ${await counts(one.owner)}`, note: `load ${load()}` },
      { measurement: `data: 10 years: ${await counts(ten.owner)}` },
    ];
    const cases: Array<[string, string, string, Record<string, unknown> | undefined]> = [
      ['overview, province', '34-leader', OVERVIEW_QUERY, { o: orgIdForCode('34') }],
      ['overview, city', '3401-admin', OVERVIEW_QUERY, { o: orgIdForCode('3401') }],
      ['worklist, province admin (to accept)', '34-admin', WORKLIST, undefined],
      ['worklist, city admin', '3401-admin', WORKLIST, undefined],
      ['worklist, county editor', '340102-editor', WORKLIST, undefined],
    ];
    for (const [label, user, query, vars] of cases) {
      const a = new Session(urlOne, user);
      const b = new Session(urlTen, user);
      const s = await interleave(
        { one: () => a.request(query, vars), ten: () => b.request(query, vars) },
        Math.min(RUNS, 100),
      );
      rows.push(row(`${label}: 1 year`, s.one));
      rows.push(row(`${label}: 10 years`, s.ten));
      rows.push({
        measurement: `${label}: ratio 10 years / 1 year, p50 (goal ≤ 1.2)`,
        note: `**${f2(s.ten.p50 / s.one.p50)}** (${f1(s.ten.p50)} / ${f1(s.one.p50)} ms)`,
      });
    }
    rows.push({ measurement: 'load average after', note: load() });
    return rows;
  },
};

/**
 * Scale benchmarks: the overview at the floor (Anhui alone), the same province inside a national
 * database (all 31 provinces, two years of reports for every bureau) against Anhui alone,
 * interleaved, the national root, and history (ten years of data against one).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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

/** A query of the dashboard as its page sends it: the .graphql file and the fragments it uses. */
function pageQuery(lib: string, name: string, ...fragments: string[]): string {
  const dir = join(__dirname, '..', '..', '..', 'libs', 'web', lib, 'src', 'graphql');
  return [name, ...fragments]
    .map((f) => readFileSync(join(dir, `${f}.graphql`), 'utf8'))
    .join('\n');
}

const ASSESSMENT_ROUNDS = pageQuery('assessments', 'assessment-rounds');
const ASSESSMENT_OVERVIEW = pageQuery(
  'assessments',
  'assessment-overview',
  'assessment-overview-figures',
);
const ASSESSMENT_ISSUES = pageQuery(
  'assessments',
  'assessment-issues',
  'assessment-issue-fields',
  'assessment-issue-link-fields',
);
const ASSESSMENT_TREND = pageQuery('assessments', 'assessment-issue-trend');
const ASSESSMENT_MENU = pageQuery('assessments', 'assessment-menu-counts');
const TRAINING_COVERAGE = pageQuery('trainings', 'training-coverage');
const TRAINING_SESSIONS = pageQuery('trainings', 'training-sessions', 'training-session-fields');

/** The assessment and training rows of a database (the history benchmark's data line). */
async function historyCounts(owner: import('pg').Pool): Promise<string> {
  const { rows } = await owner.query<{ r: number; i: number; e: number; s: number; t: number }>(
    `SELECT (SELECT count(*) FROM assessment_rounds)::int AS r, (SELECT count(*) FROM assessment_issues)::int AS i,
            (SELECT count(*) FROM assessment_issue_events)::int AS e,
            (SELECT count(*) FROM training_sessions)::int AS s, (SELECT count(*) FROM training_attendances)::int AS t`,
  );
  const c = rows[0];
  return c
    ? `${c.r} assessment rounds, ${c.i} problems, ${c.e} problem events, ${c.s} training sessions, ${c.t} attendances`
    : '';
}

/** The round the 第三方测评 page opens on: the newest published one (2025's first quarter). */
async function openRound(owner: import('pg').Pool): Promise<string> {
  const { rows } = await owner.query<{ id: string }>(
    `SELECT id FROM assessment_rounds WHERE status = 'PUBLISHED' ORDER BY period_end DESC, created_at DESC LIMIT 1`,
  );
  if (!rows[0]) throw new Error('no published assessment round');
  return rows[0].id;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/**
 * An answer to compare across the two databases: without row ids (problems, rounds and sessions
 * have ids of their own in each) and with lists in a fixed order (rows tied on the sort key come
 * in id order).
 */
function canonical(v: unknown): unknown {
  if (typeof v === 'string') return v.replace(UUID, 'id');
  if (Array.isArray(v))
    return v
      .map((x) => JSON.stringify(canonical(x)))
      .sort()
      .map((x) => JSON.parse(x) as unknown);
  if (v && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, canonical(x)]));
  return v;
}
const withoutIds = (data: unknown): string => JSON.stringify(canonical(data));

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
      { measurement: `data: 1 year: ${await historyCounts(one.owner)}` },
      { measurement: `data: 10 years: ${await counts(ten.owner)}` },
      { measurement: `data: 10 years: ${await historyCounts(ten.owner)}` },
    ];
    const round = { one: await openRound(one.owner), ten: await openRound(ten.owner) };
    const province = orgIdForCode('34');
    const city = orgIdForCode('3401');
    /** Variables per database (the round's id differs); `same`: compare 2025's answers (ids aside). */
    type Case = [
      string,
      string,
      string,
      ((roundId: string) => Record<string, unknown>) | undefined,
      boolean,
    ];
    const cases: Case[] = [
      ['overview, province', '34-leader', OVERVIEW_QUERY, () => ({ o: province }), true],
      ['overview, city', '3401-admin', OVERVIEW_QUERY, () => ({ o: city }), true],
      ['worklist, province admin (to accept)', '34-admin', WORKLIST, undefined, true],
      ['worklist, city admin', '3401-admin', WORKLIST, undefined, true],
      ['worklist, county editor', '340102-editor', WORKLIST, undefined, true],
      // 第三方测评 as the page opens: the rounds, then the open round's overview, its problems
      // (the page asks for all of them, up to the server's 2,000), the trend; the menu counts.
      ['assessment rounds, province leader', '34-leader', ASSESSMENT_ROUNDS, undefined, false],
      ['assessment rounds, city admin', '3401-admin', ASSESSMENT_ROUNDS, undefined, false],
      ['assessment rounds, county editor', '340102-editor', ASSESSMENT_ROUNDS, undefined, false],
      [
        'assessment overview, province',
        '34-leader',
        ASSESSMENT_OVERVIEW,
        (r) => ({ roundId: r, organizationId: null }),
        true,
      ],
      [
        'assessment overview, city',
        '3401-admin',
        ASSESSMENT_OVERVIEW,
        (r) => ({ roundId: r, organizationId: null }),
        true,
      ],
      [
        'assessment problems, province',
        '34-leader',
        ASSESSMENT_ISSUES,
        (r) => ({ filter: { roundId: r } }),
        true,
      ],
      [
        'assessment problems, city',
        '3401-admin',
        ASSESSMENT_ISSUES,
        (r) => ({ filter: { roundId: r } }),
        true,
      ],
      [
        'assessment trend, province',
        '34-leader',
        ASSESSMENT_TREND,
        (r) => ({ roundId: r, organizationId: null }),
        true,
      ],
      ['assessment menu counts, province admin', '34-admin', ASSESSMENT_MENU, undefined, true],
      ['assessment menu counts, county editor', '340102-editor', ASSESSMENT_MENU, undefined, true],
      // 培训 as the page opens: the year's coverage of the user's organisation and the sessions.
      [
        'training coverage, province',
        '34-leader',
        TRAINING_COVERAGE,
        () => ({ year: 2025, organizationId: province, quarter: null }),
        true,
      ],
      [
        'training coverage, city',
        '3401-admin',
        TRAINING_COVERAGE,
        () => ({ year: 2025, organizationId: city, quarter: null }),
        true,
      ],
      [
        'training sessions, province',
        '34-leader',
        TRAINING_SESSIONS,
        () => ({ filter: { year: 2025 } }),
        true,
      ],
      [
        'training sessions, city',
        '3401-admin',
        TRAINING_SESSIONS,
        () => ({ filter: { year: 2025 } }),
        true,
      ],
    ];
    for (const [label, user, query, vars, same] of cases) {
      const a = new Session(urlOne, user);
      const b = new Session(urlTen, user);
      const va = vars?.(round.one);
      const vb = vars?.(round.ten);
      let answers = '';
      if (same) {
        const [da, db] = [await a.request(query, va), await b.request(query, vb)];
        answers = withoutIds(da) === withoutIds(db) ? ', same answer' : ', **answers differ**';
      }
      const s = await interleave(
        { one: () => a.request(query, va), ten: () => b.request(query, vb) },
        Math.min(RUNS, 100),
      );
      rows.push(row(`${label}: 1 year`, s.one));
      rows.push(row(`${label}: 10 years`, s.ten));
      rows.push({
        measurement: `${label}: ratio 10 years / 1 year, p50 (goal ≤ 1.2)`,
        note: `**${f2(s.ten.p50 / s.one.p50)}** (${f1(s.ten.p50)} / ${f1(s.one.p50)} ms${answers})`,
      });
    }
    rows.push({ measurement: 'load average after', note: load() });
    return rows;
  },
};

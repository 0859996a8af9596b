/**
 * The completion overview against the floor: one hand-written SQL statement computing exactly the
 * same numbers (every child row, every category, every trend point), timed interleaved with the
 * app over HTTP in the same run, after a check that both give identical numbers.
 *
 * Two floors: `RAW_SQL` reads the raw rows (assignments, tasks, the completion rollup, the year's
 * reports), as the measurement did: it reads the year's reports once, turns each into
 * per-quarter flags, and groups by child, by category and for the trend in one pass (GROUPING
 * SETS). `FIGURES_SQL` is the floor of the app's own design: the same grouping over the
 * precomputed `report_figures`. Both run as the owner (no RLS, no GraphQL, no HTTP). Both also
 * count 待验收 (`AWAITING`) from the approved reports, as the app's statement does.
 */
import type { Pool } from 'pg';
import { orgIdForCode } from '@sunshine/tools/seed';
import { f1, f2, interleave, row, RUNS, type Row, type Session, type Stats } from './harness';

const SUBTREE = `
  sub AS (
    SELECT c.descendant_id AS org, coalesce(k.ancestor_id, $1::uuid) AS child
    FROM org_closure c
    LEFT JOIN org_closure k ON k.descendant_id = c.descendant_id
     AND k.ancestor_id IN (SELECT o.id FROM organizations o WHERE o.parent_id = $1)
    WHERE c.ancestor_id = $1)`;

const KIND = `CASE WHEN GROUPING(child) = 0 THEN 'child' WHEN GROUPING(c.name) = 0 THEN 'category' ELSE 'trend' END`;

const SUMS = `sum(assigned)::int AS assigned, sum(due)::int AS due, sum(completed)::int AS completed,
  sum(accepted)::int AS accepted, sum(reported)::int AS reported, sum(on_time)::int AS on_time,
  sum(awaiting)::int AS awaiting`;

/**
 * 待验收 (AWAITING_ACCEPTANCE): the approved reports of the direct children's own active
 * assignments of the year, each counted at its quarter and every later one up to $3. Columns as in
 * the floors' rows below; $1 organisation, $2 year, $3 quarter.
 */
const AWAITING = `
  SELECT p.organization_id AS child, t.category_id, g.q, 0 AS assigned, 0 AS due, 0 AS completed,
         0 AS accepted, 0 AS reported, 0 AS on_time, 1 AS awaiting
  FROM progress_reports p
  JOIN assignments a ON a.id = p.assignment_id AND a.year = $2 AND a.active
  JOIN plan_tasks t ON t.id = a.task_id
  CROSS JOIN generate_series(p.quarter::int, $3::int) AS g(q)
  WHERE p.organization_id IN (SELECT o.id FROM organizations o WHERE o.parent_id = $1)
    AND p.status = 'APPROVED' AND p.year = $2 AND p.quarter <= $3`;

/** From the raw rows, one statement. $1 organisation, $2 year, $3 quarter. */
export const RAW_SQL = `
WITH ${SUBTREE},
a AS (
  SELECT a.id, s.child, t.due_date, t.category_id, ac.completed_key
  FROM sub s
  JOIN assignments a ON a.organization_id = s.org AND a.year = $2 AND a.active
  JOIN plan_tasks t ON t.id = a.task_id
  LEFT JOIN assignment_completion ac ON ac.assignment_id = a.id),
x AS (
  SELECT a.child, a.category_id, g.q, 1 AS assigned, (a.due_date <= g.q_end)::int AS due,
         (a.due_date <= g.q_end AND a.completed_key <= $2 * 10 + g.q)::int AS completed,
         0 AS accepted, 0 AS reported, 0 AS on_time, 0 AS awaiting
  FROM a CROSS JOIN (
    SELECT q, (make_date($2, q * 3, 1) + interval '1 month' - interval '1 day')::date AS q_end
    FROM generate_series(1, $3::int) AS q) g
  UNION ALL
  SELECT a.child, a.category_id, r.quarter, 0, 0, 0, (r.status = 'ACCEPTED')::int, 1, (NOT r.late)::int, 0
  FROM a JOIN progress_reports r ON r.assignment_id = a.id
  WHERE r.year = $2 AND r.quarter <= $3 AND r.status <> 'DRAFT'
  UNION ALL ${AWAITING})
SELECT ${KIND} AS kind, coalesce(child::text, c.name) AS key, q::int AS quarter, ${SUMS}
FROM x JOIN plan_categories c ON c.id = x.category_id
GROUP BY GROUPING SETS ((q, child), (q, c.name), (q))
HAVING q = $3 OR (GROUPING(child) = 1 AND GROUPING(c.name) = 1)`;

/** From the precomputed figures, one statement. */
export const FIGURES_SQL = `
WITH ${SUBTREE},
x AS (
  SELECT s.child, f.category_id, f.quarter::int AS q, f.assigned, f.due, f.completed, f.accepted,
         f.reported, f.on_time, 0 AS awaiting
  FROM report_figures f
  JOIN sub s ON s.org = f.organization_id
  WHERE f.year = $2 AND f.quarter <= $3
  UNION ALL ${AWAITING})
SELECT ${KIND} AS kind, coalesce(child::text, c.name) AS key, q AS quarter, ${SUMS}
FROM x JOIN plan_categories c ON c.id = x.category_id
GROUP BY GROUPING SETS ((q, child), (q, c.name), (q))
HAVING q = $3 OR (GROUPING(child) = 1 AND GROUPING(c.name) = 1)`;

const FIELDS = 'assigned due completed accepted reported onTime awaitingAcceptance';
export const OVERVIEW_QUERY = `query($o: ID) { completionOverview(year: 2025, quarter: 2, organizationId: $o) {
  own { ${FIELDS} } rows { organization { id } figures { ${FIELDS} } }
  byCategory { category figures { ${FIELDS} } } trend { quarter figures { ${FIELDS} } } } }`;

interface Figures {
  assigned: number;
  due: number;
  completed: number;
  accepted: number;
  reported: number;
  onTime: number;
  awaitingAcceptance: number;
}
interface OverviewAnswer {
  completionOverview: {
    own: Figures | null;
    rows: Array<{ organization: { id: string }; figures: Figures }>;
    byCategory: Array<{ category: string; figures: Figures }>;
    trend: Array<{ quarter: number; figures: Figures }>;
  };
}
interface SqlRow {
  kind: 'child' | 'category' | 'trend';
  key: string | null;
  quarter: number;
  assigned: number;
  due: number;
  completed: number;
  accepted: number;
  reported: number;
  on_time: number;
  awaiting: number;
}

const seven = (f: Figures): string =>
  [f.assigned, f.due, f.completed, f.accepted, f.reported, f.onTime, f.awaitingAcceptance].join(
    ',',
  );
const ZERO = '0,0,0,0,0,0,0';

/** Every number of an answer, keyed (child:<id>, category:<name>, trend:<q>); zero rows dropped. */
function fromApp(a: OverviewAnswer, orgId: string): Map<string, string> {
  const o = a.completionOverview;
  const m = new Map<string, string>();
  if (o.own) m.set(`child:${orgId}`, seven(o.own));
  for (const r of o.rows) m.set(`child:${r.organization.id}`, seven(r.figures));
  for (const c of o.byCategory) m.set(`category:${c.category}`, seven(c.figures));
  for (const t of o.trend) m.set(`trend:${t.quarter}`, seven(t.figures));
  for (const [k, v] of m) if (v === ZERO && !k.startsWith('trend')) m.delete(k);
  return m;
}
function fromSql(rows: SqlRow[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const r of rows) {
    const key = r.kind === 'trend' ? `trend:${r.quarter}` : `${r.kind}:${r.key ?? ''}`;
    const v = seven({ ...r, onTime: r.on_time, awaitingAcceptance: r.awaiting });
    if (v !== ZERO || r.kind === 'trend') m.set(key, v);
  }
  return m;
}

/** Throws unless the two answers hold the same numbers, naming the first differences. */
export function assertSame(what: string, a: Map<string, string>, b: Map<string, string>): number {
  const diffs: string[] = [];
  for (const k of new Set([...a.keys(), ...b.keys()]))
    if (a.get(k) !== b.get(k)) diffs.push(`${k}: ${a.get(k)} ≠ ${b.get(k)}`);
  if (diffs.length)
    throw new Error(`${what}: ${diffs.length} differences, ${diffs.slice(0, 5).join('; ')}`);
  return a.size;
}

export interface OverviewTarget {
  label: string;
  /** The organisation whose overview is drawn (null: the session's own). */
  orgCode: string;
  session: Session;
  owner: Pool;
  runs?: number;
  /** Also time the raw-rows floor (slow for the national root: fewer runs). */
  rawRuns?: number;
}

const PARAMS = (orgId: string): unknown[] => [orgId, 2025, 2];

/**
 * The overview of `orgCode` as the app answers it (HTTP, GraphQL, RLS) against the two floors,
 * with the identical-numbers check first.
 */
export async function overviewAgainstFloor(t: OverviewTarget): Promise<Row[]> {
  const orgId = orgIdForCode(t.orgCode);
  const app = (): Promise<OverviewAnswer> =>
    t.session.request<OverviewAnswer>(OVERVIEW_QUERY, { o: orgId });
  const raw = async (): Promise<SqlRow[]> =>
    (await t.owner.query<SqlRow>(RAW_SQL, PARAMS(orgId))).rows;
  const figures = async (): Promise<SqlRow[]> =>
    (await t.owner.query<SqlRow>(FIGURES_SQL, PARAMS(orgId))).rows;
  const appNumbers = fromApp(await app(), orgId);
  const n = assertSame(`${t.label}: app vs raw SQL`, appNumbers, fromSql(await raw()));
  assertSame(`${t.label}: app vs figures SQL`, appNumbers, fromSql(await figures()));
  const runs = t.runs ?? RUNS;
  const s = await interleave({ app, figures }, runs);
  const rawRuns = t.rawRuns ?? runs;
  const r: Record<'app' | 'raw', Stats> = await interleave(
    { app, raw },
    rawRuns,
    Math.min(5, rawRuns),
  );
  return [
    {
      measurement: `${t.label}: identical numbers in the app, the raw-rows SQL and the figures SQL`,
      note: `${n} figures rows checked`,
    },
    row(`${t.label}: completionOverview over HTTP (API in production mode, RLS)`, s.app),
    row(`${t.label}: best single statement over the raw rows (owner)`, r.raw),
    row(`${t.label}: single statement over report_figures (owner)`, s.figures),
    {
      measurement: `${t.label}: ratio app / raw-rows SQL, p50, interleaved (goal ≤ 1.3)`,
      note: `**${f2(r.app.p50 / r.raw.p50)}** (app ${f1(r.app.p50)} ms vs ${f1(r.raw.p50)} ms)`,
    },
    {
      measurement: `${t.label}: ratio app / figures SQL, p50, interleaved`,
      note: `${f2(s.app.p50 / s.figures.p50)}`,
    },
  ];
}

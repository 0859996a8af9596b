import fc from 'fast-check';
import { Client } from 'pg';
import { createTestDatabase, runServerUrl, type TestDatabase } from '@sunshine/testing';
import { orgIdForCode } from '@sunshine/tools/seed';

/**
 * `report_figures` (reporting's precomputed overview figures, kept by triggers in the writing
 * transaction) always equal a recomputation from the raw rows: after random writes of every kind
 * that can move a figure (reports created, moved through statuses, made late, deleted;
 * assignments deactivated, re-activated, deleted; completion keys set and cleared; task due dates
 * and categories changed), alone or several in one transaction, and with two transactions writing
 * the same bureau at once. Its own database: the writes change the demo data.
 */

/** The figures from the raw rows, per bureau, year, quarter and category (not per plan). */
const RAW = `
  SELECT a.organization_id::text AS org, a.year, g.q AS quarter, t.category_id::text AS category,
         count(*)::int AS assigned,
         count(*) FILTER (WHERE t.due_date <= g.q_end)::int AS due,
         count(*) FILTER (WHERE t.due_date <= g.q_end AND ac.completed_key <= a.year * 10 + g.q)::int AS completed,
         count(*) FILTER (WHERE r.status = 'ACCEPTED')::int AS accepted,
         count(*) FILTER (WHERE r.status <> 'DRAFT')::int AS reported,
         count(*) FILTER (WHERE r.status <> 'DRAFT' AND NOT r.late)::int AS on_time
  FROM assignments a
  JOIN plan_tasks t ON t.id = a.task_id
  CROSS JOIN (VALUES (1, '03-31'), (2, '06-30'), (3, '09-30'), (4, '12-31')) AS d(q, md)
  CROSS JOIN LATERAL (SELECT d.q, (a.year || '-' || d.md)::date AS q_end) g
  LEFT JOIN assignment_completion ac ON ac.assignment_id = a.id
  LEFT JOIN progress_reports r ON r.assignment_id = a.id AND r.year = a.year AND r.quarter = g.q
  WHERE a.active
  GROUP BY 1, 2, 3, 4`;

const STORED = `
  SELECT organization_id::text AS org, year, quarter::int AS quarter, category_id::text AS category,
         sum(assigned)::int AS assigned, sum(due)::int AS due, sum(completed)::int AS completed,
         sum(accepted)::int AS accepted, sum(reported)::int AS reported, sum(on_time)::int AS on_time
  FROM report_figures GROUP BY 1, 2, 3, 4`;

type Op =
  | { kind: 'status'; a: number; q: number; status: string; late: boolean }
  | { kind: 'deleteReport'; a: number; q: number }
  | { kind: 'active'; a: number; active: boolean }
  | { kind: 'deleteAssignment'; a: number }
  | { kind: 'completion'; a: number; q: number | null }
  | { kind: 'dueDate'; a: number; month: number }
  | { kind: 'category'; a: number; pick: number };

const STATUSES = ['DRAFT', 'SUBMITTED', 'APPROVED', 'ACCEPTED'];

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('status' as const),
      a: fc.nat(59),
      q: fc.integer({ min: 1, max: 4 }),
      status: fc.constantFrom(...STATUSES),
      late: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('deleteReport' as const),
      a: fc.nat(59),
      q: fc.integer({ min: 1, max: 4 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('active' as const),
      a: fc.nat(59),
      active: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('deleteAssignment' as const), a: fc.nat(59) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('completion' as const),
      a: fc.nat(59),
      q: fc.option(fc.integer({ min: 1, max: 4 })),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('dueDate' as const),
      a: fc.nat(59),
      month: fc.integer({ min: 1, max: 12 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('category' as const),
      a: fc.nat(59),
      pick: fc.nat(10),
    }),
  },
);

interface Target {
  id: string;
  org: string;
  plan: string;
  task: string;
  year: number;
}

describe('report_figures', () => {
  let db: TestDatabase;
  let owner: Client;
  let other: Client;
  let targets: Target[];

  beforeAll(async () => {
    db = await createTestDatabase({ serverUrl: runServerUrl() });
    owner = new Client({ connectionString: db.ownerUrl });
    other = new Client({ connectionString: db.ownerUrl });
    await owner.connect();
    await other.connect();
    // 60 assignments of two counties of one city and the city itself, both years.
    const orgs = ['3401', '340102', '340103'].map(orgIdForCode);
    targets = (
      await owner.query<Target>(
        `SELECT a.id, a.organization_id AS org, a.plan_id AS plan, a.task_id AS task, a.year
         FROM assignments a WHERE a.organization_id = ANY($1::uuid[])
         ORDER BY a.year, a.organization_id, a.id LIMIT 60`,
        [orgs],
      )
    ).rows;
    expect(targets).toHaveLength(60);
  }, 120_000);

  afterAll(async () => {
    await owner.end();
    await other.end();
    await db.drop();
  });

  async function mismatches(): Promise<unknown[]> {
    const { rows } = await owner.query(
      `WITH raw AS (${RAW}), stored AS (${STORED})
       SELECT raw, stored FROM raw FULL JOIN stored USING (org, year, quarter, category)
       WHERE raw IS NULL OR stored IS NULL
          OR (raw.assigned, raw.due, raw.completed, raw.accepted, raw.reported, raw.on_time)
             IS DISTINCT FROM (stored.assigned, stored.due, stored.completed, stored.accepted, stored.reported, stored.on_time)
       LIMIT 5`,
    );
    return rows;
  }

  async function apply(c: Client, o: Op): Promise<void> {
    const t = targets[o.a % targets.length];
    if (!t) throw new Error('no target');
    switch (o.kind) {
      case 'status':
        await c.query(
          `INSERT INTO progress_reports(assignment_id, organization_id, plan_id, task_id, year, quarter, status, due_date, late)
           SELECT id, organization_id, plan_id, task_id, year, $2::int, $3, make_date(year, $2::int * 3, 28), $4 FROM assignments WHERE id = $1
           ON CONFLICT (assignment_id, year, quarter) DO UPDATE SET status = EXCLUDED.status, late = EXCLUDED.late`,
          [t.id, o.q, o.status, o.late],
        );
        return;
      case 'deleteReport':
        await c.query(`DELETE FROM progress_reports WHERE assignment_id = $1 AND quarter = $2`, [
          t.id,
          o.q,
        ]);
        return;
      case 'active':
        await c.query(`UPDATE assignments SET active = $2 WHERE id = $1`, [t.id, o.active]);
        return;
      case 'deleteAssignment':
        await c.query(`DELETE FROM assignments WHERE id = $1`, [t.id]);
        return;
      case 'completion':
        if (o.q === null)
          await c.query(`DELETE FROM assignment_completion WHERE assignment_id = $1`, [t.id]);
        else
          await c.query(
            `INSERT INTO assignment_completion(assignment_id, organization_id, completed_key)
             SELECT id, organization_id, year * 10 + $2::int FROM assignments WHERE id = $1
             ON CONFLICT (assignment_id) DO UPDATE SET completed_key = EXCLUDED.completed_key`,
            [t.id, o.q],
          );
        return;
      case 'dueDate':
        await c.query(
          `UPDATE plan_tasks SET due_date = make_date($2::int, $3::int, 15) WHERE id = $1`,
          [t.task, t.year, o.month],
        );
        return;
      case 'category':
        await c.query(
          `UPDATE plan_tasks SET category_id = (
             SELECT id FROM plan_categories WHERE plan_id = $2 ORDER BY sort_order, id
             OFFSET $3 % (SELECT count(*) FROM plan_categories WHERE plan_id = $2) LIMIT 1)
           WHERE id = $1`,
          [t.task, t.plan, o.pick],
        );
        return;
    }
  }

  it('start equal to the raw rows', async () => {
    expect(await mismatches()).toEqual([]);
    const { rows } = await owner.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM report_figures`,
    );
    expect(rows[0]?.n).toBeGreaterThan(1000);
  });

  it('stay equal after random writes, one by one and several in one transaction', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(op, { minLength: 1, maxLength: 12 }),
        fc.boolean(),
        async (ops, together) => {
          await owner.query('BEGIN');
          try {
            if (together) {
              for (const o of ops) await apply(owner, o);
            } else {
              for (const o of ops) {
                await owner.query('SAVEPOINT s');
                await apply(owner, o);
                await owner.query('RELEASE SAVEPOINT s');
              }
            }
            expect(await mismatches()).toEqual([]);
          } finally {
            // Each run starts from the demo data again; the figures must roll back with the rows.
            await owner.query('ROLLBACK');
          }
        },
      ),
      { numRuns: 40 },
    );
    expect(await mismatches()).toEqual([]);
  }, 300_000);

  it('stay equal after committed writes and two transactions writing one bureau at once', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 2, maxLength: 6 }), async (ops) => {
        const half = Math.ceil(ops.length / 2);
        await owner.query('BEGIN');
        await other.query('BEGIN');
        try {
          for (const o of ops.slice(0, half)) await apply(owner, o);
          // The second transaction's trigger waits for the first's group lock when they share a
          // bureau; it must then read the first's committed rows.
          const second = (async () => {
            for (const o of ops.slice(half)) await apply(other, o);
            await other.query('COMMIT');
          })();
          await new Promise((r) => setTimeout(r, 20));
          await owner.query('COMMIT');
          await second;
        } catch (e) {
          await owner.query('ROLLBACK').catch(() => undefined);
          await other.query('ROLLBACK').catch(() => undefined);
          // Two transactions may deadlock on the rows themselves (PostgreSQL aborts one); the
          // figures must stay exact either way.
          if (!/deadlock/.test(String(e))) throw e;
        }
        expect(await mismatches()).toEqual([]);
      }),
      { numRuns: 25 },
    );
  }, 300_000);
});

import { Client } from 'pg';
import { only } from '@sunshine/testing';
import { orgIdForCode } from '@sunshine/tools/seed';

/**
 * The views features publish for each other (migration PublishedViews; `link_status` by
 * api-link-checks, `link_owner_refs` too): read-only, RLS applies through them.
 */
const VIEWS = [
  'org_units',
  'assigned_tasks',
  'task_refs',
  'category_refs',
  'unread_notification_counts',
  'report_quarters',
  'link_status',
  'link_owner_refs',
  'assessment_issue_facts',
  'training_bureau_years',
  'training_requirement_levels',
];

async function connect(url: string | undefined): Promise<Client> {
  const c = new Client({ connectionString: url });
  await c.connect();
  return c;
}

describe('published views', () => {
  let owner: Client;
  let app: Client;

  beforeAll(async () => {
    owner = await connect(process.env.SUNSHINE_TEST_OWNER_URL);
    app = await connect(process.env.SUNSHINE_TEST_APP_URL);
  });
  afterAll(async () => {
    await owner.end();
    await app.end();
  });

  /** Runs `sql` as the runtime role with the scope of one organisation's subtree. */
  async function asScope<T>(code: string, sql: string): Promise<T[]> {
    await app.query('BEGIN');
    try {
      await app.query(`SELECT set_config('app.org_roots', $1, true)`, [orgIdForCode(code)]);
      return (await app.query(sql)).rows as T[];
    } finally {
      await app.query('ROLLBACK');
    }
  }

  it('are exactly the published ones, all security_invoker', async () => {
    const { rows } = await owner.query<{ name: string; options: string[] | null }>(
      `SELECT c.relname AS name, c.reloptions AS options FROM pg_class c
       WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'v' ORDER BY c.relname`,
    );
    expect(rows.map((r) => r.name)).toEqual([...VIEWS].sort());
    for (const r of rows) expect(r.options ?? []).toContain('security_invoker=true');
  });

  it('show the runtime role nothing without a scope', async () => {
    for (const v of VIEWS) {
      const { rows } = await app.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${v}`);
      expect({ view: v, n: only(rows).n }).toEqual({ view: v, n: 0 });
    }
  });

  it('filter by the row-level security of the tables underneath', async () => {
    const city = orgIdForCode('3401');
    const orgs = only(
      await asScope<{ n: number; outside: number }>(
        '3401',
        `SELECT count(*)::int AS n, count(*) FILTER (WHERE code NOT LIKE '3401%')::int AS outside FROM org_units`,
      ),
    );
    expect(orgs.n).toBeGreaterThan(1);
    expect(orgs.outside).toBe(0);
    for (const v of ['assigned_tasks', 'report_quarters', 'unread_notification_counts']) {
      const row = only(
        await asScope<{ n: number; outside: number }>(
          '3401',
          `SELECT count(*)::int AS n, count(*) FILTER (WHERE organization_id NOT IN (
           SELECT descendant_id FROM org_closure WHERE ancestor_id = '${city}'))::int AS outside FROM ${v}`,
        ),
      );
      expect({ view: v, outside: row.outside }).toEqual({ view: v, outside: 0 });
      if (v !== 'unread_notification_counts') expect(row.n).toBeGreaterThan(0);
    }
    // The same figures as the owner reading the tables, limited to the subtree.
    const mine = only(
      await asScope<{ n: number }>('340102', 'SELECT count(*)::int AS n FROM assigned_tasks'),
    );
    const direct = await owner.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM assignments WHERE organization_id = $1',
      [orgIdForCode('340102')],
    );
    expect(mine.n).toBe(only(direct.rows).n);
    // A county reads the province's checklist through task_refs, as through plan_tasks.
    const tasks = only(
      await asScope<{ n: number }>('340102', 'SELECT count(*)::int AS n FROM task_refs'),
    );
    expect(tasks.n).toBeGreaterThan(0);
  });

  it('cannot be written through', async () => {
    await app.query('BEGIN');
    await app.query(`SELECT set_config('app.org_roots', $1, true)`, [orgIdForCode('34')]);
    await expect(app.query(`UPDATE org_units SET name = 'x' WHERE code = '3401'`)).rejects.toThrow(
      /permission denied/,
    );
    await app.query('ROLLBACK');
    await expect(app.query(`DELETE FROM report_quarters`)).rejects.toThrow(/permission denied/);
    await expect(app.query(`DELETE FROM link_status`)).rejects.toThrow(/permission denied/);
    await expect(app.query(`DELETE FROM link_owner_refs`)).rejects.toThrow(/permission denied/);
  });
});

import { Client } from 'pg';
import { orgIdForCode } from '@sunshine/tools/seed';
import { only } from '@sunshine/testing';

const ownerUrl = (): string => process.env.SUNSHINE_TEST_OWNER_URL ?? '';
const appUrl = (): string => process.env.SUNSHINE_TEST_APP_URL ?? '';

async function connect(url: string): Promise<Client> {
  const c = new Client({ connectionString: url });
  await c.connect();
  return c;
}

describe('row-level security in PostgreSQL', () => {
  let owner: Client;
  let app: Client;

  beforeAll(async () => {
    owner = await connect(ownerUrl());
    app = await connect(appUrl());
  });
  afterAll(async () => {
    await owner.end();
    await app.end();
  });

  it('forces RLS on every table that has an organisation column', async () => {
    const { rows } = await owner.query<{
      table_name: string;
      relrowsecurity: boolean;
      relforcerowsecurity: boolean;
    }>(`
      SELECT c.table_name, k.relrowsecurity, k.relforcerowsecurity
      FROM information_schema.columns c
      JOIN pg_class k ON k.relname = c.table_name AND k.relnamespace = 'public'::regnamespace
      -- tables only: the published views are security_invoker (published-views.int-spec.ts)
      WHERE c.table_schema = 'public' AND c.column_name IN ('organization_id') AND k.relkind IN ('r', 'p')
      UNION
      SELECT 'organizations', relrowsecurity, relforcerowsecurity FROM pg_class WHERE relname = 'organizations'`);
    expect(rows.length).toBeGreaterThanOrEqual(5);
    const weak = rows
      .filter((r) => !r.relrowsecurity || !r.relforcerowsecurity)
      .map((r) => r.table_name);
    expect(weak).toEqual([]);
  });

  it('writes tenancy checks in the form the planner inlines (no function executor per statement)', async () => {
    // `IN (SELECT app_visible_orgs())` runs the function's body through the SQL-function
    // executor, planned again at every statement; `IN (SELECT v FROM app_visible_orgs() v)`
    // is inlined into the statement (migration InlinedTenancyChecks).
    const policies = await owner.query<{ name: string }>(`
      SELECT tablename || '.' || policyname AS name FROM pg_policies
      WHERE schemaname = 'public'
        AND (qual ~ 'SELECT app_\\w+\\(\\) AS' OR with_check ~ 'SELECT app_\\w+\\(\\) AS')`);
    expect(policies.rows.map((r) => r.name)).toEqual([]);
    const functions = await owner.query<{ name: string }>(`
      SELECT proname AS name FROM pg_proc
      WHERE pronamespace = 'public'::regnamespace AND prosrc ~ '\\(SELECT app_\\w+\\(\\)\\)'`);
    expect(functions.rows.map((r) => r.name)).toEqual([]);
    // SECURITY DEFINER helpers are never inlined: as PL/pgSQL their plans are cached per session
    // (migration PolicyFunctionsPlannedOnce); a SQL one is planned again at every call.
    const replanned = await owner.query<{ name: string }>(`
      SELECT p.proname AS name FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
      WHERE p.pronamespace = 'public'::regnamespace AND l.lanname = 'sql' AND p.prosecdef
        AND p.proname LIKE 'app\\_%' AND p.pronargs = 0 AND p.prorettype <> 'record'::regtype`);
    expect(replanned.rows.map((r) => r.name)).toEqual([]);
    // The inlined form really is inlined: a read of a tenant table scans org_closure itself.
    await app.query('BEGIN');
    try {
      await app.query(`SELECT app_begin($1, NULL, $2, false, NULL, 1800)`, [
        orgIdForCode('3401'),
        orgIdForCode('3401'),
      ]);
      const plan = await app.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN SELECT id FROM progress_reports WHERE id = '00000000-0000-0000-0000-000000000000'`,
      );
      const text = plan.rows.map((r) => r['QUERY PLAN']).join('\n');
      expect(text).toContain('org_closure');
      expect(text).not.toContain('ProjectSet');
    } finally {
      await app.query('ROLLBACK');
    }
  });

  it('connects the app as a role that is no superuser, has no BYPASSRLS and owns no table', async () => {
    const { rows } = await app.query<{ rolsuper: boolean; rolbypassrls: boolean; owned: string }>(`
      SELECT r.rolsuper, r.rolbypassrls,
             (SELECT count(*) FROM pg_class WHERE relowner = r.oid AND relnamespace = 'public'::regnamespace) AS owned
      FROM pg_roles r WHERE r.rolname = current_user`);
    expect(rows[0]).toEqual({ rolsuper: false, rolbypassrls: false, owned: '0' });
  });

  it('shows nothing without a scope and only the subtree with one', async () => {
    expect((await app.query('SELECT count(*)::int AS n FROM organizations')).rows[0].n).toBe(0);
    expect((await app.query('SELECT count(*)::int AS n FROM users')).rows[0].n).toBe(0);
    await app.query('BEGIN');
    await app.query(`SELECT set_config('app.org_roots', $1, true)`, [orgIdForCode('3401')]);
    const orgs = await app.query<{ code: string }>('SELECT code FROM organizations ORDER BY code');
    const users = await app.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM users WHERE organization_id = $1`,
      [orgIdForCode('3402')],
    );
    await app.query('COMMIT');
    expect(orgs.rows.map((r) => r.code)).toContain('340102');
    expect(orgs.rows.map((r) => r.code)).not.toContain('3402');
    expect(orgs.rows.map((r) => r.code)).not.toContain('34');
    expect(orgs.rows.every((r) => r.code.startsWith('3401'))).toBe(true);
    expect(only(users.rows).n).toBe(0);
  });

  it('keeps the scope transaction-local: nothing survives on the pooled connection', async () => {
    await app.query('BEGIN');
    await app.query(`SELECT set_config('app.org_roots', $1, true)`, [orgIdForCode('34')]);
    expect((await app.query('SELECT count(*)::int AS n FROM organizations')).rows[0].n).toBe(136);
    await app.query('COMMIT');
    expect((await app.query('SELECT count(*)::int AS n FROM organizations')).rows[0].n).toBe(0);
  });

  it('refuses writes outside the scope', async () => {
    await app.query('BEGIN');
    await app.query(`SELECT set_config('app.org_roots', $1, true)`, [orgIdForCode('340102')]);
    await expect(
      app.query(
        `INSERT INTO users(organization_id, username, display_name, password_hash, roles) VALUES ($1, 'rls-intruder', 'x', 'x', '{EDITOR}')`,
        [orgIdForCode('340103')],
      ),
    ).rejects.toThrow(/row-level security/);
    await app.query('ROLLBACK');
    await app.query('BEGIN');
    await app.query(`SELECT set_config('app.org_roots', $1, true)`, [orgIdForCode('340102')]);
    const upd = await app.query(
      `UPDATE users SET display_name = 'hacked' WHERE organization_id = $1`,
      [orgIdForCode('340103')],
    );
    await app.query('ROLLBACK');
    expect(upd.rowCount).toBe(0);
  });

  it('never lets the runtime role change or delete audit events, or write them directly', async () => {
    await expect(app.query(`UPDATE audit_events SET action = 'X'`)).rejects.toThrow(
      /permission denied/,
    );
    await expect(app.query(`DELETE FROM audit_events`)).rejects.toThrow(/permission denied/);
    await expect(
      app.query(
        `INSERT INTO audit_events(id, occurred_at, action, result, prev_hash, hash) VALUES (999999, now(), 'X', 'SUCCESS', '', '')`,
      ),
    ).rejects.toThrow(/permission denied/);
    await expect(app.query(`UPDATE audit_chain_head SET last_hash = 'x'`)).rejects.toThrow(
      /permission denied/,
    );
  });

  it('lets only the auditor flag read audit events, within the scope', async () => {
    await app.query('BEGIN');
    await app.query(`SELECT set_config('app.org_roots', $1, true)`, [orgIdForCode('34')]);
    const hidden = await app.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_events');
    await app.query(`SELECT set_config('app.auditor', 'on', true)`);
    const shown = await app.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_events');
    await app.query('COMMIT');
    expect(only(hidden.rows).n).toBe(0);
    expect(only(shown.rows).n).toBeGreaterThan(0);
  });

  it('refuses audit events attributed to an organisation outside the scope', async () => {
    await app.query('BEGIN');
    await app.query(`SELECT set_config('app.org_roots', $1, true)`, [orgIdForCode('340102')]);
    await expect(
      app.query(`SELECT audit_append(NULL, 'x', $1, 'FORGED', NULL, NULL, 'SUCCESS', NULL, NULL)`, [
        orgIdForCode('340103'),
      ]),
    ).rejects.toThrow(/outside the current scope/);
    await app.query('ROLLBACK');
  });
  it('names report and task targets for the audit log only to auditors, within their scope', async () => {
    const { rows } = await owner.query<{ id: string; task_id: string; code: string }>(
      `SELECT r.id, r.task_id, o.code FROM progress_reports r JOIN organizations o ON o.id = r.organization_id
       WHERE o.code = '340102' LIMIT 1`,
    );
    const report = only(rows);
    const ask = async (roots: string, auditor: boolean) => {
      await app.query('BEGIN');
      await app.query(`SELECT set_config('app.org_roots', $1, true)`, [roots]);
      if (auditor) await app.query(`SELECT set_config('app.auditor', 'on', true)`);
      const reports = await app.query('SELECT task_id FROM audit_report_names($1::uuid[])', [
        [report.id],
      ]);
      const tasks = await app.query('SELECT number, title FROM audit_plan_names($1::uuid[])', [
        [report.task_id],
      ]);
      // The functions answer references only: no narrative, figures or descriptions.
      const columns = [...reports.fields, ...tasks.fields].map((f) => f.name);
      await app.query('ROLLBACK');
      return { reports: reports.rowCount, tasks: tasks.rowCount, columns };
    };
    const inScope = await ask(orgIdForCode('3401'), true);
    expect(inScope).toMatchObject({ reports: 1, tasks: 1 });
    expect(inScope.columns).not.toEqual(expect.arrayContaining(['narrative']));
    expect(inScope.columns).not.toEqual(expect.arrayContaining(['description']));
    // Not an auditor: nothing, although the business tables would show the report.
    expect(await ask(orgIdForCode('3401'), false)).toMatchObject({ reports: 0, tasks: 0 });
    // An auditor of another city: nothing of 合肥's report.
    expect(await ask(orgIdForCode('3402'), true)).toMatchObject({ reports: 0 });
  });
});

import { Client } from 'pg';
import { AuditTrail, QueryCounter, TenantDatabase } from '@sunshine/api/core';
import { only, provinceAdminScope, signedIn } from '@sunshine/testing';
import { orgIdForCode } from '@sunshine/tools/seed';
import type { StartedApi } from '../bootstrap';
import { startTestApi } from '../testing';

let api: StartedApi;
let owner: Client;

beforeAll(async () => {
  api = await startTestApi();
  owner = new Client({ connectionString: process.env.SUNSHINE_TEST_OWNER_URL });
  await owner.connect();
});
afterAll(async () => {
  await owner.end();
  await api.app.close();
});

describe('a database connection killed in the middle of a write', () => {
  it('leaves neither the business row nor its audit event, and the app keeps serving', async () => {
    const scope = await provinceAdminScope(owner);
    const db = api.app.get(TenantDatabase);
    const audit = api.app.get(AuditTrail);
    const username = `killed-${Date.now()}`;
    await expect(
      db.run(scope, async (m) => {
        await m.query(
          `INSERT INTO users(organization_id, username, display_name, password_hash, roles) VALUES ($1, $2, '中断测试', 'x', '{EDITOR}')`,
          [orgIdForCode('3401'), username],
        );
        await audit.record(m, scope, {
          action: 'USER_CREATE',
          targetType: 'User',
          targetId: username,
          organizationId: orgIdForCode('3401'),
        });
        const { pid } = only(
          (await m.query('SELECT pg_backend_pid() AS pid')) as Array<{
            pid: number;
          }>,
        );
        await owner.query('SELECT pg_terminate_backend($1)', [pid]);
        await m.query('SELECT 1');
      }),
    ).rejects.toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      reason: 'CONNECTION_LOST',
      details: { retryable: true },
    });
    const user = await owner.query('SELECT 1 FROM users WHERE username = $1', [username]);
    const event = await owner.query('SELECT 1 FROM audit_events WHERE target_id = $1', [username]);
    expect(user.rowCount).toBe(0);
    expect(event.rowCount).toBe(0);
    // The pool replaced the dead connection. (The chain itself is verified in audit-trail.int-spec,
    // which tampers with it on purpose and must not race with this file.)
    const admin = await signedIn(api.url, '34-admin');
    const me = await admin.request<{ me: { username: string } }>('{ me { username } }');
    expect(me.data?.me.username).toBe('34-admin');
  });
});

describe('honest answers', () => {
  it('says the outcome is unknown when the connection dies during COMMIT, and nothing half-written remains', async () => {
    await owner.query(`CREATE OR REPLACE FUNCTION test_slow_commit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_sleep(3); RETURN NULL; END $$`);
    const scope = await provinceAdminScope(owner);
    const db = api.app.get(TenantDatabase);
    const username = `commit-${Date.now()}`;
    let timer: NodeJS.Timeout | undefined;
    await expect(
      db.run(scope, async (m) => {
        await m.query(
          `INSERT INTO users(organization_id, username, display_name, password_hash, roles) VALUES ($1, $2, '提交中断', 'x', '{EDITOR}')`,
          [orgIdForCode('3401'), username],
        );
        // A deferred trigger keeps COMMIT busy long enough for the connection to be killed in it.
        await m.query('CREATE TEMP TABLE slow_commit(x int) ON COMMIT DROP');
        await m.query(`CREATE CONSTRAINT TRIGGER slow_commit_trg AFTER INSERT ON slow_commit
          DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION test_slow_commit()`);
        await m.query('INSERT INTO slow_commit VALUES (1)');
        const { pid } = only(
          (await m.query('SELECT pg_backend_pid() AS pid')) as Array<{
            pid: number;
          }>,
        );
        timer = setTimeout(() => {
          void owner.query('SELECT pg_terminate_backend($1)', [pid]);
        }, 700);
      }),
    ).rejects.toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      reason: 'OUTCOME_UNKNOWN',
      details: { outcome: 'UNKNOWN' },
    });
    clearTimeout(timer);
    // Here the commit did not complete, so the row is absent; the client was told to check first.
    const user = await owner.query('SELECT 1 FROM users WHERE username = $1', [username]);
    expect(user.rowCount).toBe(0);
  });

  it('runs a mutation and the read of its result in one transaction', async () => {
    // A county no other suite reports for, so the draft disturbs nobody's figures.
    const editor = await signedIn(api.url, '341824-editor');
    const list = await editor.request<{
      assignments: { items: Array<{ id: string; report: { id: string } | null }> };
    }>('query($f: AssignmentsFilter!) { assignments(filter: $f) { items { id report { id } } } }', {
      f: { organizationId: orgIdForCode('341824'), year: 2025, quarter: 2, limit: 200 },
    });
    const free = list.data!.assignments.items.find((a) => a.report === null);
    expect(free).toBeDefined();
    // Background jobs of this process open transactions of their own; QueryCounter counts them
    // apart (QueryCounter.background), so only the request's are compared.
    const before = QueryCounter.transactions;
    const r = await editor.request<{ saveProgressReport: { status: string; version: number } }>(
      `mutation($i: SaveProgressReportInput!) { saveProgressReport(input: $i) { status version } }`,
      {
        i: {
          assignmentId: free!.id,
          year: 2025,
          quarter: 2,
          completionState: 'IN_PROGRESS',
          percent: 30,
          narrative: '单事务保存',
        },
      },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data?.saveProgressReport).toEqual({ status: 'DRAFT', version: 1 });
    // The save and the read of the saved report: one transaction, not two.
    expect(QueryCounter.transactions - before).toBe(1);
  });

  it('answers a retried save or action that already took effect with its result, not a conflict', async () => {
    const editor = await signedIn(api.url, '341824-editor');
    const list = await editor.request<{
      assignments: { items: Array<{ id: string; report: { id: string } | null }> };
    }>('query($f: AssignmentsFilter!) { assignments(filter: $f) { items { id report { id } } } }', {
      f: { organizationId: orgIdForCode('341824'), year: 2025, quarter: 2, limit: 200 },
    });
    const free = list.data!.assignments.items.filter((a) => a.report === null);
    const assignmentId = free[free.length - 1]!.id;
    const save = (version: number | null, narrative: string) =>
      editor.request<{ saveProgressReport: { id: string; version: number } }>(
        `mutation($i: SaveProgressReportInput!) { saveProgressReport(input: $i) { id version } }`,
        {
          i: {
            assignmentId,
            year: 2025,
            quarter: 2,
            completionState: 'IN_PROGRESS',
            percent: 30,
            narrative,
            ...(version === null ? {} : { version }),
          },
        },
      );
    const created = await save(null, '第一次保存');
    const again = await save(null, '第一次保存'); // the same request sent twice
    expect(again.errors).toBeUndefined();
    expect(again.data!.saveProgressReport).toEqual(created.data!.saveProgressReport);
    const updated = await save(1, '第二次保存');
    expect((await save(1, '第二次保存')).data!.saveProgressReport).toEqual(
      updated.data!.saveProgressReport,
    );
    // Another change at the old version is still a conflict.
    expect((await save(1, '别的内容')).errors![0]!.extensions!['code']).toBe('CONFLICT');
    const submit = () =>
      editor.request<{ submitProgressReport: { status: string; version: number } }>(
        `mutation($i: ReportActionInput!) { submitProgressReport(input: $i) { status version } }`,
        { i: { id: created.data!.saveProgressReport.id, version: 2 } },
      );
    const first = await submit();
    expect(first.data!.submitProgressReport).toEqual({ status: 'SUBMITTED', version: 3 });
    const replay = await submit();
    expect(replay.errors).toBeUndefined();
    expect(replay.data!.submitProgressReport).toEqual({ status: 'SUBMITTED', version: 3 });
    const events = await owner.query(
      `SELECT count(*)::int AS n FROM report_events WHERE report_id = $1 AND action = 'SUBMIT'`,
      [created.data!.saveProgressReport.id],
    );
    expect(events.rows[0].n).toBe(1);
  });
});

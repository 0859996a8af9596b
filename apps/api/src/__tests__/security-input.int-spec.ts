import { Client } from 'pg';
import { TenantDatabase, type Scope } from '@sunshine/api/core';
import { Role } from '@sunshine/shared/domain';
import { ApiClient, errorCode, only, signedIn, type GraphQLResult } from '@sunshine/testing';
import { orgIdForCode } from '@sunshine/tools/seed';
import type { StartedApi } from '../bootstrap';
import { startTestApi } from '../testing';

/**
 * Hostile and careless input: query cost, lengths at their maximum, malformed values.
 * Writes stay inside the 2019 plan of this file and the city of 宣城 (3418), whose accounts no
 * other test file uses, so the shared seed that parallel files read is left alone.
 */
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

function expectClientError(r: GraphQLResult, reason?: string): void {
  expect(r.errors?.length).toBeGreaterThan(0);
  for (const e of r.errors ?? []) {
    expect(e.extensions?.code).toBe('BAD_USER_INPUT');
    expect(e.message).toMatch(/[\u4e00-\u9fa5]/);
  }
  if (reason) expect(r.errors?.[0]?.extensions?.reason).toBe(reason);
}

async function rawPost(body: unknown, token?: string): Promise<GraphQLResult> {
  const res = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'apollo-require-preflight': 'true',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as Omit<GraphQLResult, 'status' | 'headers'>;
  return { ...json, status: res.status, headers: res.headers };
}

describe('query cost counts the real page size', () => {
  const aliased = (n: number, limit: string): string =>
    `query${limit === '$l' ? '($l: Int)' : ''} { ${Array.from(
      { length: n },
      (_, i) =>
        `r${i}: progressReports(filter: { limit: ${limit} }) { total items { id status narrative problems nextSteps percent year quarter task { id title number } organization { id name } } }`,
    ).join(' ')} }`;

  it('refuses 15 aliased pages of 500 reports before running them, and /health stays fast', async () => {
    const admin = await signedIn(api.url, '34-admin');
    const started = Date.now();
    const literal = await admin.request(aliased(15, '500'));
    expectClientError(literal, 'QUERY_LIMIT');
    expect(literal.data ?? null).toBeNull();
    // The same attack with the page size in a variable.
    const variable = await admin.request(aliased(15, '$l'), { l: 500 });
    expectClientError(variable, 'QUERY_LIMIT');
    expect(Date.now() - started).toBeLessThan(2000);
    const health = Date.now();
    expect((await fetch(`${api.url}/health`)).status).toBe(200);
    expect(Date.now() - health).toBeLessThan(500);
  });

  it('still serves one full page of 500 and the dashboard-sized requests', async () => {
    const admin = await signedIn(api.url, '34-admin');
    const one = await admin.request<{ r0: { items: unknown[] } }>(aliased(1, '500'));
    expect(one.errors).toBeUndefined();
    expect(one.data!.r0.items.length).toBeGreaterThan(100);
    const defaults = await admin.request(
      `{ a: progressReports { total } b: users { total items { id } } c: auditEvents { total } }`,
    );
    expect(defaults.errors?.find((e) => e.extensions?.reason === 'QUERY_LIMIT')).toBeUndefined();
  });

  it('refuses a page size above the maximum of each list, in Chinese', async () => {
    const admin = await signedIn(api.url, '34-admin');
    for (const q of [
      '{ progressReports(filter: { limit: 501 }) { total } }',
      '{ assignments(filter: { year: 2025, quarter: 1, limit: 501 }) { total } }',
      '{ users(filter: { limit: 201 }) { total } }',
      '{ notifications(filter: { limit: 201 }) { total } }',
      '{ progressReports(filter: { offset: 2147483647 }) { total } }',
    ]) {
      const r = await admin.request(q);
      expectClientError(r);
    }
  });

  it('stops a statement that runs past the timeout with a clear Chinese error', async () => {
    const ds = api.app.get(TenantDatabase);
    const { id } = only(
      (await owner.query(`SELECT id FROM users WHERE username = '3418-admin'`)).rows as Array<{
        id: string;
      }>,
    );
    const scope: Scope = {
      userId: id,
      username: '3418-admin',
      sessionId: null,
      organizationId: orgIdForCode('3418'),
      roles: [Role.ADMIN],
      rootOrgIds: [orgIdForCode('3418')],
      ip: '127.0.0.1',
    };
    // The runtime role's connections carry the configured timeout…
    const timeout = await ds.run(scope, async (m) => {
      const row = only(
        (await m.query('SHOW statement_timeout')) as Array<{
          statement_timeout: string;
        }>,
      );
      return row.statement_timeout;
    });
    expect(timeout).not.toBe('0');
    // …and a statement cut by it answers a client-facing error, not INTERNAL_SERVER_ERROR.
    await expect(
      ds.run(scope, async (m) => {
        await m.query(`SET LOCAL statement_timeout = '50ms'`);
        await m.query('SELECT pg_sleep(1)');
      }),
    ).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE', reason: 'STATEMENT_TIMEOUT' });
  });
});

describe('lengths at their maximum survive every later action', () => {
  const TITLE_200 = '计'.repeat(198) + '任务';

  it('a plan titled at the maximum publishes, a task titled at the maximum adjusts, and a report on it is returned', async () => {
    const admin = await signedIn(api.url, '34-admin');
    const plan = await admin.request<{ createPlan: { id: string; version: number } }>(
      'mutation($i: CreatePlanInput!) { createPlan(input: $i) { id version } }',
      { i: { year: 2019, title: '计'.repeat(200) } },
    );
    expect(plan.errors).toBeUndefined();
    const planId = plan.data!.createPlan.id;
    const cat = await admin.request<{ addPlanCategory: { id: string } }>(
      'mutation($i: CategoryInput!) { addPlanCategory(input: $i) { id } }',
      { i: { planId, name: '类'.repeat(100) } },
    );
    expect(cat.errors).toBeUndefined();
    const taskInput = {
      planId,
      categoryId: cat.data!.addPlanCategory.id,
      number: '999.999.999',
      title: TITLE_200,
      description: '要'.repeat(2000),
      leadDepartments: Array.from({ length: 20 }, () => '部'.repeat(50)),
      cooperatingDepartments: Array.from({ length: 20 }, () => '协'.repeat(50)),
      deadlineText: '2019年12月31日',
      levels: ['CITY'],
      weight: 100,
      evidence: '证'.repeat(2000),
      targetValue: 9999999999.99,
      targetUnit: '单'.repeat(20),
    };
    const task = await admin.request<{ savePlanTask: { id: string; version: number } }>(
      'mutation($i: TaskInput!) { savePlanTask(input: $i) { id version } }',
      { i: taskInput },
    );
    expect(task.errors).toBeUndefined();
    const current = await admin.request<{ plan: { version: number } }>(
      'query($id: ID!) { plan(id: $id) { version } }',
      { id: planId },
    );
    const published = await admin.request<{ publishPlan: { assignmentsCreated: number } }>(
      'mutation($i: PlanVersionInput!) { publishPlan(input: $i) { assignmentsCreated } }',
      { i: { id: planId, version: current.data!.plan.version } },
    );
    expect(published.errors).toBeUndefined();
    expect(published.data!.publishPlan.assignmentsCreated).toBe(16);

    const adjusted = await admin.request<{ savePlanTask: { title: string } }>(
      'mutation($i: TaskInput!) { savePlanTask(input: $i) { title } }',
      {
        i: {
          ...taskInput,
          id: task.data!.savePlanTask.id,
          version: task.data!.savePlanTask.version,
          title: TITLE_200.slice(0, 199) + '调',
          adjustmentNote: '调'.repeat(500),
        },
      },
    );
    expect(adjusted.errors).toBeUndefined();

    const city = await owner.query(
      `SELECT a.id FROM assignments a WHERE a.task_id = $1 AND a.organization_id = $2`,
      [task.data!.savePlanTask.id, orgIdForCode('3418')],
    );
    const editor = await signedIn(api.url, '3418-editor');
    const saved = await editor.request<{ saveProgressReport: { id: string; version: number } }>(
      'mutation($i: SaveProgressReportInput!) { saveProgressReport(input: $i) { id version } }',
      {
        i: {
          assignmentId: city.rows[0].id,
          year: 2019,
          quarter: 4,
          completionState: 'IN_PROGRESS',
          percent: 50,
          actualValue: 9999999999.99,
          narrative: '进'.repeat(5000),
          problems: '问'.repeat(2000),
          nextSteps: '下'.repeat(2000),
          evidenceUrls: [{ url: 'https://example.gov.cn/a', title: '链'.repeat(200) }],
        },
      },
    );
    expect(saved.errors).toBeUndefined();
    const submitted = await editor.request<{ submitProgressReport: { version: number } }>(
      'mutation($i: ReportActionInput!) { submitProgressReport(input: $i) { version } }',
      {
        i: {
          id: saved.data!.saveProgressReport.id,
          version: saved.data!.saveProgressReport.version,
        },
      },
    );
    expect(submitted.errors).toBeUndefined();
    const reviewer = await signedIn(api.url, '3418-reviewer');
    const returned = await reviewer.request<{ returnProgressReport: { status: string } }>(
      'mutation($i: ReturnReportInput!) { returnProgressReport(input: $i) { status } }',
      {
        i: {
          id: saved.data!.saveProgressReport.id,
          version: submitted.data!.submitProgressReport.version,
          reason: '退'.repeat(1000),
        },
      },
    );
    expect(returned.errors).toBeUndefined();
    const notes = await owner.query(
      // Other files publish and adjust province plans meanwhile: only this test's titles count.
      `SELECT title FROM notifications WHERE organization_id = $1 AND kind IN ('ASSIGNMENT', 'TASK_ADJUSTED', 'RETURNED') AND title LIKE '%计计计%'`,
      [orgIdForCode('3418')],
    );
    const titles = notes.rows.map((r: { title: string }) => r.title);
    expect(titles).toHaveLength(3);
    for (const t of titles) {
      expect([...t].length).toBeLessThanOrEqual(200);
      expect(t).toContain('…');
    }
  });

  it('refuses a department list entry of 900 KB, and long lists, before any write', async () => {
    const admin = await signedIn(api.url, '34-admin');
    const base = {
      planId: '00000000-0000-4000-8000-000000000000',
      categoryId: '00000000-0000-4000-8000-000000000000',
      number: '1',
      title: '任务',
      deadlineText: '2019年12月31日',
      levels: ['CITY'],
    };
    for (const extra of [
      { leadDepartments: ['a'.repeat(900 * 1024)] },
      { leadDepartments: ['办公室'], cooperatingDepartments: ['部'.repeat(51)] },
      { leadDepartments: Array.from({ length: 21 }, () => '部') },
      { leadDepartments: ['办公室'], levels: Array.from({ length: 5 }, () => 'CITY') },
    ]) {
      const r = await admin.request('mutation($i: TaskInput!) { savePlanTask(input: $i) { id } }', {
        i: { ...base, ...extra },
      });
      expectClientError(r);
    }
  });
});

describe('malformed values answer a Chinese client error', () => {
  it('refuses a NUL byte in any text input, login included', async () => {
    const anon = new ApiClient(api.url);
    expectClientError(
      await anon.request('mutation($i: LoginInput!) { login(input: $i) { accessToken } }', {
        i: { username: '34-admin\u0000', password: 'x' },
      }),
      'ILLEGAL_CHARACTER',
    );
    const admin = await signedIn(api.url, '34-admin');
    for (const [q, v] of [
      ['query($s: String) { users(filter: { search: $s }) { total } }', { s: 'a\u0000b' }],
      [
        'mutation($i: CreatePlanInput!) { createPlan(input: $i) { id } }',
        { i: { year: 2031, title: '计划\u0000' } },
      ],
      ['query($id: ID!) { plan(id: $id) { id } }', { id: '\u0000' }],
    ] as const) {
      const r = await admin.request(q, v);
      expectClientError(r, 'ILLEGAL_CHARACTER');
      expect(r.errors![0]!.message).toBe('输入包含非法字符');
    }
    const auditor = await signedIn(api.url, '34-auditor');
    expectClientError(
      await auditor.request('query($a: String) { auditEvents(filter: { action: $a }) { total } }', {
        a: '\u0000',
      }),
      'ILLEGAL_CHARACTER',
    );
  });

  it('refuses numbers the columns cannot hold and dates out of range', async () => {
    const editor = await signedIn(api.url, '3418-editor');
    const r = await editor.request(
      'mutation($i: SaveProgressReportInput!) { saveProgressReport(input: $i) { id } }',
      {
        i: {
          assignmentId: '00000000-0000-4000-8000-000000000000',
          year: 2025,
          quarter: 1,
          completionState: 'IN_PROGRESS',
          percent: 10,
          actualValue: 1e10,
        },
      },
    );
    expectClientError(r);
    const admin = await signedIn(api.url, '34-admin');
    const t = await admin.request('mutation($i: TaskInput!) { savePlanTask(input: $i) { id } }', {
      i: {
        planId: '00000000-0000-4000-8000-000000000000',
        categoryId: '00000000-0000-4000-8000-000000000000',
        number: '1',
        title: '任务',
        deadlineText: '2019年12月31日',
        levels: ['CITY'],
        leadDepartments: ['办公室'],
        targetValue: 1e10,
      },
    });
    expectClientError(t);
    const auditor = await signedIn(api.url, '34-auditor');
    const d = await auditor.request(
      'query($f: AuditEventsFilter) { auditEvents(filter: $f) { total } }',
      { f: { from: '-100000-01-01T00:00:00Z' } },
    );
    expectClientError(d);
  });

  it('refuses null for a field that cannot be cleared', async () => {
    const admin = await signedIn(api.url, '34-admin');
    const r = await admin.request(
      'mutation($i: UpdatePlanInput!) { updatePlan(input: $i) { id } }',
      {
        i: { id: '00000000-0000-4000-8000-000000000000', version: 1, title: null },
      },
    );
    expectClientError(r);
  });

  it('answers request-shape mistakes as client errors in Chinese', async () => {
    const admin = await signedIn(api.url, '34-admin');
    const many = Array.from({ length: 60 }, (_, i) => `$v${i}: Int!`).join(', ');
    const uses = Array.from({ length: 60 }, (_, i) => `p${i}: plans(year: $v${i}) { id }`).join(
      ' ',
    );
    const vars = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`v${i}`, 'x']));
    for (const body of [
      { query: `query(${many}) { ${uses} }`, variables: vars },
      { query: '{ me { id } }', operationName: 'Nope' },
      { query: '{ me { id } } { me { username } }' },
      { query: 'subscription { me { id } }' },
      { query: 'query A { me { id } } query B { me { id } }' },
    ]) {
      const r = await rawPost(body, admin.token!);
      expect(r.errors?.length).toBeGreaterThan(0);
      const code = errorCode(r);
      expect(
        code === 'BAD_USER_INPUT' || (r.status === 400 && code === 'GRAPHQL_VALIDATION_FAILED'),
      ).toBe(true);
      expect(r.errors![0]!.message).toMatch(/[\u4e00-\u9fa5]/);
    }
  });
});

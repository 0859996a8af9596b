import { Client, type DatabaseError } from 'pg';
import { fromDatabaseError } from '@sunshine/api/core';
import { errorCode, MATRIX_MODES, signedIn, type ApiClient } from '@sunshine/testing';
import { orgIdForCode } from '@sunshine/tools/seed';
import type { StartedApi } from '../bootstrap';
import { startTestApi } from '../testing';

/** Issue 7, item 14: tenancy gaps (a) draft plans, (b) notifications, (d) foreign parents. */

const YEAR = 2004;
const MARK = '【租户安全】';

async function connect(url: string | undefined): Promise<Client> {
  const c = new Client({ connectionString: url });
  await c.connect();
  return c;
}

async function one<T>(c: Client, sql: string, params: unknown[] = []): Promise<T> {
  const { rows } = await c.query(sql, params);
  return rows[0] as T;
}

interface PlanFixture {
  planId: string;
  categoryId: string;
  taskId: string;
}

/** A province plan with one category and one task, straight into the database. */
async function provincePlan(owner: Client, status: 'DRAFT' | 'PUBLISHED'): Promise<PlanFixture> {
  const province = orgIdForCode('34');
  const { id: planId } = await one<{ id: string }>(
    owner,
    `INSERT INTO plans(organization_id, year, title, status, published_at)
     VALUES ($1, $2, $3, $4::varchar, CASE WHEN $4::varchar = 'DRAFT' THEN NULL ELSE now() END) RETURNING id`,
    [province, YEAR, `${MARK}${status}`, status],
  );
  const { id: categoryId } = await one<{ id: string }>(
    owner,
    `INSERT INTO plan_categories(plan_id, organization_id, name) VALUES ($1, $2, $3) RETURNING id`,
    [planId, province, `${MARK}类别`],
  );
  const { id: taskId } = await one<{ id: string }>(
    owner,
    `INSERT INTO plan_tasks(plan_id, category_id, organization_id, number, title, lead_departments, deadline, deadline_text, due_date, levels)
     VALUES ($1, $2, $3, '1.1', $4, '{办公室}', '{"kind":"CONTINUOUS"}', '持续推进', $5, '{COUNTY}') RETURNING id`,
    [planId, categoryId, province, `${MARK}${status}任务`, `${YEAR}-12-31`],
  );
  return { planId, categoryId, taskId };
}

/** Runs `work` on the runtime role's connection inside a transaction scoped to one organisation. */
async function asTenant<T>(app: Client, code: string, work: () => Promise<T>): Promise<T> {
  await app.query('BEGIN');
  try {
    const org = orgIdForCode(code);
    await app.query(
      `SELECT set_config('app.org_roots', $1, true), set_config('app.org_id', $1, true),
              set_config('app.user_id', gen_random_uuid()::text, true)`,
      [org],
    );
    return await work();
  } finally {
    await app.query('ROLLBACK');
  }
}

let owner: Client;
let app: Client;
let draft: PlanFixture;
let published: PlanFixture;

beforeAll(async () => {
  owner = await connect(process.env.SUNSHINE_TEST_OWNER_URL);
  app = await connect(process.env.SUNSHINE_TEST_APP_URL);
  draft = await provincePlan(owner, 'DRAFT');
  published = await provincePlan(owner, 'PUBLISHED');
});
afterAll(async () => {
  await owner.query(`DELETE FROM plans WHERE title LIKE $1`, [`${MARK}%`]);
  await owner.end();
  await app.end();
});

describe('(a) a draft plan stays with its issuer: row-level security', () => {
  it('a county or a city reads released plans of the province, with their categories and tasks, but no draft', async () => {
    for (const code of ['340102', '3401']) {
      const counts = await asTenant(app, code, async () => {
        const n = async (table: string, column: string, id: string): Promise<number> =>
          (
            await one<{ n: number }>(
              app,
              `SELECT count(*)::int AS n FROM ${table} WHERE ${column} = $1`,
              [id],
            )
          ).n;
        return {
          draftPlan: await n('plans', 'id', draft.planId),
          draftCategories: await n('plan_categories', 'plan_id', draft.planId),
          draftTasks: await n('plan_tasks', 'plan_id', draft.planId),
          draftTaskRef: await n('task_refs', 'task_id', draft.taskId),
          publishedPlan: await n('plans', 'id', published.planId),
          publishedCategories: await n('plan_categories', 'plan_id', published.planId),
          publishedTasks: await n('plan_tasks', 'plan_id', published.planId),
        };
      });
      expect({ code, ...counts }).toEqual({
        code,
        draftPlan: 0,
        draftCategories: 0,
        draftTasks: 0,
        draftTaskRef: 0,
        publishedPlan: 1,
        publishedCategories: 1,
        publishedTasks: 1,
      });
    }
    // The issuer reads its own draft.
    const own = await asTenant(app, '34', async () =>
      one<{ n: number }>(app, 'SELECT count(*)::int AS n FROM plan_tasks WHERE plan_id = $1', [
        draft.planId,
      ]),
    );
    expect(own.n).toBe(1);
  });

  it('closing a plan keeps it readable from below', async () => {
    await owner.query(`UPDATE plans SET status = 'CLOSED' WHERE id = $1`, [published.planId]);
    try {
      const n = await asTenant(app, '340102', async () =>
        one<{ n: number }>(app, 'SELECT count(*)::int AS n FROM plan_tasks WHERE plan_id = $1', [
          published.planId,
        ]),
      );
      expect(n.n).toBe(1);
    } finally {
      await owner.query(`UPDATE plans SET status = 'PUBLISHED' WHERE id = $1`, [published.planId]);
    }
  });
});

describe.each(MATRIX_MODES)(
  '(a) a draft plan stays with its issuer: the API — %s',
  (_name, mode) => {
    let api: StartedApi;
    beforeAll(async () => {
      api = await startTestApi({}, mode);
    });
    afterAll(async () => {
      await api.app.close();
    });

    it('a county editor and a city admin neither list nor open the province draft; the issuer does', async () => {
      const query = (c: ApiClient, id: string) =>
        c.request<{ plan: { id: string; categories: Array<{ tasks: Array<{ id: string }> }> } }>(
          'query($id: ID!) { plan(id: $id) { id categories { tasks { id } } } }',
          { id },
        );
      for (const actor of ['340102-editor', '3401-admin', '34-leader', '34-admin']) {
        const c = await signedIn(api.url, actor);
        const listed = await c.request<{ plans: Array<{ id: string }> }>(
          'query($y: Int) { plans(year: $y) { id } }',
          { y: YEAR },
        );
        const ids = listed.data!.plans.map((p) => p.id);
        const issuer = actor.startsWith('34-');
        expect({ actor, draftListed: ids.includes(draft.planId) }).toEqual({
          actor,
          draftListed: issuer,
        });
        expect(ids).toContain(published.planId);
        const opened = await query(c, draft.planId);
        expect({ actor, code: errorCode(opened) ?? 'OK' }).toEqual({
          actor,
          code: issuer ? 'OK' : 'NOT_FOUND',
        });
        const open = await query(c, published.planId);
        expect(open.data?.plan.categories[0]?.tasks).toHaveLength(1);
      }
    });
  },
);

describe('(b) notifications belong to the organisation’s business roles', () => {
  let api: StartedApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await owner.query(`DELETE FROM notifications WHERE title LIKE $1`, [`${MARK}%`]);
    await api.app.close();
  });

  it('leader, assessor and auditor neither read the province’s notifications nor mark them read', async () => {
    const province = orgIdForCode('34');
    const { id } = await one<{ id: string }>(
      owner,
      `INSERT INTO notifications(organization_id, kind, title) VALUES ($1, 'REMINDER', $2) RETURNING id`,
      [province, `${MARK}内部通知`],
    );
    const unread = async (): Promise<number> =>
      (
        await one<{ n: number }>(
          owner,
          'SELECT count(*)::int AS n FROM notifications WHERE organization_id = $1 AND read_at IS NULL',
          [province],
        )
      ).n;
    const before = await unread();
    expect(before).toBeGreaterThan(0);
    for (const actor of ['34-leader', 'assessor', '34-auditor']) {
      const c = await signedIn(api.url, actor);
      const all = await c.request('mutation { markNotificationsRead(input: {}) }');
      expect({ actor, code: errorCode(all) }).toEqual({ actor, code: 'FORBIDDEN' });
      const one_ = await c.request(
        'mutation($i: MarkNotificationsReadInput!) { markNotificationsRead(input: $i) }',
        {
          i: { ids: [id] },
        },
      );
      expect({ actor, code: errorCode(one_) }).toEqual({ actor, code: 'FORBIDDEN' });
      expect(await unread()).toBe(before);
      const list = await c.request<{
        notifications: { total: number; unread: number; items: Array<{ id: string }> };
      }>('query { notifications(filter: { limit: 200 }) { total unread items { id } } }');
      const worklist = await c.request<{ worklist: { unreadNotifications: number } }>(
        'query { worklist { unreadNotifications } }',
      );
      if (actor === '34-auditor') {
        // An audit administrator does no business at all (三员分立): refused outright.
        expect({ actor, list: errorCode(list), worklist: errorCode(worklist) }).toEqual({
          actor,
          list: 'FORBIDDEN',
          worklist: 'FORBIDDEN',
        });
        continue;
      }
      expect({ actor, notifications: list.data!.notifications }).toEqual({
        actor,
        notifications: { total: 0, unread: 0, items: [] },
      });
      expect({ actor, unread: worklist.data?.worklist.unreadNotifications }).toEqual({
        actor,
        unread: 0,
      });
    }
    const admin = await signedIn(api.url, '34-admin');
    const marked = await admin.request<{ markNotificationsRead: number }>(
      'mutation($i: MarkNotificationsReadInput!) { markNotificationsRead(input: $i) }',
      { i: { ids: [id] } },
    );
    expect(marked.data?.markNotificationsRead).toBe(1);
  });
});

describe('(d) a row’s parent is in the row’s own organisation', () => {
  interface Sibling {
    assignmentId: string;
    reportId: string;
  }
  let sibling: Sibling;
  const county = orgIdForCode('340102');
  const missing = '00000000-0000-4000-8000-00000000d00d';

  beforeAll(async () => {
    // A report of the sibling county 340103 on the published plan's task.
    const org = orgIdForCode('340103');
    const { id: assignmentId } = await one<{ id: string }>(
      owner,
      `INSERT INTO assignments(plan_id, task_id, organization_id, year) VALUES ($1, $2, $3, $4) RETURNING id`,
      [published.planId, published.taskId, org, YEAR],
    );
    const { id: reportId } = await one<{ id: string }>(
      owner,
      `INSERT INTO progress_reports(assignment_id, organization_id, plan_id, task_id, year, quarter, due_date)
       VALUES ($1, $2, $3, $4, $5, 1, $6) RETURNING id`,
      [assignmentId, org, published.planId, published.taskId, YEAR, `${YEAR}-04-10`],
    );
    sibling = { assignmentId, reportId };
  });

  /** The error (SQLSTATE, constraint) of an insert under the county's own scope, or 'INSERTED'. */
  async function attempt(sql: string, params: unknown[]): Promise<string> {
    return asTenant(app, '340102', async () => {
      try {
        await app.query('SAVEPOINT attempt');
        await app.query(sql, params);
        return 'INSERTED';
      } catch (error) {
        await app.query('ROLLBACK TO SAVEPOINT attempt');
        const e = error as DatabaseError;
        // The detail names the key; with the foreign parent it must read like a missing one.
        return `${e.code} ${(e.detail ?? '').replace(/[0-9a-f-]{36}/g, '<id>')}`;
      }
    });
  }

  const cases: Array<[string, string, (parent: string) => unknown[]]> = [
    [
      'evidence on a sibling’s report',
      `INSERT INTO evidence_files(report_id, organization_id, file_name, mime_type, size_bytes, sha256, content)
       VALUES ($1, $2, 'x.pdf', 'application/pdf', 4, repeat('0', 64), '\\x25504446')`,
      (parent) => [parent, county],
    ],
    [
      'a history event on a sibling’s report',
      `INSERT INTO report_events(report_id, organization_id, action, to_status) VALUES ($1, $2, 'SAVE', 'DRAFT')`,
      (parent) => [parent, county],
    ],
    [
      'a report on a sibling’s assignment',
      `INSERT INTO progress_reports(assignment_id, organization_id, plan_id, task_id, year, quarter, due_date)
       VALUES ($1, $2, $3, $4, $5, 2, $6)`,
      (parent) => [parent, county, published.planId, published.taskId, YEAR, `${YEAR}-07-10`],
    ],
  ];

  it.each(cases)('refuses %s exactly as a missing parent', async (_name, sql, params) => {
    const parentOf = sql.includes('assignment_id') ? sibling.assignmentId : sibling.reportId;
    const foreign = await attempt(sql, params(parentOf));
    const absent = await attempt(sql, params(missing));
    expect(foreign).not.toBe('INSERTED');
    expect(foreign).toMatch(/^23503 /);
    expect(foreign).toBe(absent);
  });

  it('the API answers a foreign-key failure on a write as NOT_FOUND, like an invisible object', () => {
    const insert = Object.assign(
      new Error('insert or update on table "evidence_files" violates foreign key constraint'),
      {
        code: '23503',
      },
    );
    expect(fromDatabaseError(insert)?.code).toBe('NOT_FOUND');
    expect(fromDatabaseError(insert)?.message).toBe('对象不存在或无权访问');
    const removal = Object.assign(
      new Error('update or delete on table "plans" violates foreign key constraint'),
      {
        code: '23503',
      },
    );
    expect(fromDatabaseError(removal)?.code).toBe('BAD_USER_INPUT');
  });
});

import ExcelJS from 'exceljs';
import { Client } from 'pg';
import {
  ApiClient,
  cellMismatches,
  DENIED_CODES,
  doesBusiness,
  errorCode,
  httpOutcome,
  MATRIX_ACTORS,
  MATRIX_MODES,
  MATRIX_TARGETS,
  orgOf,
  oversees,
  readsPlansOf,
  roleOf,
  sees,
  signedIn,
  type CellOutcome,
  type GraphQLResult,
  type MatrixMode,
} from '@sunshine/testing';
import { orgIdForCode } from '@sunshine/tools/seed';
import type { StartedApi } from '../bootstrap';
import { startTestApi } from '../testing';
import { coverageProblems } from './tenancy-coverage';

/**
 * The plan operations × every demo role × target organisations relative to the caller (own, a
 * subordinate, a sibling, the parent, another city and its county), with code checks and with
 * RLS alone. Every write cell works on a plan of its own, created by the owner connection in
 * 2001, a year no other suite reads; notifications a cell causes are removed after it. The shared
 * seed is not touched.
 *
 * Code checks allow plan edits to the issuing organisation's ADMIN only; RLS alone cannot tell
 * the issuer from its overseers, so there the boundary is the ADMIN's subtree — never beyond it.
 */
const ACTORS = MATRIX_ACTORS;
const TARGETS = MATRIX_TARGETS;
const YEAR = 2001;
const CREATE_YEAR = 2003;
const MARK = '【矩阵】';

interface PlanFixture {
  planId: string;
  version: number;
  categoryId: string | null;
  taskId: string | null;
  assignmentId: string | null;
}

interface Cell {
  client: ApiClient;
  owner: Client;
  actor: string;
  target: string;
  fx: PlanFixture;
}

type FixtureKind =
  | 'shared'
  | 'draft'
  | 'draft+category'
  | 'draft+task'
  | 'published'
  | 'published+assignment'
  | 'actor-published+task'
  | 'none';

interface Row {
  name: string;
  covers: string[];
  fixture: FixtureKind;
  /** Targets to run; default all. */
  targets?(actor: string): string[];
  allowed(actor: string, target: string, mode: MatrixMode): boolean;
  deniedCodes?: string[];
  run(c: Cell): Promise<CellOutcome>;
}

/** ADMIN of the issuer with code checks; ADMIN anywhere in the subtree with RLS alone. */
function edits(actor: string, target: string, mode: MatrixMode): boolean {
  if (roleOf(actor) !== 'ADMIN') return false;
  return mode.codeChecks ? orgOf(actor) === target : sees(actor, target);
}

const gql = (r: GraphQLResult): CellOutcome => ({ ok: !r.errors, code: errorCode(r) });

async function one<T>(owner: Client, sql: string, params: unknown[]): Promise<T | undefined> {
  const { rows } = await owner.query(sql, params);
  return rows[0] as T | undefined;
}

async function planStatus(owner: Client, id: string): Promise<string> {
  return (await one<{ s: string }>(owner, 'SELECT status || title AS s FROM plans WHERE id = $1', [
    id,
  ]))!.s;
}

async function count(owner: Client, sql: string, params: unknown[]): Promise<number> {
  return (await one<{ n: number }>(owner, `SELECT count(*)::int AS n FROM (${sql}) x`, params))!.n;
}

/** A write: ok when the call succeeded; leaked when it was refused but the data changed anyway. */
async function write(
  probe: () => Promise<string | number>,
  call: () => Promise<CellOutcome>,
): Promise<CellOutcome> {
  const before = await probe();
  const out = await call();
  const after = await probe();
  return { ...out, leaked: !out.ok && after !== before };
}

let checklist: Buffer;

const ROWS: Row[] = [
  {
    name: 'plan(id)',
    covers: ['Query.plan'],
    fixture: 'shared',
    allowed: (a, t) => doesBusiness(a) && readsPlansOf(a, t),
    async run({ client, fx }) {
      const r = await client.request<{ plan: { id: string } }>(
        'query($id: ID!) { plan(id: $id) { id title stats { tasks } categories { tasks { id } } } }',
        { id: fx.planId },
      );
      return gql(r);
    },
  },
  {
    name: 'plans(year) membership',
    covers: ['Query.plans'],
    fixture: 'shared',
    allowed: (a, t) => doesBusiness(a) && readsPlansOf(a, t),
    async run({ client, fx }) {
      const r = await client.request<{ plans: Array<{ id: string }> }>(
        'query($y: Int) { plans(year: $y) { id } }',
        { y: YEAR },
      );
      const listed = r.data?.plans.some((p) => p.id === fx.planId) ?? false;
      return { ok: listed, code: errorCode(r) ?? 'NOT_LISTED' };
    },
  },
  {
    name: 'plan export',
    covers: ['GET /files/plans/:id/export.xlsx'],
    fixture: 'shared',
    allowed: (a, t) => ['ADMIN', 'LEADER'].includes(roleOf(a)) && readsPlansOf(a, t),
    async run({ client, fx }) {
      return httpOutcome(
        await client.http('GET', '/files/plans/:id/export.xlsx', { id: fx.planId }),
      );
    },
  },
  {
    name: 'createPlan (for its own organisation only)',
    covers: ['Mutation.createPlan'],
    fixture: 'none',
    targets: (a) => [orgOf(a)],
    // Only an issuing level (the province here) creates plans; there is no organisation argument.
    allowed: (a) => roleOf(a) === 'ADMIN' && orgOf(a) === '34',
    async run({ client, owner, actor }) {
      const r = await client.request<{ createPlan: { id: string } }>(
        'mutation($i: CreatePlanInput!) { createPlan(input: $i) { id } }',
        { i: { year: CREATE_YEAR, title: `${MARK}${actor}` } },
      );
      const { rows } = await owner.query<{ id: string; organization_id: string }>(
        'DELETE FROM plans WHERE year = $1 AND title = $2 RETURNING id, organization_id',
        [CREATE_YEAR, `${MARK}${actor}`],
      );
      const out = gql(r);
      return {
        ...out,
        leaked:
          (!out.ok && rows.length > 0) ||
          rows.some((p) => p.organization_id !== orgIdForCode(orgOf(actor))),
      };
    },
  },
  {
    name: 'updatePlan',
    covers: ['Mutation.updatePlan'],
    fixture: 'draft',
    allowed: edits,
    run: ({ client, owner, fx }) =>
      write(
        () => planStatus(owner, fx.planId),
        async () =>
          gql(
            await client.request(
              'mutation($i: UpdatePlanInput!) { updatePlan(input: $i) { id } }',
              {
                i: { id: fx.planId, version: fx.version, title: `${MARK}已修改` },
              },
            ),
          ),
      ),
  },
  {
    name: 'publishPlan',
    covers: ['Mutation.publishPlan'],
    fixture: 'draft+task',
    allowed: edits,
    run: ({ client, owner, fx }) =>
      write(
        () => planStatus(owner, fx.planId),
        async () =>
          gql(
            await client.request(
              'mutation($i: PlanVersionInput!) { publishPlan(input: $i) { assignmentsCreated } }',
              { i: { id: fx.planId, version: fx.version } },
            ),
          ),
      ),
  },
  {
    name: 'closePlan',
    covers: ['Mutation.closePlan'],
    fixture: 'published',
    allowed: edits,
    run: ({ client, owner, fx }) =>
      write(
        () => planStatus(owner, fx.planId),
        async () =>
          gql(
            await client.request(
              'mutation($i: PlanVersionInput!) { closePlan(input: $i) { id } }',
              {
                i: { id: fx.planId, version: fx.version },
              },
            ),
          ),
      ),
  },
  {
    name: 'addPlanCategory',
    covers: ['Mutation.addPlanCategory'],
    fixture: 'draft',
    allowed: edits,
    run: ({ client, owner, fx }) =>
      write(
        () => count(owner, 'SELECT 1 FROM plan_categories WHERE plan_id = $1', [fx.planId]),
        async () =>
          gql(
            await client.request(
              'mutation($i: CategoryInput!) { addPlanCategory(input: $i) { id } }',
              { i: { planId: fx.planId, name: `${MARK}新类别` } },
            ),
          ),
      ),
  },
  {
    name: 'deletePlanCategory',
    covers: ['Mutation.deletePlanCategory'],
    fixture: 'draft+category',
    allowed: edits,
    run: ({ client, owner, fx }) =>
      write(
        () => count(owner, 'SELECT 1 FROM plan_categories WHERE id = $1', [fx.categoryId]),
        async () =>
          gql(
            await client.request('mutation($id: ID!) { deletePlanCategory(id: $id) }', {
              id: fx.categoryId,
            }),
          ),
      ),
  },
  {
    name: 'savePlanTask (new task)',
    covers: ['Mutation.savePlanTask'],
    fixture: 'draft+category',
    allowed: edits,
    run: ({ client, owner, fx }) =>
      write(
        () => count(owner, 'SELECT 1 FROM plan_tasks WHERE plan_id = $1', [fx.planId]),
        async () =>
          gql(
            await client.request('mutation($i: TaskInput!) { savePlanTask(input: $i) { id } }', {
              i: {
                planId: fx.planId,
                categoryId: fx.categoryId,
                number: '9.9',
                title: `${MARK}新任务`,
                leadDepartments: ['办公室'],
                deadlineText: `${YEAR}年6月30日`,
                levels: ['COUNTY'],
              },
            }),
          ),
      ),
  },
  {
    name: 'deletePlanTask',
    covers: ['Mutation.deletePlanTask'],
    fixture: 'draft+task',
    allowed: edits,
    run: ({ client, owner, fx }) =>
      write(
        () => count(owner, 'SELECT 1 FROM plan_tasks WHERE id = $1', [fx.taskId]),
        async () =>
          gql(
            await client.request('mutation($i: DeleteTaskInput!) { deletePlanTask(input: $i) }', {
              i: { id: fx.taskId },
            }),
          ),
      ),
  },
  {
    name: 'addAssignment (own plan, to the target)',
    covers: ['Mutation.addAssignment'],
    fixture: 'actor-published+task',
    // The plan is the caller's own; the target is the organisation it assigns to, which must lie
    // below the issuer (assigning to the issuer itself is refused as bad input).
    allowed: (a, t) => roleOf(a) === 'ADMIN' && oversees(a, t),
    deniedCodes: [...DENIED_CODES, 'BAD_USER_INPUT'],
    run: ({ client, owner, target, fx }) =>
      write(
        () =>
          count(owner, 'SELECT 1 FROM assignments WHERE task_id = $1 AND organization_id = $2', [
            fx.taskId,
            orgIdForCode(target),
          ]),
        async () =>
          gql(
            await client.request('mutation($i: AddAssignmentInput!) { addAssignment(input: $i) }', {
              i: { taskId: fx.taskId, organizationId: orgIdForCode(target), reason: MARK },
            }),
          ),
      ),
  },
  {
    name: 'removeAssignment',
    covers: ['Mutation.removeAssignment'],
    fixture: 'published+assignment',
    allowed: edits,
    run: ({ client, owner, fx }) =>
      write(
        () => count(owner, 'SELECT 1 FROM assignments WHERE id = $1 AND active', [fx.assignmentId]),
        async () =>
          gql(
            await client.request(
              'mutation($i: RemoveAssignmentInput!) { removeAssignment(input: $i) }',
              { i: { assignmentId: fx.assignmentId, reason: MARK } },
            ),
          ),
      ),
  },
  {
    name: 'checklist import',
    covers: ['POST /files/plans/:id/checklist'],
    fixture: 'draft',
    allowed: edits,
    run: ({ client, owner, fx }) =>
      write(
        () => count(owner, 'SELECT 1 FROM plan_tasks WHERE plan_id = $1', [fx.planId]),
        async () => {
          const res = await client.http(
            'POST',
            '/files/plans/:id/checklist',
            { id: fx.planId },
            {
              body: new Uint8Array(checklist),
              headers: {
                'content-type': 'application/octet-stream',
                'x-file-name': encodeURIComponent('清单.xlsx'),
              },
            },
          );
          if (!res.ok) return httpOutcome(res);
          // The answer streams as NDJSON: progress lines, then a result or an error line.
          const last = JSON.parse((await res.text()).trim().split('\n').pop() ?? '{}') as {
            type?: string;
            ok?: boolean;
            code?: string;
          };
          return last.type === 'result' && last.ok
            ? { ok: true }
            : { ok: false, code: last.code ?? 'IMPORT_FAILED' };
        },
      ),
  },
  {
    name: 'checklist import preview',
    covers: ['POST /files/plans/:id/checklist/preview'],
    fixture: 'draft',
    allowed: edits,
    async run({ client, fx }) {
      const res = await client.http(
        'POST',
        '/files/plans/:id/checklist/preview',
        { id: fx.planId },
        {
          body: new Uint8Array(checklist),
          headers: {
            'content-type': 'application/octet-stream',
            'x-file-name': encodeURIComponent('清单.xlsx'),
          },
        },
      );
      if (!res.ok) return httpOutcome(res);
      // Progress lines, then the preview (the file's tasks) or an error line.
      const last = JSON.parse((await res.text()).trim().split('\n').pop() ?? '{}') as {
        type?: string;
        taskCount?: number;
        code?: string;
      };
      return last.type === 'preview' && (last.taskCount ?? 0) > 0
        ? { ok: true }
        : { ok: false, code: last.code ?? 'PREVIEW_FAILED' };
    },
  },
];

describe.each(MATRIX_MODES)('plans tenancy matrix — %s', (_name, mode) => {
  let api: StartedApi;
  let owner: Client;
  const clients = new Map<string, ApiClient>();
  const shared = new Map<string, PlanFixture>();
  let deadline: unknown;
  const tag = mode.codeChecks ? 'code' : 'rls';

  async function plan(orgCode: string, kind: FixtureKind): Promise<PlanFixture> {
    const status = kind.startsWith('draft') ? 'DRAFT' : 'PUBLISHED';
    const orgId = orgIdForCode(orgCode);
    const p = (await one<{ id: string; version: number }>(
      owner,
      `INSERT INTO plans(organization_id, year, title, status, published_at)
       VALUES ($1, $2, $3, $4::varchar, CASE WHEN $4::varchar = 'DRAFT' THEN NULL ELSE now() END)
       RETURNING id, version`,
      [orgId, YEAR, `${MARK}${tag} ${orgCode} ${kind}`, status],
    ))!;
    const fx: PlanFixture = {
      planId: p.id,
      version: p.version,
      categoryId: null,
      taskId: null,
      assignmentId: null,
    };
    if (kind === 'draft') return fx;
    fx.categoryId = (await one<{ id: string }>(
      owner,
      `INSERT INTO plan_categories(plan_id, organization_id, name, sort_order) VALUES ($1, $2, $3, 1) RETURNING id`,
      [p.id, orgId, `${MARK}类别`],
    ))!.id;
    if (kind === 'draft+category') return fx;
    // No levels: publishing assigns nothing, so no bureau outside the fixture is notified.
    fx.taskId = (await one<{ id: string }>(
      owner,
      `INSERT INTO plan_tasks(plan_id, category_id, organization_id, number, title, lead_departments, deadline, deadline_text, due_date, levels)
       VALUES ($1, $2, $3, '1.1', $4, '{办公室}', $5, $6, $7, '{}') RETURNING id`,
      [p.id, fx.categoryId, orgId, `${MARK}任务`, deadline, `${YEAR}年6月30日`, `${YEAR}-06-30`],
    ))!.id;
    if (kind === 'published+assignment' || kind === 'shared') {
      fx.assignmentId = (await one<{ id: string }>(
        owner,
        `INSERT INTO assignments(plan_id, task_id, organization_id, year) VALUES ($1, $2, $3, $4) RETURNING id`,
        [p.id, fx.taskId, orgId, YEAR],
      ))!.id;
    }
    return fx;
  }

  beforeAll(async () => {
    api = await startTestApi({}, mode);
    owner = new Client({ connectionString: process.env.SUNSHINE_TEST_OWNER_URL });
    await owner.connect();
    deadline = (await one<{ deadline: unknown }>(
      owner,
      'SELECT deadline FROM plan_tasks ORDER BY id LIMIT 1',
      [],
    ))!.deadline;
    for (const target of TARGETS) shared.set(target, await plan(target, 'shared'));
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('任务清单');
    ws.addRow([
      '序号',
      '类别',
      '工作任务',
      '具体要求',
      '牵头单位',
      '配合单位',
      '完成时限',
      '适用层级',
      '分值',
    ]);
    ws.addRow([
      '1.1',
      `${MARK}类别`,
      `${MARK}导入任务`,
      '',
      '办公室',
      '',
      `${YEAR}年6月30日`,
      '县',
      5,
    ]);
    checklist = Buffer.from(await wb.xlsx.writeBuffer());
    for (const actor of ACTORS) clients.set(actor, await signedIn(api.url, actor));
  });

  afterAll(async () => {
    // Notifications caused by a cell (assignments added to a bureau) are removed after each
    // cell; this sweeps anything left by a failed run.
    await owner.query(`DELETE FROM notifications WHERE title LIKE '%' || $1 || '%'`, [MARK]);
    await owner.end();
    await api.app.close();
  });

  it.each(ROWS.map((row) => [row.name, row] as const))(
    '%s: exactly the allowed cells succeed',
    async (_name, row) => {
      const mismatches: string[] = [];
      let allowedCells = 0;
      for (const actor of ACTORS) {
        for (const target of row.targets?.(actor) ?? TARGETS) {
          const expected = row.allowed(actor, target, mode);
          if (expected) allowedCells++;
          let fx: PlanFixture;
          if (row.fixture === 'shared') fx = shared.get(target)!;
          else if (row.fixture === 'none')
            fx = { planId: '', version: 0, categoryId: null, taskId: null, assignmentId: null };
          else if (row.fixture === 'actor-published+task')
            fx = await plan(orgOf(actor), 'draft+task').then(async (f) => {
              await owner.query(`UPDATE plans SET status = 'PUBLISHED' WHERE id = $1`, [f.planId]);
              return f;
            });
          else fx = await plan(target, row.fixture);
          const out = await row.run({ client: clients.get(actor)!, owner, actor, target, fx });
          await owner.query(
            `DELETE FROM notifications WHERE organization_id = $1 AND title LIKE '%' || $2 || '%'`,
            [orgIdForCode(target), MARK],
          );
          mismatches.push(...cellMismatches(actor, target, expected, out, row.deniedCodes));
        }
      }
      expect(mismatches).toEqual([]);
      expect(allowedCells).toBeGreaterThan(0);
    },
  );

  it('its rows are the registry entries of plans-matrix, each really called', () => {
    const called = [...clients.values()].flatMap((c) => [...c.called]);
    expect(coverageProblems('plans-matrix', ROWS, called)).toEqual([]);
  });
});

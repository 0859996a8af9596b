import ExcelJS from 'exceljs';
import { Client } from 'pg';
import { buildSampleChecklist } from '@sunshine/api/plan-excel';
import { ApiClient, errorCode, signedIn } from '@sunshine/testing';
import type { StartedApi } from '../bootstrap';
import { startTestApi } from '../testing';

const HEADER = [
  '序号',
  '类别',
  '工作任务',
  '具体要求',
  '牵头单位',
  '配合单位',
  '完成时限',
  '适用层级',
  '分值',
];

let api: StartedApi;
let owner: Client;
let admin: ApiClient;

interface ImportLine {
  type: 'progress' | 'result' | 'error';
  ok?: boolean;
  tasks?: number;
  categories?: number;
  errors?: Array<{ row: number; column: string; code: string; message: string }>;
  phase?: string;
  done?: number;
  total?: number;
  status?: number;
  code?: string;
  reason?: string;
  message?: string;
}

async function workbook(rows: unknown[][], header = HEADER): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('任务清单');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function importFile(
  client: ApiClient,
  planId: string,
  body: Buffer,
  name = '清单.xlsx',
): Promise<{ status: number; lines: ImportLine[] }> {
  const res = await fetch(`${api.url}/files/plans/${planId}/checklist`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${client.token}`,
      'content-type': 'application/octet-stream',
      'x-file-name': encodeURIComponent(name),
    },
    body: new Uint8Array(body),
  });
  const text = await res.text();
  return {
    status: res.status,
    lines: res.headers.get('content-type')?.includes('ndjson')
      ? text
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as ImportLine)
      : [JSON.parse(text) as ImportLine],
  };
}

async function planTasks(planId: string): Promise<number> {
  const { rows } = await owner.query(
    'SELECT count(*)::int AS n FROM plan_tasks WHERE plan_id = $1',
    [planId],
  );
  return rows[0].n;
}

let planId: string;

beforeAll(async () => {
  api = await startTestApi();
  owner = new Client({ connectionString: process.env.SUNSHINE_TEST_OWNER_URL });
  await owner.connect();
  admin = await signedIn(api.url, '34-admin');
  const r = await admin.request<{ createPlan: { id: string; status: string } }>(
    'mutation($i: CreatePlanInput!) { createPlan(input: $i) { id status } }',
    { i: { year: 2026, title: '2026年全省审计机关政务公开重点工作任务分工' } },
  );
  expect(r.errors).toBeUndefined();
  planId = r.data!.createPlan.id;
});
afterAll(async () => {
  await owner.end();
  await api.app.close();
});

describe('checklist import from Excel', () => {
  it('imports the realistic sample with merged category cells', async () => {
    const { status, lines } = await importFile(admin, planId, await buildSampleChecklist(2026));
    expect(status).toBe(200);
    const result = lines.at(-1)!;
    expect(result).toMatchObject({ type: 'result', ok: true, categories: 8 });
    expect(result.tasks).toBeGreaterThanOrEqual(40);
    expect(await planTasks(planId)).toBe(result.tasks);
    const plan = await admin.request<{
      plan: {
        categories: Array<{ name: string; tasks: Array<{ number: string; dueDate: string }> }>;
      };
    }>(
      'query($id: ID!) { plan(id: $id) { categories { name tasks { number dueDate deadlineLabel } } } }',
      { id: planId },
    );
    expect(plan.data!.plan.categories).toHaveLength(8);
    expect(
      plan.data!.plan.categories.flatMap((c) => c.tasks).every((t) => t.dueDate.startsWith('2026')),
    ).toBe(true);
  });

  it('rejects a file that is not a workbook, and writes nothing', async () => {
    const before = await planTasks(planId);
    const { lines } = await importFile(
      admin,
      planId,
      Buffer.from('这不是一个 Excel 文件'),
      '伪装.xlsx',
    );
    expect(lines.at(-1)).toMatchObject({ type: 'result', ok: false });
    expect(lines.at(-1)!.errors![0]!.code).toBe('BAD_FILE');
    expect(lines.at(-1)!.errors![0]!.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await planTasks(planId)).toBe(before);
  });

  it('reports a sheet without a task column, and imports one with other header words', async () => {
    const { lines } = await importFile(
      admin,
      planId,
      await workbook([['1', '张三', '0551-1234567']], ['序号', '联系人', '电话']),
    );
    const result = lines.at(-1)!;
    expect(result.ok).toBe(false);
    expect(result.errors!.map((e) => [e.code, e.column])).toEqual([['MISSING_HEADER', '工作任务']]);
    // Real lists' words: 任务名称 for the task, 要求 for the requirement; the rest is defaulted.
    const other = await importFile(
      admin,
      planId,
      await workbook([['1', '类', '任务', '具体的要求']], ['序号', '类别', '任务名称', '要求']),
    );
    expect(other.lines.at(-1)).toMatchObject({ type: 'result', ok: true, tasks: 1, categories: 1 });
    expect(await planTasks(planId)).toBe(1);
  });

  it('reports every bad date and duplicate number at once, by row and column, and keeps the old list', async () => {
    const before = await planTasks(planId);
    const file = await workbook([
      ['1.1', '用权公开', '公开权责清单', '', '办公室', '', '2026年6月30日', '市、县', 5],
      ['1.2', '用权公开', '公开机构职能', '', '办公室', '', '下个月', '市、县', 5],
      ['1.1', '用权公开', '重复序号的任务', '', '办公室', '', '2026年2月30日', '市、县', 5],
    ]);
    const { lines } = await importFile(admin, planId, file);
    const result = lines.at(-1)!;
    expect(result.ok).toBe(false);
    const found = result.errors!.map((e) => `${e.row}:${e.column}:${e.code}`);
    expect(found).toEqual(
      expect.arrayContaining(['3:完成时限:BAD_DEADLINE', '4:完成时限:BAD_DEADLINE']),
    );
    expect(result.errors!.some((e) => e.code === 'DUPLICATE_NUMBER' && e.row === 4)).toBe(true);
    expect(result.errors!.find((e) => e.row === 3)!.message).toMatch(/第 3 行/);
    expect(await planTasks(planId)).toBe(before);
  });

  it('imports 5,000 rows, all or nothing, with progress lines', async () => {
    const rows: unknown[][] = [];
    for (let i = 1; i <= 5000; i++) {
      rows.push([
        `${Math.ceil(i / 100)}.${((i - 1) % 100) + 1}`,
        `类别${Math.ceil(i / 625)}`,
        `任务${i}：按要求公开相关信息`,
        '具体要求',
        '办公室',
        '法规处',
        i % 2 ? '每季度' : '2026年12月31日',
        '市、县',
        0.02,
      ]);
    }
    const file = await workbook(rows);
    const started = Date.now();
    const { lines } = await importFile(admin, planId, file, '五千行.xlsx');
    const ms = Date.now() - started;
    console.log(`5,000-row import through HTTP: ${ms} ms (${(file.length / 1024).toFixed(0)} kB)`);
    const result = lines.at(-1)!;
    expect(result).toMatchObject({ type: 'result', ok: true, tasks: 5000 });
    expect(lines.some((l) => l.type === 'progress' && l.phase === 'PARSE')).toBe(true);
    expect(lines.some((l) => l.type === 'progress' && l.phase === 'SAVE' && l.done === 5000)).toBe(
      true,
    );
    expect(await planTasks(planId)).toBe(5000);
    // Back to the realistic list for the rest of the file.
    expect(
      (await importFile(admin, planId, await buildSampleChecklist(2026))).lines.at(-1)!.ok,
    ).toBe(true);
  });

  it('lets only the issuing province admin import', async () => {
    const before = await planTasks(planId);
    const city = await signedIn(api.url, '3401-admin');
    const { lines, status } = await importFile(city, planId, await buildSampleChecklist(2026));
    // The answer streams (status 200) and says no at once: no progress, one error line. The
    // plan is the province's draft, which a city does not see at all (its existence is not
    // revealed), so the refusal is NOT_FOUND rather than FORBIDDEN.
    expect(status).toBe(200);
    expect(lines).toEqual([
      {
        type: 'error',
        status: 404,
        code: 'NOT_FOUND',
        reason: 'NOT_FOUND',
        message: '对象不存在或无权访问',
      },
    ]);
    expect(await planTasks(planId)).toBe(before);
    const editor = await signedIn(api.url, '3401-editor');
    expect((await importFile(editor, planId, await buildSampleChecklist(2026))).status).toBe(403);
  });

  it('publishes: every task reaches every bureau of its levels; corrections are announced as 任务调整', async () => {
    const plan = await admin.request<{
      plan: {
        version: number;
        categories: Array<{
          tasks: Array<{
            id: string;
            number: string;
            levels: string[];
            version: number;
            categoryId: string;
            title: string;
            deadlineText: string;
            leadDepartments: string[];
          }>;
        }>;
      };
    }>(
      'query($id: ID!) { plan(id: $id) { version categories { tasks { id number levels version categoryId title deadlineText leadDepartments } } } }',
      { id: planId },
    );
    const tasks = plan.data!.plan.categories.flatMap((c) => c.tasks);
    const published = await admin.request<{
      publishPlan: { assignmentsCreated: number; plan: { status: string } };
    }>(
      'mutation($i: PlanVersionInput!) { publishPlan(input: $i) { assignmentsCreated plan { status } } }',
      { i: { id: planId, version: plan.data!.plan.version } },
    );
    expect(published.errors).toBeUndefined();
    const { rows } = await owner.query(
      `SELECT level, count(*)::int AS n FROM organizations GROUP BY level`,
    );
    const perLevel = Object.fromEntries(rows.map((r) => [r.level, r.n])) as Record<string, number>;
    const expected = tasks.reduce(
      (s, t) => s + t.levels.reduce((x, l) => x + (l === 'PROVINCE' ? 0 : (perLevel[l] ?? 0)), 0),
      0,
    );
    expect(published.data!.publishPlan).toEqual({
      assignmentsCreated: expected,
      plan: { status: 'PUBLISHED' },
    });

    const county = await signedIn(api.url, '340102-editor');
    const mine = await county.request<{ assignments: { total: number } }>(
      '{ assignments(filter: { year: 2026, quarter: 1 }) { total } }',
    );
    expect(mine.data!.assignments.total).toBe(
      tasks.filter((t) => t.levels.includes('COUNTY')).length,
    );

    const t = tasks.find((x) => x.levels.includes('COUNTY'))!;
    const adjusted = await admin.request(
      'mutation($i: TaskInput!) { savePlanTask(input: $i) { adjustedAt adjustmentNote } }',
      {
        i: {
          id: t.id,
          version: t.version,
          planId,
          categoryId: t.categoryId,
          number: t.number,
          title: `${t.title}（调整）`,
          deadlineText: '2026年9月30日',
          levels: t.levels,
          leadDepartments: t.leadDepartments,
          adjustmentNote: '完成时限调整为9月底',
        },
      },
    );
    expect(adjusted.errors).toBeUndefined();
    const notes = await county.request<{
      notifications: { items: Array<{ kind: string; body: string }> };
    }>('{ notifications { items { kind body } } }');
    expect(
      notes.data!.notifications.items.some(
        (n) => n.kind === 'TASK_ADJUSTED' && n.body === '完成时限调整为9月底',
      ),
    ).toBe(true);
    const stale = await admin.request(
      'mutation($i: TaskInput!) { savePlanTask(input: $i) { id } }',
      {
        i: {
          id: t.id,
          version: t.version,
          planId,
          categoryId: t.categoryId,
          number: t.number,
          title: '过期版本',
          deadlineText: '年底前',
          levels: t.levels,
          leadDepartments: t.leadDepartments,
        },
      },
    );
    expect(errorCode(stale)).toBe('CONFLICT');

    const exported = await fetch(`${api.url}/files/plans/${planId}/export.xlsx`, {
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(exported.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await exported.arrayBuffer());
    expect(wb.worksheets.map((w) => w.name)).toEqual(['任务清单', '任务分解及进展']);
    expect(wb.getWorksheet('任务分解及进展')!.rowCount - 1).toBe(expected);
  });
});

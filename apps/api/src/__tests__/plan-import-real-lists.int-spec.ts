import ExcelJS from 'exceljs';
import { Client } from 'pg';
import { buildSampleChecklist } from '@sunshine/api/plan-excel';
import {
  ApiClient,
  realChecklists,
  signedIn,
  unknownHeadersList,
  type RealChecklist,
} from '@sunshine/testing';
import type { StartedApi } from '../bootstrap';
import { startTestApi } from '../testing';

/**
 * Issue 8: checklists as governments publish them import without retyping. Each shape (built by
 * @sunshine/testing's real-checklists, made-up texts) is previewed, then imported, through HTTP
 * into a draft plan of 2021 (a year no other suite uses); stumble 10 imports a 2026 sample into a
 * plan of 2027.
 */
const YEAR = 2021;

interface Warning {
  row: number;
  column: string;
  code: string;
  message: string;
}
interface PreviewTask {
  row: number;
  number: string;
  category: string;
  title: string;
  lead: string[];
  cooperating: string[];
  deadline: string;
}
interface Line {
  type: 'progress' | 'preview' | 'result' | 'error';
  ok?: boolean;
  layout?: {
    headerRow: number;
    needsMapping: boolean;
    columns: Array<{ index: number; header: string; guess: string | null; basis: string }>;
  } | null;
  categories?: Array<{ name: string; tasks: number }> | number;
  taskCount?: number;
  tasks?: PreviewTask[] | number;
  warnings?: Warning[];
  errors?: Warning[];
  code?: string;
  message?: string;
}

let api: StartedApi;
let owner: Client;
let admin: ApiClient;
let planId: string;
let laterPlanId: string;

async function post(
  path: 'checklist' | 'checklist/preview',
  id: string,
  bytes: Buffer,
  mapping?: unknown,
): Promise<Line> {
  const headers: Record<string, string> = {
    authorization: `Bearer ${admin.token}`,
    'content-type': 'application/octet-stream',
    'x-file-name': encodeURIComponent('清单.xlsx'),
  };
  if (mapping !== undefined)
    headers['x-checklist-mapping'] = encodeURIComponent(JSON.stringify(mapping));
  const res = await fetch(`${api.url}/files/plans/${id}/${path}`, {
    method: 'POST',
    headers,
    body: new Uint8Array(bytes),
  });
  expect(res.status).toBe(200);
  const lines = (await res.text())
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Line);
  return lines.at(-1)!;
}

function countByCode(warnings: Warning[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const w of warnings) counts[w.code] = (counts[w.code] ?? 0) + 1;
  return counts;
}

async function stored(id: string): Promise<{ tasks: number; categories: number }> {
  const { rows } = await owner.query(
    `SELECT (SELECT count(*)::int FROM plan_tasks WHERE plan_id = $1) AS tasks,
            (SELECT count(*)::int FROM plan_categories WHERE plan_id = $1) AS categories`,
    [id],
  );
  return rows[0];
}

async function createPlan(year: number): Promise<string> {
  const r = await admin.request<{ createPlan: { id: string } }>(
    'mutation($i: CreatePlanInput!) { createPlan(input: $i) { id } }',
    { i: { year, title: `${year}年全省审计机关政务公开重点工作任务分工` } },
  );
  expect(r.errors).toBeUndefined();
  return r.data!.createPlan.id;
}

let lists: RealChecklist[] = [];

beforeAll(async () => {
  api = await startTestApi();
  owner = new Client({ connectionString: process.env.SUNSHINE_TEST_OWNER_URL });
  await owner.connect();
  admin = await signedIn(api.url, '34-admin');
  planId = await createPlan(YEAR);
  laterPlanId = await createPlan(2027);
  lists = await realChecklists(YEAR);
});
afterAll(async () => {
  await owner.end();
  await api.app.close();
});

describe('real checklists: preview, then import', () => {
  it.each([
    'category-rows',
    'merged-first-column',
    'one-text-column',
    'county-office',
    'unknown-headers',
  ])('%s', async (name) => {
    const list = lists.find((l) => l.name === name)!;
    const before = await stored(planId);

    const preview = await post('checklist/preview', planId, list.bytes);
    expect(preview).toMatchObject({ type: 'preview', ok: true, errors: [] });
    expect(preview.layout!.needsMapping).toBe(list.expected.needsMapping);
    expect(preview.taskCount).toBe(list.expected.tasks);
    expect(preview.categories).toHaveLength(list.expected.categories);
    expect(countByCode(preview.warnings!)).toEqual(list.expected.warnings);
    expect(preview.warnings!.every((w) => /[\u4e00-\u9fa5]/.test(w.message))).toBe(true);
    // A preview writes nothing.
    expect(await stored(planId)).toEqual(before);

    const result = await post('checklist', planId, list.bytes);
    expect(result).toMatchObject({
      type: 'result',
      ok: true,
      tasks: list.expected.tasks,
      categories: list.expected.categories,
    });
    expect(result.warnings).toEqual(preview.warnings);
    expect(await stored(planId)).toEqual({
      tasks: list.expected.tasks,
      categories: list.expected.categories,
    });
  });

  it('reads responsibility, numbers and deadlines written inside the text', async () => {
    const list = lists.find((l) => l.name === 'one-text-column')!;
    const preview = await post('checklist/preview', planId, list.bytes);
    const tasks = preview.tasks as Array<{
      number: string;
      title: string;
      lead: string[];
      cooperating: string[];
      deadline: string;
      category: string;
    }>;
    expect(tasks.map((t) => t.number)).toEqual(['1.1', '1.2', '1.3', '2.1', '2.2', '3.1', '3.2']);
    expect(tasks[0]).toMatchObject({
      category: '做好财政信息公开',
      lead: ['省财政厅'],
      deadline: `${YEAR}年6月底前`,
    });
    expect(tasks[0]!.title.startsWith('推进预决算公开')).toBe(true);
    expect(tasks[2]!.lead).toEqual(['省财政厅', '省公共资源交易监督管理局']);
    expect(tasks[4]).toMatchObject({ lead: ['省司法厅'], cooperating: ['各市人民政府'] });
    expect(tasks[6]!.title).toBe('围绕社会关切及时回应');
  });

  it('splits "办公室牵头，各科室配合" and defaults a blank deadline to 持续推进', async () => {
    const list = lists.find((l) => l.name === 'county-office')!;
    const preview = await post('checklist/preview', planId, list.bytes);
    const tasks = preview.tasks as Array<{
      lead: string[];
      cooperating: string[];
      deadline: string;
    }>;
    expect(tasks[1]).toMatchObject({ lead: ['办公室'], cooperating: ['各科室'] });
    expect(tasks[5]!.deadline).toBe('持续推进');
  });

  it('imports with the column mapping chosen in the dialog', async () => {
    const list = await unknownHeadersList(YEAR);
    const preview = await post('checklist/preview', planId, list.bytes);
    const guesses = Object.fromEntries(
      preview.layout!.columns.map((c) => [c.header, `${c.guess}/${c.basis}`]),
    );
    expect(guesses).toEqual({
      主要工作: 'title/SIMILAR',
      承办单位: 'lead/CONTENT',
      截止日期: 'deadline/SIMILAR',
      备注: 'null/NONE',
    });
    // The user maps 备注 to 佐证材料.
    const mapping = {
      headerRow: preview.layout!.headerRow,
      columns: { '1': 'title', '2': 'lead', '3': 'deadline', '4': 'evidence' },
    };
    const mapped = await post('checklist/preview', planId, list.bytes, mapping);
    expect(mapped).toMatchObject({ ok: true, taskCount: 4 });
    const result = await post('checklist', planId, list.bytes, mapping);
    expect(result).toMatchObject({ ok: true, tasks: 4 });
    const { rows } = await owner.query<{ evidence: string }>(
      'SELECT evidence FROM plan_tasks WHERE plan_id = $1 ORDER BY sort_order',
      [planId],
    );
    expect(rows.map((r) => r.evidence)).toEqual([
      '制度文本及印发文件',
      '预算公开网页截图',
      '决算公开网页截图',
      '活动照片及报道',
    ]);
  });

  it('refuses a mapping that names a field twice, or no task column, and writes nothing', async () => {
    const list = await unknownHeadersList(YEAR);
    const before = await stored(planId);
    const twice = await post('checklist', planId, list.bytes, {
      headerRow: 1,
      columns: { '1': 'title', '4': 'title' },
    });
    expect(twice).toMatchObject({ type: 'result', ok: false });
    expect(twice.errors![0]).toMatchObject({ code: 'BAD_MAPPING' });
    expect(twice.errors![0]!.message).toContain('同时对应了第 A 列和第 D 列');
    const none = await post('checklist', planId, list.bytes, {
      headerRow: 1,
      columns: { '2': 'lead' },
    });
    expect(none.errors![0]).toMatchObject({ code: 'MISSING_HEADER', column: '工作任务' });
    const garbage = await fetch(`${api.url}/files/plans/${planId}/checklist`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${admin.token}`,
        'content-type': 'application/octet-stream',
        'x-checklist-mapping': '%7Bnot-json',
      },
      body: new Uint8Array(list.bytes),
    });
    const last = JSON.parse((await garbage.text()).trim().split('\n').pop()!) as Line;
    expect(last).toMatchObject({ type: 'error', code: 'BAD_USER_INPUT' });
    expect(await stored(planId)).toEqual(before);
  });

  it('previews a sheet without any task column with its layout, for the mapping step', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow(['单位', '联系人']);
    ws.addRow(['办公室', '张三']);
    const preview = await post(
      'checklist/preview',
      planId,
      Buffer.from(await wb.xlsx.writeBuffer()),
    );
    expect(preview.ok).toBe(false);
    expect(preview.errors![0]).toMatchObject({ code: 'MISSING_HEADER' });
    expect(preview.layout!.needsMapping).toBe(true);
    expect(preview.layout!.columns.map((c) => c.header)).toEqual(['单位', '联系人']);
  });
});

describe('stumble 10: deadlines outside the plan year', () => {
  it('warns on each dated deadline of a 2026 sample imported into a 2027 plan', async () => {
    const sample = await buildSampleChecklist(2026);
    const preview = await post('checklist/preview', laterPlanId, sample);
    expect(preview.ok).toBe(true);
    const outside = preview.warnings!.filter((w) => w.code === 'DEADLINE_OUTSIDE_YEAR');
    const tasks = preview.tasks as Array<{ row: number; deadline: string }>;
    const dated2026 = tasks.filter((t) => t.deadline.includes('2026'));
    expect(dated2026.length).toBeGreaterThan(0);
    expect(outside.map((w) => w.row)).toEqual(dated2026.map((t) => t.row));
    expect(outside[0]!.message).toContain('不在计划年度（2027年）内');
    expect(outside[0]!.column).toBe('完成时限');

    // The same sample in its own year: no such warning.
    const own = await post('checklist/preview', planId, await buildSampleChecklist(YEAR));
    expect(own.warnings!.filter((w) => w.code === 'DEADLINE_OUTSIDE_YEAR')).toEqual([]);
  });
});

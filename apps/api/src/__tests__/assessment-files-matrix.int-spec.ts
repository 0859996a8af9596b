import ExcelJS from 'exceljs';
import { Client } from 'pg';
import { buildSampleIndicatorSystem } from '@sunshine/api/assessment-excel';
import {
  ApiClient,
  cellMismatches,
  doesBusiness,
  httpOutcome,
  MATRIX_ACTORS,
  MATRIX_MODES,
  MATRIX_TARGETS,
  orgOf,
  roleOf,
  sees,
  signedIn,
  type CellOutcome,
  type MatrixMode,
} from '@sunshine/testing';
import { orgIdForCode } from '@sunshine/tools/seed';
import type { StartedApi } from '../bootstrap';
import { startTestApi } from '../testing';
import { coverageProblems } from './tenancy-coverage';

/**
 * The assessment file routes × every demo role × target organisations, with code checks and with
 * RLS alone. A round issued by the province lists every target as a bureau, the demo assessor
 * assigned, with one problem per target. An import names the target in its unit column; an
 * export must hold the target's problem. Rounds are titled 【测评文件矩阵】 and removed afterwards.
 *
 * Code checks let the round's assessor and its issuer's ADMIN import (into the round's bureaus
 * they see); RLS alone cannot tell the issuer from the ADMINs below it who read the round, so there
 * an ADMIN imports into its own subtree only — never beyond it. Exports follow reading: a county
 * its own table, a city its counties', an assessor its rounds'.
 */
const ACTORS = MATRIX_ACTORS;
const TARGETS = MATRIX_TARGETS;
const MARK = '【测评文件矩阵】';
const XLSX = { 'content-type': 'application/octet-stream' };

interface Cell {
  client: ApiClient;
  owner: Client;
  actor: string;
  target: string;
  shared: { roundId: string; names: Map<string, string> };
  tag: string;
}

interface Row {
  name: string;
  covers: string[];
  targets?(actor: string): string[];
  allowed(actor: string, target: string, mode: MatrixMode): boolean;
  run(c: Cell): Promise<CellOutcome>;
}

const isAssessor = (a: string): boolean => roleOf(a) === 'ASSESSOR';

/** The round's assessor, or the issuer's ADMIN (RLS alone: an ADMIN seeing the target). */
const enters = (a: string, t: string, mode: MatrixMode): boolean =>
  isAssessor(a) || (roleOf(a) === 'ADMIN' && (mode.codeChecks ? orgOf(a) === '34' : sees(a, t)));

async function listFor(unitName: string, problem: string): Promise<Uint8Array<ArrayBuffer>> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('问题清单');
  sheet.addRow(['序号', '被评估单位', '一级指标', '存在问题']);
  sheet.addRow([1, unitName, '平台建设', problem]);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

/** The last NDJSON line of an import route, or the refusal of its guard. */
async function ndjsonOutcome(
  res: Response,
): Promise<{ out: CellOutcome; last: Record<string, unknown> | null }> {
  if (!res.ok) return { out: await httpOutcome(res), last: null };
  const lines = (await res.text()).trim().split('\n');
  const last = JSON.parse(lines.at(-1) ?? '{}') as Record<string, unknown>;
  if (last['type'] === 'error') return { out: { ok: false, code: String(last['code']) }, last };
  return { out: { ok: last['ok'] === true }, last };
}

/** Whether a downloaded 整改链接表 holds a text anywhere. */
async function holds(res: Response, text: string): Promise<CellOutcome> {
  if (!res.ok) return httpOutcome(res);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(await res.arrayBuffer());
  let found = false;
  book.eachSheet((sheet) =>
    sheet.eachRow((row) => {
      if ((row.values as unknown[]).some((v) => typeof v === 'string' && v.includes(text)))
        found = true;
    }),
  );
  return found ? { ok: true } : { ok: false, code: 'NOT_LISTED' };
}

const ROWS: Row[] = [
  {
    name: 'issue-list preview (a list naming the target)',
    covers: ['POST /files/assessment-rounds/:id/issues/preview'],
    allowed: enters,
    async run({ client, target, shared, actor, tag }) {
      const res = await client.http(
        'POST',
        '/files/assessment-rounds/:id/issues/preview',
        { id: shared.roundId },
        {
          body: await listFor(shared.names.get(target)!, `${MARK}${tag}预览 ${actor}`),
          headers: XLSX,
        },
      );
      const { out, last } = await ndjsonOutcome(res);
      if (!last || last['type'] !== 'preview') return out;
      const summary = last['summary'] as { issues: number };
      return last['ok'] === true && summary.issues === 1
        ? { ok: true }
        : { ok: false, code: 'EMPTY' };
    },
  },
  {
    name: 'issue-list import (a list naming the target)',
    covers: ['POST /files/assessment-rounds/:id/issues'],
    allowed: enters,
    async run({ client, owner, target, shared, actor, tag }) {
      const description = `${MARK}${tag}导入 ${actor} ${target}`;
      const res = await client.http(
        'POST',
        '/files/assessment-rounds/:id/issues',
        { id: shared.roundId },
        { body: await listFor(shared.names.get(target)!, description), headers: XLSX },
      );
      const { out } = await ndjsonOutcome(res);
      const { rows } = await owner.query<{ organization_id: string }>(
        'DELETE FROM assessment_issues WHERE description = $1 RETURNING organization_id',
        [description],
      );
      return {
        ok: out.ok,
        code: out.ok ? undefined : (out.code ?? 'EMPTY'),
        leaked:
          (!out.ok && rows.length > 0) ||
          rows.some((r) => r.organization_id !== orgIdForCode(target)),
      };
    },
  },
  {
    name: '整改链接表 of the round holds the target’s problem',
    covers: ['GET /files/assessment-rounds/:id/rectification.xlsx'],
    allowed: (a, t) => doesBusiness(a) && sees(a, t),
    async run({ client, target, shared, tag }) {
      const res = await client.http('GET', '/files/assessment-rounds/:id/rectification.xlsx', {
        id: shared.roundId,
      });
      return holds(res, `${MARK}${tag} 〔${target}〕`);
    },
  },
  {
    name: '整改链接表 of the target bureau',
    covers: ['GET /files/assessment-rounds/:id/organizations/:organizationId/rectification.xlsx'],
    allowed: (a, t) => doesBusiness(a) && sees(a, t),
    async run({ client, target, shared, tag }) {
      const res = await client.http(
        'GET',
        '/files/assessment-rounds/:id/organizations/:organizationId/rectification.xlsx',
        { id: shared.roundId, organizationId: orgIdForCode(target) },
      );
      return holds(res, `${MARK}${tag} 〔${target}〕`);
    },
  },
  {
    name: 'indicator-system preview (ADMIN)',
    covers: ['POST /files/indicator-systems/preview'],
    targets: (a) => [orgOf(a)],
    allowed: (a) => roleOf(a) === 'ADMIN',
    async run({ client }) {
      const res = await client.http(
        'POST',
        '/files/indicator-systems/preview',
        {},
        {
          body: new Uint8Array(await buildSampleIndicatorSystem()),
          headers: XLSX,
        },
      );
      if (!res.ok) return httpOutcome(res);
      return ((await res.json()) as { ok: boolean }).ok
        ? { ok: true }
        : { ok: false, code: 'EMPTY' };
    },
  },
  {
    name: 'indicator-system import (for its own organisation only)',
    covers: ['POST /files/indicator-systems'],
    targets: (a) => [orgOf(a)],
    allowed: (a) => roleOf(a) === 'ADMIN',
    async run({ client, owner, actor, tag }) {
      const name = `${MARK}${tag}${actor}`;
      const res = await client.http(
        'POST',
        '/files/indicator-systems',
        {},
        {
          body: new Uint8Array(await buildSampleIndicatorSystem()),
          headers: { ...XLSX, 'x-system-name': encodeURIComponent(name) },
        },
      );
      const out = res.ok
        ? ((await res.json()) as { ok: boolean }).ok
          ? { ok: true }
          : { ok: false, code: 'EMPTY' }
        : await httpOutcome(res);
      const { rows } = await owner.query<{ organization_id: string }>(
        'DELETE FROM indicator_systems WHERE name = $1 RETURNING organization_id',
        [name],
      );
      return {
        ...out,
        leaked:
          (!out.ok && rows.length > 0) ||
          rows.some((s) => s.organization_id !== orgIdForCode(orgOf(actor))),
      };
    },
  },
];

describe.each(MATRIX_MODES)('assessment files tenancy matrix — %s', (_name, mode) => {
  let api: StartedApi;
  let owner: Client;
  const clients = new Map<string, ApiClient>();
  const tag = mode.codeChecks ? 'code' : 'rls';
  const shared = { roundId: '', names: new Map<string, string>() };

  beforeAll(async () => {
    api = await startTestApi({}, mode);
    owner = new Client({ connectionString: process.env.SUNSHINE_TEST_OWNER_URL });
    await owner.connect();
    const { rows } = await owner.query<{ id: string }>(
      `INSERT INTO assessment_rounds(organization_id, title, assessor_name, period_start, period_end,
         default_deadline, status, published_at)
       VALUES ($1, $2, '测评机构', '2026-01-01', '2026-12-31', '2027-03-31', 'PUBLISHED', now())
       RETURNING id`,
      [orgIdForCode('34'), `${MARK}${tag}`],
    );
    shared.roundId = rows[0]!.id;
    await owner.query(
      `INSERT INTO assessment_round_assessors(round_id, user_id, organization_id)
       SELECT $1, id, $2 FROM users WHERE username = 'assessor'`,
      [shared.roundId, orgIdForCode('34')],
    );
    for (const t of TARGETS) {
      await owner.query(
        'INSERT INTO assessment_round_bureaus(round_id, organization_id) VALUES ($1, $2)',
        [shared.roundId, orgIdForCode(t)],
      );
      await owner.query(
        `INSERT INTO assessment_issues(round_id, organization_id, issue_type, description, deadline)
         VALUES ($1, $2, 'EMPTY_COLUMN', $3, '2027-03-31')`,
        [shared.roundId, orgIdForCode(t), `${MARK}${tag} 〔${t}〕`],
      );
      const org = await owner.query<{ name: string }>(
        'SELECT name FROM organizations WHERE id = $1',
        [orgIdForCode(t)],
      );
      shared.names.set(t, org.rows[0]!.name);
    }
    for (const actor of ACTORS) clients.set(actor, await signedIn(api.url, actor));
  });

  afterAll(async () => {
    await owner.query(
      `DELETE FROM assessment_issue_events WHERE round_id IN (SELECT id FROM assessment_rounds WHERE title LIKE $1)`,
      [`${MARK}%`],
    );
    await owner.query(
      `DELETE FROM assessment_issues WHERE round_id IN (SELECT id FROM assessment_rounds WHERE title LIKE $1)`,
      [`${MARK}%`],
    );
    await owner.query(`DELETE FROM assessment_rounds WHERE title LIKE $1`, [`${MARK}%`]);
    await owner.query(`DELETE FROM indicator_systems WHERE name LIKE $1`, [`${MARK}%`]);
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
          const out = await row.run({
            client: clients.get(actor)!,
            owner,
            actor,
            target,
            shared,
            tag,
          });
          mismatches.push(...cellMismatches(actor, target, expected, out));
        }
      }
      expect(mismatches).toEqual([]);
      expect(allowedCells).toBeGreaterThan(0);
    },
    120_000,
  );

  it('its rows are the registry entries of assessment-files-matrix, each really called', () => {
    const called = [...clients.values()].flatMap((c) => [...c.called]);
    expect(coverageProblems('assessment-files-matrix', ROWS, called)).toEqual([]);
  });
});

import JSZip from 'jszip';
import { Client } from 'pg';
import { buildAnnualReportTemplate } from '@sunshine/api/annual-reports';
import {
  ApiClient,
  cellMismatches,
  doesBusiness,
  errorCode,
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
import { ANNUAL_FORMAT_2021 } from '@sunshine/shared/domain';
import type { StartedApi } from '../bootstrap';
import { startTestApi } from '../testing';
import { coverageProblems } from './tenancy-coverage';

/**
 * The annual report's files (.docx, ZIP, Excel import) and the province statistics × every demo
 * role × target organisations, with code checks and with RLS alone. Reports of YEAR are written
 * by the owner connection for every target (submitted); imports go into drafts of YEAR + 1,
 * written afresh for each cell. Both years are removed afterwards.
 */
const YEAR = 2007;
const DRAFT_YEAR = YEAR + 1;
const READERS = ['ADMIN', 'LEADER', 'EDITOR', 'REVIEWER', 'ASSESSOR'];

interface Cell {
  client: ApiClient;
  owner: Client;
  actor: string;
  target: string;
  draft: { id: string; version: number } | null;
}
interface Row {
  name: string;
  covers: string[];
  draft?: boolean;
  targets?(actor: string): string[];
  allowed(actor: string, target: string, mode: MatrixMode): boolean;
  run(c: Cell): Promise<CellOutcome>;
}

let workbook: Uint8Array<ArrayBuffer>;
const xlsx = { 'content-type': 'application/octet-stream' };

/** Targets (codes) at or below the organisation, among the matrix targets. */
const below = (code: string): string[] => MATRIX_TARGETS.filter((t) => t.startsWith(code));

const ROWS: Row[] = [
  {
    name: 'annualReportStatistics(organizationId)',
    covers: ['Query.annualReportStatistics'],
    allowed: (a, t) => doesBusiness(a) && sees(a, t),
    async run({ client, target }) {
      const r = await client.request<{
        annualReportStatistics: { total: { reports: number } };
      }>(
        'query($y: Int!, $o: ID) { annualReportStatistics(year: $y, organizationId: $o) { total { reports } } }',
        { y: YEAR, o: orgIdForCode(target) },
      );
      if (r.errors) return { ok: false, code: errorCode(r) };
      const n = r.data!.annualReportStatistics.total.reports;
      // Every target's subtree holds the submitted fixtures of the targets below it.
      return n === below(target).length ? { ok: true } : { ok: false, code: 'EMPTY' };
    },
  },
  {
    name: '.docx of the target’s report',
    covers: ['GET /files/annual-reports/:year/:organizationId.docx'],
    allowed: (a, t) => READERS.includes(roleOf(a)) && sees(a, t),
    async run({ client, target }) {
      const res = await client.http('GET', '/files/annual-reports/:year/:organizationId.docx', {
        year: String(YEAR),
        organizationId: orgIdForCode(target),
      });
      if (!res.ok) return httpOutcome(res);
      const zip = await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()));
      const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
      return xml.includes(`${YEAR}年政府信息公开工作年度报告`)
        ? { ok: true }
        : { ok: false, code: 'EMPTY' };
    },
  },
  {
    name: 'all.zip of the caller’s subtree',
    covers: ['GET /files/annual-reports/:year/all.zip'],
    targets: (a) => [orgOf(a)],
    allowed: (a) => ['ADMIN', 'LEADER'].includes(roleOf(a)),
    async run({ client, actor }) {
      const res = await client.http('GET', '/files/annual-reports/:year/all.zip', {
        year: String(YEAR),
      });
      if (!res.ok) return httpOutcome(res);
      const zip = await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()));
      const files = Object.values(zip.files).filter((f) => !f.dir);
      const expected = below(orgOf(actor)).length;
      // More files than the subtree's reports would be another tenant's reports.
      return { ok: files.length === expected, code: 'EMPTY', leaked: files.length > expected };
    },
  },
  {
    name: 'import preview into the target’s draft',
    covers: ['POST /files/annual-reports/:year/:organizationId/import/preview'],
    draft: true,
    allowed: (a, t, mode) =>
      roleOf(a) === 'EDITOR' && (mode.codeChecks ? orgOf(a) === t : sees(a, t)),
    async run({ client, target }) {
      const res = await client.http(
        'POST',
        '/files/annual-reports/:year/:organizationId/import/preview',
        { year: String(DRAFT_YEAR), organizationId: orgIdForCode(target) },
        { body: workbook, headers: xlsx },
      );
      if (!res.ok) return httpOutcome(res);
      const body = (await res.json()) as { ok: boolean; counts: { nonZero: number } };
      return body.ok && body.counts.nonZero === 1 ? { ok: true } : { ok: false, code: 'EMPTY' };
    },
  },
  {
    name: 'import into the target’s draft',
    covers: ['POST /files/annual-reports/:year/:organizationId/import'],
    draft: true,
    allowed: (a, t, mode) =>
      roleOf(a) === 'EDITOR' && (mode.codeChecks ? orgOf(a) === t : sees(a, t)),
    async run({ client, owner, target, draft }) {
      const res = await client.http(
        'POST',
        '/files/annual-reports/:year/:organizationId/import',
        { year: String(DRAFT_YEAR), organizationId: orgIdForCode(target) },
        { body: workbook, headers: { ...xlsx, 'x-report-version': String(draft!.version) } },
      );
      const { rows } = await owner.query<{ n: number | null }>(
        `SELECT (cells->>'t2.regulation.issued')::int AS n FROM annual_reports WHERE id = $1`,
        [draft!.id],
      );
      const written = rows[0]?.n === 3;
      if (!res.ok) return { ...(await httpOutcome(res)), leaked: written };
      const body = (await res.json()) as { ok: boolean };
      return body.ok && written ? { ok: true } : { ok: false, code: 'EMPTY', leaked: written };
    },
  },
];

describe.each(MATRIX_MODES)('annual report files tenancy matrix — %s', (_name, mode) => {
  let api: StartedApi;
  let owner: Client;
  const clients = new Map<string, ApiClient>();

  async function draftFor(code: string): Promise<{ id: string; version: number }> {
    await owner.query('DELETE FROM annual_reports WHERE year = $1 AND organization_id = $2', [
      DRAFT_YEAR,
      orgIdForCode(code),
    ]);
    const { rows } = await owner.query<{ id: string; version: number }>(
      `INSERT INTO annual_reports(organization_id, year, format_version, cells)
       VALUES ($1, $2, '2021', '{}') RETURNING id, version`,
      [orgIdForCode(code), DRAFT_YEAR],
    );
    return rows[0]!;
  }

  beforeAll(async () => {
    api = await startTestApi({}, mode);
    owner = new Client({ connectionString: process.env.SUNSHINE_TEST_OWNER_URL });
    await owner.connect();
    await owner.query('DELETE FROM annual_reports WHERE year IN ($1, $2)', [YEAR, DRAFT_YEAR]);
    for (const t of MATRIX_TARGETS)
      await owner.query(
        `INSERT INTO annual_reports(organization_id, year, format_version, status, cells, overview,
           submitted_at, first_submitted_at)
         VALUES ($1, $2, '2021', 'SUBMITTED', '{"t3.received.natural": 1, "t3.received.total": 1}', '矩阵',
           now(), now())`,
        [orgIdForCode(t), YEAR],
      );
    workbook = new Uint8Array(
      await buildAnnualReportTemplate(ANNUAL_FORMAT_2021, { 't2.regulation.issued': 3 }),
    );
    for (const actor of MATRIX_ACTORS) clients.set(actor, await signedIn(api.url, actor));
  });
  afterAll(async () => {
    await owner.query('DELETE FROM annual_reports WHERE year IN ($1, $2)', [YEAR, DRAFT_YEAR]);
    await owner.end();
    await api.app.close();
  });

  it.each(ROWS.map((row) => [row.name, row] as const))(
    '%s: exactly the allowed cells succeed',
    async (_n, row) => {
      const mismatches: string[] = [];
      let allowedCells = 0;
      for (const actor of MATRIX_ACTORS) {
        for (const target of row.targets?.(actor) ?? MATRIX_TARGETS) {
          const expected = row.allowed(actor, target, mode);
          if (expected) allowedCells++;
          const draft = row.draft ? await draftFor(target) : null;
          const out = await row.run({ client: clients.get(actor)!, owner, actor, target, draft });
          mismatches.push(...cellMismatches(actor, target, expected, out));
        }
      }
      expect(mismatches).toEqual([]);
      expect(allowedCells).toBeGreaterThan(0);
    },
  );

  it('its rows are the registry entries of annual-files-matrix, each really called', () => {
    const called = [...clients.values()].flatMap((c) => [...c.called]);
    expect(coverageProblems('annual-files-matrix', ROWS, called)).toEqual([]);
  });
});

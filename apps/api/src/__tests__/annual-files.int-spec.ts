import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { Client } from 'pg';
import { buildAnnualReportTemplate } from '@sunshine/api/annual-reports';
import { inspectDocx } from '@sunshine/api/official-docs';
import {
  ANNUAL_FORMAT_2021 as FORMAT,
  ANNUAL_REPORT_SECTION_TITLES,
} from '@sunshine/shared/domain';
import { signedIn, type ApiClient } from '@sunshine/testing';
import { orgIdForCode } from '@sunshine/tools/seed';
import type { StartedApi } from '../bootstrap';
import { startTestApi } from '../testing';

/**
 * The annual report's files: Excel import (preview, all or nothing, hostile files), the .docx
 * and the ZIP of every bureau of a subtree. Years 2009 (import drafts) and 2010 (stored reports,
 * all 136 bureaus) are used by no seed and removed afterwards.
 */
const DRAFT_YEAR = 2009;
const YEAR = 2010;
const BUREAU = '340103';
let api: StartedApi;
let owner: Client;
let editor: ApiClient;

const balanced: Record<string, number> = {
  't2.normative.issued': 2,
  't2.fees.amount': 1.25,
  't3.received.natural': 2,
  't3.received.total': 2,
  't3.disclosed.natural': 1,
  't3.disclosed.total': 1,
  't3.unavailable1.natural': 1,
  't3.unavailable1.total': 1,
  't3.resultTotal.natural': 2,
  't3.resultTotal.total': 2,
  't4.reconsideration.upheld': 1,
  't4.reconsideration.total': 1,
};

interface Preview {
  ok: boolean;
  problems: Array<{ severity: string; code: string; cell: string | null; message: string }>;
  checks: Array<{ rule: string; severity: string }>;
  counts: { nonZero: number; errors: number; failingRules: number };
  version?: number;
}

async function draft(sections = { overview: '已写的总体情况', problems: '', other: '' }) {
  await owner.query('DELETE FROM annual_reports WHERE year = $1', [DRAFT_YEAR]);
  const { rows } = await owner.query<{ id: string; version: number }>(
    `INSERT INTO annual_reports(organization_id, year, format_version, overview, problems, other, cells)
     VALUES ($1, $2, '2021', $3, $4, $5, '{"t2.regulation.issued": 9}') RETURNING id, version`,
    [orgIdForCode(BUREAU), DRAFT_YEAR, sections.overview, sections.problems, sections.other],
  );
  return rows[0]!;
}

async function send(
  path: 'import' | 'import/preview',
  body: Uint8Array,
  headers: Record<string, string> = {},
): Promise<Response> {
  return editor.http(
    'POST',
    `/files/annual-reports/:year/:organizationId/${path}`,
    { year: String(DRAFT_YEAR), organizationId: orgIdForCode(BUREAU) },
    {
      body: new Uint8Array(body),
      headers: { 'content-type': 'application/octet-stream', ...headers },
    },
  );
}

async function storedCells(): Promise<Record<string, number>> {
  const { rows } = await owner.query<{ cells: Record<string, number> }>(
    'SELECT cells FROM annual_reports WHERE year = $1 AND organization_id = $2',
    [DRAFT_YEAR, orgIdForCode(BUREAU)],
  );
  return rows[0]!.cells;
}

/** A workbook whose one entry inflates to `mb` MB of zeros, deflated as a stream. */
async function zipBomb(mb: number): Promise<Buffer> {
  const zip = await JSZip.loadAsync(await buildAnnualReportTemplate(FORMAT));
  let sent = 0;
  const zeros = new Readable({
    read() {
      sent += 1;
      this.push(sent > mb ? null : Buffer.alloc(1024 * 1024));
    },
  });
  zip.file('xl/media/image1.png', zeros, { binary: true });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', streamFiles: true });
}

beforeAll(async () => {
  api = await startTestApi();
  owner = new Client({ connectionString: process.env.SUNSHINE_TEST_OWNER_URL });
  await owner.connect();
  await owner.query('DELETE FROM annual_reports WHERE year IN ($1, $2)', [DRAFT_YEAR, YEAR]);
  editor = await signedIn(api.url, `${BUREAU}-editor`);
});
afterAll(async () => {
  await owner.query('DELETE FROM annual_reports WHERE year IN ($1, $2)', [DRAFT_YEAR, YEAR]);
  await owner.end();
  await api.app.close();
});

describe('Excel import of the tables', () => {
  it('serves the template generated from the format', async () => {
    const res = await editor.http('GET', '/files/annual-reports/template.xlsx', {});
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '表二 主动公开',
      '表三 依申请公开',
      '表四 复议诉讼',
      '填写说明',
    ]);
    expect(wb.getWorksheet('表三 依申请公开')!.getCell('D2').value).toBe('申请人情况');
  });

  it('previews without writing, then imports all or nothing, keeping the text sections', async () => {
    const d = await draft();
    const bytes = await buildAnnualReportTemplate(FORMAT, balanced);
    const preview = (await (await send('import/preview', bytes)).json()) as Preview;
    expect(preview).toMatchObject({
      ok: true,
      counts: { nonZero: 12, errors: 0, failingRules: 0 },
    });
    expect(await storedCells()).toEqual({ 't2.regulation.issued': 9 });

    const res = await send('import', bytes, { 'x-report-version': String(d.version) });
    const done = (await res.json()) as Preview;
    expect(done.ok).toBe(true);
    expect(done.version).toBe(d.version + 1);
    const cells = await storedCells();
    expect(cells['t2.regulation.issued']).toBe(0);
    expect(cells['t2.fees.amount']).toBe(1.25);
    expect(cells['t3.received.natural']).toBe(2);
    expect(Object.keys(cells)).toHaveLength(FORMAT.cells.length);
    const { rows } = await owner.query<{ overview: string; failing_rules: string[] }>(
      'SELECT overview, failing_rules FROM annual_reports WHERE id = $1',
      [d.id],
    );
    expect(rows[0]).toEqual({ overview: '已写的总体情况', failing_rules: [] });
    const audit = await owner.query<{ action: string; changes: { fileName: string } }>(
      `SELECT action, changes FROM audit_events WHERE target_id = $1 ORDER BY occurred_at`,
      [d.id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['ANNUAL_REPORT_SAVE', 'ANNUAL_REPORT_IMPORT']);
  });

  it('refuses a file with bad cells, naming each in Chinese; nothing is written', async () => {
    const d = await draft();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(
      (await buildAnnualReportTemplate(FORMAT, balanced)) as unknown as ArrayBuffer,
    );
    wb.getWorksheet('表三 依申请公开')!.getCell('D5').value = '两件';
    wb.getWorksheet('表四 复议诉讼')!.getCell('B5').value = -1;
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await send('import', bytes, { 'x-report-version': String(d.version) });
    const body = (await res.json()) as Preview;
    expect(body.ok).toBe(false);
    expect(body.problems.filter((p) => p.severity === 'ERROR').map((p) => p.message)).toEqual([
      '工作表「表三 依申请公开」D5（表三 一、本年新收政府信息公开申请数量 · 自然人）：「两件」不是数字',
      '工作表「表四 复议诉讼」B5（表四 行政复议 · 结果纠正）：-1 为负数，应填写非负数',
    ]);
    expect(await storedCells()).toEqual({ 't2.regulation.issued': 9 });
  });

  it('imports tables that fail an identity, and shows the failing rules as the form would', async () => {
    const d = await draft();
    const broken = { ...balanced, 't3.resultTotal.total': 3 };
    const res = await send('import', await buildAnnualReportTemplate(FORMAT, broken), {
      'x-report-version': String(d.version),
    });
    const body = (await res.json()) as Preview;
    expect(body.ok).toBe(true);
    expect(body.checks.filter((c) => c.severity === 'ERROR').map((c) => c.rule)).toEqual(
      expect.arrayContaining(['T3_RESULT_SUM:total', 'T3_BALANCE:total', 'T3_ROW_SUM:resultTotal']),
    );
    const { rows } = await owner.query<{ failing_rules: string[] }>(
      'SELECT failing_rules FROM annual_reports WHERE id = $1',
      [d.id],
    );
    expect(rows[0]!.failing_rules).toContain('T3_BALANCE:total');
  });

  it('refuses a stale version, a submitted report, and a missing version header', async () => {
    const d = await draft();
    const bytes = await buildAnnualReportTemplate(FORMAT, balanced);
    const stale = await send('import', bytes, { 'x-report-version': String(d.version - 1) });
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { reason: string }).reason).toBe('VERSION_CONFLICT');
    const missing = await send('import', bytes);
    expect(missing.status).toBe(400);
    await owner.query(`UPDATE annual_reports SET status = 'SUBMITTED' WHERE id = $1`, [d.id]);
    const submitted = await send('import/preview', bytes);
    expect(submitted.status).toBe(409);
    expect(((await submitted.json()) as { message: string }).message).toContain('已提交');
  });

  it('refuses hostile and wrong files with one Chinese message and writes nothing', async () => {
    await draft();
    const cases: Array<[string, Uint8Array, number, string]> = [
      ['zip bomb', await zipBomb(110), 400, 'IMPORT_INFLATED_TOO_LARGE'],
      ['a PDF', Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF'), 400, 'IMPORT_NOT_XLSX'],
      [
        'an old .xls',
        Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(4096)]),
        400,
        'IMPORT_OLD_FORMAT_OR_ENCRYPTED',
      ],
      ['an empty body', Buffer.alloc(0), 400, 'IMPORT_EMPTY'],
      ['11 MB', Buffer.alloc(11 * 1024 * 1024, 1), 400, 'FILE_TOO_LARGE'],
    ];
    for (const [name, bytes, status, reason] of cases) {
      const res = await send('import/preview', bytes);
      const body = (await res.json()) as { reason: string; message: string };
      expect([name, res.status, body.reason]).toEqual([name, status, reason]);
      expect(body.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    // A workbook that is not the template: no table found, nothing written.
    const other = new ExcelJS.Workbook();
    other.addWorksheet('任务清单').addRow(['序号', '工作任务', '牵头单位']);
    const res = await send('import', Buffer.from(await other.xlsx.writeBuffer()), {
      'x-report-version': '1',
    });
    const body = (await res.json()) as Preview;
    expect(body.ok).toBe(false);
    expect(body.problems.map((p) => p.code)).toEqual([
      'TABLE_NOT_FOUND',
      'TABLE_NOT_FOUND',
      'TABLE_NOT_FOUND',
    ]);
    expect(await storedCells()).toEqual({ 't2.regulation.issued': 9 });
  }, 60_000);
});

describe('the .docx and the ZIP', () => {
  let bureaus: Array<{ id: string; code: string; name: string }>;

  beforeAll(async () => {
    const { rows } = await owner.query<{ id: string; code: string; name: string }>(
      `SELECT id, code, name FROM organizations WHERE code LIKE '34%' ORDER BY code`,
    );
    bureaus = rows;
    // Every bureau's report of YEAR, submitted; the bureau's own numbers differ by its code.
    await owner.query(
      `INSERT INTO annual_reports(organization_id, year, format_version, status, overview, problems, other,
         cells, submitted_at, first_submitted_at)
       SELECT id, $1, '2021', 'SUBMITTED', name || '总体情况', '存在的问题', '其他事项',
         jsonb_build_object('t2.normative.inForce', length(code) * 3, 't3.received.natural', 1,
           't3.received.total', 1, 't3.disclosed.natural', 1, 't3.disclosed.total', 1,
           't3.resultTotal.natural', 1, 't3.resultTotal.total', 1),
         now(), now()
       FROM organizations WHERE code LIKE '34%'`,
      [YEAR],
    );
  });

  it('writes the bureau’s report in the six-section form with its three tables and numbers', async () => {
    const reader = await signedIn(api.url, '3401-reviewer');
    const res = await reader.http('GET', '/files/annual-reports/:year/:organizationId.docx', {
      year: String(YEAR),
      organizationId: orgIdForCode(BUREAU),
    });
    expect(res.status).toBe(200);
    expect(decodeURIComponent(res.headers.get('content-disposition') ?? '')).toContain(
      `${YEAR}年政府信息公开工作年度报告.docx`,
    );
    const doc = await inspectDocx(Buffer.from(await res.arrayBuffer()));
    const name = bureaus.find((b) => b.code === BUREAU)!.name;
    expect(doc.paragraphs.slice(0, 2).join('')).toBe(`${name}${YEAR}年政府信息公开工作年度报告`);
    for (const title of ANNUAL_REPORT_SECTION_TITLES) expect(doc.paragraphs).toContain(title);
    expect(doc.text).toContain(`${name}总体情况`);
    expect(doc.tables).toHaveLength(3);
    expect(doc.tables[0]![3]).toEqual(['行政规范性文件', '0', '0', String(BUREAU.length * 3)]);
    const received = doc.tables[1]!.find((r) => r[0] === '一、本年新收政府信息公开申请数量')!;
    expect(received.slice(-7)).toEqual(['1', '0', '0', '0', '0', '0', '1']);
    expect(doc.tables[2]![0]).toEqual(expect.arrayContaining(['行政复议', '行政诉讼']));
    const audit = await owner.query(
      `SELECT 1 FROM audit_events WHERE action = 'ANNUAL_REPORT_DOWNLOAD' AND organization_id = $1`,
      [orgIdForCode(BUREAU)],
    );
    expect(audit.rowCount).toBeGreaterThan(0);
  });

  it('zips one file per bureau of the subtree, in a folder per city; measured for the province', async () => {
    const province = await signedIn(api.url, '34-admin');
    const started = Date.now();
    const res = await province.http('GET', '/files/annual-reports/:year/all.zip', {
      year: String(YEAR),
    });
    expect(res.status).toBe(200);
    const bytes = Buffer.from(await res.arrayBuffer());
    const ms = Date.now() - started;
    const zip = await JSZip.loadAsync(bytes);
    const files = Object.values(zip.files).filter((f) => !f.dir);
    expect(files).toHaveLength(bureaus.length);
    expect(res.headers.get('x-report-count')).toBe(String(bureaus.length));
    const hefei = bureaus.find((b) => b.code === '3401')!.name;
    const county = bureaus.find((b) => b.code === BUREAU)!.name;
    expect(zip.file(`${hefei}/${county}${YEAR}年政府信息公开工作年度报告.docx`)).not.toBeNull();
    const one = await inspectDocx(
      await zip
        .file(`${hefei}/${county}${YEAR}年政府信息公开工作年度报告.docx`)!
        .async('nodebuffer'),
    );
    expect(one.tables).toHaveLength(3);
    console.log(
      `annual reports ZIP: ${files.length} bureaus, ${(bytes.length / 1024 / 1024).toFixed(1)} MB in ${ms} ms`,
    );

    const city = await signedIn(api.url, '3401-admin');
    const cityZip = await JSZip.loadAsync(
      Buffer.from(
        await (
          await city.http('GET', '/files/annual-reports/:year/all.zip', { year: String(YEAR) })
        ).arrayBuffer(),
      ),
    );
    const cityFiles = Object.keys(cityZip.files).filter((f) => !cityZip.files[f]!.dir);
    expect(cityFiles).toHaveLength(bureaus.filter((b) => b.code.startsWith('3401')).length);
    expect(cityFiles.every((f) => !f.includes('芜湖'))).toBe(true);
  }, 120_000);

  it('answers the statistics at demo size, summing exactly the stored reports', async () => {
    const province = await signedIn(api.url, '34-admin');
    const started = Date.now();
    const r = await province.request<{
      annualReportStatistics: {
        total: { reports: number; cells: Array<{ key: string; value: number }> };
        rows: Array<{ reports: number }>;
      };
    }>(
      `query($y: Int!) { annualReportStatistics(year: $y) { total { reports cells { key value } } rows { reports } } }`,
      { y: YEAR },
    );
    const ms = Date.now() - started;
    const s = r.data!.annualReportStatistics;
    expect(s.total.reports).toBe(bureaus.length);
    const { rows } = await owner.query<{ n: number }>(
      `SELECT sum((cells->>'t2.normative.inForce')::int)::int AS n FROM annual_reports WHERE year = $1`,
      [YEAR],
    );
    expect(s.total.cells.find((c) => c.key === 't2.normative.inForce')!.value).toBe(rows[0]!.n);
    expect(s.rows.reduce((n, x) => n + x.reports, 0)).toBe(bureaus.length - 1);
    console.log(`annualReportStatistics for ${bureaus.length} reports: ${ms} ms`);
  });
});

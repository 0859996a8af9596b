import { request as httpRequest, type IncomingMessage } from 'node:http';
import { Client } from 'pg';
import { ApiClient, evidenceFiles as f, signedIn } from '@sunshine/testing';
import { orgIdForCode } from '@sunshine/tools/seed';
import type { StartedApi } from '../bootstrap';
import { startTestApi } from '../testing';

/**
 * Issue 7: hostile evidence files (item 11) and file routes behind a revoked session (item 14c).
 * The test clock is 2025-05-20: 2025Q2 is open.
 */
let api: StartedApi;
let owner: Client;
let editor: ApiClient;
let draftId: string;

async function draftReport(client: ApiClient, code: string): Promise<string> {
  const r = await client.request<{
    assignments: { items: Array<{ id: string; report: { id: string } | null }> };
  }>('query($f: AssignmentsFilter!) { assignments(filter: $f) { items { id report { id } } } }', {
    f: { organizationId: orgIdForCode(code), year: 2025, quarter: 2, limit: 200 },
  });
  const free = r.data!.assignments.items.find((a) => a.report === null);
  if (!free) throw new Error(`no free assignment for ${code}`);
  const saved = await client.request<{ saveProgressReport: { id: string } }>(
    'mutation($i: SaveProgressReportInput!) { saveProgressReport(input: $i) { id } }',
    {
      i: {
        assignmentId: free.id,
        year: 2025,
        quarter: 2,
        completionState: 'IN_PROGRESS',
        percent: 10,
        narrative: '安全测试草稿',
      },
    },
  );
  if (!saved.data) throw new Error(JSON.stringify(saved.errors));
  return saved.data.saveProgressReport.id;
}

function upload(
  client: ApiClient,
  reportId: string,
  body: Buffer,
  name: string,
): Promise<Response> {
  return fetch(`${api.url}/files/reports/${reportId}/evidence`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${client.token}`,
      'content-type': 'application/octet-stream',
      'x-file-name': encodeURIComponent(name),
    },
    body: new Uint8Array(body),
  });
}

/**
 * Starts an upload that declares 19 MB but sends only 1 KB and never finishes; resolves with the
 * answer if one comes while the body is still unsent, or null after `waitMs`.
 */
function partialUpload(
  token: string | null,
  reportId: string,
  waitMs = 5000,
): Promise<{ status: number; body: { code?: string; reason?: string } } | null> {
  const url = new URL(`${api.url}/files/reports/${reportId}/evidence`);
  return new Promise((resolve, reject) => {
    const req = httpRequest({
      host: url.hostname,
      port: url.port,
      path: url.pathname,
      method: 'POST',
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        'content-type': 'application/octet-stream',
        'content-length': String(19 * 1024 * 1024),
        'x-file-name': 'big.pdf',
      },
    });
    const timer = setTimeout(() => {
      req.destroy();
      resolve(null);
    }, waitMs);
    req.on('response', (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        clearTimeout(timer);
        req.destroy();
        resolve({
          status: res.statusCode ?? 0,
          body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as {
            code?: string;
            reason?: string;
          },
        });
      });
    });
    req.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    req.write(Buffer.alloc(1024, 0x25));
  });
}

async function storedFiles(reportId: string): Promise<string[]> {
  const { rows } = await owner.query<{ file_name: string }>(
    'SELECT file_name FROM evidence_files WHERE report_id = $1 ORDER BY created_at',
    [reportId],
  );
  return rows.map((r) => r.file_name);
}

beforeAll(async () => {
  api = await startTestApi();
  owner = new Client({ connectionString: process.env.SUNSHINE_TEST_OWNER_URL });
  await owner.connect();
  editor = await signedIn(api.url, '340102-editor');
  draftId = await draftReport(editor, '340102');
});
afterAll(async () => {
  await owner.end();
  await api.app.close();
});

describe('evidence files are checked by structure (issue 7, item 11)', () => {
  it('refuses the reported polyglots: PDF+HTML+program, zip with word/ and a program, OLE marker and a program', async () => {
    const attacks: Array<[string, Buffer]> = [
      ['通知.pdf', Buffer.concat([Buffer.from('%PDF-1.4\n'), f.HTML_PAGE, f.windowsProgram()])],
      [
        '方案.docx',
        f.zip([
          { name: '[Content_Types].xml', data: '<Types/>' },
          { name: 'word/document.xml', data: '<w:document/>' },
          { name: 'word/setup.exe', data: f.windowsProgram() },
        ]),
      ],
      [
        '台账.doc',
        Buffer.concat([
          Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
          Buffer.alloc(512),
          Buffer.from('WordDocument', 'utf16le'),
          f.windowsProgram(),
        ]),
      ],
      [
        '整改.pdf',
        f.pdf({ objects: [f.flateStreamObject('/Type /EmbeddedFile', f.linuxProgram())] }),
      ],
      ['宏.docx', f.docx([{ name: 'word/vbaProject.bin', data: 'Attribute VB_Name' }])],
      ['照片.png', f.png([], f.windowsProgram())],
    ];
    for (const [name, body] of attacks) {
      const res = await upload(editor, draftId, body, name);
      expect({ name, status: res.status }).toEqual({ name, status: 400 });
      const answer = (await res.json()) as { code: string; reason: string; message: string };
      expect(answer.code).toBe('BAD_USER_INPUT');
      expect(answer.reason).toBe('UNSAFE_FILE');
      expect(answer.message).toMatch(/宏|脚本|可执行程序/);
    }
    expect(await storedFiles(draftId)).toEqual([]);
    const plain = await upload(editor, draftId, f.docx(), '会议纪要.docx');
    expect(plain.status).toBe(201);
  });

  it('checks role and report before reading the body: no answer waits for 19 MB', async () => {
    const reviewer = await signedIn(api.url, '340102-reviewer');
    const sibling = await signedIn(api.url, '340103-editor');
    const started = Date.now();
    const asReviewer = await partialUpload(reviewer.token, draftId);
    const asSibling = await partialUpload(sibling.token, draftId);
    const missing = await partialUpload(editor.token, '00000000-0000-4000-8000-000000000000');
    expect(asReviewer).toMatchObject({ status: 403, body: { reason: 'NOT_EDITOR' } });
    expect(asSibling).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
    expect(missing).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('removes direction-changing and invisible characters and path separators from file names', async () => {
    const name = '..\\整改\u202Efdp.exe\u200B报告/\u2066x\u2069.pdf';
    const res = await upload(editor, draftId, f.pdf(), name);
    expect(res.status).toBe(201);
    const { fileName } = (await res.json()) as { fileName: string };
    expect(fileName).not.toMatch(/[\u200B-\u200F\u202A-\u202E\u2066-\u2069\\/]/);
    expect(fileName).toBe('_整改fdp.exe报告_x.pdf');
    const download = await fetch(`${api.url}/files/evidence/${(await storedIds(draftId)).pop()}`, {
      headers: { authorization: `Bearer ${editor.token}` },
    });
    expect(download.headers.get('content-disposition')).not.toMatch(/%E2%80%AE/i);
  });
});

async function storedIds(reportId: string): Promise<string[]> {
  const { rows } = await owner.query<{ id: string }>(
    'SELECT id FROM evidence_files WHERE report_id = $1 ORDER BY created_at',
    [reportId],
  );
  return rows.map((r) => r.id);
}

describe('file routes need a live session (issue 7, item 14c)', () => {
  it('a signed-out session no longer downloads templates, exports or evidence, nor uploads', async () => {
    const client = await signedIn(api.url, '340102-editor');
    const admin = await signedIn(api.url, '34-admin');
    const get = (c: ApiClient, path: string): Promise<Response> =>
      fetch(`${api.url}${path}`, { headers: { authorization: `Bearer ${c.token}` } });
    expect((await get(client, '/files/templates/checklist.xlsx')).status).toBe(200);
    expect((await get(admin, '/files/templates/checklist-sample.xlsx')).status).toBe(200);
    const evidenceId = (await storedIds(draftId))[0];
    expect((await get(client, `/files/evidence/${evidenceId}`)).status).toBe(200);

    expect((await client.request('mutation { logout }')).data).toEqual({ logout: true });
    expect((await admin.request('mutation { logout }')).data).toEqual({ logout: true });
    for (const [c, path] of [
      [client, '/files/templates/checklist.xlsx'],
      [admin, '/files/templates/checklist-sample.xlsx'],
      [client, `/files/evidence/${evidenceId}`],
    ] as const) {
      const res = await get(c, path);
      expect({ path, status: res.status }).toEqual({ path, status: 401 });
      expect(((await res.json()) as { reason: string }).reason).toBe('SESSION_REVOKED');
    }
    const late = await upload(client, draftId, f.pdf(), 'late.pdf');
    expect(late.status).toBe(401);
    expect(await partialUpload(client.token, draftId)).toMatchObject({ status: 401 });
  });
});

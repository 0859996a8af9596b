import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { Client } from 'pg';
import {
  errorCode,
  evidenceFiles,
  signedIn,
  type ApiClient,
  type GraphQLResult,
} from '@sunshine/testing';
import { inspectDocx } from '@sunshine/api/official-docs';
import { orgIdForCode } from '@sunshine/tools/seed';
import type { StartedApi } from '../bootstrap';
import { startTestApi } from '../testing';

// Materials, invitations edited after creation, the target audience, coverage by quarter and its
// export. The test clock is 2025-05-20 (China time); coverage uses 2013, a year no seed touches.
let api: StartedApi;
let owner: Client;
const MARK = '【培训补充】';
const YEAR = 2013;

interface Session {
  id: string;
  version: number;
  invited: Array<{ code: string }>;
  materials: Array<{ id: string; kind: string; fileName: string; sha256: string }>;
}
const FIELDS = 'id version invited { code } materials { id kind fileName sha256 }';
const reason = (r: GraphQLResult): unknown =>
  (r.errors?.[0]?.extensions as { reason?: string } | undefined)?.reason;

async function create(client: ApiClient, input: Record<string, unknown>): Promise<Session> {
  const r = await client.request<{ createTrainingSession: Session }>(
    `mutation($i: TrainingSessionInput!) { createTrainingSession(input: $i) { ${FIELDS} } }`,
    { i: { startDate: '2025-06-10', endDate: '2025-06-10', hours: 6, ...input } },
  );
  expect(r.errors).toBeUndefined();
  return r.data!.createTrainingSession;
}

async function update(
  client: ApiClient,
  s: Session,
  input: Record<string, unknown>,
): Promise<GraphQLResult<{ updateTrainingSession: Session }>> {
  return client.request<{ updateTrainingSession: Session }>(
    `mutation($i: UpdateTrainingSessionInput!) { updateTrainingSession(input: $i) { ${FIELDS} } }`,
    {
      i: {
        id: s.id,
        version: s.version,
        startDate: '2025-06-10',
        endDate: '2025-06-10',
        hours: 6,
        ...input,
      },
    },
  );
}

const upload = (client: ApiClient, id: string, body: Buffer, name: string, kind?: string) =>
  client.http(
    'POST',
    '/files/trainings/:id/materials',
    { id },
    {
      body: new Uint8Array(body),
      headers: { 'x-file-name': encodeURIComponent(name) },
      query: kind ? { kind } : undefined,
    },
  );

beforeAll(async () => {
  api = await startTestApi();
  owner = new Client({ connectionString: process.env.SUNSHINE_TEST_OWNER_URL });
  await owner.connect();
});
afterAll(async () => {
  await owner.query(`DELETE FROM training_sessions WHERE title LIKE $1`, [`${MARK}%`]);
  await owner.end();
  await api.app.close();
});

describe('training materials', () => {
  it('the host uploads slides and photos under the evidence rules; whoever reads the session downloads them', async () => {
    const city = await signedIn(api.url, '3401-admin');
    const s = await create(city, { title: `${MARK}材料` });
    const slides = evidenceFiles.pdf();
    const up = await upload(city, s.id, slides, '第一讲.pptx.pdf', 'SLIDES');
    expect(up.status).toBe(201);
    const stored = (await up.json()) as {
      id: string;
      kind: string;
      fileName: string;
      sha256: string;
    };
    expect(stored).toMatchObject({ kind: 'SLIDES', fileName: '第一讲.pptx.pdf' });
    expect(stored.sha256).toBe(createHash('sha256').update(slides).digest('hex'));
    // A picture named .doc is stored under its real type.
    const photo = await upload(city, s.id, evidenceFiles.png(), '合影.doc', 'photo');
    expect(((await photo.json()) as { fileName: string }).fileName).toBe('合影.png');

    // Refused: not an accepted type, a hostile polyglot, empty, a bad kind, not the host.
    const text = await upload(city, s.id, Buffer.from('plain text, not a document'), 'a.txt');
    expect(text.status).toBe(400);
    expect(((await text.json()) as { reason: string }).reason).toBe('TRAINING_MATERIAL_TYPE');
    const polyglot = await upload(
      city,
      s.id,
      Buffer.concat([evidenceFiles.png(), evidenceFiles.HTML_PAGE]),
      'b.png',
    );
    expect(((await polyglot.json()) as { reason: string }).reason).toBe('TRAINING_MATERIAL_UNSAFE');
    const program = await upload(
      city,
      s.id,
      evidenceFiles.pdf({ trailing: evidenceFiles.windowsProgram() }),
      'c.pdf',
    );
    expect(((await program.json()) as { reason: string }).reason).toBe('TRAINING_MATERIAL_UNSAFE');
    expect(
      ((await (await upload(city, s.id, Buffer.alloc(0), 'd.pdf')).json()) as { reason: string })
        .reason,
    ).toBe('TRAINING_MATERIAL_EMPTY');
    expect(
      ((await (await upload(city, s.id, slides, 'e.pdf', 'VIDEO')).json()) as { reason: string })
        .reason,
    ).toBe('TRAINING_MATERIAL_KIND');
    const countyAdmin = await signedIn(api.url, '340102-admin');
    const notHost = await upload(countyAdmin, s.id, slides, 'f.pdf');
    expect(notHost.status).toBe(403);

    // Listed on the session; a county below downloads; another city's county does not see it.
    const listed = await countyAdmin.request<{ trainingSession: Session }>(
      `query($id: ID!) { trainingSession(id: $id) { ${FIELDS} } }`,
      { id: s.id },
    );
    expect(listed.data!.trainingSession.materials.map((x) => x.kind)).toEqual(['SLIDES', 'PHOTO']);
    const got = await countyAdmin.http('GET', '/files/training-materials/:id', { id: stored.id });
    expect(got.status).toBe(200);
    expect(Buffer.from(await got.arrayBuffer()).equals(slides)).toBe(true);
    expect(got.headers.get('x-content-sha256')).toBe(stored.sha256);
    const stranger = await signedIn(api.url, '340202-admin');
    expect(
      (await stranger.http('GET', '/files/training-materials/:id', { id: stored.id })).status,
    ).toBe(404);
    const { rows: n } = await owner.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM training_materials WHERE session_id = $1',
      [s.id],
    );
    expect(n[0]!.n).toBe(2);

    // Removed by the host only; audited with names and hashes, not contents.
    expect(
      (await countyAdmin.http('DELETE', '/files/training-materials/:id', { id: stored.id })).status,
    ).toBe(403);
    const del = await city.http('DELETE', '/files/training-materials/:id', { id: stored.id });
    expect(await del.json()).toEqual({ ok: true });
    const { rows: trail } = await owner.query<{ action: string; changes: { fileName?: string } }>(
      `SELECT action, changes FROM audit_events WHERE target_id = $1 AND action LIKE 'TRAINING_MATERIAL%' ORDER BY id`,
      [s.id],
    );
    expect(trail.map((t) => t.action)).toEqual([
      'TRAINING_MATERIAL_UPLOAD',
      'TRAINING_MATERIAL_UPLOAD',
      'TRAINING_MATERIAL_DELETE',
    ]);
  });
});

describe('invitations edited after creation and the target audience', () => {
  it('keeps the invitations when omitted, replaces them when given, refuses bureaus outside', async () => {
    const admin = await signedIn(api.url, '34-admin');
    let s = await create(admin, {
      title: `${MARK}邀请`,
      invitedOrganizationIds: ['3401', '340102'].map(orgIdForCode),
    });
    const kept = await update(admin, s, { title: `${MARK}邀请（改名）` });
    expect(kept.errors).toBeUndefined();
    s = kept.data!.updateTrainingSession;
    expect(s.invited.map((o) => o.code).sort()).toEqual(['3401', '340102']);
    const changed = await update(admin, s, {
      title: `${MARK}邀请（改名）`,
      invitedOrganizationIds: ['340102', '3402'].map(orgIdForCode),
    });
    s = changed.data!.updateTrainingSession;
    expect(s.invited.map((o) => o.code).sort()).toEqual(['340102', '3402']);
    const city = await signedIn(api.url, '3401-admin');
    const citySession = await create(city, { title: `${MARK}市级邀请` });
    const outside = await update(city, citySession, {
      title: `${MARK}市级邀请`,
      invitedOrganizationIds: [orgIdForCode('340202')],
    });
    expect(reason(outside)).toBe('TRAINING_INVITEE_OUTSIDE');
    // A removed bureau may no longer register.
    const hefei = await signedIn(api.url, '3401-editor');
    const removed = await hefei.request(
      'mutation($i: RecordAttendanceInput!) { recordAttendance(input: $i) { id } }',
      { i: { sessionId: s.id, organizationId: orgIdForCode('3401'), traineeName: '钱一' } },
    );
    expect(reason(removed)).toBe('TRAINING_NOT_INVITED');
  });

  it('refuses a bureau outside the target levels registering itself, warns on a post outside the roles', async () => {
    const admin = await signedIn(api.url, '34-admin');
    const s = await create(admin, {
      title: `${MARK}对象`,
      audienceLevels: ['CITY'],
      audienceRoles: ['分管领导'],
      registrationDeadline: '2025-06-01',
      invitedOrganizationIds: ['3401', '340102'].map(orgIdForCode),
    });
    const reg = (client: ApiClient, org: string, name: string, post: string) =>
      client.request<{ recordAttendance: { id: string; warning: string | null } }>(
        'mutation($i: RecordAttendanceInput!) { recordAttendance(input: $i) { id warning } }',
        { i: { sessionId: s.id, organizationId: orgIdForCode(org), traineeName: name, post } },
      );
    const county = await signedIn(api.url, '340102-admin');
    const refused = await reg(county, '340102', '孙二', '副局长');
    expect(errorCode(refused)).toBe('FORBIDDEN');
    expect(reason(refused)).toBe('TRAINING_OUTSIDE_AUDIENCE');
    expect(refused.errors?.[0]?.message).toContain('本培训面向市级单位');
    const cityEditor = await signedIn(api.url, '3401-editor');
    const leader = await reg(cityEditor, '3401', '周三', '副局长');
    expect(leader.errors).toBeUndefined();
    expect(leader.data!.recordAttendance.warning).toBeNull();
    const staff = await reg(cityEditor, '3401', '吴四', '科员');
    expect(staff.errors).toBeUndefined();
    expect(staff.data!.recordAttendance.warning).toContain('不在培训对象之内');
    // The host may still record a county's person, with the warning.
    const byHost = await reg(admin, '340102', '郑五', '副局长');
    expect(byHost.errors).toBeUndefined();
    expect(byHost.data!.recordAttendance.warning).toContain('本培训面向市级单位');
  });

  it('closes registration after the deadline', async () => {
    const admin = await signedIn(api.url, '34-admin');
    const s = await create(admin, {
      title: `${MARK}截止`,
      registrationDeadline: '2025-05-19',
      invitedOrganizationIds: [orgIdForCode('3401')],
    });
    const cityEditor = await signedIn(api.url, '3401-editor');
    const late = await cityEditor.request(
      'mutation($i: RecordAttendanceInput!) { recordAttendance(input: $i) { id } }',
      { i: { sessionId: s.id, organizationId: orgIdForCode('3401'), traineeName: '王迟' } },
    );
    expect(reason(late)).toBe('TRAINING_REGISTRATION_CLOSED');
  });
});

describe('coverage by quarter and its export', () => {
  it('counts a quarter’s sessions only, and exports the same table', async () => {
    const ins = async (start: string, org: string, name: string, hours: number) => {
      const { rows } = await owner.query<{ id: string }>(
        `INSERT INTO training_sessions(organization_id, organiser_level, organiser_kind, year, title, start_date, end_date, hours, status)
         VALUES ($1, 'PROVINCE', 'OWN', $2, $3, $4, $4, 6, 'HELD') RETURNING id`,
        [orgIdForCode('34'), YEAR, `${MARK}${start}`, start],
      );
      await owner.query(
        `INSERT INTO training_attendances(session_id, session_org_id, organization_id, trainee_name, attended, hours)
         VALUES ($1, $2, $3, $4, true, $5)`,
        [rows[0]!.id, orgIdForCode('34'), orgIdForCode(org), name, hours],
      );
    };
    await ins(`${YEAR}-02-10`, '340102', '甲', 6);
    await ins(`${YEAR}-05-10`, '340103', '乙', 3);
    await ins(`${YEAR}-06-30`, '340102', '甲', 2);
    const leader = await signedIn(api.url, '34-leader');
    const q = (quarter: number | null) =>
      leader.request<{
        trainingCoverage: {
          quarter: number | null;
          total: { bureausTrained: number; personHours: number; trainees: number };
        };
      }>(
        'query($y: Int!, $q: Int) { trainingCoverage(year: $y, quarter: $q) { quarter total { bureausTrained personHours trainees } } }',
        { y: YEAR, q: quarter },
      );
    expect((await q(null)).data!.trainingCoverage.total).toEqual({
      bureausTrained: 2,
      personHours: 11,
      trainees: 2,
    });
    expect((await q(1)).data!.trainingCoverage.total).toEqual({
      bureausTrained: 1,
      personHours: 6,
      trainees: 1,
    });
    const q2 = (await q(2)).data!.trainingCoverage;
    expect(q2.quarter).toBe(2);
    expect(q2.total).toEqual({ bureausTrained: 2, personHours: 5, trainees: 2 });
    expect((await q(3)).data!.trainingCoverage.total.bureausTrained).toBe(0);
    expect(reason(await q(5))).toBe('TRAINING_BAD_QUARTER');

    const res = await leader.http(
      'GET',
      '/files/trainings/coverage.xlsx',
      {},
      { query: { year: String(YEAR), quarter: '2' } },
    );
    expect(res.status).toBe(200);
    expect(decodeURIComponent(res.headers.get('content-disposition') ?? '')).toContain(
      `${YEAR}年第二季度培训覆盖情况.xlsx`,
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('培训覆盖情况')!;
    const total = sheet.getRow(sheet.rowCount);
    expect(total.getCell(1).value).toBe('合计');
    expect(total.getCell(3).value).toBe(2);
    expect(total.getCell(6).value).toBe(5);
    const untrained = wb.getWorksheet('尚无人参训的单位')!;
    expect(untrained.rowCount).toBeGreaterThan(10);
    const bad = await leader.http(
      'GET',
      '/files/trainings/coverage.xlsx',
      {},
      { query: { year: 'x' } },
    );
    expect(bad.status).toBe(400);
    const { rows: trail } = await owner.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'TRAINING_COVERAGE_EXPORT' AND changes->>'year' = $1`,
      [String(YEAR)],
    );
    expect(trail[0]!.n).toBe(1);
  });
});

describe('学时证明 (certificates as .docx)', () => {
  const CY = 2014;
  it('per person and per bureau: the person, hours, sessions and issuer; own bureau and overseers only; audited without names', async () => {
    const ins = async (title: string, start: string, end: string, org: string, hours: number) => {
      const { rows } = await owner.query<{ id: string }>(
        `INSERT INTO training_sessions(organization_id, organiser_level, organiser_kind, year, title, start_date, end_date, hours, status)
         VALUES ($1, 'PROVINCE', 'OWN', $2, $3, $4, $5, 12, 'HELD') RETURNING id`,
        [orgIdForCode('34'), CY, `${MARK}${title}`, start, end],
      );
      const { rows: a } = await owner.query<{ id: string }>(
        `INSERT INTO training_attendances(session_id, session_org_id, organization_id, trainee_name, post, phone, attended, hours)
         VALUES ($1, $2, $3, '陈证明', '副局长', '13800001111', true, $4) RETURNING id`,
        [rows[0]!.id, orgIdForCode('34'), orgIdForCode(org), hours],
      );
      return a[0]!.id;
    };
    const first = await ins('政务公开条例专题', `${CY}-03-05`, `${CY}-03-06`, '340102', 12);
    await ins('政策解读专题', `${CY}-09-10`, `${CY}-09-10`, '340102', 3.5);
    const { rows: top } = await owner.query<{ name: string }>(
      'SELECT name FROM organizations WHERE code = $1',
      ['34'],
    );
    const { rows: county } = await owner.query<{ name: string }>(
      'SELECT name FROM organizations WHERE code = $1',
      ['340102'],
    );
    const docx = async (client: ApiClient, route: string, params: Record<string, string>) => {
      const res = await client.http('GET', route, params, { query: { year: String(CY) } });
      return {
        status: res.status,
        type: res.headers.get('content-type'),
        doc: res.status === 200 ? await inspectDocx(Buffer.from(await res.arrayBuffer())) : null,
      };
    };
    const PERSON = '/files/trainings/attendances/:id/certificate.docx';
    const BUREAU = '/files/trainings/bureaus/:organizationId/certificate.docx';

    const countyAdmin = await signedIn(api.url, '340102-admin');
    const mine = await docx(countyAdmin, PERSON, { id: first });
    expect(mine.status).toBe(200);
    expect(mine.type).toContain('wordprocessingml');
    const d = mine.doc!;
    expect(d.paragraphs[0]).toBe('培训学时证明');
    expect(d.text).toContain(
      `兹证明${county[0]!.name}陈证明（副局长）同志于${CY}年参加政务公开业务培训2期，累计15.5学时。`,
    );
    expect(d.tables[0]![1]).toEqual([
      '1',
      `${MARK}政务公开条例专题`,
      top[0]!.name,
      `${CY}.3.5—${CY}.3.6`,
      '12',
    ]);
    expect(d.tables[0]![2]![1]).toBe(`${MARK}政策解读专题`);
    expect(d.tables[0]!.at(-1)).toEqual(['合计', '15.5']);
    expect(d.text).not.toContain('13800001111');
    // The issuer and the date (the business clock) at the end.
    expect(d.paragraphs).toContain(top[0]!.name);
    expect(d.paragraphs).toContain('2025年5月20日');
    expect(d.page).toMatchObject({ widthMm: 210, heightMm: 297 });

    const bureau = await docx(countyAdmin, BUREAU, { organizationId: orgIdForCode('340102') });
    expect(bureau.status).toBe(200);
    expect(bureau.doc!.text).toContain(
      `兹证明${county[0]!.name}${CY}年共有1人参加政务公开业务培训2期，累计15.5学时。`,
    );
    expect(bureau.doc!.tables[0]![0]).toEqual(['序号', '姓名', '职务', '培训班', '日期', '学时']);

    // The city above may; a neighbouring county, an editor, a leader may not.
    expect(
      (
        await docx(await signedIn(api.url, '3401-admin'), BUREAU, {
          organizationId: orgIdForCode('340102'),
        })
      ).status,
    ).toBe(200);
    const neighbour = await signedIn(api.url, '340103-admin');
    expect((await docx(neighbour, PERSON, { id: first })).status).toBe(404);
    expect((await docx(neighbour, BUREAU, { organizationId: orgIdForCode('340102') })).status).toBe(
      404,
    );
    expect(
      (await docx(await signedIn(api.url, '340102-editor'), PERSON, { id: first })).status,
    ).toBe(403);
    // Nothing attended that year: 404 with its reason.
    const none = await countyAdmin.http(
      'GET',
      BUREAU,
      { organizationId: orgIdForCode('340102') },
      { query: { year: '2001' } },
    );
    expect(none.status).toBe(404);
    expect(((await none.json()) as { reason: string }).reason).toBe('TRAINING_NO_CERTIFICATE');

    const { rows: trail } = await owner.query<{ changes: Record<string, unknown> }>(
      `SELECT changes FROM audit_events WHERE action = 'TRAINING_CERTIFICATE' AND target_id = $1
         AND changes->>'year' = $2 ORDER BY id`,
      [orgIdForCode('340102'), String(CY)],
    );
    expect(trail.map((t) => t.changes.kind)).toEqual(['PERSON', 'BUREAU', 'BUREAU']);
    expect(trail[0]!.changes).toMatchObject({ sessions: 2, hours: 15.5 });
    expect(JSON.stringify(trail)).not.toContain('陈证明');
  });
});

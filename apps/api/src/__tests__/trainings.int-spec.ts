import ExcelJS from 'exceljs';
import { Client } from 'pg';
import { errorCode, signedIn, type ApiClient, type GraphQLResult } from '@sunshine/testing';
import { orgIdForCode } from '@sunshine/tools/seed';
import { QueryCounter } from '@sunshine/api/core';
import type { StartedApi } from '../bootstrap';
import { startTestApi } from '../testing';

// The test clock is 2025-05-20 (China time). Coverage counts use 2012, a year no seed touches.
let api: StartedApi;
let owner: Client;
const YEAR = 2012;
const MARK = '【培训测试】';

const SESSION_FIELDS = `id title year status version canEdit organiserLabel hours attendanceCount
  invited { code } attendances { id organization { id code name } traineeName post phone phoneMasked attended hours }`;

interface Attendance {
  id: string;
  organization: { id: string; code: string; name: string };
  traineeName: string;
  phone: string;
  phoneMasked: boolean;
  attended: boolean;
  hours: number;
}
interface Session {
  id: string;
  version: number;
  status: string;
  canEdit: boolean;
  attendanceCount: number;
  invited: Array<{ code: string }>;
  attendances: Attendance[];
}

const reason = (r: GraphQLResult): unknown =>
  (r.errors?.[0]?.extensions as { reason?: string } | undefined)?.reason;

async function create(
  client: ApiClient,
  input: Record<string, unknown>,
): Promise<GraphQLResult<{ createTrainingSession: Session }>> {
  return client.request<{ createTrainingSession: Session }>(
    `mutation($i: TrainingSessionInput!) { createTrainingSession(input: $i) { ${SESSION_FIELDS} } }`,
    { i: input },
  );
}

async function session(
  client: ApiClient,
  id: string,
): Promise<GraphQLResult<{ trainingSession: Session }>> {
  return client.request<{ trainingSession: Session }>(
    `query($id: ID!) { trainingSession(id: $id) { ${SESSION_FIELDS} } }`,
    { id },
  );
}

async function record(
  client: ApiClient,
  input: Record<string, unknown>,
): Promise<GraphQLResult<{ recordAttendance: Attendance }>> {
  return client.request<{ recordAttendance: Attendance }>(
    'mutation($i: RecordAttendanceInput!) { recordAttendance(input: $i) { id phone phoneMasked attended hours organization { code } } }',
    { i: input },
  );
}

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

describe('training sessions', () => {
  it('refuses bad input with Chinese messages and precise codes', async () => {
    const admin = await signedIn(api.url, '34-admin');
    const base = {
      title: `${MARK}校验`,
      startDate: '2025-06-10',
      endDate: '2025-06-11',
      hours: 12,
    };
    const backwards = await create(admin, { ...base, endDate: '2025-06-09' });
    expect(errorCode(backwards)).toBe('BAD_USER_INPUT');
    expect(reason(backwards)).toBe('TRAINING_BAD_DATES');
    expect(backwards.errors?.[0]?.message).toBe('结束日期不能早于开始日期');
    const tooLong = await create(admin, { ...base, hours: 40 });
    expect(reason(tooLong)).toBe('TRAINING_BAD_HOURS');
    const badDay = await create(admin, { ...base, startDate: '2025-02-30' });
    expect(reason(badDay)).toBe('TRAINING_BAD_DATES');
    const noHours = await create(admin, { ...base, hours: 0 });
    expect(errorCode(noHours)).toBe('BAD_USER_INPUT');
    expect(noHours.errors?.[0]?.message).toContain('学时');
    const county = await signedIn(api.url, '340102-admin');
    const byCounty = await create(county, base);
    expect(errorCode(byCounty)).toBe('FORBIDDEN');
    const city = await signedIn(api.url, '3401-admin');
    const outside = await create(city, {
      ...base,
      invitedOrganizationIds: [orgIdForCode('340202')],
    });
    expect(reason(outside)).toBe('TRAINING_INVITEE_OUTSIDE');
    const editor = await signedIn(api.url, '34-leader');
    expect(errorCode(await create(editor, base))).toBe('FORBIDDEN');
  });

  it('runs the loop: create, register, hold, record, mask phones, keep counties apart, audit', async () => {
    const admin = await signedIn(api.url, '34-admin');
    const created = await create(admin, {
      title: `${MARK}全省政务公开业务培训班`,
      startDate: '2025-06-10',
      endDate: '2025-06-11',
      place: '合肥',
      hours: 12,
      topics: ['政府信息公开条例解读'],
      lecturers: [{ name: '王讲师', title: '处长', organization: '省政务公开办' }],
      audienceLevels: ['CITY', 'COUNTY'],
      audienceRoles: ['分管领导', '工作人员'],
      invitedOrganizationIds: ['3401', '340102', '340103', '3402'].map(orgIdForCode),
      capacity: 100,
      registrationDeadline: '2025-06-05',
    });
    expect(created.errors).toBeUndefined();
    const s = created.data!.createTrainingSession;
    expect(s.status).toBe('PLANNED');
    expect(s.invited.map((o) => o.code).sort()).toEqual(['3401', '340102', '340103', '3402']);

    // An invited county registers its own people before the session.
    const yaohai = await signedIn(api.url, '340102-editor');
    const reg = await record(yaohai, {
      sessionId: s.id,
      organizationId: orgIdForCode('340102'),
      traineeName: '张 明',
      post: '办公室主任',
      phone: '13812341234',
    });
    expect(reg.errors).toBeUndefined();
    expect(reg.data!.recordAttendance.attended).toBe(false);
    // An editor is not its bureau's ADMIN: the phone comes back masked.
    expect(reg.data!.recordAttendance.phone).toBe('138****1234');
    const dup = await record(yaohai, {
      sessionId: s.id,
      organizationId: orgIdForCode('340102'),
      traineeName: '张明',
    });
    expect(reason(dup)).toBe('TRAINING_DUPLICATE_PERSON');
    const forNeighbour = await record(yaohai, {
      sessionId: s.id,
      organizationId: orgIdForCode('340103'),
      traineeName: '李四',
    });
    expect(errorCode(forNeighbour)).toBe('FORBIDDEN');
    const badPhone = await record(yaohai, {
      sessionId: s.id,
      organizationId: orgIdForCode('340102'),
      traineeName: '王五',
      phone: '12345',
    });
    expect(reason(badPhone)).toBe('TRAINING_BAD_PHONE');
    const luyang = await signedIn(api.url, '340103-admin');
    expect(
      (
        await record(luyang, {
          sessionId: s.id,
          organizationId: orgIdForCode('340103'),
          traineeName: '李华',
          phone: '13900001111',
        })
      ).errors,
    ).toBeUndefined();
    // Not invited: 340202.
    const jinghu = await signedIn(api.url, '340202-admin');
    const uninvited = await record(jinghu, {
      sessionId: s.id,
      organizationId: orgIdForCode('340202'),
      traineeName: '赵六',
    });
    expect(reason(uninvited)).toBe('TRAINING_NOT_INVITED');

    // The host holds the session and records attendance, partial hours included.
    const held = await admin.request<{ updateTrainingSession: Session }>(
      `mutation($i: UpdateTrainingSessionInput!) { updateTrainingSession(input: $i) { ${SESSION_FIELDS} } }`,
      {
        i: {
          id: s.id,
          version: s.version,
          status: 'HELD',
          title: `${MARK}全省政务公开业务培训班`,
          startDate: '2025-06-10',
          endDate: '2025-06-11',
          hours: 12,
          invitedOrganizationIds: ['3401', '340102', '340103', '3402'].map(orgIdForCode),
        },
      },
    );
    expect(held.errors).toBeUndefined();
    const skip = await admin.request(
      `mutation($i: UpdateTrainingSessionInput!) { updateTrainingSession(input: $i) { id } }`,
      {
        i: {
          id: s.id,
          version: held.data!.updateTrainingSession.version,
          status: 'PLANNED',
          title: 'x1',
          startDate: '2025-06-10',
          endDate: '2025-06-10',
          hours: 2,
        },
      },
    );
    expect(reason(skip)).toBe('TRAINING_STATUS_STEP');
    const zhang = held.data!.updateTrainingSession.attendances.find(
      (a) => a.organization.code === '340102',
    )!;
    expect(zhang.phone).toBe('13812341234'); // the organiser's ADMIN sees it whole
    expect(
      (
        await record(admin, {
          sessionId: s.id,
          id: zhang.id,
          organizationId: orgIdForCode('340102'),
          traineeName: '张明',
          phone: '13812341234',
          attended: true,
          hours: 6,
        })
      ).errors,
    ).toBeUndefined();
    const tooMany = await record(admin, {
      sessionId: s.id,
      organizationId: orgIdForCode('3401'),
      traineeName: '钱七',
      attended: true,
      hours: 13,
    });
    expect(reason(tooMany)).toBe('TRAINING_HOURS_EXCEED');
    expect(
      (
        await record(admin, {
          sessionId: s.id,
          organizationId: orgIdForCode('3401'),
          traineeName: '钱七',
          phone: '13700002222',
          attended: true,
        })
      ).errors,
    ).toBeUndefined();
    // Registration is closed once held.
    const late = await record(yaohai, {
      sessionId: s.id,
      organizationId: orgIdForCode('340102'),
      traineeName: '迟到',
    });
    expect(reason(late)).toBe('TRAINING_REGISTRATION_CLOSED');

    // Who sees whom, and whole phones only for the organiser's and the person's own ADMIN.
    const seen = async (user: string): Promise<Attendance[]> => {
      const r = await session(await signedIn(api.url, user), s.id);
      expect(r.errors).toBeUndefined();
      return r.data!.trainingSession.attendances;
    };
    const byProvince = await seen('34-admin');
    expect(byProvince.map((a) => a.organization.code).sort()).toEqual(['3401', '340102', '340103']);
    expect(byProvince.every((a) => !a.phoneMasked)).toBe(true);
    const leader = await seen('34-leader');
    expect(leader.every((a) => a.phoneMasked && /\*{4}/.test(a.phone))).toBe(true);
    const cityAdmin = await seen('3401-admin');
    expect(cityAdmin.map((a) => a.organization.code).sort()).toEqual(['3401', '340102', '340103']);
    expect(cityAdmin.find((a) => a.organization.code === '3401')!.phone).toBe('13700002222');
    expect(cityAdmin.find((a) => a.organization.code === '340102')!.phone).toBe('138****1234');
    const own = await seen('340102-admin');
    expect(own.map((a) => a.organization.code)).toEqual(['340102']);
    expect(own[0]!.phone).toBe('13812341234');
    expect(own[0]!.hours).toBe(6);
    const ownEditor = await seen('340102-editor');
    expect(ownEditor[0]!.phone).toBe('138****1234');
    expect((await seen('340103-editor')).map((a) => a.organization.code)).toEqual(['340103']);
    expect(await seen('3402-admin')).toEqual([]);
    // Not readable outside the organiser's line.
    const outsider = await signedIn(api.url, '34-auditor');
    expect(errorCode(await session(outsider, s.id))).toBe('FORBIDDEN');

    // The trail has every change and no personal data.
    const { rows } = await owner.query<{ action: string; changes: unknown }>(
      `SELECT action, changes FROM audit_events WHERE target_id = $1 ORDER BY id`,
      [s.id],
    );
    expect(rows.map((r) => r.action)).toEqual(
      expect.arrayContaining([
        'TRAINING_CREATE',
        'TRAINING_ATTENDANCE_ADD',
        'TRAINING_STATUS',
        'TRAINING_ATTENDANCE_UPDATE',
      ]),
    );
    expect(JSON.stringify(rows)).not.toMatch(/1381234|张明|李华/);
  });

  it('a city organises for its counties; a county of another city never sees that session', async () => {
    const city = await signedIn(api.url, '3401-admin');
    const r = await create(city, {
      title: `${MARK}合肥市县区培训`,
      startDate: '2025-07-01',
      endDate: '2025-07-01',
      hours: 3.5,
      invitedOrganizationIds: [orgIdForCode('340102')],
    });
    expect(r.errors).toBeUndefined();
    const id = r.data!.createTrainingSession.id;
    expect((await session(await signedIn(api.url, '340102-editor'), id)).errors).toBeUndefined();
    expect(errorCode(await session(await signedIn(api.url, '340202-admin'), id))).toBe('NOT_FOUND');
    expect(errorCode(await session(await signedIn(api.url, '3402-admin'), id))).toBe('NOT_FOUND');
    const list = await (
      await signedIn(api.url, '3402-admin')
    ).request<{ trainingSessions: Array<{ id: string }> }>(
      'query { trainingSessions(filter: { year: 2025 }) { id } }',
    );
    expect(list.data!.trainingSessions.map((x) => x.id)).not.toContain(id);
  });
});

describe('coverage and the yearly requirement', () => {
  it('equals an independent computation from the stored rows', async () => {
    const admin = await signedIn(api.url, '34-admin');
    const req = await admin.request(
      'mutation($i: TrainingRequirementInput!) { setTrainingRequirement(input: $i) { year level } }',
      { i: { year: YEAR, level: 'COUNTY', minProvinceAttendees: 1, minHours: 8 } },
    );
    expect(req.errors).toBeUndefined();
    const county = await signedIn(api.url, '340102-admin');
    expect(
      errorCode(
        await county.request(
          'mutation($i: TrainingRequirementInput!) { setTrainingRequirement(input: $i) { year } }',
          { i: { year: YEAR, level: 'COUNTY', minProvinceAttendees: 1, minHours: 8 } },
        ),
      ),
    ).toBe('FORBIDDEN');
    const s1 = (
      await create(admin, {
        title: `${MARK}省级${YEAR}`,
        startDate: `${YEAR}-03-01`,
        endDate: `${YEAR}-03-02`,
        hours: 12,
      })
    ).data!.createTrainingSession;
    const city = await signedIn(api.url, '3401-admin');
    const s2 = (
      await create(city, {
        title: `${MARK}市级${YEAR}`,
        startDate: `${YEAR}-04-01`,
        endDate: `${YEAR}-04-01`,
        hours: 4,
      })
    ).data!.createTrainingSession;
    for (const [client, s] of [
      [admin, s1],
      [city, s2],
    ] as const) {
      const u = await client.request(
        `mutation($i: UpdateTrainingSessionInput!) { updateTrainingSession(input: $i) { id } }`,
        {
          i: {
            id: s.id,
            version: s.version,
            status: 'HELD',
            title: s.id === s1.id ? `${MARK}省级${YEAR}` : `${MARK}市级${YEAR}`,
            startDate: s.id === s1.id ? `${YEAR}-03-01` : `${YEAR}-04-01`,
            endDate: s.id === s1.id ? `${YEAR}-03-02` : `${YEAR}-04-01`,
            hours: s.id === s1.id ? 12 : 4,
          },
        },
      );
      expect(u.errors).toBeUndefined();
    }
    // 张明 of 340102 at both: one trainee, 12 + 4 hours; 340103 only at the city session (4 h).
    for (const [client, sid, code, name, hours] of [
      [admin, s1.id, '340102', '张明', 12],
      [city, s2.id, '340102', '张明', 4],
      [city, s2.id, '340103', '李华', 4],
      [admin, s1.id, '3402', '周八', 6],
    ] as const) {
      const r = await record(client, {
        sessionId: sid,
        organizationId: orgIdForCode(code),
        traineeName: name,
        attended: true,
        hours,
      });
      expect(r.errors).toBeUndefined();
    }
    const cov = await admin.request<{
      trainingCoverage: {
        total: { bureaus: number; bureausTrained: number; trainees: number; personHours: number };
        rows: Array<{
          organization: { code: string };
          bureaus: number;
          bureausTrained: number;
          trainees: number;
          personHours: number;
          coverageRate: number;
          meetsRequirement: boolean;
          bureausMeeting: number;
        }>;
        untrainedBureaus: Array<{ code: string }>;
      };
    }>(
      `query($y: Int!) { trainingCoverage(year: $y) { total { bureaus bureausTrained trainees personHours }
        rows { organization { code } bureaus bureausTrained trainees personHours coverageRate meetsRequirement bureausMeeting }
        untrainedBureaus { code } } }`,
      { y: YEAR },
    );
    expect(cov.errors).toBeUndefined();
    const c = cov.data!.trainingCoverage;
    // Independent computation straight from the tables.
    const { rows: stored } = await owner.query<{ code: string; people: number; hours: string }>(
      `SELECT left(o.code, 4) AS code, count(DISTINCT (a.organization_id, a.trainee_name))::int AS people, sum(a.hours) AS hours
       FROM training_attendances a JOIN training_sessions s ON s.id = a.session_id JOIN organizations o ON o.id = a.organization_id
       WHERE s.year = $1 AND a.attended GROUP BY 1`,
      [YEAR],
    );
    for (const st of stored) {
      const row = c.rows.find((r) => r.organization.code === st.code)!;
      expect(row.trainees).toBe(st.people);
      expect(row.personHours).toBe(Number(st.hours));
    }
    const hefei = c.rows.find((r) => r.organization.code === '3401')!;
    expect(hefei.trainees).toBe(2);
    expect(hefei.personHours).toBe(20);
    expect(hefei.bureausTrained).toBe(2);
    const { rows: hefeiOrgs } = await owner.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM organizations WHERE code LIKE '3401%'`,
    );
    expect(hefei.bureaus).toBe(hefeiOrgs[0]!.n);
    expect(hefei.meetsRequirement).toBe(false);
    // 340102: a province-level attendee and 16 h ≥ 8 meets; 340103 (city session only) does not.
    const cityView = await city.request<{
      trainingCoverage: {
        rows: Array<{
          organization: { code: string };
          meetsRequirement: boolean;
          trainees: number;
        }>;
        untrainedBureaus: Array<{ code: string }>;
      };
    }>(
      'query($y: Int!) { trainingCoverage(year: $y) { rows { organization { code } meetsRequirement trainees } untrainedBureaus { code } } }',
      { y: YEAR },
    );
    const byCode = new Map(
      cityView.data!.trainingCoverage.rows.map((r) => [r.organization.code, r]),
    );
    expect(byCode.get('340102')!.meetsRequirement).toBe(true);
    expect(byCode.get('340103')!.meetsRequirement).toBe(false);
    expect(cityView.data!.trainingCoverage.untrainedBureaus.map((o) => o.code)).not.toContain(
      '340102',
    );
    expect(cityView.data!.trainingCoverage.untrainedBureaus.map((o) => o.code)).toContain('340104');
    expect(c.untrainedBureaus.map((o) => o.code)).toContain('3403');
    expect(c.untrainedBureaus.map((o) => o.code)).not.toContain('3402');
    // A county sees its own coverage only, never a sibling's.
    const yaohai = await signedIn(api.url, '340102-admin');
    expect(
      errorCode(
        await yaohai.request(
          'query($y: Int!, $o: ID) { trainingCoverage(year: $y, organizationId: $o) { year } }',
          { y: YEAR, o: orgIdForCode('340103') },
        ),
      ),
    ).toBe('NOT_FOUND');
  });
});

describe('sign-in sheet import and attendance export', () => {
  const HEADER = ['序号', '单位', '姓名', '职务', '联系电话', '签到', '备注'];
  async function sheet(sheets: Record<string, unknown[][]>): Promise<Uint8Array<ArrayBuffer>> {
    const wb = new ExcelJS.Workbook();
    for (const [name, rows] of Object.entries(sheets)) {
      const ws = wb.addWorksheet(name);
      ws.addRow(['签到表']);
      ws.addRow(HEADER);
      for (const r of rows) ws.addRow(r);
    }
    return new Uint8Array(Buffer.from(await wb.xlsx.writeBuffer()));
  }
  const post = (
    client: ApiClient,
    route: string,
    id: string,
    body: Uint8Array<ArrayBuffer>,
    choices?: Record<string, string>,
  ) =>
    client.http(
      'POST',
      route,
      { id },
      {
        body,
        headers: {
          'content-type': 'application/octet-stream',
          'x-file-name': encodeURIComponent('签到表.xlsx'),
          ...(choices ? { 'x-unit-choices': encodeURIComponent(JSON.stringify(choices)) } : {}),
        },
      },
    );

  it('previews, refuses all on one bad row, imports with the chosen unit, and exports with audited phones', async () => {
    const admin = await signedIn(api.url, '34-admin');
    const created = await create(admin, {
      title: `${MARK}导入`,
      startDate: '2025-04-08',
      endDate: '2025-04-09',
      hours: 12,
    });
    const id = created.data!.createTrainingSession.id;
    const bytes = await sheet({
      第一天: [
        [1, '合肥市局', '张明', '副局长', '13812341234', '张明', ''],
        [2, '瑶海区局', '李华', '科员', '', '√', ''],
        [3, '庐阳审计', '孙丽', '', '', '√', ''],
      ],
      第二天: [
        [1, '合肥市审计局', '张明', '副局长', '13812341234', '√', ''],
        [2, '瑶海区审计局', '李华', '科员', '', '请假', ''],
      ],
    });
    const preview = (await (
      await post(admin, '/files/trainings/:id/sign-in/preview', id, bytes)
    ).json()) as {
      ok: boolean;
      errors: Array<{ message: string }>;
      unknownUnits: Array<{ written: string; suggestion: { id: string; name: string } | null }>;
    };
    expect(preview.ok).toBe(false);
    expect(preview.errors.map((e) => e.message)).toEqual([
      '第 5 行：未找到单位“庐阳审计”，是否为“庐阳区审计局”？',
    ]);
    expect(preview.unknownUnits[0]!.suggestion!.id).toBe(orgIdForCode('340103'));
    // All or nothing: the import with that error writes nobody.
    const refused = (await (
      await post(admin, '/files/trainings/:id/sign-in', id, bytes)
    ).json()) as { ok: boolean };
    expect(refused.ok).toBe(false);
    const { rows: none } = await owner.query(
      'SELECT 1 FROM training_attendances WHERE session_id = $1',
      [id],
    );
    expect(none).toHaveLength(0);
    // With the suggestion accepted: 张明 both days (12 h), 李华 one day (6 h), 孙丽 one day.
    const done = (await (
      await post(admin, '/files/trainings/:id/sign-in', id, bytes, {
        庐阳审计: orgIdForCode('340103'),
      })
    ).json()) as { ok: boolean; imported: number };
    expect(done).toMatchObject({ ok: true, imported: 3 });
    const { rows } = await owner.query<{ trainee_name: string; hours: string; source: string }>(
      'SELECT trainee_name, hours, source FROM training_attendances WHERE session_id = $1 ORDER BY trainee_name',
      [id],
    );
    expect(rows.map((r) => [r.trainee_name, Number(r.hours), r.source])).toEqual([
      ['孙丽', 6, 'IMPORT'],
      ['张明', 12, 'IMPORT'],
      ['李华', 6, 'IMPORT'],
    ]);
    // Re-importing the same sheet replaces rather than duplicates.
    await post(admin, '/files/trainings/:id/sign-in', id, bytes, {
      庐阳审计: orgIdForCode('340103'),
    });
    const { rows: again } = await owner.query(
      'SELECT 1 FROM training_attendances WHERE session_id = $1',
      [id],
    );
    expect(again).toHaveLength(3);

    // A hostile file: a clear Chinese refusal, not a crash.
    const hostile = await post(
      admin,
      '/files/trainings/:id/sign-in/preview',
      id,
      new Uint8Array(Buffer.from('PK\u0003\u0004garbage')),
    );
    expect(hostile.status).toBe(400);
    expect(((await hostile.json()) as { message: string }).message).toMatch(/[\u4e00-\u9fa5]/);
    // Only the host imports.
    const city = await signedIn(api.url, '3401-admin');
    expect((await post(city, '/files/trainings/:id/sign-in/preview', id, bytes)).status).toBe(403);

    // Export: the province sees phones whole; a leader gets them masked; both audited, no names in the trail.
    const xlsx = async (user: string): Promise<string[]> => {
      const res = await (
        await signedIn(api.url, user)
      ).http('GET', '/files/trainings/:id/attendance.xlsx', { id });
      expect(res.status).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
      const phones: string[] = [];
      wb.worksheets[0]!.eachRow((row, n) => {
        if (n > 2) phones.push(String(row.getCell(5).value ?? ''));
      });
      return phones;
    };
    expect(await xlsx('34-admin')).toContain('13812341234');
    expect(await xlsx('34-leader')).toContain('138****1234');
    const { rows: trail } = await owner.query<{ action: string; changes: unknown }>(
      `SELECT action, changes FROM audit_events WHERE target_id = $1 AND action IN ('TRAINING_IMPORT', 'TRAINING_EXPORT') ORDER BY id`,
      [id],
    );
    expect(trail.map((t) => t.action)).toEqual([
      'TRAINING_IMPORT',
      'TRAINING_IMPORT',
      'TRAINING_EXPORT',
      'TRAINING_EXPORT',
    ]);
    expect(trail[2]!.changes).toMatchObject({ wholePhones: 1 });
    expect(trail[3]!.changes).toMatchObject({ wholePhones: 0 });
    expect(JSON.stringify(trail)).not.toMatch(/1381234|张明|李华|孙丽/);
  });

  it('imports a 3,000-row sheet in one go', async () => {
    const admin = await signedIn(api.url, '34-admin');
    const id = (
      await create(admin, {
        title: `${MARK}三千人`,
        startDate: '2025-04-15',
        endDate: '2025-04-15',
        hours: 6,
      })
    ).data!.createTrainingSession.id;
    const { rows: orgs } = await owner.query<{ name: string }>(
      `SELECT name FROM organizations WHERE level <> 'PROVINCE' ORDER BY code`,
    );
    const people = Array.from({ length: 3000 }, (_, i) => [
      i + 1,
      orgs[i % orgs.length]!.name,
      `学员${i}`,
      '科员',
      '',
      '√',
      '',
    ]);
    const bytes = await sheet({ 签到表: people });
    const started = Date.now();
    const done = (await (await post(admin, '/files/trainings/:id/sign-in', id, bytes)).json()) as {
      ok: boolean;
      imported: number;
    };
    const ms = Date.now() - started;
    expect(done).toMatchObject({ ok: true, imported: 3000 });
    console.log(`3,000-row sign-in sheet imported in ${ms} ms`);
    expect(ms).toBeLessThan(20_000);
  });
});

describe('coverage at demo size', () => {
  it('answers the demo year in a fixed number of statements', async () => {
    const leader = await signedIn(api.url, '34-leader');
    const query =
      'query($y: Int!) { trainingCoverage(year: $y) { total { trainees } rows { trainees } untrainedBureaus { id } } }';
    await leader.request(query, { y: 2025 }); // warms the organisation hierarchy
    const before = QueryCounter.count;
    const started = process.hrtime.bigint();
    const r = await leader.request<{ trainingCoverage: { total: { trainees: number } } }>(query, {
      y: 2025,
    });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const statements = QueryCounter.count - before;
    expect(r.errors).toBeUndefined();
    expect(r.data!.trainingCoverage.total.trainees).toBeGreaterThan(100);
    console.log(
      `trainingCoverage (province, demo year): ${statements} statements, ${ms.toFixed(0)} ms`,
    );
    // START, app_begin, the units, the year's attendance, the requirements, COMMIT.
    expect(statements).toBeLessThanOrEqual(8);
  });
});

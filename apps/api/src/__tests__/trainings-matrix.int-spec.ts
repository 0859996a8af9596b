import ExcelJS from 'exceljs';
import { Client } from 'pg';
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
  evidenceFiles,
  readsPlansOf,
  roleOf,
  sees,
  signedIn,
  type CellOutcome,
  type GraphQLResult,
  type MatrixMode,
} from '@sunshine/testing';
import { inspectDocx } from '@sunshine/api/official-docs';
import { orgIdForCode } from '@sunshine/tools/seed';
import type { StartedApi } from '../bootstrap';
import { startTestApi } from '../testing';
import { coverageProblems } from './tenancy-coverage';

/**
 * The training operations × every demo role × target organisations, with code checks and with
 * RLS alone. Fixtures are written by the owner connection in 2002 (a matrix year) and removed
 * afterwards; the shared seed is not touched.
 */
const YEAR = 2002;
const MARK = '【培训矩阵】';

interface Fixture {
  sessionId: string;
  version: number;
  attendanceId: string | null;
  materialId?: string;
}
interface Cell {
  client: ApiClient;
  owner: Client;
  actor: string;
  target: string;
  fx: Fixture;
}
type FixtureKind =
  | 'shared'
  | 'target-held'
  | 'target-held+material'
  | 'actor-held'
  | 'target-invited+person'
  | 'none';
interface Row {
  name: string;
  covers: string[];
  fixture: FixtureKind;
  targets?(actor: string): string[];
  allowed(actor: string, target: string, mode: MatrixMode): boolean;
  run(c: Cell): Promise<CellOutcome>;
}

const gql = (r: GraphQLResult): CellOutcome => ({ ok: !r.errors, code: errorCode(r) });
const hostRole = (a: string): boolean => ['ADMIN', 'ASSESSOR'].includes(roleOf(a));

async function count(owner: Client, sql: string, params: unknown[]): Promise<number> {
  const { rows } = await owner.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (${sql}) x`,
    params,
  );
  return rows[0]!.n;
}

const sheets = new Map<string, Uint8Array<ArrayBuffer>>();
/** A one-person sign-in sheet naming the target's bureau. */
async function sheetFor(target: string): Promise<Uint8Array<ArrayBuffer>> {
  const cached = sheets.get(target);
  if (cached) return cached;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('签到表');
  ws.addRow(['序号', '单位', '姓名', '职务', '联系电话', '签到', '备注']);
  ws.addRow([1, TARGET_NAMES[target], '矩阵学员', '科员', '', '√', '']);
  const bytes = new Uint8Array(Buffer.from(await wb.xlsx.writeBuffer()));
  sheets.set(target, bytes);
  return bytes;
}
const TARGET_NAMES: Record<string, string> = {};

const ROWS: Row[] = [
  {
    name: 'trainingSession(id)',
    covers: ['Query.trainingSession'],
    fixture: 'shared',
    allowed: (a, t) => doesBusiness(a) && readsPlansOf(a, t),
    async run({ client, fx }) {
      return gql(
        await client.request(
          'query($id: ID!) { trainingSession(id: $id) { id attendances { id } } }',
          { id: fx.sessionId },
        ),
      );
    },
  },
  {
    name: 'trainingSessions membership',
    covers: ['Query.trainingSessions'],
    fixture: 'shared',
    allowed: (a, t) => doesBusiness(a) && readsPlansOf(a, t),
    async run({ client, fx }) {
      const r = await client.request<{ trainingSessions: Array<{ id: string }> }>(
        'query($y: Int) { trainingSessions(filter: { year: $y }) { id } }',
        { y: YEAR },
      );
      const listed = r.data?.trainingSessions.some((s) => s.id === fx.sessionId) ?? false;
      return { ok: listed, code: errorCode(r) ?? 'NOT_LISTED' };
    },
  },
  {
    name: 'trainingCoverage(organizationId)',
    covers: ['Query.trainingCoverage'],
    fixture: 'none',
    allowed: (a, t) => doesBusiness(a) && sees(a, t),
    async run({ client, target }) {
      const r = await client.request<{
        trainingCoverage: { untrainedBureaus: Array<{ id: string }> };
      }>(
        'query($y: Int!, $o: ID) { trainingCoverage(year: $y, organizationId: $o) { untrainedBureaus { id } } }',
        { y: YEAR, o: orgIdForCode(target) },
      );
      return gql(r);
    },
  },
  {
    name: 'createTrainingSession (own organisation only)',
    covers: ['Mutation.createTrainingSession'],
    fixture: 'none',
    targets: (a) => [orgOf(a)],
    allowed: (a) => hostRole(a) && orgOf(a).length <= 4,
    async run({ client, owner, actor }) {
      const r = await client.request(
        'mutation($i: TrainingSessionInput!) { createTrainingSession(input: $i) { id } }',
        {
          i: {
            title: `${MARK}${actor}`,
            organiserName: roleOf(actor) === 'ASSESSOR' ? '测评机构' : null,
            startDate: `${YEAR}-05-01`,
            endDate: `${YEAR}-05-01`,
            hours: 3,
          },
        },
      );
      const { rows } = await owner.query<{ organization_id: string }>(
        'DELETE FROM training_sessions WHERE title = $1 RETURNING organization_id',
        [`${MARK}${actor}`],
      );
      const out = gql(r);
      return {
        ...out,
        leaked:
          (!out.ok && rows.length > 0) ||
          rows.some((s) => s.organization_id !== orgIdForCode(orgOf(actor))),
      };
    },
  },
  {
    name: 'updateTrainingSession',
    covers: ['Mutation.updateTrainingSession'],
    fixture: 'target-held',
    allowed: (a, t, mode) => hostRole(a) && (mode.codeChecks ? orgOf(a) === t : sees(a, t)),
    async run({ client, owner, fx }) {
      const probe = (): Promise<number> =>
        count(owner, `SELECT 1 FROM training_sessions WHERE id = $1 AND title LIKE '%已修改'`, [
          fx.sessionId,
        ]);
      const r = await client.request(
        'mutation($i: UpdateTrainingSessionInput!) { updateTrainingSession(input: $i) { id } }',
        {
          i: {
            id: fx.sessionId,
            version: fx.version,
            title: `${MARK}已修改`,
            organiserName: '测评机构',
            startDate: `${YEAR}-05-01`,
            endDate: `${YEAR}-05-01`,
            hours: 3,
          },
        },
      );
      const out = gql(r);
      return { ...out, leaked: !out.ok && (await probe()) > 0 };
    },
  },
  {
    name: 'recordAttendance (the host, for a person of the target)',
    covers: ['Mutation.recordAttendance'],
    fixture: 'actor-held',
    allowed: (a, t) => hostRole(a) && sees(a, t),
    async run({ client, owner, target, fx }) {
      const r = await client.request(
        'mutation($i: RecordAttendanceInput!) { recordAttendance(input: $i) { id } }',
        {
          i: {
            sessionId: fx.sessionId,
            organizationId: orgIdForCode(target),
            traineeName: '矩阵人员',
            attended: true,
          },
        },
      );
      const out = gql(r);
      const n = await count(owner, 'SELECT 1 FROM training_attendances WHERE session_id = $1', [
        fx.sessionId,
      ]);
      return { ...out, leaked: !out.ok && n > 0 };
    },
  },
  {
    name: 'removeAttendance',
    covers: ['Mutation.removeAttendance'],
    fixture: 'target-invited+person',
    allowed: (a, t, mode) =>
      mode.codeChecks
        ? orgOf(a) === t && ['ADMIN', 'ASSESSOR', 'EDITOR'].includes(roleOf(a))
        : (orgOf(a) === t && hostRole(a)) ||
          (['ADMIN', 'EDITOR'].includes(roleOf(a)) && sees(a, t)),
    async run({ client, owner, fx }) {
      const r = await client.request('mutation($id: ID!) { removeAttendance(id: $id) }', {
        id: fx.attendanceId,
      });
      const out = gql(r);
      const n = await count(owner, 'SELECT 1 FROM training_attendances WHERE id = $1', [
        fx.attendanceId,
      ]);
      return { ...out, leaked: !out.ok && n === 0 };
    },
  },
  {
    name: 'setTrainingRequirement (own organisation only)',
    covers: ['Mutation.setTrainingRequirement'],
    fixture: 'none',
    targets: (a) => [orgOf(a)],
    allowed: (a) => roleOf(a) === 'ADMIN' && orgOf(a) === '34',
    async run({ client, owner, actor }) {
      const r = await client.request(
        'mutation($i: TrainingRequirementInput!) { setTrainingRequirement(input: $i) { year } }',
        { i: { year: YEAR, level: 'COUNTY', minProvinceAttendees: 1, minHours: 4 } },
      );
      const { rows } = await owner.query<{ organization_id: string }>(
        'DELETE FROM training_requirements WHERE year = $1 RETURNING organization_id',
        [YEAR],
      );
      const out = gql(r);
      return {
        ...out,
        leaked:
          (!out.ok && rows.length > 0) ||
          rows.some((x) => x.organization_id !== orgIdForCode(orgOf(actor))),
      };
    },
  },
  {
    name: 'sign-in sheet preview (the host, for a sheet naming the target)',
    covers: ['POST /files/trainings/:id/sign-in/preview'],
    fixture: 'target-held',
    // The host check (the organiser's own ADMIN) is not a tenancy switch: same in both modes.
    allowed: (a, t) => hostRole(a) && orgOf(a) === t,
    async run({ client, target, fx }) {
      const res = await client.http(
        'POST',
        '/files/trainings/:id/sign-in/preview',
        { id: fx.sessionId },
        {
          body: await sheetFor(target),
          headers: { 'content-type': 'application/octet-stream' },
        },
      );
      if (!res.ok) return httpOutcome(res);
      const body = (await res.json()) as { ok: boolean; counts: { people: number } };
      return body.ok && body.counts.people === 1 ? { ok: true } : { ok: false, code: 'EMPTY' };
    },
  },
  {
    name: 'sign-in sheet import',
    covers: ['POST /files/trainings/:id/sign-in'],
    fixture: 'target-held',
    allowed: (a, t) => hostRole(a) && orgOf(a) === t,
    async run({ client, owner, target, fx }) {
      const res = await client.http(
        'POST',
        '/files/trainings/:id/sign-in',
        { id: fx.sessionId },
        {
          body: await sheetFor(target),
          headers: { 'content-type': 'application/octet-stream' },
        },
      );
      const n = await count(owner, 'SELECT 1 FROM training_attendances WHERE session_id = $1', [
        fx.sessionId,
      ]);
      if (!res.ok) return { ...(await httpOutcome(res)), leaked: n > 0 };
      const body = (await res.json()) as { ok: boolean };
      return body.ok && n === 1 ? { ok: true } : { ok: false, code: 'EMPTY', leaked: n > 0 };
    },
  },
  {
    name: 'attendance export',
    covers: ['GET /files/trainings/:id/attendance.xlsx'],
    fixture: 'shared',
    allowed: (a, t) => ['ADMIN', 'LEADER', 'ASSESSOR'].includes(roleOf(a)) && readsPlansOf(a, t),
    async run({ client, fx }) {
      return httpOutcome(
        await client.http('GET', '/files/trainings/:id/attendance.xlsx', { id: fx.sessionId }),
      );
    },
  },
  {
    name: 'coverage export (organizationId)',
    covers: ['GET /files/trainings/coverage.xlsx'],
    fixture: 'none',
    allowed: (a, t) => doesBusiness(a) && sees(a, t),
    async run({ client, target }) {
      return httpOutcome(
        await client.http(
          'GET',
          '/files/trainings/coverage.xlsx',
          {},
          { query: { year: String(YEAR), quarter: '2', organizationId: orgIdForCode(target) } },
        ),
      );
    },
  },
  {
    name: 'person certificate (own people, or the host of the session)',
    covers: ['GET /files/trainings/attendances/:id/certificate.docx'],
    fixture: 'shared',
    allowed: (a, t) =>
      (roleOf(a) === 'ADMIN' && sees(a, t)) || (roleOf(a) === 'ASSESSOR' && orgOf(a) === t),
    async run({ client, fx }) {
      const res = await client.http('GET', '/files/trainings/attendances/:id/certificate.docx', {
        id: fx.attendanceId!,
      });
      if (!res.ok) return httpOutcome(res);
      const doc = await inspectDocx(Buffer.from(await res.arrayBuffer()));
      return doc.text.includes('矩阵证明人') ? { ok: true } : { ok: false, code: 'WRONG_PERSON' };
    },
  },
  {
    name: 'bureau certificate (the bureau and its overseers)',
    covers: ['GET /files/trainings/bureaus/:organizationId/certificate.docx'],
    fixture: 'none',
    allowed: (a, t) => roleOf(a) === 'ADMIN' && sees(a, t),
    async run({ client, target }) {
      const res = await client.http(
        'GET',
        '/files/trainings/bureaus/:organizationId/certificate.docx',
        { organizationId: orgIdForCode(target) },
        { query: { year: String(YEAR) } },
      );
      if (!res.ok) return httpOutcome(res);
      const doc = await inspectDocx(Buffer.from(await res.arrayBuffer()));
      return doc.text.includes(TARGET_NAMES[target]!) ? { ok: true } : { ok: false, code: 'WRONG' };
    },
  },
  {
    name: 'material upload (the host only)',
    covers: ['POST /files/trainings/:id/materials'],
    fixture: 'target-held',
    // Like the sign-in sheet: the host check is the same in both modes.
    allowed: (a, t) => hostRole(a) && orgOf(a) === t,
    async run({ client, owner, fx }) {
      const res = await client.http(
        'POST',
        '/files/trainings/:id/materials',
        { id: fx.sessionId },
        { body: new Uint8Array(evidenceFiles.pdf()), headers: { 'x-file-name': 'slides.pdf' } },
      );
      const n = await count(owner, 'SELECT 1 FROM training_materials WHERE session_id = $1', [
        fx.sessionId,
      ]);
      if (!res.ok) return { ...(await httpOutcome(res)), leaked: n > 0 };
      return n === 1 ? { ok: true } : { ok: false, code: 'NOT_STORED' };
    },
  },
  {
    name: 'material download (whoever reads the session)',
    covers: ['GET /files/training-materials/:id'],
    fixture: 'shared',
    allowed: (a, t) => doesBusiness(a) && readsPlansOf(a, t),
    async run({ client, fx }) {
      const res = await client.http('GET', '/files/training-materials/:id', {
        id: fx.materialId!,
      });
      if (!res.ok) return httpOutcome(res);
      const body = Buffer.from(await res.arrayBuffer());
      return body.subarray(0, 5).toString('latin1') === '%PDF-'
        ? { ok: true }
        : { ok: false, code: 'NOT_THE_FILE' };
    },
  },
  {
    name: 'material delete (the host only)',
    covers: ['DELETE /files/training-materials/:id'],
    fixture: 'target-held+material',
    allowed: (a, t) => hostRole(a) && orgOf(a) === t,
    async run({ client, owner, fx }) {
      const res = await client.http('DELETE', '/files/training-materials/:id', {
        id: fx.materialId!,
      });
      const n = await count(owner, 'SELECT 1 FROM training_materials WHERE id = $1', [
        fx.materialId,
      ]);
      if (!res.ok) return { ...(await httpOutcome(res)), leaked: n === 0 };
      return n === 0 ? { ok: true } : { ok: false, code: 'NOT_DELETED' };
    },
  },
];

describe.each(MATRIX_MODES)('trainings tenancy matrix — %s', (_name, mode) => {
  let api: StartedApi;
  let owner: Client;
  const clients = new Map<string, ApiClient>();
  const shared = new Map<string, Fixture>();
  const tag = mode.codeChecks ? 'code' : 'rls';

  async function session(orgCode: string, status: string, title: string): Promise<Fixture> {
    const { rows } = await owner.query<{ id: string; version: number }>(
      `INSERT INTO training_sessions(organization_id, organiser_level, organiser_kind, organiser_name, year, title, start_date, end_date, hours, status)
       VALUES ($1, 'PROVINCE', 'EXTERNAL', '矩阵', $2, $3, $4, $4, 3, $5) RETURNING id, version`,
      [orgIdForCode(orgCode), YEAR, `${MARK}${tag} ${title}`, `${YEAR}-05-01`, status],
    );
    return { sessionId: rows[0]!.id, version: rows[0]!.version, attendanceId: null };
  }

  async function material(fx: Fixture): Promise<Fixture> {
    const body = evidenceFiles.pdf();
    const { rows } = await owner.query<{ id: string }>(
      `INSERT INTO training_materials(session_id, session_org_id, kind, file_name, mime_type, size_bytes, sha256, content)
       SELECT id, organization_id, 'SLIDES', 'slides.pdf', 'application/pdf', $2, repeat('0', 64), $3
       FROM training_sessions WHERE id = $1 RETURNING id`,
      [fx.sessionId, body.length, body],
    );
    return { ...fx, materialId: rows[0]!.id };
  }

  beforeAll(async () => {
    api = await startTestApi({}, mode);
    owner = new Client({ connectionString: process.env.SUNSHINE_TEST_OWNER_URL });
    await owner.connect();
    for (const t of MATRIX_TARGETS) {
      const fx = await material(await session(t, 'HELD', `shared ${t}`));
      // One attended person of the target's own bureau, for the certificates.
      const { rows } = await owner.query<{ id: string }>(
        `INSERT INTO training_attendances(session_id, session_org_id, organization_id, trainee_name, attended, hours)
         VALUES ($1, $2, $2, '矩阵证明人', true, 3) RETURNING id`,
        [fx.sessionId, orgIdForCode(t)],
      );
      shared.set(t, { ...fx, attendanceId: rows[0]!.id });
    }
    const { rows: names } = await owner.query<{ code: string; name: string }>(
      'SELECT code, name FROM organizations WHERE code = ANY($1)',
      [[...MATRIX_TARGETS]],
    );
    for (const n of names) TARGET_NAMES[n.code] = n.name;
    for (const actor of MATRIX_ACTORS) clients.set(actor, await signedIn(api.url, actor));
  });
  afterAll(async () => {
    await owner.query('DELETE FROM training_sessions WHERE year = $1', [YEAR]);
    await owner.query('DELETE FROM training_requirements WHERE year = $1', [YEAR]);
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
          let fx: Fixture = { sessionId: '', version: 0, attendanceId: null };
          if (row.fixture === 'shared') fx = shared.get(target)!;
          else if (row.fixture === 'target-held')
            fx = await session(target, 'HELD', `${actor}→${target}`);
          else if (row.fixture === 'target-held+material')
            fx = await material(await session(target, 'HELD', `${actor}→${target}`));
          else if (row.fixture === 'actor-held')
            fx = await session(orgOf(actor), 'HELD', `${actor}→${target}`);
          else if (row.fixture === 'target-invited+person') {
            fx = await session(target, 'PLANNED', `${actor}→${target}`);
            await owner.query(
              'INSERT INTO training_invitations(session_id, organization_id, session_org_id) VALUES ($1, $2, $2)',
              [fx.sessionId, orgIdForCode(target)],
            );
            const { rows } = await owner.query<{ id: string }>(
              `INSERT INTO training_attendances(session_id, session_org_id, organization_id, trainee_name, source)
             VALUES ($1, $2, $2, '矩阵人员', 'BUREAU') RETURNING id`,
              [fx.sessionId, orgIdForCode(target)],
            );
            fx.attendanceId = rows[0]!.id;
          }
          const out = await row.run({ client: clients.get(actor)!, owner, actor, target, fx });
          mismatches.push(...cellMismatches(actor, target, expected, out));
        }
      }
      expect(mismatches).toEqual([]);
      expect(allowedCells).toBeGreaterThan(0);
    },
  );

  it('its rows are the registry entries of trainings-matrix, each really called', () => {
    const called = [...clients.values()].flatMap((c) => [...c.called]);
    expect(coverageProblems('trainings-matrix', ROWS, called)).toEqual([]);
  });
});

import { Client } from 'pg';
import {
  ApiClient,
  cellMismatches,
  doesBusiness,
  errorCode,
  evidenceFiles as files,
  MATRIX_ACTORS,
  MATRIX_MODES,
  MATRIX_TARGETS,
  orgOf,
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
 * The rectification loop's operations (working-day deadlines, send-back, 催办, trend, files on an
 * issue) × every demo role × target organisations, with code checks and with RLS alone. A shared
 * round issued by the province lists every target as a bureau and is assigned to the demo
 * assessor; each target has an open issue there with a file, and an overdue one. Write cells
 * work on an issue of their own, inserted by the owner connection; rounds are titled
 * 【测评闭环矩阵】 and removed afterwards.
 *
 * As in assessments-matrix: code checks allow the bureau's steps to its own EDITOR/REVIEWER and
 * the round's decisions to its assessor and its issuer's ADMIN; RLS alone cannot tell a bureau
 * from its overseers, so there the boundary is the actor's subtree, never beyond it.
 */
const ACTORS = MATRIX_ACTORS;
const TARGETS = MATRIX_TARGETS;
const MARK = '【测评闭环矩阵】';

type FixtureKind = 'shared' | 'issue:OPEN' | 'issue:AWAITING_APPROVAL' | 'file:RECTIFICATION';

interface Shared {
  round: string;
  issues: Map<string, string>;
  files: Map<string, string>;
}

interface Cell {
  client: ApiClient;
  owner: Client;
  actor: string;
  target: string;
  issueId: string;
  issueVersion: number;
  fileId: string;
  shared: Shared;
}

interface Row {
  name: string;
  covers: string[];
  fixture: FixtureKind;
  allowed(actor: string, target: string, mode: MatrixMode): boolean;
  run(c: Cell): Promise<CellOutcome>;
}

const gql = (r: GraphQLResult): CellOutcome => ({ ok: !r.errors, code: errorCode(r) });
const isAssessor = (a: string): boolean => roleOf(a) === 'ASSESSOR';

const http = (status: number): CellOutcome => ({
  ok: status >= 200 && status < 300,
  code: status === 404 ? 'NOT_FOUND' : status === 403 ? 'FORBIDDEN' : String(status),
});

const bureau =
  (role: 'EDITOR' | 'REVIEWER') =>
  (a: string, t: string, mode: MatrixMode): boolean =>
    roleOf(a) === role && (mode.codeChecks ? orgOf(a) === t : sees(a, t));

const decides = (a: string, t: string, mode: MatrixMode): boolean =>
  isAssessor(a) || (roleOf(a) === 'ADMIN' && (mode.codeChecks ? orgOf(a) === '34' : sees(a, t)));

async function probe(owner: Client, sql: string, params: unknown[]): Promise<string> {
  const { rows } = await owner.query<{ s: string }>(sql, params);
  return String(rows[0]?.s ?? '');
}

async function write(
  before: () => Promise<string>,
  call: () => Promise<CellOutcome>,
): Promise<CellOutcome> {
  const a = await before();
  const out = await call();
  const b = await before();
  return { ...out, leaked: !out.ok && a !== b };
}

const issueState = (c: Cell) =>
  probe(
    c.owner,
    `SELECT status || version || deadline || (SELECT count(*) FROM assessment_files WHERE issue_id = i.id) AS s
     FROM assessment_issues i WHERE id = $1`,
    [c.issueId],
  );

const ROWS: Row[] = [
  {
    name: 'assessmentIssueTrend(round, organisation)',
    covers: ['Query.assessmentIssueTrend'],
    fixture: 'shared',
    allowed: (a, t) => doesBusiness(a) && sees(a, t),
    async run({ client, target, shared }) {
      return gql(
        await client.request(
          'query($r: ID!, $o: ID) { assessmentIssueTrend(roundId: $r, organizationId: $o) { bucket points { day open } } }',
          { r: shared.round, o: orgIdForCode(target) },
        ),
      );
    },
  },
  {
    name: 'setAssessmentIssueDeadline',
    covers: ['Mutation.setAssessmentIssueDeadline'],
    fixture: 'issue:OPEN',
    allowed: decides,
    run: (c) =>
      write(
        () => issueState(c),
        async () =>
          gql(
            await c.client.request(
              'mutation($i: SetAssessmentIssueDeadlineInput!) { setAssessmentIssueDeadline(input: $i) { id } }',
              { i: { id: c.issueId, version: c.issueVersion, deadline: '2027-06-30' } },
            ),
          ),
      ),
  },
  {
    name: 'sendBackRectification',
    covers: ['Mutation.sendBackRectification'],
    fixture: 'issue:AWAITING_APPROVAL',
    allowed: bureau('REVIEWER'),
    run: (c) =>
      write(
        () => issueState(c),
        async () =>
          gql(
            await c.client.request(
              'mutation($i: SendBackRectificationInput!) { sendBackRectification(input: $i) { id } }',
              { i: { id: c.issueId, version: c.issueVersion, reason: '链接打不开' } },
            ),
          ),
      ),
  },
  {
    name: 'remindOverdueAssessmentIssues (the round issuer, one bureau)',
    covers: ['Mutation.remindOverdueAssessmentIssues'],
    fixture: 'shared',
    allowed: (a, t, mode) => !isAssessor(a) && decides(a, t, mode),
    run: (c) =>
      write(
        () =>
          probe(
            c.owner,
            `SELECT count(*) AS s FROM notifications WHERE organization_id = $1 AND kind = 'REMINDER'`,
            [orgIdForCode(c.target)],
          ),
        async () =>
          gql(
            await c.client.request(
              'mutation($i: RemindOverdueAssessmentIssuesInput!) { remindOverdueAssessmentIssues(input: $i) { organizations issues } }',
              { i: { roundId: c.shared.round, organizationId: orgIdForCode(c.target) } },
            ),
          ),
      ),
  },
  {
    name: 'upload a rectification file',
    covers: ['POST /files/assessment-issues/:id/files'],
    fixture: 'issue:OPEN',
    allowed: bureau('EDITOR'),
    run: (c) =>
      write(
        () => issueState(c),
        async () =>
          http(
            (
              await c.client.http(
                'POST',
                '/files/assessment-issues/:id/files',
                { id: c.issueId },
                {
                  body: new Uint8Array(files.pdf()),
                  headers: { 'x-file-name': encodeURIComponent('整改.pdf') },
                },
              )
            ).status,
          ),
      ),
  },
  {
    name: 'upload the assessor’s evidence',
    covers: ['POST /files/assessment-issues/:id/files'],
    fixture: 'issue:OPEN',
    allowed: decides,
    run: (c) =>
      write(
        () => issueState(c),
        async () => {
          const res = await fetch(
            `${c.client.baseUrl}/files/assessment-issues/${c.issueId}/files?kind=EVIDENCE`,
            {
              method: 'POST',
              headers: {
                authorization: `Bearer ${c.client.token}`,
                'x-file-name': encodeURIComponent('截图.png'),
              },
              body: new Uint8Array(files.png()),
            },
          );
          return http(res.status);
        },
      ),
  },
  {
    name: 'download a file of an issue',
    covers: ['GET /files/assessment-files/:id'],
    fixture: 'shared',
    allowed: (a, t) => doesBusiness(a) && sees(a, t),
    async run({ client, target, shared }) {
      const res = await client.http('GET', '/files/assessment-files/:id', {
        id: shared.files.get(target)!,
      });
      return http(res.status);
    },
  },
  {
    name: 'delete a rectification file',
    covers: ['DELETE /files/assessment-files/:id'],
    fixture: 'file:RECTIFICATION',
    allowed: bureau('EDITOR'),
    run: (c) =>
      write(
        () => issueState(c),
        async () =>
          http(
            (await c.client.http('DELETE', '/files/assessment-files/:id', { id: c.fileId })).status,
          ),
      ),
  },
];

describe.each(MATRIX_MODES)('assessment loop tenancy matrix — %s', (_name, mode) => {
  let api: StartedApi;
  let owner: Client;
  const clients = new Map<string, ApiClient>();
  const tag = mode.codeChecks ? 'code' : 'rls';
  const shared: Shared = { round: '', issues: new Map(), files: new Map() };

  async function issue(
    target: string,
    status: string,
    deadline = '2027-03-31',
  ): Promise<{ id: string; version: number }> {
    const { rows } = await owner.query<{ id: string; version: number }>(
      `INSERT INTO assessment_issues(round_id, organization_id, issue_type, description, deadline, status, measure)
       VALUES ($1, $2, 'EMPTY_COLUMN', $3, $4, $5::varchar,
         CASE WHEN $5::varchar = 'OPEN' THEN '' ELSE '已整改' END)
       RETURNING id, version`,
      [shared.round, orgIdForCode(target), `${MARK}${tag} ${target}`, deadline, status],
    );
    return rows[0]!;
  }

  async function file(issueId: string, target: string): Promise<string> {
    const content = files.pdf();
    const { rows } = await owner.query<{ id: string }>(
      `INSERT INTO assessment_files(issue_id, round_id, organization_id, kind, file_name, mime_type,
         size_bytes, sha256, content)
       VALUES ($1, $2, $3, 'RECTIFICATION', '整改.pdf', 'application/pdf', $4, repeat('0', 64), $5)
       RETURNING id`,
      [issueId, shared.round, orgIdForCode(target), content.length, content],
    );
    return rows[0]!.id;
  }

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
    shared.round = rows[0]!.id;
    for (const t of TARGETS)
      await owner.query(
        'INSERT INTO assessment_round_bureaus(round_id, organization_id) VALUES ($1, $2)',
        [shared.round, orgIdForCode(t)],
      );
    await owner.query(
      `INSERT INTO assessment_round_assessors(round_id, user_id, organization_id)
       SELECT $1, id, $2 FROM users WHERE username = 'assessor'`,
      [shared.round, orgIdForCode('34')],
    );
    for (const t of TARGETS) {
      const i = await issue(t, 'OPEN');
      shared.issues.set(t, i.id);
      shared.files.set(t, await file(i.id, t));
      await issue(t, 'OPEN', '2025-05-01'); // overdue, for 催办
    }
    for (const actor of ACTORS) clients.set(actor, await signedIn(api.url, actor));
  });

  afterAll(async () => {
    await owner.query(`DELETE FROM assessment_issues WHERE round_id = $1`, [shared.round]);
    await owner.query(`DELETE FROM assessment_rounds WHERE id = $1`, [shared.round]);
    await owner.end();
    await api.app.close();
  });

  it.each(ROWS.map((row) => [row.name, row] as const))(
    '%s: exactly the allowed cells succeed',
    async (_name, row) => {
      const mismatches: string[] = [];
      let allowedCells = 0;
      for (const actor of ACTORS) {
        for (const target of TARGETS) {
          const expected = row.allowed(actor, target, mode);
          if (expected) allowedCells++;
          let issueId = '';
          let issueVersion = 0;
          let fileId = '';
          if (row.fixture !== 'shared') {
            const status = row.fixture === 'issue:AWAITING_APPROVAL' ? 'AWAITING_APPROVAL' : 'OPEN';
            const i = await issue(target, status);
            issueId = i.id;
            issueVersion = i.version;
            if (row.fixture === 'file:RECTIFICATION') fileId = await file(i.id, target);
          }
          const out = await row.run({
            client: clients.get(actor)!,
            owner,
            actor,
            target,
            issueId,
            issueVersion,
            fileId,
            shared,
          });
          mismatches.push(...cellMismatches(actor, target, expected, out));
        }
      }
      expect(mismatches).toEqual([]);
      expect(allowedCells).toBeGreaterThan(0);
    },
  );

  it('its rows are the registry entries of assessment-loop-matrix, each really called', () => {
    const called = [...clients.values()].flatMap((c) => [...c.called]);
    expect(coverageProblems('assessment-loop-matrix', ROWS, called)).toEqual([]);
  });
});

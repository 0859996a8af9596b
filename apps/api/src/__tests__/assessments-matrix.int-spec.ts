import { Client } from 'pg';
import {
  ApiClient,
  cellMismatches,
  DENIED_CODES,
  doesBusiness,
  errorCode,
  MATRIX_ACTORS,
  MATRIX_MODES,
  MATRIX_TARGETS,
  orgOf,
  oversees,
  readsPlansOf,
  roleOf,
  sees,
  signedIn,
  type CellOutcome,
  type GraphQLResult,
  type MatrixMode,
} from '@sunshine/testing';
import { orgIdForCode } from '@sunshine/tools/seed';
import type { StartedApi } from '../bootstrap';
import { startTestApi, testJobSchema } from '../testing';
import { coverageProblems } from './tenancy-coverage';

/**
 * The assessment operations × every demo role × target organisations, with code checks and with
 * RLS alone. Two shared rounds issued by the province list every target as a bureau: one assigned
 * to the demo assessor, one not (the assessor sees nothing of it). Write cells work on an issue
 * or round of their own, inserted by the owner connection; rounds are titled 【测评矩阵】 and
 * removed afterwards.
 *
 * Code checks allow the rectification steps to the bureau's own EDITOR/REVIEWER and the round's
 * decisions to its assessor and its issuer's ADMIN; RLS alone cannot tell a bureau from its
 * overseers or the issuer from the ADMINs below it who read the round, so there the boundary is
 * the actor's subtree — never beyond it, and an assessor never beyond its rounds.
 */
const ACTORS = MATRIX_ACTORS;
const TARGETS = MATRIX_TARGETS;
const MARK = '【测评矩阵】';

type Fixture = {
  roundId: string;
  roundVersion: number;
  issueId: string;
  issueVersion: number;
};

type FixtureKind =
  | 'shared'
  | 'issue:OPEN'
  | 'issue:AWAITING_APPROVAL'
  | 'issue:AWAITING_VERIFICATION'
  | 'issue:DISPUTED'
  | 'round:DRAFT'
  | 'round:PUBLISHED'
  | 'none';

interface Cell {
  client: ApiClient;
  owner: Client;
  actor: string;
  target: string;
  fx: Fixture;
  shared: { assigned: string; unassigned: string; issues: Map<string, [string, string]> };
}

interface Row {
  name: string;
  covers: string[];
  fixture: FixtureKind;
  targets?(actor: string): string[];
  allowed(actor: string, target: string, mode: MatrixMode): boolean;
  deniedCodes?: string[];
  run(c: Cell): Promise<CellOutcome>;
}

const gql = (r: GraphQLResult): CellOutcome => ({ ok: !r.errors, code: errorCode(r) });
const isAssessor = (a: string): boolean => roleOf(a) === 'ASSESSOR';

/** A bureau-side step: the bureau's own role with code checks, that role in the subtree with RLS. */
const bureau =
  (role: 'EDITOR' | 'REVIEWER') =>
  (a: string, t: string, mode: MatrixMode): boolean =>
    roleOf(a) === role && (mode.codeChecks ? orgOf(a) === t : sees(a, t));

/** A decision of the province's round: its assessor, or the issuer's ADMIN (RLS: ADMINs seeing t). */
const decides = (a: string, t: string, mode: MatrixMode): boolean =>
  isAssessor(a) || (roleOf(a) === 'ADMIN' && (mode.codeChecks ? orgOf(a) === '34' : sees(a, t)));

async function one<T>(owner: Client, sql: string, params: unknown[]): Promise<T> {
  const { rows } = await owner.query(sql, params);
  return rows[0] as T;
}

async function issueProbe(owner: Client, id: string): Promise<string> {
  return (
    await one<{ s: string }>(
      owner,
      `SELECT status || version || measure || dispute_reason AS s FROM assessment_issues WHERE id = $1`,
      [id],
    )
  ).s;
}

async function write(
  probe: () => Promise<string | number>,
  call: () => Promise<CellOutcome>,
): Promise<CellOutcome> {
  const before = await probe();
  const out = await call();
  const after = await probe();
  return { ...out, leaked: !out.ok && after !== before };
}

const ISSUE = 'id status version';

function issueStep(mutation: string, inputType: string, extra: Record<string, unknown> = {}) {
  return ({ client, owner, fx }: Cell): Promise<CellOutcome> =>
    write(
      () => issueProbe(owner, fx.issueId),
      async () =>
        gql(
          await client.request(
            `mutation($i: ${inputType}!) { ${mutation}(input: $i) { ${ISSUE} } }`,
            {
              i: { id: fx.issueId, version: fx.issueVersion, ...extra },
            },
          ),
        ),
    );
}

function listed(
  r: GraphQLResult<Record<string, Array<{ id: string }>>>,
  field: string,
  id: string,
) {
  const found = r.data?.[field]?.some((x) => x.id === id) ?? false;
  return { ok: found, code: errorCode(r) ?? 'NOT_LISTED' };
}

const ROWS: Row[] = [
  {
    name: 'assessmentIssue(id) in a round of the assessor',
    covers: ['Query.assessmentIssue'],
    fixture: 'shared',
    allowed: (a, t) => doesBusiness(a) && sees(a, t),
    async run({ client, target, shared }) {
      const [id] = shared.issues.get(target)!;
      return gql(
        await client.request(
          'query($id: ID!) { assessmentIssue(id: $id) { id history { action } } }',
          {
            id,
          },
        ),
      );
    },
  },
  {
    name: 'assessmentIssue(id) in a round the assessor is not assigned to',
    covers: ['Query.assessmentIssue'],
    fixture: 'shared',
    allowed: (a, t) => doesBusiness(a) && !isAssessor(a) && sees(a, t),
    async run({ client, target, shared }) {
      const [, id] = shared.issues.get(target)!;
      return gql(
        await client.request('query($id: ID!) { assessmentIssue(id: $id) { id } }', { id }),
      );
    },
  },
  {
    name: 'assessmentIssues(filter) membership, a round of the assessor',
    covers: ['Query.assessmentIssues'],
    fixture: 'shared',
    allowed: (a, t) => doesBusiness(a) && sees(a, t),
    async run({ client, target, shared }) {
      const [id] = shared.issues.get(target)!;
      const r = await client.request<{ assessmentIssues: Array<{ id: string }> }>(
        'query($f: AssessmentIssueFilter) { assessmentIssues(filter: $f) { id } }',
        { f: { roundId: shared.assigned } },
      );
      return listed(r, 'assessmentIssues', id);
    },
  },
  {
    name: 'assessmentIssues membership, a round without the assessor',
    covers: ['Query.assessmentIssues'],
    fixture: 'shared',
    allowed: (a, t) => doesBusiness(a) && !isAssessor(a) && sees(a, t),
    async run({ client, target, shared }) {
      const [, id] = shared.issues.get(target)!;
      const r = await client.request<{ assessmentIssues: Array<{ id: string }> }>(
        'query($f: AssessmentIssueFilter) { assessmentIssues(filter: $f) { id } }',
        { f: { roundId: shared.unassigned, organizationId: orgIdForCode(target) } },
      );
      return listed(r, 'assessmentIssues', id);
    },
  },
  {
    name: 'assessmentOverview(round, organisation)',
    covers: ['Query.assessmentOverview'],
    fixture: 'shared',
    allowed: (a, t) => doesBusiness(a) && sees(a, t),
    async run({ client, target, shared }) {
      const r = await client.request<{ assessmentOverview: { total: { issues: number } } }>(
        'query($r: ID!, $o: ID) { assessmentOverview(roundId: $r, organizationId: $o) { total { issues } rows { organization { code } issues } } }',
        { r: shared.assigned, o: orgIdForCode(target) },
      );
      return gql(r);
    },
  },
  {
    name: 'assessmentRound(id) issued by the target (no bureaus)',
    covers: ['Query.assessmentRound'],
    fixture: 'round:PUBLISHED',
    allowed: (a, t) => doesBusiness(a) && !isAssessor(a) && sees(a, t),
    async run({ client, fx }) {
      return gql(
        await client.request('query($id: ID!) { assessmentRound(id: $id) { id bureaus { id } } }', {
          id: fx.roundId,
        }),
      );
    },
  },
  {
    name: 'assessmentRounds membership',
    covers: ['Query.assessmentRounds'],
    fixture: 'round:PUBLISHED',
    allowed: (a, t) => doesBusiness(a) && !isAssessor(a) && sees(a, t),
    async run({ client, fx }) {
      const r = await client.request<{ assessmentRounds: Array<{ id: string }> }>(
        '{ assessmentRounds { id } }',
      );
      return listed(r, 'assessmentRounds', fx.roundId);
    },
  },
  {
    name: 'indicatorSystems membership (a system of the target)',
    covers: ['Query.indicatorSystems'],
    fixture: 'none',
    allowed: (a, t) => doesBusiness(a) && readsPlansOf(a, t),
    async run({ client, owner, target }) {
      const sys = await one<{ id: string }>(
        owner,
        `INSERT INTO indicator_systems(organization_id, name) VALUES ($1, $2) RETURNING id`,
        [orgIdForCode(target), `${MARK}指标`],
      );
      const r = await client.request<{ indicatorSystems: Array<{ id: string }> }>(
        '{ indicatorSystems { id indicators { id } } }',
      );
      await owner.query('DELETE FROM indicator_systems WHERE id = $1', [sys.id]);
      return listed(r, 'indicatorSystems', sys.id);
    },
  },
  {
    name: 'createIndicatorSystem (for its own organisation only)',
    covers: ['Mutation.createIndicatorSystem'],
    fixture: 'none',
    targets: (a) => [orgOf(a)],
    allowed: (a) => roleOf(a) === 'ADMIN',
    async run({ client, owner, actor }) {
      const r = await client.request(
        'mutation($i: CreateIndicatorSystemInput!) { createIndicatorSystem(input: $i) { id } }',
        {
          i: {
            name: `${MARK}${actor}`,
            indicators: [
              { code: '1', level: 1, name: '依申请公开', points: 20 },
              { code: '1.1', parentCode: '1', level: 2, name: '答复期限', points: 10, veto: false },
            ],
          },
        },
      );
      const { rows } = await owner.query<{ organization_id: string }>(
        'DELETE FROM indicator_systems WHERE name = $1 RETURNING organization_id',
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
    name: 'createAssessmentRound (bureaus strictly below the caller)',
    covers: ['Mutation.createAssessmentRound'],
    fixture: 'none',
    allowed: (a, t) => roleOf(a) === 'ADMIN' && oversees(a, t),
    deniedCodes: [...DENIED_CODES, 'BAD_USER_INPUT'],
    async run({ client, owner, actor, target }) {
      const title = `${MARK}新建 ${actor} ${target}`;
      const r = await client.request(
        'mutation($i: CreateAssessmentRoundInput!) { createAssessmentRound(input: $i) { id } }',
        {
          i: {
            title,
            assessorName: '测评机构',
            periodStart: '2026-01-01',
            periodEnd: '2026-12-31',
            defaultDeadline: '2027-03-31',
            bureauIds: [orgIdForCode(target)],
          },
        },
      );
      const { rows } = await owner.query<{ organization_id: string }>(
        'DELETE FROM assessment_rounds WHERE title = $1 RETURNING organization_id',
        [title],
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
    name: 'publishAssessmentRound',
    covers: ['Mutation.publishAssessmentRound'],
    fixture: 'round:DRAFT',
    allowed: (a, t, mode) =>
      roleOf(a) === 'ADMIN' && (mode.codeChecks ? orgOf(a) === t : sees(a, t)),
    run: ({ client, owner, fx }) =>
      write(
        async () =>
          (
            await one<{ s: string }>(
              owner,
              'SELECT status AS s FROM assessment_rounds WHERE id = $1',
              [fx.roundId],
            )
          ).s,
        async () =>
          gql(
            await client.request(
              'mutation($i: AssessmentRoundVersionInput!) { publishAssessmentRound(input: $i) { id } }',
              { i: { id: fx.roundId, version: fx.roundVersion } },
            ),
          ),
      ),
  },
  {
    name: 'closeAssessmentRound',
    covers: ['Mutation.closeAssessmentRound'],
    fixture: 'round:PUBLISHED',
    allowed: (a, t, mode) =>
      roleOf(a) === 'ADMIN' && (mode.codeChecks ? orgOf(a) === t : sees(a, t)),
    run: ({ client, owner, fx }) =>
      write(
        async () =>
          (
            await one<{ s: string }>(
              owner,
              'SELECT status AS s FROM assessment_rounds WHERE id = $1',
              [fx.roundId],
            )
          ).s,
        async () =>
          gql(
            await client.request(
              'mutation($i: AssessmentRoundVersionInput!) { closeAssessmentRound(input: $i) { id } }',
              { i: { id: fx.roundId, version: fx.roundVersion } },
            ),
          ),
      ),
  },
  {
    name: 'addAssessmentIssue (the province round of the assessor)',
    covers: ['Mutation.addAssessmentIssue'],
    fixture: 'shared',
    allowed: (a, t, mode) => decides(a, t, mode),
    deniedCodes: [...DENIED_CODES, 'BAD_USER_INPUT'],
    async run({ client, owner, actor, target, shared }) {
      const description = `${MARK}录入 ${actor} ${target}`;
      const r = await client.request(
        'mutation($i: AddAssessmentIssueInput!) { addAssessmentIssue(input: $i) { id } }',
        {
          i: {
            roundId: shared.assigned,
            organizationId: orgIdForCode(target),
            issueType: 'EMPTY_COLUMN',
            description,
          },
        },
      );
      const { rows } = await owner.query<{ organization_id: string }>(
        'DELETE FROM assessment_issues WHERE description = $1 RETURNING organization_id',
        [description],
      );
      const out = gql(r);
      return {
        ...out,
        leaked:
          (!out.ok && rows.length > 0) ||
          rows.some((x) => x.organization_id !== orgIdForCode(target)),
      };
    },
  },
  {
    name: 'saveRectification',
    covers: ['Mutation.saveRectification'],
    fixture: 'issue:OPEN',
    allowed: bureau('EDITOR'),
    run: issueStep('saveRectification', 'SaveRectificationInput', {
      measure: `${MARK}整改`,
      links: ['https://example.invalid/a.html'],
    }),
  },
  {
    name: 'submitRectification',
    covers: ['Mutation.submitRectification'],
    fixture: 'issue:OPEN',
    allowed: bureau('EDITOR'),
    run: issueStep('submitRectification', 'SaveRectificationInput', { measure: `${MARK}整改` }),
  },
  {
    name: 'disputeAssessmentIssue',
    covers: ['Mutation.disputeAssessmentIssue'],
    fixture: 'issue:OPEN',
    allowed: bureau('EDITOR'),
    run: issueStep('disputeAssessmentIssue', 'DisputeAssessmentIssueInput', {
      reason: '本单位无此类信息',
    }),
  },
  {
    name: 'approveRectification',
    covers: ['Mutation.approveRectification'],
    fixture: 'issue:AWAITING_APPROVAL',
    allowed: bureau('REVIEWER'),
    run: issueStep('approveRectification', 'AssessmentIssueActionInput'),
  },
  {
    name: 'verifyAssessmentIssue',
    covers: ['Mutation.verifyAssessmentIssue'],
    fixture: 'issue:AWAITING_VERIFICATION',
    allowed: decides,
    run: issueStep('verifyAssessmentIssue', 'AssessmentIssueActionInput'),
  },
  {
    name: 'returnAssessmentIssue',
    covers: ['Mutation.returnAssessmentIssue'],
    fixture: 'issue:AWAITING_VERIFICATION',
    allowed: decides,
    run: issueStep('returnAssessmentIssue', 'ReturnAssessmentIssueInput', { reason: '未整改到位' }),
  },
  {
    name: 'decideDispute (the round ADMIN only)',
    covers: ['Mutation.decideDispute'],
    fixture: 'issue:DISPUTED',
    allowed: (a, t, mode) => !isAssessor(a) && decides(a, t, mode),
    run: issueStep('decideDispute', 'DecideDisputeInput', { upheld: true }),
  },
  {
    name: 'assessmentIssue linkStatus: the target’s links, a round of the assessor',
    covers: ['Query.assessmentIssue'],
    fixture: 'shared',
    allowed: (a, t) => doesBusiness(a) && sees(a, t),
    async run({ client, owner, target, shared }) {
      const [id] = shared.issues.get(target)!;
      const { url } = await issueLink(owner, target, id!);
      const r = await client.request<{
        assessmentIssue: { linkStatus: { links: Array<{ url: string }> } };
      }>('query($id: ID!) { assessmentIssue(id: $id) { id linkStatus { state links { url } } } }', {
        id,
      });
      const found = r.data?.assessmentIssue.linkStatus.links.some((l) => l.url === url) ?? false;
      return { ok: found, code: errorCode(r) ?? 'NOT_LISTED' };
    },
  },
  {
    name: 'recheckAssessmentLinks(round, issue of the target)',
    covers: ['Mutation.recheckAssessmentLinks'],
    fixture: 'shared',
    allowed: (a, t) => doesBusiness(a) && sees(a, t),
    async run({ client, owner, target, shared }) {
      const [id] = shared.issues.get(target)!;
      const { linkId } = await issueLink(owner, target, id!);
      // Never checked: a re-check the caller may make queues it.
      await owner.query('UPDATE links SET last_checked_at = NULL WHERE id = $1', [linkId]);
      const since = new Date();
      const r = await client.request<{ recheckAssessmentLinks: { issues: number } }>(
        'mutation($i: RecheckAssessmentLinksInput!) { recheckAssessmentLinks(input: $i) { issues queued } }',
        { i: { roundId: shared.assigned, issueIds: [id] } },
      );
      const queued = await one<{ n: number }>(
        owner,
        `SELECT count(*)::int AS n FROM ${testJobSchema}.job WHERE name = 'link-checks.check'
           AND data->'linkIds' ? $1 AND created_on >= $2`,
        [linkId, since],
      );
      const ok = !r.errors && r.data?.recheckAssessmentLinks.issues === 1;
      return { ok, code: errorCode(r) ?? 'NOT_LISTED', leaked: !ok && queued.n > 0 };
    },
  },
];

/** A link of the target's issue (as the assessment registers it), inserted by the owner. */
async function issueLink(
  owner: Client,
  target: string,
  issueId: string,
): Promise<{ url: string; linkId: string }> {
  const url = `https://matrix.invalid/${target}/location.html`;
  const link = await one<{ id: string }>(
    owner,
    `INSERT INTO links (organization_id, url) VALUES ($1, $2)
     ON CONFLICT (organization_id, url) DO UPDATE SET url = excluded.url RETURNING id`,
    [orgIdForCode(target), url],
  );
  await owner.query(
    `INSERT INTO link_owners (link_id, organization_id, owner_kind, owner_id)
     VALUES ($1, $2, 'assessment-issue', $3) ON CONFLICT DO NOTHING`,
    [link.id, orgIdForCode(target), issueId],
  );
  return { url, linkId: link.id };
}

describe.each(MATRIX_MODES)('assessments tenancy matrix — %s', (_name, mode) => {
  let api: StartedApi;
  let owner: Client;
  const clients = new Map<string, ApiClient>();
  const tag = mode.codeChecks ? 'code' : 'rls';
  const shared = { assigned: '', unassigned: '', issues: new Map<string, [string, string]>() };

  async function round(
    orgCode: string,
    status: string,
    bureaus: readonly string[] = [],
    assessor = false,
  ): Promise<{ id: string; version: number }> {
    const r = await one<{ id: string; version: number }>(
      owner,
      `INSERT INTO assessment_rounds(organization_id, title, assessor_name, period_start, period_end,
         default_deadline, status, published_at)
       VALUES ($1, $2, '测评机构', '2026-01-01', '2026-12-31', '2027-03-31', $3::varchar,
         CASE WHEN $3::varchar = 'DRAFT' THEN NULL ELSE now() END)
       RETURNING id, version`,
      [orgIdForCode(orgCode), `${MARK}${tag} ${orgCode} ${status}`, status],
    );
    for (const b of bureaus)
      await owner.query(
        'INSERT INTO assessment_round_bureaus(round_id, organization_id) VALUES ($1, $2)',
        [r.id, orgIdForCode(b)],
      );
    if (assessor)
      await owner.query(
        `INSERT INTO assessment_round_assessors(round_id, user_id, organization_id)
         SELECT $1, id, $2 FROM users WHERE username = 'assessor'`,
        [r.id, orgIdForCode(orgCode)],
      );
    return r;
  }

  async function issue(
    roundId: string,
    target: string,
    status: string,
  ): Promise<{ id: string; version: number }> {
    return one(
      owner,
      `INSERT INTO assessment_issues(round_id, organization_id, issue_type, description, deadline,
         status, measure, dispute, dispute_reason)
       VALUES ($1, $2, 'EMPTY_COLUMN', $3, '2027-03-31', $4::varchar,
         CASE WHEN $4::varchar = 'OPEN' THEN '' ELSE '已整改' END,
         $4::varchar = 'DISPUTED', CASE WHEN $4::varchar = 'DISPUTED' THEN '无此类信息' ELSE '' END)
       RETURNING id, version`,
      [roundId, orgIdForCode(target), `${MARK}${tag} ${target}`, status],
    );
  }

  beforeAll(async () => {
    api = await startTestApi({}, mode);
    owner = new Client({ connectionString: process.env.SUNSHINE_TEST_OWNER_URL });
    await owner.connect();
    shared.assigned = (await round('34', 'PUBLISHED', TARGETS, true)).id;
    shared.unassigned = (await round('34', 'PUBLISHED', TARGETS, false)).id;
    for (const t of TARGETS) {
      const a = await issue(shared.assigned, t, 'OPEN');
      const b = await issue(shared.unassigned, t, 'OPEN');
      shared.issues.set(t, [a.id, b.id]);
    }
    for (const actor of ACTORS) clients.set(actor, await signedIn(api.url, actor));
  });

  afterAll(async () => {
    await owner.query(
      `DELETE FROM assessment_issues WHERE round_id IN (SELECT id FROM assessment_rounds WHERE title LIKE $1)`,
      [`${MARK}%`],
    );
    await owner.query(`DELETE FROM assessment_rounds WHERE title LIKE $1`, [`${MARK}%`]);
    await owner.query(`DELETE FROM indicator_systems WHERE name LIKE $1`, [`${MARK}%`]);
    await owner.query(`DELETE FROM links WHERE url LIKE 'https://matrix.invalid/%'`);
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
          let fx: Fixture = { roundId: '', roundVersion: 0, issueId: '', issueVersion: 0 };
          if (row.fixture.startsWith('issue:')) {
            const i = await issue(shared.assigned, target, row.fixture.slice(6));
            fx = { ...fx, roundId: shared.assigned, issueId: i.id, issueVersion: i.version };
          } else if (row.fixture.startsWith('round:')) {
            const r = await round(target, row.fixture.slice(6));
            fx = { ...fx, roundId: r.id, roundVersion: r.version };
          }
          const out = await row.run({
            client: clients.get(actor)!,
            owner,
            actor,
            target,
            fx,
            shared,
          });
          mismatches.push(...cellMismatches(actor, target, expected, out, row.deniedCodes));
        }
      }
      expect(mismatches).toEqual([]);
      expect(allowedCells).toBeGreaterThan(0);
    },
  );

  it('its rows are the registry entries of assessments-matrix, each really called', () => {
    const called = [...clients.values()].flatMap((c) => [...c.called]);
    expect(coverageProblems('assessments-matrix', ROWS, called)).toEqual([]);
  });
});

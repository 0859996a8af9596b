import { Client } from 'pg';
import { QueryCounter } from '@sunshine/api/core';
import { ApiClient, errorCode, signedIn, type GraphQLResult } from '@sunshine/testing';
import { orgIdForCode } from '@sunshine/tools/seed';
import type { StartedApi } from '../bootstrap';
import { startTestApi } from '../testing';

/**
 * Issue 10, third-party assessment: the rectification loop as each role, the tenancy rules an
 * assessment adds (an assessor sees only its rounds; a county never sees a neighbour's problems;
 * a city acts on its counties only) and the overview against an independent computation from the
 * stored rows. The clock is 2025-05-20. Fixtures live in 黄山 (3410) and its counties, rounds
 * titled 【测评】, which no other suite reads.
 */
let api: StartedApi;
let owner: Client;
const clients = new Map<string, ApiClient>();
const MARK = '【测评】';

async function as(user: string): Promise<ApiClient> {
  let c = clients.get(user);
  if (!c) {
    c = await signedIn(api.url, user);
    clients.set(user, c);
  }
  return c;
}

interface Issue {
  id: string;
  version: number;
  status: string;
  overdue?: boolean;
  late?: boolean;
}

const ISSUE_FIELDS = 'id version status overdue late';

async function ok<T>(r: Promise<GraphQLResult<T>>): Promise<T> {
  const res = await r;
  expect(res.errors).toBeUndefined();
  return res.data!;
}

async function createRound(
  admin: string,
  bureaus: string[],
  opts: { assessor?: boolean; deadline?: string } = {},
): Promise<{ id: string; version: number }> {
  const assessor = (
    await owner.query<{ id: string }>(`SELECT id FROM users WHERE username = 'assessor'`)
  ).rows[0]!.id;
  const c = await as(admin);
  const d = await ok(
    c.request<{ createAssessmentRound: { id: string; version: number } }>(
      'mutation($i: CreateAssessmentRoundInput!) { createAssessmentRound(input: $i) { id version status } }',
      {
        i: {
          title: `${MARK}${admin} ${bureaus.join(',')}`,
          assessorName: '某某咨询有限公司',
          periodStart: '2024-01-01',
          periodEnd: '2024-12-31',
          defaultDeadline: opts.deadline ?? '2025-06-30',
          bureauIds: bureaus.map(orgIdForCode),
          assessorUserIds: opts.assessor === false ? [] : [assessor],
        },
      },
    ),
  );
  return d.createAssessmentRound;
}

async function publish(admin: string, round: { id: string; version: number }): Promise<void> {
  await ok(
    (await as(admin)).request(
      'mutation($i: AssessmentRoundVersionInput!) { publishAssessmentRound(input: $i) { id status } }',
      { i: { id: round.id, version: round.version } },
    ),
  );
}

function addIssue(
  user: string,
  roundId: string,
  bureau: string,
  extra: Record<string, unknown> = {},
): Promise<GraphQLResult<{ addAssessmentIssue: Issue }>> {
  return as(user).then((c) =>
    c.request<{ addAssessmentIssue: Issue }>(
      `mutation($i: AddAssessmentIssueInput!) { addAssessmentIssue(input: $i) { ${ISSUE_FIELDS} } }`,
      {
        i: {
          roundId,
          organizationId: orgIdForCode(bureau),
          issueType: 'COLUMN_NOT_UPDATED',
          description: `${MARK}“政策解读”栏目近三个月未更新`,
          location: 'https://example.invalid/zcjd/',
          pointsDeducted: 1.5,
          ...extra,
        },
      },
    ),
  );
}

async function act(
  user: string,
  mutation: string,
  inputType: string,
  input: Record<string, unknown>,
): Promise<GraphQLResult<Record<string, Issue>>> {
  return (await as(user)).request<Record<string, Issue>>(
    `mutation($i: ${inputType}!) { ${mutation}(input: $i) { ${ISSUE_FIELDS} } }`,
    { i: input },
  );
}

async function step(
  user: string,
  mutation: string,
  inputType: string,
  input: Record<string, unknown>,
): Promise<Issue> {
  const r = await act(user, mutation, inputType, input);
  expect(r.errors).toBeUndefined();
  return r.data![mutation]!;
}

async function issueIds(user: string, filter: Record<string, unknown>): Promise<string[]> {
  const r = await (
    await as(user)
  ).request<{ assessmentIssues: Array<{ id: string }> }>(
    'query($f: AssessmentIssueFilter) { assessmentIssues(filter: $f) { id } }',
    { f: filter },
  );
  expect(r.errors).toBeUndefined();
  return r.data!.assessmentIssues.map((i) => i.id);
}

beforeAll(async () => {
  api = await startTestApi();
  owner = new Client({ connectionString: process.env.SUNSHINE_TEST_OWNER_URL });
  await owner.connect();
});

afterAll(async () => {
  await owner.query(
    `DELETE FROM assessment_issues WHERE round_id IN (SELECT id FROM assessment_rounds WHERE title LIKE $1)`,
    [`${MARK}%`],
  );
  await owner.query(`DELETE FROM assessment_rounds WHERE title LIKE $1`, [`${MARK}%`]);
  await owner.query(`DELETE FROM users WHERE username = '341004-both'`);
  await owner.end();
  await api.app.close();
});

describe('third-party assessment: the rectification loop', () => {
  it('runs open → rectified → approved → verified, as each role, with every transition recorded', async () => {
    const round = await createRound('34-admin', ['3410', '341002', '341003']);
    // A draft round's problems stay with the issuer and its assessor.
    const first = (await addIssue('assessor', round.id, '341002')).data!.addAssessmentIssue;
    expect(first.status).toBe('OPEN');
    expect(await issueIds('341002-editor', {})).not.toContain(first.id);
    await publish('34-admin', round);

    // The county sees its own problem, never its neighbour's.
    const neighbour = (await addIssue('34-admin', round.id, '341003')).data!.addAssessmentIssue;
    expect(await issueIds('341002-editor', { roundId: round.id })).toEqual([first.id]);
    expect(await issueIds('341003-editor', { roundId: round.id })).toEqual([neighbour.id]);
    expect(await issueIds('3410-admin', { roundId: round.id })).toEqual(
      expect.arrayContaining([first.id, neighbour.id]),
    );
    const peek = await (
      await as('341002-editor')
    ).request('query($id: ID!) { assessmentIssue(id: $id) { id } }', { id: neighbour.id });
    expect(errorCode(peek)).toBe('NOT_FOUND');
    const foreign = await act('341002-editor', 'saveRectification', 'SaveRectificationInput', {
      id: neighbour.id,
      version: neighbour.version,
      measure: '越权',
    });
    expect(errorCode(foreign)).toBe('NOT_FOUND');

    // The editor writes the measure and the link, then submits.
    let issue = await step('341002-editor', 'saveRectification', 'SaveRectificationInput', {
      id: first.id,
      version: first.version,
      measure: '已补充发布 2024 年政策解读 3 篇',
      links: ['https://example.invalid/zcjd/2025/1.html'],
    });
    expect(issue.status).toBe('RECTIFYING');
    // A stale version is refused.
    const stale = await act('341002-editor', 'saveRectification', 'SaveRectificationInput', {
      id: first.id,
      version: first.version,
      measure: '旧版本',
    });
    expect(errorCode(stale)).toBe('CONFLICT');
    const badLink = await act('341002-editor', 'saveRectification', 'SaveRectificationInput', {
      id: first.id,
      version: issue.version,
      links: ['javascript:alert(1)'],
    });
    expect(errorCode(badLink)).toBe('BAD_USER_INPUT');
    // Explicit nulls (as a client may send them) mean "unchanged": the saved answer is submitted.
    issue = await step('341002-editor', 'submitRectification', 'SaveRectificationInput', {
      id: issue.id,
      version: issue.version,
      measure: null,
      links: null,
    });
    expect(issue.status).toBe('AWAITING_APPROVAL');

    // The editor cannot approve; the assessor cannot verify before the bureau's reviewer approved.
    expect(
      errorCode(
        await act('341002-editor', 'approveRectification', 'AssessmentIssueActionInput', {
          id: issue.id,
          version: issue.version,
        }),
      ),
    ).toBe('FORBIDDEN');
    expect(
      errorCode(
        await act('assessor', 'verifyAssessmentIssue', 'AssessmentIssueActionInput', {
          id: issue.id,
          version: issue.version,
        }),
      ),
    ).toBe('CONFLICT');
    issue = await step('341002-reviewer', 'approveRectification', 'AssessmentIssueActionInput', {
      id: issue.id,
      version: issue.version,
      comment: '同意',
    });
    expect(issue.status).toBe('AWAITING_VERIFICATION');
    expect(issue.late).toBe(false);

    // A city does not verify the province's round; a return needs a reason.
    expect(
      errorCode(
        await act('3410-admin', 'verifyAssessmentIssue', 'AssessmentIssueActionInput', {
          id: issue.id,
          version: issue.version,
        }),
      ),
    ).toBe('FORBIDDEN');
    expect(
      errorCode(
        await act('assessor', 'returnAssessmentIssue', 'ReturnAssessmentIssueInput', {
          id: issue.id,
          version: issue.version,
          reason: '',
        }),
      ),
    ).toBe('BAD_USER_INPUT');
    issue = await step('assessor', 'returnAssessmentIssue', 'ReturnAssessmentIssueInput', {
      id: issue.id,
      version: issue.version,
      reason: '链接打开为空白页',
      newDeadline: '2025-07-15',
    });
    expect(issue.status).toBe('RETURNED');
    issue = await step('341002-editor', 'submitRectification', 'SaveRectificationInput', {
      id: issue.id,
      version: issue.version,
      links: ['https://example.invalid/zcjd/2025/2.html'],
    });
    issue = await step('341002-reviewer', 'approveRectification', 'AssessmentIssueActionInput', {
      id: issue.id,
      version: issue.version,
    });
    issue = await step('assessor', 'verifyAssessmentIssue', 'AssessmentIssueActionInput', {
      id: issue.id,
      version: issue.version,
      comment: '已整改到位',
    });
    expect(issue.status).toBe('VERIFIED');

    const history = await (
      await as('341002-editor')
    ).request<{
      assessmentIssue: {
        deadline: string;
        rectificationLinks: string[];
        history: Array<{ action: string; toStatus: string; actorName: string; comment: string }>;
      };
    }>(
      'query($id: ID!) { assessmentIssue(id: $id) { deadline rectificationLinks history { action toStatus actorName comment } } }',
      { id: issue.id },
    );
    const h = history.data!.assessmentIssue;
    expect(h.deadline).toBe('2025-07-15');
    expect(h.rectificationLinks).toEqual(['https://example.invalid/zcjd/2025/2.html']);
    expect(h.history.map((e) => e.action)).toEqual([
      'CREATE',
      'SAVE',
      'SUBMIT',
      'APPROVE',
      'RETURN',
      'SUBMIT',
      'APPROVE',
      'VERIFY',
    ]);
    expect(h.history[4]).toMatchObject({ actorName: 'assessor', comment: '链接打开为空白页' });

    const audited = await owner.query<{ action: string }>(
      `SELECT action FROM audit_events WHERE target_id = $1 ORDER BY id`,
      [issue.id],
    );
    expect(audited.rows.map((r) => r.action)).toEqual([
      'ASSESSMENT_ISSUE_ADD',
      'ASSESSMENT_RECTIFICATION_SAVE',
      'ASSESSMENT_RECTIFICATION_SUBMIT',
      'ASSESSMENT_RECTIFICATION_APPROVE',
      'ASSESSMENT_ISSUE_RETURN',
      'ASSESSMENT_RECTIFICATION_SUBMIT',
      'ASSESSMENT_RECTIFICATION_APPROVE',
      'ASSESSMENT_ISSUE_VERIFY',
    ]);
  });

  it('decides disputes: upheld withdraws the problem and restores its points', async () => {
    const round = await createRound('34-admin', ['341004']);
    await publish('34-admin', round);
    const a = (await addIssue('assessor', round.id, '341004', { pointsDeducted: 2 })).data!
      .addAssessmentIssue;
    const b = (await addIssue('assessor', round.id, '341004', { pointsDeducted: 3 })).data!
      .addAssessmentIssue;
    const overview = async (): Promise<number> => {
      const r = await (
        await as('34-admin')
      ).request<{ assessmentOverview: { total: { pointsDeducted: number; issues: number } } }>(
        'query($r: ID!) { assessmentOverview(roundId: $r) { total { issues pointsDeducted } } }',
        { r: round.id },
      );
      return r.data!.assessmentOverview.total.pointsDeducted;
    };
    expect(await overview()).toBe(5);
    for (const [issue, upheld] of [
      [a, true],
      [b, false],
    ] as const) {
      expect(
        errorCode(
          await act('341004-editor', 'disputeAssessmentIssue', 'DisputeAssessmentIssueInput', {
            id: issue.id,
            version: issue.version,
            reason: '',
          }),
        ),
      ).toBe('BAD_USER_INPUT');
      let d = await step('341004-editor', 'disputeAssessmentIssue', 'DisputeAssessmentIssueInput', {
        id: issue.id,
        version: issue.version,
        reason: '本单位无此类信息，无需公开',
      });
      d = await step('341004-reviewer', 'approveRectification', 'AssessmentIssueActionInput', {
        id: d.id,
        version: d.version,
      });
      expect(d.status).toBe('DISPUTED');
      // The assessor verifies rectifications but does not decide disputes.
      expect(
        errorCode(
          await act('assessor', 'decideDispute', 'DecideDisputeInput', {
            id: d.id,
            version: d.version,
            upheld,
          }),
        ),
      ).toBe('FORBIDDEN');
      d = await step('34-admin', 'decideDispute', 'DecideDisputeInput', {
        id: d.id,
        version: d.version,
        upheld,
        comment: upheld ? '' : '该栏目属于必须公开事项',
      });
      expect(d.status).toBe(upheld ? 'WITHDRAWN' : 'RETURNED');
    }
    expect(await overview()).toBe(3);
  });

  it('lets nobody approve their own answer', async () => {
    await owner.query(
      `INSERT INTO users(organization_id, username, display_name, password_hash, roles)
       SELECT organization_id, '341004-both', '填报兼审核', password_hash, ARRAY['EDITOR','REVIEWER']
       FROM users WHERE username = '341004-editor' ON CONFLICT DO NOTHING`,
    );
    const round = await createRound('34-admin', ['341004']);
    await publish('34-admin', round);
    const created = (await addIssue('assessor', round.id, '341004')).data!.addAssessmentIssue;
    const mine = await step('341004-both', 'submitRectification', 'SaveRectificationInput', {
      id: created.id,
      version: created.version,
      measure: '已整改',
    });
    const own = await act('341004-both', 'approveRectification', 'AssessmentIssueActionInput', {
      id: mine.id,
      version: mine.version,
    });
    expect(errorCode(own)).toBe('FORBIDDEN');
    expect(own.errors?.[0]?.message).toBe('不能审核本人提交的整改情况');
    const other = await step(
      '341004-reviewer',
      'approveRectification',
      'AssessmentIssueActionInput',
      {
        id: mine.id,
        version: mine.version,
      },
    );
    expect(other.status).toBe('AWAITING_VERIFICATION');
  });

  it('keeps an assessor to its rounds and a city to its counties', async () => {
    // A city round without the assessor: the assessor sees nothing of it.
    const cityRound = await createRound('3410-admin', ['341002', '341003'], { assessor: false });
    await publish('3410-admin', cityRound);
    const cityIssue = (await addIssue('3410-admin', cityRound.id, '341003')).data!
      .addAssessmentIssue;
    expect(await issueIds('assessor', { roundId: cityRound.id }).catch(() => [])).toEqual([]);
    const r = await (
      await as('assessor')
    ).request<{ assessmentRounds: Array<{ id: string }> }>('{ assessmentRounds { id } }');
    expect(r.data!.assessmentRounds.map((x) => x.id)).not.toContain(cityRound.id);
    expect(errorCode(await addIssue('assessor', cityRound.id, '341003'))).toBe('NOT_FOUND');
    const all = await issueIds('assessor', {});
    expect(all).not.toContain(cityIssue.id);

    // A city's round covers its counties only.
    const outside = await (
      await as('3410-admin')
    ).request(
      'mutation($i: CreateAssessmentRoundInput!) { createAssessmentRound(input: $i) { id } }',
      {
        i: {
          title: `${MARK}越界`,
          assessorName: '某机构',
          periodStart: '2024-01-01',
          periodEnd: '2024-12-31',
          defaultDeadline: '2025-06-30',
          bureauIds: [orgIdForCode('340102')],
        },
      },
    );
    expect(errorCode(outside)).toBe('BAD_USER_INPUT');
    // A county cannot create rounds; another city does not see the round.
    expect(errorCode(await addIssue('3401-admin', cityRound.id, '341003'))).toBe('NOT_FOUND');
    expect(await issueIds('3401-admin', { roundId: cityRound.id }).catch(() => [])).toEqual([]);
    // A problem can only be raised against a bureau of the round.
    expect(errorCode(await addIssue('3410-admin', cityRound.id, '341004'))).toBe('BAD_USER_INPUT');
    // The city admin verifies in its own round.
    let i = await step('341003-editor', 'submitRectification', 'SaveRectificationInput', {
      id: cityIssue.id,
      version: cityIssue.version,
      measure: '已更新',
    });
    i = await step('341003-reviewer', 'approveRectification', 'AssessmentIssueActionInput', {
      id: i.id,
      version: i.version,
    });
    i = await step('3410-admin', 'verifyAssessmentIssue', 'AssessmentIssueActionInput', {
      id: i.id,
      version: i.version,
    });
    expect(i.status).toBe('VERIFIED');
  });
});

describe('assessment overview', () => {
  it('equals an independent computation from the stored rows', async () => {
    const round = await createRound('34-admin', ['3410', '341002', '341003', '341004'], {
      deadline: '2025-05-10',
    });
    await publish('34-admin', round);
    const bureaus = ['3410', '341002', '341003', '341004'];
    const types = ['EMPTY_COLUMN', 'BROKEN_LINK', 'NO_INTERPRETATION'];
    let n = 0;
    for (const b of bureaus)
      for (const t of types) {
        n++;
        const created = (
          await addIssue('assessor', round.id, b, {
            issueType: t,
            pointsDeducted: (n % 4) * 0.5,
            deadline: n % 3 === 0 ? '2025-06-30' : '2025-05-10',
          })
        ).data!.addAssessmentIssue;
        if (n % 2 === 0) {
          const e = await step(`${b}-editor`, 'submitRectification', 'SaveRectificationInput', {
            id: created.id,
            version: created.version,
            measure: '已整改',
          });
          const a = await step(
            `${b}-reviewer`,
            'approveRectification',
            'AssessmentIssueActionInput',
            {
              id: e.id,
              version: e.version,
            },
          );
          expect(a.late).toBe(n % 3 !== 0); // answered after 2025-05-10: late for good
          if (n % 4 === 0)
            await step('assessor', 'verifyAssessmentIssue', 'AssessmentIssueActionInput', {
              id: a.id,
              version: a.version,
            });
        }
      }
    const r = await (
      await as('34-admin')
    ).request<{
      assessmentOverview: {
        rows: Array<{
          organization: { code: string };
          issues: number;
          rectified: number;
          verified: number;
          overdue: number;
          pointsDeducted: number;
          rectificationRate: number;
          onTimeRate: number;
        }>;
        byType: Array<{ issueType: string; issues: number }>;
      };
    }>(
      `query($r: ID!) { assessmentOverview(roundId: $r) {
         rows { organization { code } issues rectified verified overdue pointsDeducted rectificationRate onTimeRate }
         byType { issueType issues } } }`,
      { r: round.id },
    );
    expect(r.errors).toBeUndefined();
    const row = r.data!.assessmentOverview.rows.find((x) => x.organization.code === '3410')!;
    // Independently: every issue of the round whose bureau's code starts with 3410.
    const { rows } = await owner.query<{
      issues: number;
      rectified: number;
      verified: number;
      overdue: number;
      points: string;
      on_time: number;
    }>(
      `SELECT count(*) FILTER (WHERE i.status <> 'WITHDRAWN')::int AS issues,
              count(*) FILTER (WHERE i.status IN ('AWAITING_VERIFICATION','VERIFIED'))::int AS rectified,
              count(*) FILTER (WHERE i.status = 'VERIFIED')::int AS verified,
              count(*) FILTER (WHERE i.status NOT IN ('VERIFIED','WITHDRAWN') AND i.deadline < DATE '2025-05-20')::int AS overdue,
              count(*) FILTER (WHERE i.status = 'VERIFIED' AND NOT i.late)::int AS on_time,
              sum(i.points_deducted) FILTER (WHERE i.status <> 'WITHDRAWN') AS points
       FROM assessment_issues i JOIN organizations o ON o.id = i.organization_id
       WHERE i.round_id = $1 AND o.code LIKE '3410%'`,
      [round.id],
    );
    const x = rows[0]!;
    expect(x.issues).toBe(12);
    expect(row).toMatchObject({
      issues: x.issues,
      rectified: x.rectified,
      verified: x.verified,
      overdue: x.overdue,
      pointsDeducted: Number(x.points),
    });
    expect(row.rectificationRate).toBeCloseTo(x.verified / x.issues, 10);
    expect(row.onTimeRate).toBeCloseTo(x.on_time / x.issues, 10);
    expect(x.overdue).toBeGreaterThan(0);
    expect(r.data!.assessmentOverview.byType.map((t) => t.issues).sort()).toEqual([4, 4, 4]);

    // The city's view of the same round: one row per county plus its own.
    const city = await (
      await as('3410-admin')
    ).request<{
      assessmentOverview: { rows: Array<{ organization: { code: string }; issues: number }> };
    }>(
      'query($r: ID!) { assessmentOverview(roundId: $r) { rows { organization { code } issues } } }',
      { r: round.id },
    );
    const byCode = Object.fromEntries(
      city.data!.assessmentOverview.rows.map((x) => [x.organization.code, x.issues]),
    );
    expect(byCode).toMatchObject({ '3410': 3, '341002': 3, '341003': 3, '341004': 3 });
    // Overdue filter: exactly the stored overdue ones.
    const overdue = await issueIds('34-admin', { roundId: round.id, overdue: true });
    expect(overdue).toHaveLength(x.overdue);
  });

  it('issues a fixed number of SQL statements at demo size, whatever the unit (no N+1)', async () => {
    const { rows } = await owner.query<{ id: string; n: number }>(
      `SELECT r.id, count(i.id)::int AS n FROM assessment_rounds r JOIN assessment_issues i ON i.round_id = r.id
       WHERE r.title NOT LIKE $1 GROUP BY r.id ORDER BY n DESC LIMIT 1`,
      [`${MARK}%`],
    );
    const demo = rows[0]!;
    expect(demo.n).toBeGreaterThan(500);
    const leader = await as('34-leader');
    const count = async (org?: string): Promise<[number, number]> => {
      const before = QueryCounter.count;
      const started = Date.now();
      const r = await leader.request(
        `query($r: ID!, $o: ID) { assessmentOverview(roundId: $r, organizationId: $o) {
           total { issues } rows { organization { id code name } issues rectified verified overdue pointsDeducted rectificationRate onTimeRate }
           byType { issueType issues } } }`,
        { r: demo.id, o: org ? orgIdForCode(org) : null },
      );
      expect(r.errors).toBeUndefined();
      return [QueryCounter.count - before, Date.now() - started];
    };
    await count(); // warms the cached organisation hierarchy
    const [province, ms] = await count();
    const [city] = await count('3401');
    console.log(`assessmentOverview at ${demo.n} problems: ${province} SQL statements, ${ms} ms`);
    // START TRANSACTION, app_begin, the round, the units, the grouped counts, COMMIT.
    expect(province).toBe(6);
    expect(city).toBe(province);
  });
});

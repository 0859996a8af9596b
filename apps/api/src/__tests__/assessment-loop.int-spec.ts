import { Client } from 'pg';
import { AssessmentRemindersService } from '@sunshine/api/assessments';
import {
  ApiClient,
  errorCode,
  evidenceFiles as f,
  signedIn,
  type GraphQLResult,
} from '@sunshine/testing';
import { orgIdForCode } from '@sunshine/tools/seed';
import type { StartedApi } from '../bootstrap';
import { startTestApi } from '../testing';

/**
 * Issue 10, the rectification loop's deadlines, reminders, 催办, menu counts, send-back, trend and
 * files. The clock is Tuesday 2025-05-20. Fixtures live in 池州 (3417) and its counties 贵池区
 * (341702) and 东至县 (341721), rounds titled 【测评闭环】, which no other suite reads.
 */
let api: StartedApi;
let owner: Client;
const clients = new Map<string, ApiClient>();
const MARK = '【测评闭环】';

async function as(user: string): Promise<ApiClient> {
  let c = clients.get(user);
  if (!c) {
    c = await signedIn(api.url, user);
    clients.set(user, c);
  }
  return c;
}

async function ok<T>(r: Promise<GraphQLResult<T>>): Promise<T> {
  const res = await r;
  expect(res.errors).toBeUndefined();
  return res.data!;
}

interface Issue {
  id: string;
  version: number;
  status: string;
  deadline: string;
  deadlineStatus: { state: string; workingDays: number; label: string; warning: string | null };
}
const ISSUE = 'id version status deadline deadlineStatus { state workingDays label warning }';

interface Round {
  id: string;
  version: number;
  defaultDeadline: string;
  defaultDeadlineWorkingDays: number | null;
  deadlineWarning: string | null;
}
const ROUND = 'id version defaultDeadline defaultDeadlineWorkingDays deadlineWarning';

async function createRound(
  rule: { defaultDeadline?: string; defaultDeadlineWorkingDays?: number },
  bureaus = ['341702', '341721'],
): Promise<GraphQLResult<{ createAssessmentRound: Round }>> {
  const assessor = (
    await owner.query<{ id: string }>(`SELECT id FROM users WHERE username = 'assessor'`)
  ).rows[0]!.id;
  return (await as('34-admin')).request<{ createAssessmentRound: Round }>(
    `mutation($i: CreateAssessmentRoundInput!) { createAssessmentRound(input: $i) { ${ROUND} } }`,
    {
      i: {
        title: `${MARK}${JSON.stringify(rule)}`,
        assessorName: '某某咨询有限公司',
        periodStart: '2024-01-01',
        periodEnd: '2024-12-31',
        bureauIds: bureaus.map(orgIdForCode),
        assessorUserIds: [assessor],
        ...rule,
      },
    },
  );
}

async function publish(round: { id: string; version: number }): Promise<Round> {
  return (
    await ok(
      (await as('34-admin')).request<{ publishAssessmentRound: Round }>(
        `mutation($i: AssessmentRoundVersionInput!) { publishAssessmentRound(input: $i) { ${ROUND} } }`,
        { i: { id: round.id, version: round.version } },
      ),
    )
  ).publishAssessmentRound;
}

async function addIssue(roundId: string, bureau: string, deadline?: string): Promise<Issue> {
  return (
    await ok(
      (await as('assessor')).request<{ addAssessmentIssue: Issue }>(
        `mutation($i: AddAssessmentIssueInput!) { addAssessmentIssue(input: $i) { ${ISSUE} } }`,
        {
          i: {
            roundId,
            organizationId: orgIdForCode(bureau),
            issueType: 'EMPTY_COLUMN',
            description: `${MARK}“规范性文件”栏目为空`,
            ...(deadline && { deadline }),
          },
        },
      ),
    )
  ).addAssessmentIssue;
}

async function issue(user: string, id: string): Promise<Issue> {
  return (
    await ok(
      (await as(user)).request<{ assessmentIssue: Issue }>(
        `query($id: ID!) { assessmentIssue(id: $id) { ${ISSUE} } }`,
        { id },
      ),
    )
  ).assessmentIssue;
}

function act(
  user: string,
  mutation: string,
  inputType: string,
  input: Record<string, unknown>,
): Promise<GraphQLResult<Record<string, Issue>>> {
  return as(user).then((c) =>
    c.request<Record<string, Issue>>(
      `mutation($i: ${inputType}!) { ${mutation}(input: $i) { ${ISSUE} } }`,
      { i: input },
    ),
  );
}

/** Sets an issue's stored state directly (the owner connection), for reminder fixtures. */
async function setIssue(id: string, status: string, deadline: string): Promise<void> {
  await owner.query(
    `UPDATE assessment_issues SET status = $2, deadline = $3, reminders_sent = '{}' WHERE id = $1`,
    [id, status, deadline],
  );
}

async function notices(
  code: string,
): Promise<Array<{ kind: string; title: string; body: string }>> {
  const { rows } = await owner.query<{ kind: string; title: string; body: string }>(
    `SELECT kind, title, body FROM notifications WHERE organization_id = $1 AND link = '/assessments'
     ORDER BY created_at, id`,
    [orgIdForCode(code)],
  );
  return rows;
}

function upload(
  user: string,
  issueId: string,
  body: Buffer,
  name: string,
  kind = 'RECTIFICATION',
): Promise<Response> {
  return as(user).then((c) =>
    fetch(`${api.url}/files/assessment-issues/${issueId}/files?kind=${kind}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${c.token}`,
        'content-type': 'application/octet-stream',
        'x-file-name': encodeURIComponent(name),
      },
      body: new Uint8Array(body),
    }),
  );
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
  await owner.end();
  await api.app.close();
});

describe('working-day deadlines', () => {
  it('counts a round default of N working days from publication and moves its issues with it', async () => {
    const both = await createRound({
      defaultDeadline: '2025-06-30',
      defaultDeadlineWorkingDays: 5,
    });
    expect(errorCode(both)).toBe('BAD_USER_INPUT');
    const neither = await createRound({});
    expect(errorCode(neither)).toBe('BAD_USER_INPUT');
    const tooMany = await createRound({ defaultDeadlineWorkingDays: 400 });
    expect(errorCode(tooMany)).toBe('BAD_USER_INPUT');

    const round = (await ok(createRound({ defaultDeadlineWorkingDays: 5 }))).createAssessmentRound;
    expect(round.defaultDeadlineWorkingDays).toBe(5);
    // Provisional: five working days from today (Tuesday 20 May): 21, 22, 23, 26, 27 May.
    expect(round.defaultDeadline).toBe('2025-05-27');
    const inherits = await addIssue(round.id, '341702');
    const own = await addIssue(round.id, '341721', '2025-07-15');
    expect(inherits.deadline).toBe('2025-05-27');
    // A deadline set by hand stays when the round is published.
    const byHand = await addIssue(round.id, '341721');
    const set = await act(
      'assessor',
      'setAssessmentIssueDeadline',
      'SetAssessmentIssueDeadlineInput',
      {
        id: byHand.id,
        version: byHand.version,
        deadline: '2025-05-27',
      },
    );
    expect(set.errors).toBeUndefined();
    expect(
      errorCode(
        await act(
          '341721-editor',
          'setAssessmentIssueDeadline',
          'SetAssessmentIssueDeadlineInput',
          {
            id: byHand.id,
            version: byHand.version + 1,
            deadline: '2025-06-01',
          },
        ),
      ),
    ).toBe('FORBIDDEN');
    expect(
      errorCode(
        await act('assessor', 'setAssessmentIssueDeadline', 'SetAssessmentIssueDeadlineInput', {
          id: byHand.id,
          version: byHand.version + 1,
          deadline: '2025-05-19',
        }),
      ),
    ).toBe('BAD_USER_INPUT');

    // Published on a later day, the default is counted from that day: the business clock stays
    // at 20 May here, so simulate a round created earlier with a different provisional date.
    await owner.query(
      `UPDATE assessment_rounds SET default_deadline = '2025-05-16' WHERE id = $1`,
      [round.id],
    );
    await owner.query(
      `UPDATE assessment_issues SET deadline = '2025-05-16'
       WHERE round_id = $1 AND deadline = '2025-05-27' AND NOT deadline_overridden`,
      [round.id],
    );
    const published = await publish({ id: round.id, version: round.version });
    expect(published.defaultDeadline).toBe('2025-05-27');
    expect(published.deadlineWarning).toBeNull();
    expect((await issue('341702-editor', inherits.id)).deadline).toBe('2025-05-27');
    expect((await issue('341721-editor', own.id)).deadline).toBe('2025-07-15');
    expect((await issue('341721-editor', byHand.id)).deadline).toBe('2025-05-27');
    const { rows } = await owner.query<{ deadline_overridden: boolean }>(
      'SELECT deadline_overridden FROM assessment_issues WHERE id = $1',
      [byHand.id],
    );
    expect(rows[0]!.deadline_overridden).toBe(true);

    // 剩余 N 个工作日, today included: 20, 21, 22, 23, 26, 27 May.
    expect((await issue('341702-editor', inherits.id)).deadlineStatus).toEqual({
      state: 'REMAINING',
      workingDays: 6,
      label: '剩余 6 个工作日',
      warning: null,
    });
  });

  it('warns when the deadline falls in a year the holiday table does not cover', async () => {
    const round = (await ok(createRound({ defaultDeadline: '2031-03-03' }))).createAssessmentRound;
    expect(round.deadlineWarning).toMatch(/2031 年的放假安排尚未收录/);
    const i = await addIssue(round.id, '341702');
    expect(i.deadlineStatus.warning).toMatch(/尚未收录/);
  });
});

describe('the reviewer sends an answer back to the editor', () => {
  it('returns it with a reason; nobody sends back or approves their own', async () => {
    const round = (await ok(createRound({ defaultDeadline: '2025-06-30' }))).createAssessmentRound;
    await publish(round);
    const i = await addIssue(round.id, '341702');
    const submitted = (
      await ok(
        act('341702-editor', 'submitRectification', 'SaveRectificationInput', {
          id: i.id,
          version: i.version,
          measure: '已补充发布规范性文件 2 件',
        }),
      )
    ).submitRectification!;
    expect(submitted.status).toBe('AWAITING_APPROVAL');
    const noReason = await act(
      '341702-reviewer',
      'sendBackRectification',
      'SendBackRectificationInput',
      {
        id: i.id,
        version: submitted.version,
        reason: ' ',
      },
    );
    expect(errorCode(noReason)).toBe('BAD_USER_INPUT');
    const byEditor = await act(
      '341702-editor',
      'sendBackRectification',
      'SendBackRectificationInput',
      {
        id: i.id,
        version: submitted.version,
        reason: '自己退回',
      },
    );
    expect(errorCode(byEditor)).toBe('FORBIDDEN');
    const neighbour = await act(
      '341721-reviewer',
      'sendBackRectification',
      'SendBackRectificationInput',
      {
        id: i.id,
        version: submitted.version,
        reason: '越权',
      },
    );
    expect(errorCode(neighbour)).toBe('NOT_FOUND');
    const back = (
      await ok(
        act('341702-reviewer', 'sendBackRectification', 'SendBackRectificationInput', {
          id: i.id,
          version: submitted.version,
          reason: '整改链接打不开，请核实',
        }),
      )
    ).sendBackRectification!;
    expect(back.status).toBe('RETURNED');
    const history = await ok(
      (await as('341702-editor')).request<{
        assessmentIssue: { history: Array<{ action: string; comment: string; actorName: string }> };
      }>('query($id: ID!) { assessmentIssue(id: $id) { history { action comment actorName } } }', {
        id: i.id,
      }),
    );
    expect(history.assessmentIssue.history.at(-1)).toEqual({
      action: 'SEND_BACK',
      comment: '整改链接打不开，请核实',
      actorName: '341702-reviewer',
    });
    const { rows } = await owner.query<{ action: string }>(
      `SELECT action FROM audit_events WHERE target_id = $1 ORDER BY id DESC LIMIT 1`,
      [i.id],
    );
    expect(rows[0]?.action).toBe('ASSESSMENT_RECTIFICATION_SEND_BACK');
    // The editor answers again.
    const again = (
      await ok(
        act('341702-editor', 'submitRectification', 'SaveRectificationInput', {
          id: i.id,
          version: back.version,
          links: ['https://example.invalid/gfxwj/1.html'],
        }),
      )
    ).submitRectification!;
    expect(again.status).toBe('AWAITING_APPROVAL');
  });
});

describe('reminders and 催办', () => {
  it('sends each reminder once per issue and kind, however often the job runs', async () => {
    const reminders = api.app.get(AssessmentRemindersService);
    await reminders.sweep(); // what the demo data is owed, first
    const round = (await ok(createRound({ defaultDeadline: '2025-06-30' }))).createAssessmentRound;
    await publish(round);
    const overdue = await addIssue(round.id, '341721');
    const tomorrow = await addIssue(round.id, '341721');
    const soon = await addIssue(round.id, '341721');
    const later = await addIssue(round.id, '341721');
    const answered = await addIssue(round.id, '341721');
    await setIssue(overdue.id, 'RECTIFYING', '2025-05-19');
    await setIssue(tomorrow.id, 'OPEN', '2025-05-21');
    await setIssue(soon.id, 'OPEN', '2025-05-23');
    await setIssue(later.id, 'OPEN', '2025-06-30');
    await setIssue(answered.id, 'AWAITING_VERIFICATION', '2025-05-19');
    const before = (await notices('341721')).length;
    await reminders.sweep();
    const sent = (await notices('341721')).slice(before);
    expect(sent.map((n) => n.kind).sort()).toEqual(['DUE_SOON', 'DUE_TOMORROW', 'OVERDUE']);
    const od = sent.find((n) => n.kind === 'OVERDUE')!;
    expect(od.title).toBe('1 个测评问题已逾期');
    expect(od.body).toContain('已逾期 1 个工作日');
    expect(od.body).not.toMatch(/editor|reviewer|assessor/);
    // Run again (a retried job, the next hour): nothing more.
    await reminders.sweep();
    await reminders.sweep();
    expect((await notices('341721')).length).toBe(before + 3);
    const { rows } = await owner.query<{ id: string; reminders_sent: string[] }>(
      'SELECT id, reminders_sent FROM assessment_issues WHERE round_id = $1',
      [round.id],
    );
    const sentFor = new Map(rows.map((r) => [r.id, r.reminders_sent]));
    expect(sentFor.get(overdue.id)).toEqual(['OVERDUE']);
    expect(sentFor.get(later.id)).toEqual([]);
    expect(sentFor.get(answered.id)).toEqual([]);

    // A return is told once; after another return, once more.
    await owner.query(
      `UPDATE assessment_issues SET status = 'AWAITING_VERIFICATION', version = version + 1 WHERE id = $1`,
      [later.id],
    );
    const v = (await issue('assessor', later.id)).version;
    await ok(
      act('assessor', 'returnAssessmentIssue', 'ReturnAssessmentIssueInput', {
        id: later.id,
        version: v,
        reason: '栏目仍为空',
      }),
    );
    await reminders.sweep();
    await reminders.sweep();
    const afterReturn = (await notices('341721')).slice(before + 3);
    expect(afterReturn.map((n) => n.kind)).toEqual(['RETURNED']);
    expect(afterReturn[0]!.body).toContain('复核退回');
  });

  it('催办: the round issuer reminds every bureau with overdue problems, audited, with counts', async () => {
    const round = (await ok(createRound({ defaultDeadline: '2025-06-30' }))).createAssessmentRound;
    await publish(round);
    const a = await addIssue(round.id, '341702');
    const b = await addIssue(round.id, '341702');
    const c = await addIssue(round.id, '341721');
    await addIssue(round.id, '341721');
    await setIssue(a.id, 'OPEN', '2025-05-10');
    await setIssue(b.id, 'RETURNED', '2025-05-15');
    await setIssue(c.id, 'OPEN', '2025-05-19');
    const mutation =
      'mutation($i: RemindOverdueAssessmentIssuesInput!) { remindOverdueAssessmentIssues(input: $i) { organizations issues } }';
    for (const user of ['341702-editor', '3417-admin', '3410-admin']) {
      const denied = await (await as(user)).request(mutation, { i: { roundId: round.id } });
      expect({ user, code: errorCode(denied) }).toEqual({
        user,
        code: user === '341702-editor' ? 'FORBIDDEN' : expect.stringMatching(/FORBIDDEN|NOT_FOUND/),
      });
    }
    const before = (await notices('341702')).length;
    const all = await ok(
      (await as('34-admin')).request<{
        remindOverdueAssessmentIssues: { organizations: number; issues: number };
      }>(mutation, { i: { roundId: round.id } }),
    );
    expect(all.remindOverdueAssessmentIssues).toEqual({ organizations: 2, issues: 3 });
    const got = (await notices('341702')).slice(before);
    expect(got).toEqual([
      expect.objectContaining({
        kind: 'REMINDER',
        body: '本单位有 2 个测评问题已超过整改期限，请尽快整改并报送复核。',
      }),
    ]);
    const one = await ok(
      (await as('34-admin')).request<{
        remindOverdueAssessmentIssues: { organizations: number; issues: number };
      }>(mutation, { i: { roundId: round.id, organizationId: orgIdForCode('341721') } }),
    );
    expect(one.remindOverdueAssessmentIssues).toEqual({ organizations: 1, issues: 1 });
    const { rows } = await owner.query<{ changes: { organizations: number; issues: number } }>(
      `SELECT changes FROM audit_events WHERE action = 'ASSESSMENT_REMINDERS_SEND' AND target_id = $1
       ORDER BY id`,
      [round.id],
    );
    expect(rows.map((r) => [r.changes.organizations, r.changes.issues])).toEqual([
      [2, 3],
      [1, 1],
    ]);
  });
});

describe('menu counts', () => {
  it('counts 待整改 and 被退回 for the bureau, 待复核 for the assessor and the issuer ADMIN, in one statement', async () => {
    const q = '{ assessmentMenuCounts { toRectify returned toVerify } }';
    type C = { assessmentMenuCounts: { toRectify: number; returned: number; toVerify: number } };
    const counts = async (user: string) =>
      (await ok((await as(user)).request<C>(q))).assessmentMenuCounts;
    const editorBefore = await counts('341723-editor');
    const neighbourBefore = await counts('341722-editor');
    const round = (await ok(createRound({ defaultDeadline: '2025-06-30' }, ['341723'])))
      .createAssessmentRound;
    await publish(round);
    const ids = [];
    for (let k = 0; k < 5; k++) ids.push((await addIssue(round.id, '341723')).id);
    await setIssue(ids[1]!, 'RECTIFYING', '2025-06-30');
    await setIssue(ids[2]!, 'RETURNED', '2025-06-30');
    await setIssue(ids[3]!, 'AWAITING_VERIFICATION', '2025-06-30');
    await setIssue(ids[4]!, 'VERIFIED', '2025-06-30');
    const plus = {
      toRectify: editorBefore.toRectify + 2,
      returned: editorBefore.returned + 1,
      toVerify: 0,
    };
    expect(await counts('341723-editor')).toEqual(plus);
    expect(await counts('341723-reviewer')).toEqual(plus);
    // The neighbour sees none of them.
    expect(await counts('341722-editor')).toEqual(neighbourBefore);
    // The assessor and the issuer count the one awaiting 复核 (among others of their rounds).
    const count = async (user: string) =>
      (await ok((await as(user)).request<C>(q))).assessmentMenuCounts.toVerify;
    const assessorBefore = await count('assessor');
    const adminBefore = await count('34-admin');
    expect(assessorBefore).toBeGreaterThanOrEqual(1);
    await setIssue(ids[0]!, 'AWAITING_VERIFICATION', '2025-06-30');
    expect(await count('assessor')).toBe(assessorBefore + 1);
    expect(await count('34-admin')).toBe(adminBefore + 1);
    // A city ADMIN did not issue the round: nothing to verify there.
    expect(await count('3417-admin')).toBe(0);
  });
});

describe('the trend of a round', () => {
  it('counts open, rectified and verified per day from the issue events', async () => {
    const round = (await ok(createRound({ defaultDeadline: '2025-06-30' }, ['341722'])))
      .createAssessmentRound;
    await publish(round);
    const i = await addIssue(round.id, '341722');
    await addIssue(round.id, '341722');
    await ok(
      act('341722-editor', 'submitRectification', 'SaveRectificationInput', {
        id: i.id,
        version: i.version,
        measure: '已整改',
      }),
    );
    const q =
      'query($r: ID!, $o: ID) { assessmentIssueTrend(roundId: $r, organizationId: $o) { bucket points { day open rectified verified } } }';
    type T = {
      assessmentIssueTrend: {
        bucket: string;
        points: Array<{ day: string; open: number; rectified: number; verified: number }>;
      };
    };
    const t = (await ok((await as('34-admin')).request<T>(q, { r: round.id })))
      .assessmentIssueTrend;
    expect(t.bucket).toBe('DAY');
    expect(t.points.at(-1)).toEqual({ day: '2025-05-20', open: 2, rectified: 0, verified: 0 });
    const county = (
      await ok(
        (await as('341722-editor')).request<T>(q, { r: round.id, o: orgIdForCode('341722') }),
      )
    ).assessmentIssueTrend;
    expect(county.points.at(-1)?.open).toBe(2);
    const foreign = await (
      await as('341721-editor')
    ).request<T>(q, {
      r: round.id,
      o: orgIdForCode('341722'),
    });
    expect(errorCode(foreign)).toBe('NOT_FOUND');
  });
});

describe('files on a rectification and on an issue', () => {
  it('takes the bureau editor’s files and the assessor’s evidence, refuses hostile ones, keeps them in their subtree', async () => {
    const round = (await ok(createRound({ defaultDeadline: '2025-06-30' }))).createAssessmentRound;
    await publish(round);
    const i = await addIssue(round.id, '341702');
    const res = await upload('341702-editor', i.id, f.pdf(), '整改说明.pdf');
    expect(res.status).toBe(201);
    const file = (await res.json()) as {
      id: string;
      sha256: string;
      kind: string;
      downloadPath: string;
    };
    expect(file.kind).toBe('RECTIFICATION');
    // Hostile and wrong files.
    for (const [name, body, reason] of [
      [
        '通知.pdf',
        Buffer.concat([Buffer.from('%PDF-1.4\n'), f.HTML_PAGE, f.windowsProgram()]),
        'UNSAFE_FILE',
      ],
      [
        '宏.docx',
        f.docx([{ name: 'word/vbaProject.bin', data: 'Attribute VB_Name' }]),
        'UNSAFE_FILE',
      ],
      ['照片.png', f.png([], f.windowsProgram()), 'UNSAFE_FILE'],
      ['setup.pdf', f.windowsProgram(), 'BAD_FILE_TYPE'],
      ['空.pdf', Buffer.alloc(0), 'EMPTY_FILE'],
    ] as const) {
      const r = await upload('341702-editor', i.id, body, name);
      expect({ name, status: r.status }).toEqual({ name, status: 400 });
      expect(((await r.json()) as { reason: string }).reason).toBe(reason);
    }
    // Who may not: the neighbour (not found), the reviewer (not an editor), an unknown kind.
    expect((await upload('341721-editor', i.id, f.pdf(), 'x.pdf')).status).toBe(404);
    expect((await upload('341702-reviewer', i.id, f.pdf(), 'x.pdf')).status).toBe(403);
    expect((await upload('341702-editor', i.id, f.pdf(), 'x.pdf', 'OTHER')).status).toBe(400);
    expect((await upload('341702-editor', i.id, f.pdf(), 'x.pdf', 'EVIDENCE')).status).toBe(403);
    // The assessor's evidence.
    const ev = await upload('assessor', i.id, f.png(), '截图.png', 'EVIDENCE');
    expect(ev.status).toBe(201);
    const { rows } = await owner.query<{ n: string }>(
      'SELECT count(*) AS n FROM assessment_files WHERE issue_id = $1',
      [i.id],
    );
    expect(Number(rows[0]!.n)).toBe(2);

    // Downloads: anyone who sees the issue; never the neighbour.
    for (const [user, status] of [
      ['34-admin', 200],
      ['3417-admin', 200],
      ['341702-reviewer', 200],
      ['assessor', 200],
      ['341721-editor', 404],
      ['3410-admin', 404],
    ] as const) {
      const d = await fetch(`${api.url}${file.downloadPath}`, {
        headers: { authorization: `Bearer ${(await as(user)).token}` },
      });
      expect({ user, status: d.status }).toEqual({ user, status });
      if (status === 200) expect(d.headers.get('x-content-sha256')).toBe(file.sha256);
    }
    // Listed on the issue.
    const listed = await ok(
      (await as('341702-editor')).request<{
        assessmentIssue: { files: Array<{ kind: string; fileName: string }> };
      }>('query($id: ID!) { assessmentIssue(id: $id) { files { kind fileName } } }', { id: i.id }),
    );
    expect(listed.assessmentIssue.files).toEqual([
      { kind: 'RECTIFICATION', fileName: '整改说明.pdf' },
      { kind: 'EVIDENCE', fileName: '截图.png' },
    ]);
    // Once submitted, the editor's files are frozen; before, they can go.
    const del = (user: string, id: string) =>
      as(user).then((c) =>
        fetch(`${api.url}/files/assessment-files/${id}`, {
          method: 'DELETE',
          headers: { authorization: `Bearer ${c.token}` },
        }),
      );
    expect((await del('341721-editor', file.id)).status).toBe(404);
    const cur = await issue('341702-editor', i.id);
    await ok(
      act('341702-editor', 'submitRectification', 'SaveRectificationInput', {
        id: i.id,
        version: cur.version,
        measure: '已整改，见附件',
      }),
    );
    expect((await del('341702-editor', file.id)).status).toBe(409);
    expect((await upload('341702-editor', i.id, f.pdf(), 'late.pdf')).status).toBe(409);
  });
});

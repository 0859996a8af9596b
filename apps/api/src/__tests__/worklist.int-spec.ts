import { Client } from 'pg';
import { ApiClient, errorCode, signedIn } from '@sunshine/testing';
import { orgIdForCode } from '@sunshine/tools/seed';
import type { StartedApi } from '../bootstrap';
import { startTestApi } from '../testing';

/**
 * Issue 8, the overseer's worklist: 待验收 by unit (stumble 3), direct subordinates only and batch
 * decisions (4), drafts staying with their bureau (7), one 待验收 figure (9), names in the history,
 * 沿用上季度 and the 催办 interval (12). The clock is 2025-05-20: 2025Q2 is open. Fixtures are made
 * through the API in 安庆 (3408) and its counties, which the other suites leave alone.
 */
let api: StartedApi;
let owner: Client;

interface Saved {
  id: string;
  version: number;
}

const REPORTS = `query($f: ProgressReportsFilter) { progressReports(filter: $f) { total items { id organization { code } availableActions } } }`;

interface ReportList {
  progressReports: {
    total: number;
    items: Array<{ id: string; organization: { code: string }; availableActions: string[] }>;
  };
}

const used = new Set<string>();

/** A 2025 assignment of the bureau without a report in the quarters, not handed out before. */
async function freeAssignment(code: string, quarters = [2]): Promise<string> {
  const { rows } = await owner.query<{ id: string }>(
    `SELECT a.id FROM assignments a
     WHERE a.organization_id = $1 AND a.year = 2025 AND a.active
       AND NOT EXISTS (SELECT 1 FROM progress_reports r
                       WHERE r.assignment_id = a.id AND r.year = 2025 AND r.quarter = ANY($2::int[]))
     ORDER BY a.id`,
    [orgIdForCode(code), quarters],
  );
  const free = rows.find((r) => !used.has(r.id));
  if (!free) throw new Error(`no free assignment for ${code}`);
  used.add(free.id);
  return free.id;
}

async function save(
  editor: ApiClient,
  assignmentId: string,
  quarter: number,
  narrative: string,
): Promise<Saved> {
  const r = await editor.request<{ saveProgressReport: Saved }>(
    'mutation($i: SaveProgressReportInput!) { saveProgressReport(input: $i) { id version } }',
    {
      i: {
        assignmentId,
        year: 2025,
        quarter,
        completionState: 'IN_PROGRESS',
        percent: 50,
        narrative,
      },
    },
  );
  expect(r.errors).toBeUndefined();
  return r.data!.saveProgressReport;
}

async function step(client: ApiClient, name: string, s: Saved): Promise<Saved> {
  const r = await client.request<Record<string, Saved>>(
    `mutation($i: ReportActionInput!) { ${name}(input: $i) { id version } }`,
    { i: { id: s.id, version: s.version } },
  );
  expect(r.errors).toBeUndefined();
  return r.data![name]!;
}

/** A report of the bureau saved, submitted and approved through the API. */
async function approved(code: string, quarter = 2): Promise<Saved> {
  const editor = await signedIn(api.url, `${code}-editor`);
  const reviewer = await signedIn(api.url, `${code}-reviewer`);
  const draft = await save(editor, await freeAssignment(code), quarter, '已完成栏目梳理');
  return step(reviewer, 'approveProgressReport', await step(editor, 'submitProgressReport', draft));
}

async function statusOf(id: string): Promise<string> {
  const { rows } = await owner.query<{ status: string }>(
    'SELECT status FROM progress_reports WHERE id = $1',
    [id],
  );
  return rows[0]!.status;
}

beforeAll(async () => {
  api = await startTestApi();
  owner = new Client({ connectionString: process.env.SUNSHINE_TEST_OWNER_URL });
  await owner.connect();
});
afterAll(async () => {
  await owner.end();
  await api.app.close();
});

describe('待验收 for an overseer', () => {
  it('lists a chosen county’s approved reports (the unit filter with belowOnly)', async () => {
    const report = await approved('340802');
    const city = await signedIn(api.url, '3408-admin');
    const r = await city.request<ReportList>(REPORTS, {
      f: {
        organizationId: orgIdForCode('340802'),
        includeDescendants: true,
        belowOnly: true,
        status: 'APPROVED',
        limit: 500,
      },
    });
    expect(r.errors).toBeUndefined();
    const ids = r.data!.progressReports.items.map((i) => i.id);
    expect(ids).toContain(report.id);
    expect(r.data!.progressReports.items.every((i) => i.organization.code === '340802')).toBe(true);
  });

  it('shows the province its cities’ reports by default and the counties’ as a read-only filter', async () => {
    const county = await approved('340803');
    const cityReport = await approved('3408');
    const province = await signedIn(api.url, '34-admin');
    const list = (subordinates: string) =>
      province.request<ReportList>(REPORTS, {
        f: {
          includeDescendants: true,
          belowOnly: true,
          status: 'APPROVED',
          subordinates,
          limit: 500,
        },
      });
    const direct = (await list('DIRECT')).data!.progressReports;
    const deeper = (await list('DEEPER')).data!.progressReports;
    expect(direct.items.every((i) => i.organization.code.length === 4)).toBe(true);
    expect(direct.items.map((i) => i.id)).toContain(cityReport.id);
    expect(deeper.items.every((i) => i.organization.code.length === 6)).toBe(true);
    const countyItem = deeper.items.find((i) => i.id === county.id);
    expect(countyItem?.availableActions).toEqual([]);

    // The badge counts what the default list shows: approved reports of the direct subordinates.
    const { rows } = await owner.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM progress_reports r JOIN organizations o ON o.id = r.organization_id
       WHERE o.parent_id = $1 AND r.status = 'APPROVED'`,
      [orgIdForCode('34')],
    );
    const w = await province.request<{ worklist: { toAccept: number } }>(
      '{ worklist { toAccept } }',
    );
    expect(w.data!.worklist.toAccept).toBe(rows[0]!.n);
    expect(direct.total).toBe(rows[0]!.n);
  });

  it('refuses the province accepting or returning a county report over the city’s head', async () => {
    const county = await approved('340811');
    const province = await signedIn(api.url, '34-admin');
    const accept = await province.request(
      'mutation($i: ReportActionInput!) { acceptProgressReport(input: $i) { id } }',
      { i: { id: county.id, version: county.version } },
    );
    expect(errorCode(accept)).toBe('FORBIDDEN');
    expect(accept.errors![0]!.extensions!.reason).toBe('NOT_DIRECT_OVERSEER');
    expect(accept.errors![0]!.message).toContain('直接上级单位');
    const ret = await province.request(
      'mutation($i: ReturnReportInput!) { returnProgressReport(input: $i) { id } }',
      { i: { id: county.id, version: county.version, reason: '请补充材料' } },
    );
    expect(ret.errors![0]!.extensions!.reason).toBe('NOT_DIRECT_OVERSEER');
    expect(await statusOf(county.id)).toBe('APPROVED');

    const city = await signedIn(api.url, '3408-admin');
    await step(city, 'acceptProgressReport', county);
    expect(await statusOf(county.id)).toBe('ACCEPTED');
  });
});

const DECIDE = `mutation($i: DecideProgressReportsInput!) { decideProgressReports(input: $i) { id status displayStatus } }`;

describe('batch 验收 / 退回', () => {
  it('accepts many reports at once, each with its history and audit event', async () => {
    const a = await approved('340822');
    const b = await approved('340825');
    const city = await signedIn(api.url, '3408-admin');
    const r = await city.request<{ decideProgressReports: Array<{ id: string; status: string }> }>(
      DECIDE,
      { i: { decision: 'ACCEPT', items: [a, b] } },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.decideProgressReports.map((x) => x.status)).toEqual(['ACCEPTED', 'ACCEPTED']);
    // Sent again (a retry after an unknown outcome): answered as they stand, not a conflict.
    const replay = await city.request<{ decideProgressReports: Array<{ status: string }> }>(
      DECIDE,
      { i: { decision: 'ACCEPT', items: [a, b] } },
    );
    expect(replay.errors).toBeUndefined();
    expect(replay.data!.decideProgressReports.map((x) => x.status)).toEqual([
      'ACCEPTED',
      'ACCEPTED',
    ]);
    const { rows } = await owner.query<{ target_id: string }>(
      `SELECT target_id FROM audit_events WHERE action = 'REPORT_ACCEPT' AND target_id = ANY($1::text[])`,
      [[a.id, b.id]],
    );
    expect(rows.map((x) => x.target_id).sort()).toEqual([a.id, b.id].sort());
    const events = await owner.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM report_events WHERE action = 'ACCEPT' AND report_id = ANY($1::uuid[])`,
      [[a.id, b.id]],
    );
    expect(events.rows[0]!.n).toBe(2);
  });

  it('returns with one reason, and refuses the whole batch when one item cannot be decided', async () => {
    const a = await approved('340826');
    const b = await approved('340827');
    const c = await approved('340828');
    const city = await signedIn(api.url, '3408-admin');

    const noReason = await city.request(DECIDE, { i: { decision: 'RETURN', items: [a, b] } });
    expect(errorCode(noReason)).toBe('BAD_USER_INPUT');
    expect(noReason.errors![0]!.extensions!.reason).toBe('REASON_REQUIRED');

    const stale = await city.request(DECIDE, {
      i: {
        decision: 'RETURN',
        items: [a, { id: b.id, version: b.version - 1 }],
        comment: '请补充',
      },
    });
    expect(errorCode(stale)).toBe('CONFLICT');
    expect(stale.errors![0]!.message).toMatch(/^第 2 项（望江县审计局 .*本批均未处理$/);
    expect([await statusOf(a.id), await statusOf(b.id)]).toEqual(['APPROVED', 'APPROVED']);

    const ok = await city.request<{
      decideProgressReports: Array<{ displayStatus: string }>;
    }>(DECIDE, { i: { decision: 'RETURN', items: [a, b, c], comment: '请补充佐证材料' } });
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.decideProgressReports.map((x) => x.displayStatus)).toEqual([
      'RETURNED',
      'RETURNED',
      'RETURNED',
    ]);
    const { rows } = await owner.query<{ returned_reason: string }>(
      'SELECT DISTINCT returned_reason FROM progress_reports WHERE id = ANY($1::uuid[])',
      [[a.id, b.id, c.id]],
    );
    expect(rows).toEqual([{ returned_reason: '请补充佐证材料' }]);
  });

  it('lets the province decide only on its cities’ reports', async () => {
    const county = await approved('340871');
    const province = await signedIn(api.url, '34-admin');
    const r = await province.request(DECIDE, { i: { decision: 'ACCEPT', items: [county] } });
    expect(r.errors![0]!.extensions!.reason).toBe('NOT_DIRECT_OVERSEER');
    expect(r.errors![0]!.message).toMatch(/^第 1 项/);
    const empty = await province.request(DECIDE, { i: { decision: 'ACCEPT', items: [] } });
    expect(errorCode(empty)).toBe('BAD_USER_INPUT');
  });
});

describe('drafts stay with their bureau', () => {
  it('hides a county’s unsubmitted draft from its city and the leader until it is submitted', async () => {
    const editor = await signedIn(api.url, '340802-editor');
    const assignmentId = await freeAssignment('340802');
    const draft = await save(editor, assignmentId, 2, '内部草稿：尚未核实的数字');
    const one = 'query($id: ID!) { progressReport(id: $id) { id narrative } }';
    for (const who of ['3408-admin', '34-leader', '34-admin']) {
      const c = await signedIn(api.url, who);
      const r = await c.request(one, { id: draft.id });
      expect(errorCode(r)).toBe('NOT_FOUND');
      const list = await c.request<ReportList>(REPORTS, {
        f: { organizationId: orgIdForCode('340802'), status: 'DRAFT', limit: 500 },
      });
      expect(list.data!.progressReports.items.map((i) => i.id)).not.toContain(draft.id);
      const a = await c.request<{
        assignments: { items: Array<{ id: string; report: { id: string } | null }> };
      }>(
        'query($f: AssignmentsFilter!) { assignments(filter: $f) { items { id report { id } } } }',
        { f: { organizationId: orgIdForCode('340802'), year: 2025, quarter: 2, limit: 500 } },
      );
      expect(a.data!.assignments.items.find((i) => i.id === assignmentId)?.report).toBeNull();
    }
    const own = await editor.request<{ progressReport: { narrative: string } }>(one, {
      id: draft.id,
    });
    expect(own.data!.progressReport.narrative).toContain('内部草稿');

    await step(editor, 'submitProgressReport', draft);
    const leader = await signedIn(api.url, '34-leader');
    const seen = await leader.request(one, { id: draft.id });
    expect(seen.errors).toBeUndefined();
  });
});

describe('one 待验收 figure', () => {
  it('counts on the overview exactly what the worklist lists, not reports still under review', async () => {
    const city = await signedIn(api.url, '3408-admin');
    const overview = () =>
      city.request<{ completionOverview: { total: { awaitingAcceptance: number } } }>(
        `{ completionOverview(year: 2025, quarter: 2) { total { awaitingAcceptance } } }`,
      );
    const before = (await overview()).data!.completionOverview.total.awaitingAcceptance;
    // A submission still under the county's own review is not 待验收.
    const editor = await signedIn(api.url, '340803-editor');
    await step(
      editor,
      'submitProgressReport',
      await save(editor, await freeAssignment('340803'), 2, '待审核'),
    );
    expect((await overview()).data!.completionOverview.total.awaitingAcceptance).toBe(before);
    await approved('340803');
    const after = (await overview()).data!.completionOverview.total.awaitingAcceptance;
    expect(after).toBe(before + 1);
    const list = await city.request<ReportList>(REPORTS, {
      f: {
        year: 2025,
        status: 'APPROVED',
        subordinates: 'DIRECT',
        includeDescendants: true,
        limit: 1,
      },
    });
    expect(list.data!.progressReports.total).toBe(after);
  });
});

describe('names, 沿用上季度 and 催办', () => {
  it('records the person’s name beside the account in the history', async () => {
    const editor = await signedIn(api.url, '340822-editor');
    const draft = await save(editor, await freeAssignment('340822'), 2, '记录姓名');
    const r = await editor.request<{
      progressReport: { history: Array<{ username: string; displayName: string | null }> };
    }>('query($id: ID!) { progressReport(id: $id) { history { username displayName } } }', {
      id: draft.id,
    });
    expect(r.data!.progressReport.history[0]).toEqual({
      username: '340822-editor',
      displayName: '怀宁县填报员',
    });
  });

  it('copies last quarter’s report, with its files, as this quarter’s new draft', async () => {
    const editor = await signedIn(api.url, '340882-editor');
    const assignmentId = await freeAssignment('340882', [1, 2]);
    const copy = `mutation($i: CopyPreviousReportInput!) { copyPreviousProgressReport(input: $i) { id status quarter narrative history { action comment } } }`;
    const none = await editor.request(copy, { i: { assignmentId, year: 2025, quarter: 2 } });
    expect(errorCode(none)).toBe('CONFLICT');
    expect(none.errors![0]!.extensions!.reason).toBe('NO_PREVIOUS_REPORT');
    expect(none.errors![0]!.message).toBe('本年度此前各季度都没有该任务的进展，无可沿用');

    const q1 = await save(editor, assignmentId, 1, '一季度已全部完成，持续更新');
    await owner.query(
      `INSERT INTO evidence_files(report_id, organization_id, file_name, mime_type, size_bytes, sha256, content)
       VALUES ($1, $2, '一季度.pdf', 'application/pdf', 4, repeat('0', 64), '\\x25504446')`,
      [q1.id, orgIdForCode('340882')],
    );
    const r = await editor.request<{
      copyPreviousProgressReport: {
        id: string;
        status: string;
        quarter: number;
        narrative: string;
        history: Array<{ action: string; comment: string }>;
      };
    }>(copy, { i: { assignmentId, year: 2025, quarter: 2 } });
    expect(r.errors).toBeUndefined();
    const copied = r.data!.copyPreviousProgressReport;
    expect(copied).toMatchObject({
      status: 'DRAFT',
      quarter: 2,
      narrative: '一季度已全部完成，持续更新',
    });
    expect(copied.history).toEqual([{ action: 'CREATE', comment: '沿用2025年第一季度进展' }]);
    const files = await owner.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM evidence_files WHERE report_id = $1',
      [copied.id],
    );
    expect(files.rows[0]!.n).toBe(1);
    const again = await editor.request(copy, { i: { assignmentId, year: 2025, quarter: 2 } });
    expect(errorCode(again)).toBe('CONFLICT');
  });

  it('marks tasks completed and accepted earlier in the year as 已完成-持续', async () => {
    const { rows } = await owner.query<{ id: string }>(
      `SELECT a.id FROM assignments a JOIN assignment_completion ac ON ac.assignment_id = a.id
       WHERE a.organization_id = $1 AND a.year = 2025 AND ac.completed_key = 20251`,
      [orgIdForCode('340882')],
    );
    expect(rows.length).toBeGreaterThan(0);
    const editor = await signedIn(api.url, '340882-editor');
    const r = await editor.request<{
      assignments: { items: Array<{ id: string; completedEarlier: boolean }> };
    }>(
      'query($f: AssignmentsFilter!) { assignments(filter: $f) { items { id completedEarlier } } }',
      { f: { year: 2025, quarter: 2, limit: 500 } },
    );
    const marked = r.data!.assignments.items.filter((i) => i.completedEarlier).map((i) => i.id);
    expect(marked.sort()).toEqual(rows.map((x) => x.id).sort());
  });

  it('tells when and by whom 催办 was last sent and refuses a repeat within 24 hours', async () => {
    const city = await signedIn(api.url, '3408-admin');
    const send = `mutation($i: SendRemindersInput!) { sendReminders(input: $i) { organizations } }`;
    const first = await city.request(send, { i: { year: 2025, quarter: 2 } });
    expect(first.errors).toBeUndefined();
    const again = await city.request(send, { i: { year: 2025, quarter: 2 } });
    expect(errorCode(again)).toBe('CONFLICT');
    expect(again.errors![0]!.extensions!.reason).toBe('REMINDER_TOO_SOON');
    expect(again.errors![0]!.message).toMatch(
      /^本季度已于2025年5月20日 \d\d:\d\d（安庆市管理员）催办，2025年5月21日 \d\d:\d\d后才能再次催办$/,
    );
    const o = await city.request<{
      completionOverview: {
        lastReminder: { sentByName: string; sentAt: string; nextAllowedAt: string | null };
      };
    }>(
      '{ completionOverview(year: 2025, quarter: 2) { lastReminder { sentAt sentByName nextAllowedAt } } }',
    );
    expect(o.data!.completionOverview.lastReminder.sentByName).toBe('安庆市管理员');
    expect(o.data!.completionOverview.lastReminder.nextAllowedAt).not.toBeNull();
  });
});

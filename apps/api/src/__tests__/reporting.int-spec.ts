import { Client } from 'pg';
import { ApiClient, errorCode, evidenceFiles, signedIn } from '@sunshine/testing';
import { orgIdForCode } from '@sunshine/tools/seed';
import { QueryCounter } from '@sunshine/api/core';
import type { StartedApi } from '../bootstrap';
import { startTestApi } from '../testing';

// The test clock is 2025-05-20 (China time): 2025Q2 is open, 2025Q1 was due on 2025-04-10.
let api: StartedApi;
let owner: Client;

const PDF = evidenceFiles.pdf();

interface Report {
  id: string;
  version: number;
  status: string;
  displayStatus: string;
  late: boolean;
  returnedReason: string | null;
  availableActions: string[];
  evidenceFiles: Array<{ id: string; sha256: string; fileName: string }>;
  history: Array<{ action: string; username: string; comment: string | null }>;
}
const REPORT_FIELDS =
  'id version status displayStatus late returnedReason availableActions evidenceFiles { id sha256 fileName } history { action username comment }';

async function freeAssignment(
  editor: ApiClient,
  code: string,
  quarter: number,
  skip = 0,
): Promise<string> {
  const r = await editor.request<{
    assignments: { items: Array<{ id: string; report: { id: string } | null }> };
  }>('query($f: AssignmentsFilter!) { assignments(filter: $f) { items { id report { id } } } }', {
    f: { organizationId: orgIdForCode(code), year: 2025, quarter, limit: 200 },
  });
  const free = r.data!.assignments.items.filter((a) => a.report === null);
  const assignment = free[skip];
  if (!assignment) throw new Error(`no free assignment for ${code}`);
  return assignment.id;
}

/** Saves, submits and approves one report of a bureau through the API; answers its id. */
async function approvedReport(code: string): Promise<string> {
  const editor = await signedIn(api.url, `${code}-editor`);
  const reviewer = await signedIn(api.url, `${code}-reviewer`);
  const assignmentId = await freeAssignment(editor, code, 2);
  const saved = await editor.request<{ saveProgressReport: { id: string; version: number } }>(
    'mutation($i: SaveProgressReportInput!) { saveProgressReport(input: $i) { id version } }',
    {
      i: {
        assignmentId,
        year: 2025,
        quarter: 2,
        completionState: 'IN_PROGRESS',
        percent: 50,
        narrative: '已完成栏目梳理',
      },
    },
  );
  const { id, version } = saved.data!.saveProgressReport;
  const action = (client: ApiClient, name: string, v: number) =>
    client.request<Record<string, { version: number }>>(
      `mutation($i: ReportActionInput!) { ${name}(input: $i) { version } }`,
      { i: { id, version: v } },
    );
  const submitted = await action(editor, 'submitProgressReport', version);
  expect(submitted.errors).toBeUndefined();
  const approved = await action(
    reviewer,
    'approveProgressReport',
    submitted.data!['submitProgressReport']!.version,
  );
  expect(approved.errors).toBeUndefined();
  return id;
}

const SAVE = `mutation($i: SaveProgressReportInput!) { saveProgressReport(input: $i) { ${REPORT_FIELDS} } }`;

async function upload(
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

beforeAll(async () => {
  api = await startTestApi();
  owner = new Client({ connectionString: process.env.SUNSHINE_TEST_OWNER_URL });
  await owner.connect();
});
afterAll(async () => {
  await owner.end();
  await api.app.close();
});

describe('quarterly reporting, end to end through the API', () => {
  it('runs draft → submitted → approved → accepted with evidence, versions and history', async () => {
    const editor = await signedIn(api.url, '340102-editor');
    const reviewer = await signedIn(api.url, '340102-reviewer');
    const cityAdmin = await signedIn(api.url, '3401-admin');
    const sibling = await signedIn(api.url, '340103-editor');
    const assignmentId = await freeAssignment(editor, '340102', 2);

    const base = {
      assignmentId,
      year: 2025,
      quarter: 2,
      completionState: 'IN_PROGRESS',
      percent: 40,
      narrative: '已在门户网站发布信息 8 条',
    };
    const first = await editor.request<{ saveProgressReport: Report }>(SAVE, { i: base });
    expect(first.errors).toBeUndefined();
    const report = first.data!.saveProgressReport;
    expect(report).toMatchObject({ status: 'DRAFT', version: 1, late: false });
    expect(report.availableActions).toEqual(['SAVE', 'SUBMIT']);

    const second = await editor.request<{ saveProgressReport: Report }>(SAVE, {
      i: { ...base, version: 1, percent: 60 },
    });
    expect(second.data!.saveProgressReport.version).toBe(2);
    const stale = await editor.request(SAVE, { i: { ...base, version: 1, percent: 70 } });
    expect(errorCode(stale)).toBe('CONFLICT');
    expect(stale.errors![0]!.message).toMatch(/已被他人修改/);
    expect((stale.errors![0]!.extensions as { current: { percent: number } }).current.percent).toBe(
      60,
    );

    const badPercent = await editor.request(SAVE, {
      i: { ...base, version: 2, completionState: 'COMPLETED', percent: 50 },
    });
    expect(errorCode(badPercent)).toBe('BAD_USER_INPUT');

    // Evidence: type checked by content, stored with SHA-256, readable only where the report is.
    const fake = await upload(editor, report.id, Buffer.from('just text pretending'), '通知.pdf');
    expect(fake.status).toBe(400);
    expect(((await fake.json()) as { message: string }).message).toMatch(/只能上传/);
    const ok = await upload(editor, report.id, PDF, '发布截图.pdf');
    expect(ok.status).toBe(201);
    const file = (await ok.json()) as { id: string; sha256: string };
    expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
    const own = await fetch(`${api.url}/files/evidence/${file.id}`, {
      headers: { authorization: `Bearer ${editor.token}` },
    });
    expect(own.status).toBe(200);
    // A draft's files stay with its bureau until it is submitted (the city sees them after).
    const early = await fetch(`${api.url}/files/evidence/${file.id}`, {
      headers: { authorization: `Bearer ${cityAdmin.token}` },
    });
    expect(early.status).toBe(404);
    expect(Buffer.from(await own.arrayBuffer()).equals(PDF)).toBe(true);
    expect(own.headers.get('content-disposition')).toMatch(/filename\*=UTF-8''/);
    const foreign = await fetch(`${api.url}/files/evidence/${file.id}`, {
      headers: { authorization: `Bearer ${sibling.token}` },
    });
    expect(foreign.status).toBe(404);
    const anonymous = await fetch(`${api.url}/files/evidence/${file.id}`);
    expect(anonymous.status).toBe(401);

    const current = await editor.request<{ progressReport: Report }>(
      `query($id: ID!) { progressReport(id: $id) { ${REPORT_FIELDS} } }`,
      { id: report.id },
    );
    const v = current.data!.progressReport.version; // the upload bumped it
    expect(v).toBe(3);
    const submitted = await editor.request<{ submitProgressReport: Report }>(
      `mutation($i: ReportActionInput!) { submitProgressReport(input: $i) { ${REPORT_FIELDS} } }`,
      { i: { id: report.id, version: v } },
    );
    expect(submitted.data!.submitProgressReport).toMatchObject({
      status: 'SUBMITTED',
      late: false,
    });
    const seen = await fetch(`${api.url}/files/evidence/${file.id}`, {
      headers: { authorization: `Bearer ${cityAdmin.token}` },
    });
    expect(seen.status).toBe(200);

    // The sibling county does not see it; the editor cannot approve; the reviewer can.
    expect(
      errorCode(
        await sibling.request(`query($id: ID!) { progressReport(id: $id) { id } }`, {
          id: report.id,
        }),
      ),
    ).toBe('NOT_FOUND');
    const selfApprove = await editor.request(
      'mutation($i: ReportActionInput!) { approveProgressReport(input: $i) { id } }',
      { i: { id: report.id, version: v + 1 } },
    );
    expect(errorCode(selfApprove)).toBe('FORBIDDEN');
    const approved = await reviewer.request<{ approveProgressReport: Report }>(
      `mutation($i: ReportActionInput!) { approveProgressReport(input: $i) { ${REPORT_FIELDS} } }`,
      { i: { id: report.id, version: v + 1, comment: '同意' } },
    );
    expect(approved.data!.approveProgressReport.status).toBe('APPROVED');

    // A sibling county's admin is not the overseer; the city is.
    const siblingAdmin = await signedIn(api.url, '340103-admin');
    expect(
      errorCode(
        await siblingAdmin.request(
          'mutation($i: ReportActionInput!) { acceptProgressReport(input: $i) { id } }',
          { i: { id: report.id, version: v + 2 } },
        ),
      ),
    ).toBe('NOT_FOUND');
    const countyAdmin = await signedIn(api.url, '340102-admin');
    expect(
      errorCode(
        await countyAdmin.request(
          'mutation($i: ReportActionInput!) { acceptProgressReport(input: $i) { id } }',
          { i: { id: report.id, version: v + 2 } },
        ),
      ),
    ).toBe('FORBIDDEN');
    const accepted = await cityAdmin.request<{ acceptProgressReport: Report }>(
      `mutation($i: ReportActionInput!) { acceptProgressReport(input: $i) { ${REPORT_FIELDS} } }`,
      { i: { id: report.id, version: v + 2 } },
    );
    const final = accepted.data!.acceptProgressReport;
    expect(final.status).toBe('ACCEPTED');
    expect(final.history.map((h) => h.action)).toEqual(['CREATE', 'SUBMIT', 'APPROVE', 'ACCEPT']);
    expect(final.history.map((h) => h.username)).toEqual([
      '340102-editor',
      '340102-editor',
      '340102-reviewer',
      '3401-admin',
    ]);
    const audit = await owner.query(
      `SELECT action FROM audit_events WHERE target_id = $1 ORDER BY id`,
      [report.id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual([
      'REPORT_CREATE',
      'REPORT_SAVE',
      'REPORT_SUBMIT',
      'REPORT_APPROVE',
      'REPORT_ACCEPT',
    ]);
  });

  it('returns with a required reason, shows it to the editor, and marks a late submission for good', async () => {
    const editor = await signedIn(api.url, '340103-editor');
    const reviewer = await signedIn(api.url, '340103-reviewer');
    const cityAdmin = await signedIn(api.url, '3401-admin');
    // A 2025Q1 report, whose window closed on 2025-04-10: submitting now is late.
    const assignmentId = await freeAssignment(editor, '340103', 1);
    const saved = await editor.request<{ saveProgressReport: Report }>(SAVE, {
      i: {
        assignmentId,
        year: 2025,
        quarter: 1,
        completionState: 'COMPLETED',
        percent: 100,
        narrative: '补报',
      },
    });
    const id = saved.data!.saveProgressReport.id;
    const submit = (version: number) =>
      editor.request<{ submitProgressReport: Report }>(
        `mutation($i: ReportActionInput!) { submitProgressReport(input: $i) { ${REPORT_FIELDS} } }`,
        { i: { id, version } },
      );
    const s1 = await submit(1);
    expect(s1.data!.submitProgressReport.late).toBe(true);
    await reviewer.request(
      'mutation($i: ReportActionInput!) { approveProgressReport(input: $i) { id } }',
      { i: { id, version: 2 } },
    );
    const noReason = await cityAdmin.request(
      'mutation($i: ReturnReportInput!) { returnProgressReport(input: $i) { id } }',
      { i: { id, version: 3, reason: '' } },
    );
    expect(errorCode(noReason)).toBe('BAD_USER_INPUT');
    const returned = await cityAdmin.request<{ returnProgressReport: Report }>(
      `mutation($i: ReturnReportInput!) { returnProgressReport(input: $i) { ${REPORT_FIELDS} } }`,
      { i: { id, version: 3, reason: '佐证材料不完整' } },
    );
    expect(returned.data!.returnProgressReport).toMatchObject({
      status: 'DRAFT',
      displayStatus: 'RETURNED',
      returnedReason: '佐证材料不完整',
      late: true,
    });
    const notes = await editor.request<{
      notifications: { items: Array<{ kind: string; body: string }> };
    }>('{ notifications { items { kind body } } }');
    expect(
      notes.data!.notifications.items.some(
        (n) => n.kind === 'RETURNED' && n.body === '佐证材料不完整',
      ),
    ).toBe(true);
    const list = await editor.request<{ progressReports: { items: Array<{ id: string }> } }>(
      '{ progressReports(filter: { returnedOnly: true }) { items { id } } }',
    );
    expect(list.data!.progressReports.items.map((r) => r.id)).toContain(id);
    const s2 = await submit(4);
    expect(s2.data!.submitProgressReport).toMatchObject({
      status: 'SUBMITTED',
      late: true,
      returnedReason: null,
    });
  });

  it('detects two editors saving the same report at once', async () => {
    const a = await signedIn(api.url, '340104-editor');
    const b = new ApiClient(api.url);
    b.token = a.token;
    const assignmentId = await freeAssignment(a, '340104', 2);
    const input = {
      assignmentId,
      year: 2025,
      quarter: 2,
      completionState: 'IN_PROGRESS',
      percent: 10,
    };
    await a.request(SAVE, { i: input });
    const [x, y] = await Promise.all([
      a.request(SAVE, { i: { ...input, version: 1, narrative: '甲的内容' } }),
      b.request(SAVE, { i: { ...input, version: 1, narrative: '乙的内容' } }),
    ]);
    expect([x, y].map((r) => (r.errors ? errorCode(r) : 'OK')).sort()).toEqual(['CONFLICT', 'OK']);
  });

  it('sends 催办 to every county still missing reports, recorded and visible to them', async () => {
    const cityAdmin = await signedIn(api.url, '3401-admin');
    const r = await cityAdmin.request<{
      sendReminders: { organizations: number; missingReports: number };
    }>(
      'mutation($i: SendRemindersInput!) { sendReminders(input: $i) { organizations missingReports } }',
      { i: { year: 2025, quarter: 2, message: '请于7月10日前完成报送' } },
    );
    expect(r.errors).toBeUndefined();
    const { organizations, missingReports } = r.data!.sendReminders;
    // Expected figures from raw rows, counted here rather than by a copy of the service's SQL.
    const raw = await owner.query(
      `SELECT a.id, a.organization_id, o.code FROM assignments a JOIN organizations o ON o.id = a.organization_id
       WHERE a.year = 2025 AND a.active`,
    );
    const reports = await owner.query(
      `SELECT assignment_id, status FROM progress_reports WHERE year = 2025 AND quarter = 2`,
    );
    const statusOf = new Map<string, string>(
      (reports.rows as Array<{ assignment_id: string; status: string }>).map((x) => [
        x.assignment_id,
        x.status,
      ]),
    );
    const missing = (raw.rows as Array<{ id: string; organization_id: string; code: string }>)
      .filter((a) => a.code.startsWith('3401') && a.code !== '3401')
      .filter((a) => (statusOf.get(a.id) ?? 'DRAFT') === 'DRAFT');
    expect(organizations).toBe(new Set(missing.map((a) => a.organization_id)).size);
    expect(missingReports).toBe(missing.length);
    expect(organizations).toBeGreaterThan(0);
    const editor = await signedIn(api.url, '340102-editor');
    const notes = await editor.request<{
      notifications: { items: Array<{ kind: string; body: string }> };
    }>('{ notifications { items { kind body } } }');
    expect(
      notes.data!.notifications.items.some(
        (n) => n.kind === 'REMINDER' && n.body.includes('7月10日'),
      ),
    ).toBe(true);
    const other = await signedIn(api.url, '340202-editor');
    const otherNotes = await other.request<{
      notifications: { items: Array<{ kind: string; body: string }> };
    }>('{ notifications { items { kind body } } }');
    expect(otherNotes.data!.notifications.items.some((n) => n.body.includes('7月10日'))).toBe(
      false,
    );
    const recorded = await owner.query(
      `SELECT count(*)::int AS n FROM reminders WHERE organization_id = $1`,
      [orgIdForCode('3401')],
    );
    expect(recorded.rows[0].n).toBeGreaterThan(0);
  });

  it('lists what an overseer has to accept: approved reports below it, not its own', async () => {
    // Its own approved report and a county's, made through the workflow (the shared seed stays as it is).
    await approvedReport('3401');
    await approvedReport('340111');
    const cityAdmin = await signedIn(api.url, '3401-admin');
    const query = `query($f: ProgressReportsFilter) { progressReports(filter: $f) { total items { organization { code } } } }`;
    const all = await cityAdmin.request<{
      progressReports: { items: Array<{ organization: { code: string } }> };
    }>(query, {
      f: { status: 'APPROVED', includeDescendants: true, limit: 500 },
    });
    const below = await cityAdmin.request<{
      progressReports: { items: Array<{ organization: { code: string } }> };
    }>(query, {
      f: { status: 'APPROVED', includeDescendants: true, belowOnly: true, limit: 500 },
    });
    expect(all.data!.progressReports.items.some((r) => r.organization.code === '3401')).toBe(true);
    const codes = below.data!.progressReports.items.map((r) => r.organization.code);
    expect(codes.length).toBeGreaterThan(0);
    expect(codes.every((c) => c.startsWith('3401') && c !== '3401')).toBe(true);
  });

  it('shows worklist counts for each role', async () => {
    const editor = await signedIn(api.url, '340102-editor');
    const w = await editor.request<{
      worklist: { toFill: number; year: number; quarter: number; dueDate: string };
    }>('{ worklist { toFill toReview toAccept returned year quarter dueDate } }');
    expect(w.data!.worklist).toMatchObject({ year: 2025, quarter: 2, dueDate: '2025-07-10' });
    const direct = await owner.query(
      `SELECT count(*)::int AS n FROM assignments a LEFT JOIN progress_reports p ON p.assignment_id = a.id AND p.year = 2025 AND p.quarter = 2
       WHERE a.organization_id = $1 AND a.year = 2025 AND a.active AND (p.id IS NULL OR p.status = 'DRAFT')`,
      [orgIdForCode('340102')],
    );
    expect(w.data!.worklist.toFill).toBe(direct.rows[0].n);
  });
});

describe('completion overview', () => {
  interface Figures {
    assigned: number;
    due: number;
    completed: number;
    accepted: number;
    reported: number;
    onTime: number;
    completionRate: number;
    reportingRate: number;
    onTimeRate: number;
  }
  const FIELDS =
    'assigned due completed accepted reported onTime completionRate reportingRate onTimeRate';

  /** The same numbers, computed independently in JavaScript from raw rows read as the owner. */
  async function expectedByCity(year: number, quarter: number): Promise<Map<string, Figures>> {
    const { rows } = await owner.query(
      `SELECT a.id, substr(o.code, 1, 4) AS city, to_char(t.due_date, 'YYYY-MM-DD') AS due,
              (SELECT json_agg(json_build_object('q', p.quarter, 'status', p.status, 'state', p.completion_state, 'late', p.late))
                 FROM progress_reports p WHERE p.assignment_id = a.id AND p.year = $1) AS reports
       FROM assignments a JOIN organizations o ON o.id = a.organization_id JOIN plan_tasks t ON t.id = a.task_id
       WHERE a.year = $1 AND a.active AND o.level <> 'PROVINCE'`,
      [year],
    );
    const qEnd = `${year}-${String(quarter * 3).padStart(2, '0')}-${quarter === 1 || quarter === 4 ? 31 : 30}`;
    const out = new Map<string, Figures>();
    for (const r of rows as Array<{
      city: string;
      due: string;
      reports: Array<{ q: number; status: string; state: string; late: boolean }> | null;
    }>) {
      const f = out.get(r.city) ?? {
        assigned: 0,
        due: 0,
        completed: 0,
        accepted: 0,
        reported: 0,
        onTime: 0,
        completionRate: 0,
        reportingRate: 0,
        onTimeRate: 0,
      };
      const reports = r.reports ?? [];
      const thisQ = reports.find((p) => p.q === quarter);
      f.assigned += 1;
      const isDue = r.due <= qEnd;
      if (isDue) f.due += 1;
      if (
        isDue &&
        reports.some((p) => p.q <= quarter && p.status === 'ACCEPTED' && p.state === 'COMPLETED')
      )
        f.completed += 1;
      if (thisQ?.status === 'ACCEPTED') f.accepted += 1;
      if (thisQ && thisQ.status !== 'DRAFT') {
        f.reported += 1;
        if (!thisQ.late) f.onTime += 1;
      }
      out.set(r.city, f);
    }
    for (const f of out.values()) {
      f.completionRate = f.due ? Math.round((f.completed / f.due) * 10000) / 10000 : 0;
      f.reportingRate = f.assigned ? Math.round((f.reported / f.assigned) * 10000) / 10000 : 0;
      f.onTimeRate = f.assigned ? Math.round((f.onTime / f.assigned) * 10000) / 10000 : 0;
    }
    return out;
  }

  it.each([
    [2024, 4],
    [2025, 1],
    [2025, 2],
  ])('agrees with the stored reports for %i Q%i, city by city', async (year, quarter) => {
    const leader = await signedIn(api.url, '34-leader');
    const r = await leader.request<{
      completionOverview: {
        rows: Array<Figures & { organization: { code: string } }>;
        total: Figures;
        trend: Array<{ quarter: number }>;
      };
    }>(
      `query($y: Int!, $q: Int!) { completionOverview(year: $y, quarter: $q) { total { ${FIELDS} } rows { organization { code } ${FIELDS} } trend { quarter } byCategory { category assigned } } }`,
      { y: year, q: quarter },
    );
    expect(r.errors).toBeUndefined();
    const expected = await expectedByCity(year, quarter);
    const rows = r.data!.completionOverview.rows;
    expect(rows).toHaveLength(16);
    for (const row of rows) {
      const { organization, ...figures } = row;
      expect({ code: organization.code, ...figures }).toEqual({
        code: organization.code,
        ...expected.get(organization.code),
      });
    }
    expect(r.data!.completionOverview.trend.map((t) => t.quarter)).toEqual(
      Array.from({ length: quarter }, (_, i) => i + 1),
    );
    expect(r.data!.completionOverview.total.assigned).toBe(
      [...expected.values()].reduce((s, f) => s + f.assigned, 0),
    );
  });

  it('marks a quarter whose reporting window is still open, and says when the data is from', async () => {
    const leader = await signedIn(api.url, '34-leader');
    const r = await leader.request<{
      completionOverview: {
        asOf: string;
        open: boolean;
        trend: Array<{ quarter: number; open: boolean }>;
      };
    }>('{ completionOverview(year: 2025, quarter: 2) { asOf open trend { quarter open } } }');
    expect(r.errors).toBeUndefined();
    // The test clock is 2025-05-20: 2025Q1 closed on 2025-04-10, 2025Q2 runs until 2025-07-10.
    expect(r.data!.completionOverview).toEqual({
      asOf: '2025-05-20',
      open: true,
      trend: [
        { quarter: 1, open: false },
        { quarter: 2, open: true },
      ],
    });
    const closed = await leader.request<{ completionOverview: { open: boolean } }>(
      '{ completionOverview(year: 2024, quarter: 4) { open } }',
    );
    expect(closed.data!.completionOverview.open).toBe(false);
  });

  it('issues a fixed number of SQL statements, whatever the size of the subtree (no N+1)', async () => {
    const leader = await signedIn(api.url, '34-leader');
    const query = `query($o: ID) { completionOverview(year: 2025, quarter: 2, organizationId: $o) {
      total { ${FIELDS} } own { assigned } rows { organization { id code name } childCount ${FIELDS} }
      byCategory { category ${FIELDS} } trend { label ${FIELDS} } } }`;
    const count = async (org?: string): Promise<number> => {
      const before = QueryCounter.count;
      const r = await leader.request(query, { o: org ? orgIdForCode(org) : null });
      expect(r.errors).toBeUndefined();
      return QueryCounter.count - before;
    };
    await count(); // warms the cached organisation hierarchy (one query per minute at most)
    const province = await count();
    const city = await count('3401');
    console.log(`completionOverview SQL statements: province ${province}, city ${city}`);
    // START TRANSACTION, app_begin, one statement (the unit and its children, the grouped
    // figures, the quarterly trend), COMMIT (docs/architecture.md, "Reporting model").
    expect(province).toBe(4);
    expect(city).toBe(province);
  });

  it('drills down from a city to its counties and refuses a city outside the subtree', async () => {
    const cityAdmin = await signedIn(api.url, '3401-admin');
    const r = await cityAdmin.request<{
      completionOverview: {
        organization: { code: string };
        rows: Array<{ organization: { code: string } }>;
      };
    }>(
      '{ completionOverview(year: 2025, quarter: 1) { organization { code } rows { organization { code } assigned } } }',
    );
    expect(r.data!.completionOverview.organization.code).toBe('3401');
    expect(
      r.data!.completionOverview.rows.every((x) => x.organization.code.startsWith('3401')),
    ).toBe(true);
    const other = await cityAdmin.request(
      'query($o: ID) { completionOverview(year: 2025, quarter: 1, organizationId: $o) { total { assigned } } }',
      { o: orgIdForCode('3402') },
    );
    expect(errorCode(other)).toBe('NOT_FOUND');
  });
});

import { Client } from 'pg';
import { RemindersService } from '@sunshine/api/reporting';
import { errorCode, only, signedIn, type ApiClient } from '@sunshine/testing';
import { orgIdForCode } from '@sunshine/tools/seed';
import type { StartedApi } from '../bootstrap';
import { startTestApi } from '../testing';

/**
 * A plan of its own (year 2023, which the demo data does not use, so no other test sees it) with
 * a 20-day reporting window: 2023Q2 is due on 2023-07-20. Day by day around that date, the
 * worklist, the deadline reminders, the overview's header and the late flag must agree.
 * Two counties of 宣城 report under it; each has a task without a target and one with a target.
 */
const YEAR = 2023;
const DUE = '2023-07-20';
const COUNTIES = ['341821', '341823'] as const;
const Q2 = '2023年第二季度';

let owner: Client;
const assignments = new Map<string, { plain: string; target: string }>();

async function createPlan(): Promise<void> {
  const province = orgIdForCode('34');
  const plan = only(
    (
      await owner.query<{ id: string }>(
        `INSERT INTO plans(organization_id, year, title, status, due_days_after_quarter, published_at)
     VALUES ($1, $2, '报送窗口20天的测试计划', 'PUBLISHED', 20, '2023-02-01T10:00:00+08:00') RETURNING id`,
        [province, YEAR],
      )
    ).rows,
  );
  const category = only(
    (
      await owner.query<{ id: string }>(
        `INSERT INTO plan_categories(plan_id, organization_id, name, sort_order) VALUES ($1, $2, '测试类', 1) RETURNING id`,
        [plan.id, province],
      )
    ).rows,
  );
  const task = async (number: string, target: number | null): Promise<string> => {
    const { rows } = await owner.query<{ id: string }>(
      `INSERT INTO plan_tasks(plan_id, category_id, organization_id, number, title, deadline, deadline_text, due_date,
         levels, weight, sort_order, target_value, target_unit)
       VALUES ($1, $2, $3, $4, $5, '{"kind":"DATE","date":"2023-12-31"}', '2023年12月底前', '2023-12-31',
         '{COUNTY}', 1, $6, $7, $8) RETURNING id`,
      [
        plan.id,
        category.id,
        province,
        number,
        `测试任务${number}`,
        Number(number),
        target,
        target === null ? null : '条',
      ],
    );
    return only(rows).id;
  };
  const plain = await task('1', null);
  const target = await task('2', 16);
  for (const code of COUNTIES) {
    const assign = async (taskId: string): Promise<string> => {
      const { rows } = await owner.query<{ id: string }>(
        `INSERT INTO assignments(plan_id, task_id, organization_id, year) VALUES ($1, $2, $3, $4) RETURNING id`,
        [plan.id, taskId, orgIdForCode(code), YEAR],
      );
      return only(rows).id;
    };
    assignments.set(code, { plain: await assign(plain), target: await assign(target) });
  }
}

beforeAll(async () => {
  owner = new Client({ connectionString: process.env.SUNSHINE_TEST_OWNER_URL });
  await owner.connect();
  await createPlan();
});
afterAll(async () => {
  await owner.end();
});

/** Runs `work` against an API whose business clock reads 10:00 in Beijing on `day`. */
async function on<T>(day: string, work: (api: StartedApi) => Promise<T>): Promise<T> {
  const api = await startTestApi({ SUNSHINE_CLOCK: `${day}T10:00:00+08:00` });
  try {
    return await work(api);
  } finally {
    await api.app.close();
  }
}

const SAVE = `mutation($i: SaveProgressReportInput!) { saveProgressReport(input: $i) { id version dueDate late } }`;
const SUBMIT = `mutation($i: ReportActionInput!) { submitProgressReport(input: $i) { id status dueDate late } }`;

async function saveReport(
  editor: ApiClient,
  assignmentId: string,
  fields: Record<string, unknown> = {},
): Promise<{ id: string; version: number; dueDate: string }> {
  const r = await editor.request<{
    saveProgressReport: { id: string; version: number; dueDate: string };
  }>(SAVE, {
    i: {
      assignmentId,
      year: YEAR,
      quarter: 2,
      completionState: 'IN_PROGRESS',
      percent: 50,
      narrative: '已按计划推进',
      ...fields,
    },
  });
  expect(r.errors).toBeUndefined();
  return r.data!.saveProgressReport;
}

interface Day {
  worklist: { year: number; quarter: number; dueDate: string };
  overviewDueDate: string;
  written: number;
}

/** What each surface says on a day: the county editor's worklist, the city's overview header, the sweep. */
async function look(api: StartedApi): Promise<Day> {
  const editor = await signedIn(api.url, `${COUNTIES[0]}-editor`);
  const w = await editor.request<{ worklist: Day['worklist'] }>(
    '{ worklist { year quarter dueDate } }',
  );
  expect(w.errors).toBeUndefined();
  const city = await signedIn(api.url, '3418-admin');
  const o = await city.request<{ completionOverview: { dueDate: string } }>(
    `{ completionOverview(year: ${YEAR}, quarter: 2) { dueDate } }`,
  );
  expect(o.errors).toBeUndefined();
  const written = await api.app.get(RemindersService).deadlineSweep();
  return {
    worklist: w.data!.worklist,
    overviewDueDate: o.data!.completionOverview.dueDate,
    written,
  };
}

async function deadlineNotices(code: string): Promise<string[]> {
  const { rows } = await owner.query<{ kind: string; title: string }>(
    `SELECT kind, title FROM notifications WHERE organization_id = $1
       AND kind IN ('DUE_SOON', 'DUE_TOMORROW', 'OVERDUE') AND title LIKE $2 ORDER BY created_at`,
    [orgIdForCode(code), `${Q2}%`],
  );
  return rows.map((r) => `${r.kind} ${r.title}`);
}

describe('a plan with a 20-day reporting window', () => {
  const inQ2 = { year: YEAR, quarter: 2, dueDate: DUE };
  const inQ3 = { year: YEAR, quarter: 3, dueDate: '2023-10-20' };

  it('day 11 (2023-07-11): still open everywhere; no 逾期 reminder (the default window would send one)', async () => {
    const day = await on('2023-07-11', look);
    expect(day).toEqual({ worklist: inQ2, overviewDueDate: DUE, written: 0 });
  });

  it('day 12 (8 days left): open, no reminder yet', async () => {
    expect(await on('2023-07-12', look)).toEqual({
      worklist: inQ2,
      overviewDueDate: DUE,
      written: 0,
    });
  });

  it('day 13 (7 days left): "due soon" to each county missing reports', async () => {
    expect(await on('2023-07-13', look)).toEqual({
      worklist: inQ2,
      overviewDueDate: DUE,
      written: COUNTIES.length,
    });
  });

  it('day 19: "due tomorrow"', async () => {
    expect(await on('2023-07-19', look)).toEqual({
      worklist: inQ2,
      overviewDueDate: DUE,
      written: COUNTIES.length,
    });
  });

  it('day 20, the due date: still open, a submission is on time, nothing new to remind', async () => {
    const day = await on('2023-07-20', async (api) => {
      const editor = await signedIn(api.url, `${COUNTIES[0]}-editor`);
      const draft = await saveReport(editor, assignments.get(COUNTIES[0])!.plain);
      expect(draft.dueDate).toBe(DUE);
      const sent = await editor.request<{
        submitProgressReport: { late: boolean; dueDate: string };
      }>(SUBMIT, { i: { id: draft.id, version: draft.version } });
      expect(sent.errors).toBeUndefined();
      expect(sent.data!.submitProgressReport).toEqual({
        id: draft.id,
        status: 'SUBMITTED',
        dueDate: DUE,
        late: false,
      });
      return look(api);
    });
    expect(day).toEqual({ worklist: inQ2, overviewDueDate: DUE, written: 0 });
  });

  it('day 21: overdue, a submission is late, and the worklist moves on to the next quarter', async () => {
    const day = await on('2023-07-21', async (api) => {
      const editor = await signedIn(api.url, `${COUNTIES[1]}-editor`);
      const draft = await saveReport(editor, assignments.get(COUNTIES[1])!.plain);
      const sent = await editor.request<{ submitProgressReport: { late: boolean } }>(SUBMIT, {
        i: { id: draft.id, version: draft.version },
      });
      expect(sent.errors).toBeUndefined();
      expect(sent.data!.submitProgressReport.late).toBe(true);
      return look(api);
    });
    expect(day).toEqual({ worklist: inQ3, overviewDueDate: DUE, written: COUNTIES.length });
    expect(await deadlineNotices(COUNTIES[0])).toEqual([
      `DUE_SOON ${Q2}进展报送将于2023年7月20日截止`,
      `DUE_TOMORROW ${Q2}进展报送明天截止`,
      `OVERDUE ${Q2}进展报送已逾期（截止日期2023年7月20日）`,
    ]);
  });
});

describe('the API refuses what the report form refuses', () => {
  it('refuses to submit without a narrative, or a completed target task without its actual value', async () => {
    await on('2023-08-01', async (api) => {
      const editor = await signedIn(api.url, `${COUNTIES[0]}-editor`);
      const ids = assignments.get(COUNTIES[0])!;
      const blank = await saveReport(editor, ids.target, { narrative: '' });
      const noNarrative = await editor.request(SUBMIT, {
        i: { id: blank.id, version: blank.version },
      });
      expect(errorCode(noNarrative)).toBe('BAD_USER_INPUT');
      expect(noNarrative.errors![0]!.extensions).toMatchObject({
        reason: 'NOT_SUBMITTABLE',
        fields: [{ field: 'narrative', message: '提交前请填写进展情况' }],
      });

      const done = await editor.request<{ saveProgressReport: { version: number } }>(SAVE, {
        i: {
          assignmentId: ids.target,
          year: YEAR,
          quarter: 2,
          version: blank.version,
          completionState: 'COMPLETED',
          percent: 100,
          narrative: '已全部完成',
        },
      });
      expect(done.errors).toBeUndefined();
      const version = done.data!.saveProgressReport.version;
      const noActual = await editor.request(SUBMIT, { i: { id: blank.id, version } });
      expect(errorCode(noActual)).toBe('BAD_USER_INPUT');
      expect(noActual.errors![0]!.extensions).toMatchObject({
        fields: [{ field: 'actualValue', message: '任务已完成时请填写实际完成值' }],
      });

      const withActual = await editor.request<{ saveProgressReport: { version: number } }>(SAVE, {
        i: {
          assignmentId: ids.target,
          year: YEAR,
          quarter: 2,
          version,
          completionState: 'COMPLETED',
          percent: 100,
          actualValue: 18,
          narrative: '已全部完成',
        },
      });
      const ok = await editor.request<{ submitProgressReport: { status: string } }>(SUBMIT, {
        i: { id: blank.id, version: withActual.data!.saveProgressReport.version },
      });
      expect(ok.errors).toBeUndefined();
      expect(ok.data!.submitProgressReport.status).toBe('SUBMITTED');
    });
  });

  it('refuses a percent that disagrees with the completion state, at the percent field', async () => {
    await on('2023-08-01', async (api) => {
      const editor = await signedIn(api.url, `${COUNTIES[1]}-editor`);
      const r = await editor.request(SAVE, {
        i: {
          assignmentId: assignments.get(COUNTIES[1])!.target,
          year: YEAR,
          quarter: 3,
          completionState: 'NOT_STARTED',
          percent: 30,
          narrative: '尚未开始',
        },
      });
      expect(errorCode(r)).toBe('BAD_USER_INPUT');
      expect(r.errors![0]!.extensions).toMatchObject({
        fields: [{ field: 'percent', message: '状态为“未开始”时，完成进度应为 0%' }],
      });
    });
  });

  it('refuses a return reason shorter than the return dialog allows', async () => {
    await on('2023-08-01', async (api) => {
      const reviewer = await signedIn(api.url, `${COUNTIES[0]}-reviewer`);
      const { rows } = await owner.query<{ id: string; version: number }>(
        `SELECT id, version FROM progress_reports WHERE assignment_id = $1 AND year = $2 AND quarter = 2`,
        [assignments.get(COUNTIES[0])!.plain, YEAR],
      );
      const r = await reviewer.request(
        'mutation($i: ReturnReportInput!) { returnProgressReport(input: $i) { id } }',
        { i: { id: only(rows).id, version: only(rows).version, reason: ' 补 ' } },
      );
      expect(errorCode(r)).toBe('BAD_USER_INPUT');
      expect(r.errors![0]!.message).toBe('退回原因至少 2 个字');
    });
  });

  it('refuses a 催办 message longer than the form allows', async () => {
    await on('2023-08-01', async (api) => {
      const city = await signedIn(api.url, '3418-admin');
      const r = await city.request(
        'mutation($i: SendRemindersInput!) { sendReminders(input: $i) { organizations } }',
        { i: { year: YEAR, quarter: 3, message: '请'.repeat(201) } },
      );
      expect(errorCode(r)).toBe('BAD_USER_INPUT');
    });
  });
});

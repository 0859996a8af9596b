import { Client } from 'pg';
import { errorCode, signedIn, type ApiClient, type GraphQLResult } from '@sunshine/testing';
import { orgIdForCode } from '@sunshine/tools/seed';
import {
  ANNUAL_FORMAT_2021,
  DEFAULT_OTHER_SECTION,
  isAnnualReportSubmitted,
  sumAnnualValues,
  type AnnualReportStatus,
} from '@sunshine/shared/domain';
import type { StartedApi } from '../bootstrap';
import { startTestApi } from '../testing';
import { AnnualReportRemindersService } from '@sunshine/api/annual-reports';

// The test clock is 2025-05-20 (China time). The workflow runs in 2013/2014, years no seed touches.
const YEAR = 2014;
const BUREAU = '340103';
const FIELDS = `id year status version formatVersion late deadline actions returnReason
  sections { overview problems other } table3 { key value } carriedInPrefill { key value }
  checks { rule cells message severity } organization { code } events { action fromStatus toStatus reason actorName }`;

interface Report {
  id: string | null;
  status: string;
  version: number;
  late: boolean;
  deadline: string;
  actions: string[];
  returnReason: string | null;
  sections: { overview: string; problems: string; other: string };
  table3: Array<{ key: string; value: number | null }>;
  carriedInPrefill: Array<{ key: string; value: number | null }>;
  checks: Array<{ rule: string; cells: string[]; message: string; severity: string }>;
  events: Array<{
    action: string;
    fromStatus: string;
    toStatus: string;
    reason: string;
    actorName: string;
  }>;
}

let api: StartedApi;
let owner: Client;
const clients = new Map<string, ApiClient>();
const as = async (user: string): Promise<ApiClient> => {
  const known = clients.get(user);
  if (known) return known;
  const c = await signedIn(api.url, user);
  clients.set(user, c);
  return c;
};
const reason = (r: GraphQLResult): unknown =>
  (r.errors?.[0]?.extensions as { reason?: string } | undefined)?.reason;

async function read(
  user: string,
  year = YEAR,
  org = BUREAU,
): Promise<GraphQLResult<{ annualReport: Report }>> {
  return (await as(user)).request<{ annualReport: Report }>(
    `query($y: Int!, $o: ID) { annualReport(year: $y, organizationId: $o) { ${FIELDS} } }`,
    { y: year, o: orgIdForCode(org) },
  );
}

/** Two applications by natural persons: one disclosed, one 本机关不掌握; nothing carried over. */
function balanced(): Record<string, number> {
  const v: Record<string, number> = {};
  for (const c of ANNUAL_FORMAT_2021.cells) v[c.key] = 0;
  for (const [row, n] of [
    ['received', 2],
    ['disclosed', 1],
    ['unavailable1', 1],
    ['resultTotal', 2],
  ] as const) {
    v[`t3.${row}.natural`] = n;
    v[`t3.${row}.total`] = n;
  }
  v['t4.reconsideration.upheld'] = 1;
  v['t4.reconsideration.total'] = 1;
  return v;
}

async function save(
  user: string,
  version: number,
  values: Record<string, number | null>,
  year = YEAR,
  overview = '本年度共收到政府信息公开申请2件。',
): Promise<GraphQLResult<{ saveAnnualReport: Report }>> {
  return (await as(user)).request<{ saveAnnualReport: Report }>(
    `mutation($i: SaveAnnualReportInput!) { saveAnnualReport(input: $i) { ${FIELDS} } }`,
    {
      i: {
        year,
        version,
        sections: { overview, problems: '无', other: DEFAULT_OTHER_SECTION },
        cells: Object.entries(values).map(([key, value]) => ({ key, value })),
      },
    },
  );
}

async function act(
  user: string,
  mutation:
    'submitAnnualReport' | 'approveAnnualReport' | 'acceptAnnualReport' | 'returnAnnualReport',
  report: { id: string | null; version: number },
  returnReason?: string,
): Promise<GraphQLResult<Record<string, Report>>> {
  const type =
    mutation === 'returnAnnualReport' ? 'ReturnAnnualReportInput' : 'AnnualReportActionInput';
  const input: Record<string, unknown> = { id: report.id, version: report.version };
  if (returnReason !== undefined) input.reason = returnReason;
  return (await as(user)).request<Record<string, Report>>(
    `mutation($i: ${type}!) { ${mutation}(input: $i) { ${FIELDS} } }`,
    { i: input },
  );
}

const status = (r: GraphQLResult<Record<string, Report>>): AnnualReportStatus | undefined =>
  Object.values(r.data ?? {})[0]?.status as AnnualReportStatus | undefined;

beforeAll(async () => {
  api = await startTestApi();
  owner = new Client({ connectionString: process.env.SUNSHINE_TEST_OWNER_URL });
  await owner.connect();
  await owner.query('DELETE FROM annual_reports WHERE year IN (2013, 2014, 2015)');
});
afterAll(async () => {
  await owner.query('DELETE FROM annual_reports WHERE year IN (2013, 2014, 2015)');
  await owner.query(`DELETE FROM users WHERE username = 'acore-both'`).catch(() => undefined);
  await owner.end();
  await api.app.close();
});

describe('annual report workflow', () => {
  let report: Report;

  it('starts as an unsaved draft with the 信息处理费 statement and the all-zero hint', async () => {
    const r = await read(`${BUREAU}-editor`);
    expect(r.errors).toBeUndefined();
    const d = r.data!.annualReport;
    expect(d).toMatchObject({
      id: null,
      status: 'DRAFT',
      version: 0,
      deadline: '2015-01-31',
      late: true,
    });
    expect(d.sections.other).toBe(DEFAULT_OTHER_SECTION);
    expect(d.table3).toHaveLength(175);
    expect(d.checks.map((c) => c.rule)).toEqual(['ALL_ZERO:table3']);
    expect(d.actions).toEqual(['SAVE']);
  });

  it('saves a broken draft, refuses to submit it listing the rules, and refuses a stale version', async () => {
    const broken = { ...balanced(), 't3.resultTotal.natural': 1, 't3.resultTotal.total': 1 };
    const saved = await save(`${BUREAU}-editor`, 0, broken);
    expect(saved.errors).toBeUndefined();
    report = saved.data!.saveAnnualReport;
    expect(report.version).toBe(1);
    const errors = report.checks.filter((c) => c.severity === 'ERROR').map((c) => c.rule);
    expect(errors).toEqual([
      'T3_RESULT_SUM:natural',
      'T3_RESULT_SUM:total',
      'T3_BALANCE:natural',
      'T3_BALANCE:total',
    ]);
    const refused = await act(`${BUREAU}-editor`, 'submitAnnualReport', report);
    expect(errorCode(refused)).toBe('BAD_USER_INPUT');
    expect(reason(refused)).toBe('ANNUAL_REPORT_FAILING_RULES');
    const listed = (refused.errors?.[0]?.extensions as { rules?: Array<{ rule: string }> }).rules;
    expect(listed?.map((x) => x.rule)).toEqual(errors);
    expect(refused.errors?.[0]?.message).toContain('不能提交');
    const { rows } = await owner.query<{ failing_rules: string[] }>(
      'SELECT failing_rules FROM annual_reports WHERE id = $1',
      [report.id],
    );
    expect(rows[0]?.failing_rules).toEqual(errors);

    const stale = await save(`${BUREAU}-editor`, 0, balanced());
    expect(errorCode(stale)).toBe('CONFLICT');
    const unknown = await save(`${BUREAU}-editor`, 1, { 't9.nothing.here': 1 });
    expect(errorCode(unknown)).toBe('BAD_USER_INPUT');
    expect(reason(unknown)).toBe('ANNUAL_REPORT_UNKNOWN_CELLS');
  });

  it('submits the fixed report (EDITOR), the reviewer approves, the city accepts', async () => {
    const fixed = await save(`${BUREAU}-editor`, report.version, balanced());
    report = fixed.data!.saveAnnualReport;
    expect(report.checks.filter((c) => c.severity === 'ERROR')).toEqual([]);
    expect(report.actions).toEqual(['SAVE', 'SUBMIT']);

    expect(errorCode(await act(`${BUREAU}-reviewer`, 'submitAnnualReport', report))).toBe(
      'FORBIDDEN',
    );
    const submitted = await act(`${BUREAU}-editor`, 'submitAnnualReport', report);
    expect(status(submitted)).toBe('SUBMITTED');
    report = submitted.data!.submitAnnualReport!;
    expect(report.late).toBe(true);
    expect(errorCode(await save(`${BUREAU}-editor`, report.version, balanced()))).toBe('CONFLICT');

    expect(errorCode(await act(`${BUREAU}-editor`, 'approveAnnualReport', report))).toBe(
      'FORBIDDEN',
    );
    expect(errorCode(await act('3401-reviewer', 'approveAnnualReport', report))).toBe('FORBIDDEN');
    expect(errorCode(await act('3401-reviewer', 'acceptAnnualReport', report))).toBe('CONFLICT');
    const approved = await act(`${BUREAU}-reviewer`, 'approveAnnualReport', report);
    expect(status(approved)).toBe('APPROVED');
    report = approved.data!.approveAnnualReport!;

    // Only the direct overseer accepts: not the bureau itself, not the province above the city.
    expect(reason(await act(`${BUREAU}-reviewer`, 'acceptAnnualReport', report))).toBe(
      'ANNUAL_REPORT_NOT_OVERSEER',
    );
    expect(reason(await act('34-admin', 'acceptAnnualReport', report))).toBe(
      'ANNUAL_REPORT_NOT_OVERSEER',
    );
    expect(errorCode(await act('340102-reviewer', 'acceptAnnualReport', report))).toBe('NOT_FOUND');
    const city = await read('3401-reviewer');
    expect(city.data?.annualReport.actions).toEqual(['ACCEPT', 'RETURN']);
    const accepted = await act('3401-reviewer', 'acceptAnnualReport', report);
    expect(status(accepted)).toBe('ACCEPTED');
    report = accepted.data!.acceptAnnualReport!;
    expect(report.events.map((e) => `${e.action}:${e.toStatus}`)).toEqual([
      'SAVE:DRAFT',
      'SAVE:DRAFT',
      'SUBMIT:SUBMITTED',
      'APPROVE:APPROVED',
      'ACCEPT:ACCEPTED',
    ]);
    expect(report.events.at(-1)?.actorName).toBe('3401-reviewer');
  });

  it('the overseer returns with a reason; the bureau edits and submits again', async () => {
    const noReason = await act('3401-admin', 'returnAnnualReport', report, ' ');
    expect(errorCode(noReason)).toBe('BAD_USER_INPUT');
    const returned = await act(
      '3401-admin',
      'returnAnnualReport',
      report,
      '表三予以公开数与正文不一致',
    );
    expect(status(returned)).toBe('RETURNED');
    report = returned.data!.returnAnnualReport!;
    expect(report.returnReason).toBe('表三予以公开数与正文不一致');
    expect(report.events.at(-1)).toMatchObject({
      action: 'RETURN',
      reason: '表三予以公开数与正文不一致',
    });
    const note = await owner.query(
      `SELECT 1 FROM notifications WHERE organization_id = $1 AND kind = 'RETURNED' AND title LIKE '2014年%'`,
      [orgIdForCode(BUREAU)],
    );
    expect(note.rowCount).toBeGreaterThan(0);
    const again = await save(`${BUREAU}-editor`, report.version, balanced());
    expect(again.errors).toBeUndefined();
    const resubmitted = await act(
      `${BUREAU}-editor`,
      'submitAnnualReport',
      again.data!.saveAnnualReport,
    );
    expect(status(resubmitted)).toBe('SUBMITTED');
    report = resubmitted.data!.submitAnnualReport!;
    // The bureau's reviewer may send a submitted report back too.
    const back = await act(`${BUREAU}-reviewer`, 'returnAnnualReport', report, '请补充总体情况');
    expect(status(back)).toBe('RETURNED');
    const resubmit = await act(
      `${BUREAU}-editor`,
      'submitAnnualReport',
      back.data!.returnAnnualReport!,
    );
    report = resubmit.data!.submitAnnualReport!;
    const { rows } = await owner.query<{ action: string }>(
      `SELECT action FROM audit_events WHERE target_type = 'AnnualReport' AND target_id = $1 ORDER BY id`,
      [report.id],
    );
    expect(new Set(rows.map((r) => r.action))).toEqual(
      new Set([
        'ANNUAL_REPORT_SAVE',
        'ANNUAL_REPORT_SUBMIT',
        'ANNUAL_REPORT_APPROVE',
        'ANNUAL_REPORT_ACCEPT',
        'ANNUAL_REPORT_RETURN',
      ]),
    );
  });

  it('nobody approves their own submission', async () => {
    await owner.query(
      `INSERT INTO users(organization_id, username, display_name, password_hash, roles, must_change_password)
       SELECT organization_id, 'acore-both', '填报兼审核', password_hash, ARRAY['EDITOR','REVIEWER'], false
       FROM users WHERE username = $1 ON CONFLICT DO NOTHING`,
      [`${BUREAU}-editor`],
    );
    const saved = await save('acore-both', 0, balanced(), 2013, '');
    const submitted = await act('acore-both', 'submitAnnualReport', saved.data!.saveAnnualReport);
    const mine = submitted.data!.submitAnnualReport!;
    expect(mine.actions).toEqual(['RETURN']);
    const own = await act('acore-both', 'approveAnnualReport', mine);
    expect(errorCode(own)).toBe('FORBIDDEN');
    expect(reason(own)).toBe('ANNUAL_REPORT_OWN_SUBMISSION');
    expect(status(await act(`${BUREAU}-reviewer`, 'approveAnnualReport', mine))).toBe('APPROVED');
  });

  it("prefills 上年结转 from last year's 结转下年度 and refuses an edited one on submit", async () => {
    // 2013's report (above) carries nothing; give 2014 one carried-forward application.
    const carried: Record<string, number> = {
      ...balanced(),
      't3.received.natural': 3,
      't3.received.total': 3,
    };
    carried['t3.carriedOut.natural'] = 1;
    carried['t3.carriedOut.total'] = 1;
    await owner.query('UPDATE annual_reports SET cells = $1::jsonb WHERE id = $2', [
      JSON.stringify(carried),
      report.id,
    ]);
    const fresh = (await read(`${BUREAU}-editor`, 2015)).data!.annualReport;
    expect(fresh.id).toBeNull();
    const prefill = Object.fromEntries(fresh.carriedInPrefill.map((c) => [c.key, c.value]));
    expect(prefill['t3.carriedIn.natural']).toBe(1);
    expect(prefill['t3.carriedIn.total']).toBe(1);
    expect(fresh.table3.find((c) => c.key === 't3.carriedIn.natural')?.value).toBe(1);

    // Edited away from last year's figure (and kept balanced): refused on submit.
    const edited: Record<string, number> = {
      ...balanced(),
      't3.carriedIn.natural': 2,
      't3.carriedIn.total': 2,
    };
    edited['t3.carriedOut.natural'] = 2;
    edited['t3.carriedOut.total'] = 2;
    const saved = await save(`${BUREAU}-editor`, 0, edited, 2015);
    const flagged = saved.data!.saveAnnualReport.checks.filter((c) =>
      c.rule.startsWith('CARRIED_IN'),
    );
    expect(flagged.map((c) => c.rule)).toEqual(['CARRIED_IN:natural', 'CARRIED_IN:total']);
    const refused = await act(
      `${BUREAU}-editor`,
      'submitAnnualReport',
      saved.data!.saveAnnualReport,
    );
    expect(reason(refused)).toBe('ANNUAL_REPORT_FAILING_RULES');
  });

  it("a county never reads a neighbour's report; its city does", async () => {
    expect(errorCode(await read('340102-editor'))).toBe('NOT_FOUND');
    expect(errorCode(await read('3402-admin'))).toBe('NOT_FOUND');
    expect((await read('3401-admin')).data?.annualReport.id).toBe(report.id);
    expect((await read('34-leader')).data?.annualReport.id).toBe(report.id);
  });
});

describe('annual report summary', () => {
  it('equals an independent sum of the stored reports over the subtree, per city', async () => {
    const year = 2024;
    const province = (await as('34-admin')).request<{
      annualReportSummary: {
        total: { expected: number; submitted: number; accepted: number; failingChecks: number };
        rows: Array<{
          organization: { code: string };
          expected: number;
          submitted: number;
          accepted: number;
        }>;
        summedReports: number;
        table2: Array<{ key: string; value: number }>;
        table3: Array<{ key: string; value: number }>;
        table4: Array<{ key: string; value: number }>;
      };
    }>(
      `query($y: Int!) { annualReportSummary(year: $y) {
        total { expected submitted accepted failingChecks }
        rows { organization { code } expected submitted accepted }
        summedReports table2 { key value } table3 { key value } table4 { key value } } }`,
      { y: year },
    );
    const s = (await province).data!.annualReportSummary;
    const { rows } = await owner.query<{
      code: string;
      status: string;
      cells: Record<string, number>;
    }>(
      `SELECT o.code, r.status, r.cells FROM annual_reports r JOIN organizations o ON o.id = r.organization_id
       WHERE r.year = $1`,
      [year],
    );
    const { rows: orgs } = await owner.query<{ code: string }>('SELECT code FROM organizations');
    expect(s.total.expected).toBe(orgs.filter((o) => o.code.startsWith('34')).length);
    const submitted = rows.filter((r) => isAnnualReportSubmitted(r.status as AnnualReportStatus));
    expect(s.total.submitted).toBe(submitted.length);
    expect(s.total.accepted).toBe(rows.filter((r) => r.status === 'ACCEPTED').length);
    expect(s.summedReports).toBe(submitted.length);
    // An independent sum: plain addition over the stored JSON, cell by cell.
    const expected: Record<string, number> = {};
    for (const r of submitted)
      for (const [k, v] of Object.entries(r.cells)) expected[k] = (expected[k] ?? 0) + (v ?? 0);
    const got = Object.fromEntries(
      [...s.table2, ...s.table3, ...s.table4].map((c) => [c.key, c.value]),
    );
    for (const c of ANNUAL_FORMAT_2021.cells)
      expect([c.key, got[c.key]]).toEqual([c.key, expected[c.key] ?? 0]);
    expect(got['t3.received.total']).toBeGreaterThan(0);
    // The domain's summation agrees.
    expect(
      sumAnnualValues(
        ANNUAL_FORMAT_2021,
        submitted.map((r) => r.cells),
      )['t3.received.total'],
    ).toBe(got['t3.received.total']);
    const hefei = s.rows.find((r) => r.organization.code === '3401')!;
    expect(hefei.expected).toBe(orgs.filter((o) => o.code.startsWith('3401')).length);
    expect(hefei.submitted).toBe(submitted.filter((r) => r.code.startsWith('3401')).length);
    expect(s.rows.reduce((n, r) => n + r.expected, 0)).toBe(s.total.expected - 1);
  });

  it('a county sees only itself; a neighbour is NOT_FOUND', async () => {
    const mine = await (
      await as('340102-editor')
    ).request<{
      annualReportSummary: { rows: unknown[]; total: { expected: number } };
    }>('query { annualReportSummary(year: 2024) { rows { expected } total { expected } } }');
    expect(mine.data?.annualReportSummary).toEqual({ rows: [], total: { expected: 1 } });
    const other = await (
      await as('340102-editor')
    ).request(
      'query($o: ID) { annualReportSummary(year: 2024, organizationId: $o) { total { expected } } }',
      { o: orgIdForCode('340103') },
    );
    expect(errorCode(other)).toBe('NOT_FOUND');
  });
});

describe('annual report reminders', () => {
  it('催办 notifies the bureaus below that have not submitted, once each', async () => {
    const r = await (
      await as('3401-admin')
    ).request<{ remindAnnualReports: number }>(
      'mutation($i: RemindAnnualReportsInput!) { remindAnnualReports(input: $i) }',
      { i: { year: YEAR, message: '请于月底前报送' } },
    );
    const { rows } = await owner.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM organizations o
       WHERE o.code LIKE '3401%' AND o.code <> '3401'
         AND NOT EXISTS (SELECT 1 FROM annual_reports r WHERE r.organization_id = o.id AND r.year = $1
           AND r.status IN ('SUBMITTED', 'APPROVED', 'ACCEPTED'))`,
      [YEAR],
    );
    expect(r.data?.remindAnnualReports).toBe(rows[0]!.n);
    expect(rows[0]!.n).toBeGreaterThan(0);
    const mine = await owner.query(
      `SELECT 1 FROM notifications WHERE organization_id = $1 AND kind = 'REMINDER' AND body LIKE '请于月底前报送%'`,
      [orgIdForCode(BUREAU)],
    );
    expect(mine.rowCount).toBe(0); // 庐阳 has submitted its 2014 report
    expect(
      errorCode(
        await (
          await as('340102-editor')
        ).request('mutation { remindAnnualReports(input: { year: 2014 }) }'),
      ),
    ).toBe('FORBIDDEN');
  });

  it('the deadline sweep notifies unsent reports once overdue, once per bureau', async () => {
    const id = orgIdForCode('340104');
    await owner.query(
      `UPDATE annual_reports SET status = 'RETURNED' WHERE organization_id = $1 AND year = 2024`,
      [id],
    );
    try {
      const sweeper = api.app.get(AnnualReportRemindersService);
      const { rows } = await owner.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM organizations o
         WHERE NOT EXISTS (SELECT 1 FROM annual_reports r WHERE r.organization_id = o.id AND r.year = 2024
           AND r.status IN ('SUBMITTED', 'APPROVED', 'ACCEPTED'))`,
      );
      expect(await sweeper.sweep()).toBe(rows[0]!.n);
      const note = await owner.query<{ title: string }>(
        `SELECT title FROM notifications WHERE organization_id = $1 AND kind = 'OVERDUE' AND dedupe_key = 'ANNUAL_REPORT:OVERDUE:2024'`,
        [id],
      );
      expect(note.rows[0]?.title).toBe('2024年政府信息公开工作年度报告已逾期未报送');
      expect(await sweeper.sweep()).toBe(0);
    } finally {
      await owner.query(
        `UPDATE annual_reports SET status = 'ACCEPTED' WHERE organization_id = $1 AND year = 2024`,
        [id],
      );
    }
  });
});

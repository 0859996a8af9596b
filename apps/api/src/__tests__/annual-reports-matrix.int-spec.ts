import { Client } from 'pg';
import {
  ApiClient,
  cellMismatches,
  doesBusiness,
  errorCode,
  isParentOf,
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
import { DEFAULT_OTHER_SECTION } from '@sunshine/shared/domain';
import type { StartedApi } from '../bootstrap';
import { startTestApi } from '../testing';
import { coverageProblems } from './tenancy-coverage';

/**
 * The annual report operations × every demo role × target organisations, with code checks and
 * with RLS alone. Fixtures are written by the owner connection in 2004 (a matrix year, one report
 * per cell: the unique bureau × year is freed after each cell); the shared seed is not touched.
 */
const YEAR = 2004;
const SUMMARY_YEAR = 2005;
const MARK = '【年报矩阵】';

interface Fixture {
  id: string;
  version: number;
}
interface Cell {
  client: ApiClient;
  owner: Client;
  actor: string;
  target: string;
  fx: Fixture;
}
type FixtureKind = 'none' | 'DRAFT' | 'SUBMITTED' | 'APPROVED';
interface Row {
  name: string;
  covers: string[];
  fixture: FixtureKind;
  allowed(actor: string, target: string, mode: MatrixMode): boolean;
  run(c: Cell): Promise<CellOutcome>;
}

const gql = (r: GraphQLResult): CellOutcome => ({ ok: !r.errors, code: errorCode(r) });
const is = (actor: string, ...roles: string[]): boolean => roles.includes(roleOf(actor));
/** Own bureau with code checks; anything visible with RLS alone. */
const ownOrVisible = (a: string, t: string, mode: MatrixMode): boolean =>
  mode.codeChecks ? orgOf(a) === t : sees(a, t);
/** The direct overseer with code checks; anything visible with RLS alone. */
const parentOrVisible = (a: string, t: string, mode: MatrixMode): boolean =>
  mode.codeChecks ? isParentOf(a, t) : sees(a, t);

async function statusOf(owner: Client, id: string): Promise<string | undefined> {
  const { rows } = await owner.query<{ status: string }>(
    'SELECT status FROM annual_reports WHERE id = $1',
    [id],
  );
  return rows[0]?.status;
}

const REPORT = 'id status version organization { code }';

async function transition(
  c: Cell,
  mutation: string,
  input: string,
  extra: Record<string, unknown> = {},
): Promise<CellOutcome & { status?: string }> {
  const before = await statusOf(c.owner, c.fx.id);
  const r = await c.client.request(
    `mutation($i: ${input}!) { ${mutation}(input: $i) { ${REPORT} } }`,
    {
      i: { id: c.fx.id, version: c.fx.version, ...extra },
    },
  );
  const out = gql(r);
  return { ...out, leaked: !out.ok && (await statusOf(c.owner, c.fx.id)) !== before };
}

const ROWS: Row[] = [
  {
    name: 'annualReport(year, organizationId)',
    covers: ['Query.annualReport'],
    fixture: 'DRAFT',
    allowed: (a, t) => doesBusiness(a) && sees(a, t),
    async run({ client, target, fx }) {
      const r = await client.request<{
        annualReport: { id: string | null; organization: { code: string } };
      }>(`query($y: Int!, $o: ID) { annualReport(year: $y, organizationId: $o) { ${REPORT} } }`, {
        y: YEAR,
        o: orgIdForCode(target),
      });
      const out = gql(r);
      if (out.ok && r.data?.annualReport.id !== fx.id) return { ok: false, code: 'EMPTY' };
      return out;
    },
  },
  {
    name: 'annualReportSummary(year, organizationId)',
    covers: ['Query.annualReportSummary'],
    fixture: 'none',
    allowed: (a, t) => doesBusiness(a) && sees(a, t),
    async run({ client, target }) {
      const r = await client.request<{
        annualReportSummary: { total: { expected: number; submitted: number } };
      }>(
        'query($y: Int!, $o: ID) { annualReportSummary(year: $y, organizationId: $o) { total { expected submitted } } }',
        { y: SUMMARY_YEAR, o: orgIdForCode(target) },
      );
      const out = gql(r);
      // The summary counts the target's own stored report (written for every target): nothing hidden.
      if (out.ok && (r.data?.annualReportSummary.total.submitted ?? 0) < 1)
        return { ok: false, code: 'EMPTY' };
      return out;
    },
  },
  {
    name: 'saveAnnualReport (a new report for the target)',
    covers: ['Mutation.saveAnnualReport'],
    fixture: 'none',
    allowed: (a, t, mode) => is(a, 'EDITOR') && ownOrVisible(a, t, mode),
    async run({ client, owner, target }) {
      const r = await client.request(
        `mutation($i: SaveAnnualReportInput!) { saveAnnualReport(input: $i) { ${REPORT} } }`,
        {
          i: {
            year: YEAR,
            organizationId: orgIdForCode(target),
            version: 0,
            sections: { overview: '矩阵', problems: '', other: DEFAULT_OTHER_SECTION },
            cells: [{ key: 't3.received.total', value: 0 }],
          },
        },
      );
      const { rows } = await owner.query<{ organization_id: string }>(
        'DELETE FROM annual_reports WHERE year = $1 RETURNING organization_id',
        [YEAR],
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
    name: 'submitAnnualReport',
    covers: ['Mutation.submitAnnualReport'],
    fixture: 'DRAFT',
    allowed: (a, t, mode) => is(a, 'EDITOR') && ownOrVisible(a, t, mode),
    run: (c) => transition(c, 'submitAnnualReport', 'AnnualReportActionInput'),
  },
  {
    name: 'approveAnnualReport',
    covers: ['Mutation.approveAnnualReport'],
    fixture: 'SUBMITTED',
    allowed: (a, t, mode) => is(a, 'REVIEWER') && ownOrVisible(a, t, mode),
    run: (c) => transition(c, 'approveAnnualReport', 'AnnualReportActionInput'),
  },
  {
    name: 'acceptAnnualReport (the direct overseer)',
    covers: ['Mutation.acceptAnnualReport'],
    fixture: 'APPROVED',
    allowed: (a, t, mode) => is(a, 'REVIEWER', 'ADMIN') && parentOrVisible(a, t, mode),
    run: (c) => transition(c, 'acceptAnnualReport', 'AnnualReportActionInput'),
  },
  {
    name: 'returnAnnualReport (an approved report, by the direct overseer)',
    covers: ['Mutation.returnAnnualReport'],
    fixture: 'APPROVED',
    allowed: (a, t, mode) => is(a, 'REVIEWER', 'ADMIN') && parentOrVisible(a, t, mode),
    run: (c) =>
      transition(c, 'returnAnnualReport', 'ReturnAnnualReportInput', { reason: '矩阵退回' }),
  },
  {
    name: 'remindAnnualReports (the bureaus below the target)',
    covers: ['Mutation.remindAnnualReports'],
    fixture: 'none',
    allowed: (a, t) => is(a, 'REVIEWER', 'ADMIN') && sees(a, t),
    async run({ client, owner, actor, target }) {
      const r = await client.request<{ remindAnnualReports: number }>(
        'mutation($i: RemindAnnualReportsInput!) { remindAnnualReports(input: $i) }',
        { i: { year: YEAR, organizationId: orgIdForCode(target), message: MARK } },
      );
      const { rows } = await owner.query<{ code: string }>(
        `DELETE FROM notifications n USING organizations o
         WHERE o.id = n.organization_id AND n.body LIKE $1 RETURNING o.code`,
        [`${MARK}%`],
      );
      const out = gql(r);
      return {
        ...out,
        leaked:
          (!out.ok && rows.length > 0) ||
          rows.some((x) => !x.code.startsWith(target) || x.code === target || !sees(actor, x.code)),
      };
    },
  },
];

describe.each(MATRIX_MODES)('annual reports tenancy matrix — %s', (_name, mode) => {
  let api: StartedApi;
  let owner: Client;
  const clients = new Map<string, ApiClient>();

  async function report(target: string, status: FixtureKind): Promise<Fixture> {
    await owner.query('DELETE FROM annual_reports WHERE year = $1', [YEAR]);
    const { rows } = await owner.query<{ id: string; version: number }>(
      `INSERT INTO annual_reports(organization_id, year, format_version, status, cells, first_submitted_at, submitted_at)
       VALUES ($1, $2, '2021', $3::varchar, '{}', CASE WHEN $3::varchar <> 'DRAFT' THEN now() END, CASE WHEN $3::varchar <> 'DRAFT' THEN now() END)
       RETURNING id, version`,
      [orgIdForCode(target), YEAR, status],
    );
    return { id: rows[0]!.id, version: rows[0]!.version };
  }

  beforeAll(async () => {
    api = await startTestApi({}, mode);
    owner = new Client({ connectionString: process.env.SUNSHINE_TEST_OWNER_URL });
    await owner.connect();
    await owner.query('DELETE FROM annual_reports WHERE year IN ($1, $2)', [YEAR, SUMMARY_YEAR]);
    for (const t of MATRIX_TARGETS) {
      await owner.query(
        `INSERT INTO annual_reports(organization_id, year, format_version, status, cells, first_submitted_at)
         VALUES ($1, $2, '2021', 'SUBMITTED', '{}', now())`,
        [orgIdForCode(t), SUMMARY_YEAR],
      );
    }
    for (const actor of MATRIX_ACTORS) clients.set(actor, await signedIn(api.url, actor));
  });
  afterAll(async () => {
    await owner.query('DELETE FROM annual_reports WHERE year IN ($1, $2)', [YEAR, SUMMARY_YEAR]);
    await owner.end();
    await api.app.close();
  });

  it.each(ROWS.map((row) => [row.name, row] as const))(
    '%s: exactly the allowed cells succeed',
    async (_n, row) => {
      const mismatches: string[] = [];
      let allowedCells = 0;
      for (const actor of MATRIX_ACTORS) {
        for (const target of MATRIX_TARGETS) {
          const expected = row.allowed(actor, target, mode);
          if (expected) allowedCells++;
          let fx: Fixture = { id: '', version: 0 };
          if (row.fixture === 'none')
            await owner.query('DELETE FROM annual_reports WHERE year = $1', [YEAR]);
          else fx = await report(target, row.fixture);
          const out = await row.run({ client: clients.get(actor)!, owner, actor, target, fx });
          mismatches.push(...cellMismatches(actor, target, expected, out));
        }
      }
      expect(mismatches).toEqual([]);
      expect(allowedCells).toBeGreaterThan(0);
    },
  );

  it('its rows are the registry entries of annual-reports-matrix, each really called', () => {
    const called = [...clients.values()].flatMap((c) => [...c.called]);
    expect(coverageProblems('annual-reports-matrix', ROWS, called)).toEqual([]);
  });
});

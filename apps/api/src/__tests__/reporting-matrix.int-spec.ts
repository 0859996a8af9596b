import { Client } from 'pg';
import {
  ApiClient,
  doesBusiness,
  errorCode,
  isParentOf,
  MATRIX_ACTORS,
  MATRIX_MODES,
  only,
  orgOf,
  roleOf,
  sees,
  signedIn,
} from '@sunshine/testing';
import { orgIdForCode } from '@sunshine/tools/seed';
import type { StartedApi } from '../bootstrap';
import { startTestApi } from '../testing';
import { coverageProblems } from './tenancy-coverage';

/**
 * The reporting operations × every demo role × target bureaus relative to the caller, with code
 * checks and with RLS alone. Fixtures are reports in 2025Q3/Q4 written by the owner per cell, so
 * no cell depends on another.
 */
// Each write cell needs an assignment of its own and the demo holds 42 per bureau: enough for ten
// actors. The security administrator, refused here by role like the auditor, is left out; its
// refusals of these reads are in security-duties.int-spec.ts.
const ACTORS = MATRIX_ACTORS.filter((a) => a !== '34-security');
const TARGETS = ['3401', '340102', '340103', '3402', '340202'];

interface Cell {
  client: ApiClient;
  owner: Client;
  reportId: string;
  version: number;
  target: string;
}
interface Op {
  name: string;
  /** The operations this row exercises (keys of TENANCY_COVERAGE). */
  covers: string[];
  fixtureStatus: 'SUBMITTED' | 'APPROVED' | 'DRAFT';
  writes: boolean;
  /** A read of the shared draft (a report never submitted) instead of the shared submitted one. */
  readsDraft?: boolean;
  /** Borrows the per-cell fixture of that write row (and leaves it as it found it). */
  fixtureOf?: string;
  allowed(actor: string, target: string): boolean;
  run(c: Cell): Promise<{ ok: boolean; code?: string; changed: boolean }>;
}

async function statusOf(owner: Client, id: string): Promise<string> {
  const { rows } = await owner.query(
    'SELECT status || version AS s FROM progress_reports WHERE id = $1',
    [id],
  );
  return rows[0].s as string;
}

function act(field: string, inputType: string, extra: Record<string, unknown> = {}) {
  return async (c: Cell): Promise<{ ok: boolean; code?: string; changed: boolean }> => {
    const before = await statusOf(c.owner, c.reportId);
    const r = await c.client.request(
      `mutation($i: ${inputType}!) { ${field}(input: $i) { id status } }`,
      {
        i: { id: c.reportId, version: c.version, ...extra },
      },
    );
    const after = await statusOf(c.owner, c.reportId);
    return { ok: !r.errors, code: errorCode(r), changed: before !== after };
  };
}

const OPS: Op[] = [
  {
    name: 'progressReport(id)',
    covers: ['Query.progressReport'],
    writes: false,
    fixtureStatus: 'SUBMITTED',
    allowed: (a, t) => doesBusiness(a) && sees(a, t),
    async run(c) {
      const r = await c.client.request(
        'query($id: ID!) { progressReport(id: $id) { id narrative } }',
        { id: c.reportId },
      );
      return { ok: !r.errors, code: errorCode(r), changed: false };
    },
  },
  {
    name: 'evidence download',
    covers: ['GET /files/evidence/:id'],
    writes: false,
    fixtureStatus: 'DRAFT',
    // The shared fixture is submitted: its files are seen wherever the report is.
    allowed: (a, t) => doesBusiness(a) && sees(a, t),
    async run(c) {
      const { rows } = await c.owner.query('SELECT id FROM evidence_files WHERE report_id = $1', [
        c.reportId,
      ]);
      const res = await c.client.http('GET', '/files/evidence/:id', { id: rows[0].id });
      return {
        ok: res.status === 200,
        code:
          res.status === 404 ? 'NOT_FOUND' : res.status === 403 ? 'FORBIDDEN' : String(res.status),
        changed: false,
      };
    },
  },
  {
    name: 'submitProgressReport',
    covers: ['Mutation.submitProgressReport'],
    writes: true,
    fixtureStatus: 'DRAFT',
    allowed: (a, t) => roleOf(a) === 'EDITOR' && orgOf(a) === t,
    run: act('submitProgressReport', 'ReportActionInput'),
  },
  {
    name: 'approveProgressReport',
    covers: ['Mutation.approveProgressReport'],
    writes: true,
    fixtureStatus: 'SUBMITTED',
    allowed: (a, t) => roleOf(a) === 'REVIEWER' && orgOf(a) === t,
    run: act('approveProgressReport', 'ReportActionInput'),
  },
  {
    name: 'decideProgressReports (batch accept)',
    covers: ['Mutation.decideProgressReports'],
    writes: true,
    fixtureStatus: 'APPROVED',
    fixtureOf: 'acceptProgressReport',
    allowed: (a, t) => roleOf(a) === 'ADMIN' && isParentOf(a, t),
    async run(c) {
      const before = await statusOf(c.owner, c.reportId);
      const r = await c.client.request(
        'mutation($i: DecideProgressReportsInput!) { decideProgressReports(input: $i) { id } }',
        { i: { decision: 'ACCEPT', items: [{ id: c.reportId, version: c.version }] } },
      );
      const after = await statusOf(c.owner, c.reportId);
      // The accept row's cell runs on the same fixture next: approved again.
      await c.owner.query(
        `UPDATE progress_reports SET status = 'APPROVED', accepted_by = NULL, accepted_at = NULL WHERE id = $1`,
        [c.reportId],
      );
      return { ok: !r.errors, code: errorCode(r), changed: before !== after };
    },
  },
  {
    name: 'acceptProgressReport',
    covers: ['Mutation.acceptProgressReport'],
    writes: true,
    fixtureStatus: 'APPROVED',
    // Only the direct overseer: the province does not accept a county's report over its city.
    allowed: (a, t) => roleOf(a) === 'ADMIN' && isParentOf(a, t),
    run: act('acceptProgressReport', 'ReportActionInput'),
  },
  {
    name: 'returnProgressReport',
    covers: ['Mutation.returnProgressReport'],
    writes: true,
    fixtureStatus: 'APPROVED',
    allowed: (a, t) => roleOf(a) === 'ADMIN' && isParentOf(a, t),
    run: act('returnProgressReport', 'ReturnReportInput', { reason: '矩阵测试退回' }),
  },
  {
    name: 'draft read by id',
    covers: ['Query.progressReport'],
    writes: false,
    readsDraft: true,
    fixtureStatus: 'DRAFT',
    // A draft never submitted stays with its bureau: overseers and leaders do not see it.
    allowed: (a, t) => doesBusiness(a) && orgOf(a) === t,
    async run(c) {
      const r = await c.client.request(
        'query($id: ID!) { progressReport(id: $id) { id narrative } }',
        { id: c.reportId },
      );
      return { ok: !r.errors, code: errorCode(r), changed: false };
    },
  },
  {
    name: 'completionOverview(organizationId)',
    covers: ['Query.completionOverview'],
    writes: false,
    fixtureStatus: 'DRAFT',
    allowed: (a, t) => doesBusiness(a) && sees(a, t),
    async run(c) {
      const r = await c.client.request(
        'query($o: ID) { completionOverview(year: 2025, quarter: 2, organizationId: $o) { total { assigned } } }',
        { o: orgIdForCode(c.target) },
      );
      return { ok: !r.errors, code: errorCode(r), changed: false };
    },
  },
  {
    name: 'assignments(organizationId)',
    covers: ['Query.assignments'],
    writes: false,
    fixtureStatus: 'DRAFT',
    allowed: (a, t) => doesBusiness(a) && sees(a, t),
    async run(c) {
      const r = await c.client.request<{
        assignments: { items: Array<{ organization: { code: string } }> };
      }>(
        'query($f: AssignmentsFilter!) { assignments(filter: $f) { items { organization { code } } } }',
        { f: { organizationId: orgIdForCode(c.target), year: 2025, quarter: 2, limit: 5 } },
      );
      const items = r.data?.assignments.items ?? [];
      return {
        ok: items.length > 0,
        code: errorCode(r) ?? 'EMPTY',
        changed: items.some((i) => i.organization.code !== c.target),
      };
    },
  },
];

const MODES = MATRIX_MODES;

describe.each(MODES)('reporting tenancy matrix — %s', (_name, mode) => {
  let api: StartedApi;
  let owner: Client;
  const clients = new Map<string, ApiClient>();
  const fixtures = new Map<string, { id: string; version: number }>();
  const quarter = mode.codeChecks ? 3 : 4;

  beforeAll(async () => {
    api = await startTestApi({}, mode);
    owner = new Client({ connectionString: process.env.SUNSHINE_TEST_OWNER_URL });
    await owner.connect();
    // One 2025 assignment per cell in each target, each with a fresh report in the mode's quarter.
    for (const target of TARGETS) {
      const { rows } = await owner.query<{
        id: string;
        organization_id: string;
        plan_id: string;
        task_id: string;
      }>(
        `SELECT a.id, a.organization_id, a.plan_id, a.task_id FROM assignments a
         WHERE a.organization_id = $1 AND a.year = 2025 AND a.active
           AND NOT EXISTS (SELECT 1 FROM progress_reports r WHERE r.assignment_id = a.id AND r.year = 2025 AND r.quarter = $2)
         ORDER BY a.id`,
        [orgIdForCode(target), quarter],
      );
      // Read operations share one report (with a file); every write cell gets a report of its own.
      const insert = async (
        a: (typeof rows)[number],
        status: string,
      ): Promise<{ id: string; version: number }> => {
        const res = await owner.query<{ id: string; version: number }>(
          `INSERT INTO progress_reports(assignment_id, organization_id, plan_id, task_id, year, quarter, due_date, status, narrative, submitted_by)
           VALUES ($1, $2, $3, $4, 2025, $5, '2025-10-10', $6::varchar, '矩阵', CASE WHEN $6::varchar = 'DRAFT' THEN NULL ELSE gen_random_uuid() END)
           RETURNING id, version`,
          [a.id, a.organization_id, a.plan_id, a.task_id, quarter, status],
        );
        return only(res.rows);
      };
      const writes = OPS.filter((op) => op.writes && !op.fixtureOf);
      expect(rows.length).toBeGreaterThanOrEqual(2 + writes.length * ACTORS.length);
      const shared = await insert(rows[0]!, 'SUBMITTED');
      const sharedDraft = await insert(rows[1]!, 'DRAFT');
      await owner.query(
        `INSERT INTO evidence_files(report_id, organization_id, file_name, mime_type, size_bytes, sha256, content)
         VALUES ($1, $2, 'x.pdf', 'application/pdf', 4, repeat('0', 64), '\\x25504446')`,
        [shared.id, rows[0]!.organization_id],
      );
      let i = 2;
      for (const actor of ACTORS) {
        for (const op of OPS) {
          if (op.fixtureOf) continue;
          fixtures.set(
            `${actor}|${target}|${op.name}`,
            op.writes
              ? await insert(rows[i++]!, op.fixtureStatus)
              : op.readsDraft
                ? sharedDraft
                : shared,
          );
        }
      }
    }
    for (const actor of ACTORS) clients.set(actor, await signedIn(api.url, actor));
  });

  afterAll(async () => {
    await owner.end();
    await api.app.close();
  });

  it.each(OPS.map((op) => [op.name, op] as const))(
    '%s: exactly the allowed cells succeed',
    async (_name, op) => {
      const mismatches: string[] = [];
      for (const actor of ACTORS) {
        for (const target of TARGETS) {
          const fixture = fixtures.get(`${actor}|${target}|${op.fixtureOf ?? op.name}`)!;
          const { rows } = await owner.query('SELECT version FROM progress_reports WHERE id = $1', [
            fixture.id,
          ]);
          const expected = op.allowed(actor, target);
          const out = await op.run({
            client: clients.get(actor)!,
            owner,
            reportId: fixture.id,
            version: rows[0].version,
            target,
          });
          if (out.ok !== expected)
            mismatches.push(
              `${actor} → ${target}: expected ${expected ? 'allowed' : 'denied'}, got ${out.ok ? 'allowed' : out.code}`,
            );
          else if (!expected && out.changed)
            mismatches.push(`${actor} → ${target}: refused but the report changed`);
          else if (!expected && !['FORBIDDEN', 'NOT_FOUND', 'EMPTY'].includes(out.code ?? ''))
            mismatches.push(`${actor} → ${target}: denied with ${out.code}`);
        }
      }
      expect(mismatches).toEqual([]);
    },
  );

  it('its rows are the registry entries of reporting-matrix, each really called', () => {
    const called = [...clients.values()].flatMap((c) => [...c.called]);
    expect(coverageProblems('reporting-matrix', OPS, called)).toEqual([]);
  });
});

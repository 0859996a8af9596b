import { Client } from 'pg';
import {
  ApiClient,
  cellMismatches,
  doesBusiness,
  errorCode,
  evidenceFiles,
  httpOutcome,
  MATRIX_ACTORS,
  MATRIX_MODES,
  MATRIX_TARGETS,
  only,
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
 * Drafts, evidence, reminders and notifications × every demo role × target organisations relative
 * to the caller, with code checks and with RLS alone. The fixtures are the owner's: per mode one
 * province plan of 2002 (a year no other suite reads) assigned to every target, a submitted Q1
 * report and a draft Q3 report per target; per cell a notification or an evidence file, removed
 * or left inside the fixtures. The shared seed is not touched.
 *
 * Only the bureau's own editor writes its drafts and evidence, with code checks and with RLS alone
 * (a draft never submitted is visible to its own bureau only).
 */
const ACTORS = MATRIX_ACTORS;
const TARGETS = MATRIX_TARGETS;
const YEAR = 2002;
const MARK = '【矩阵】';
const PDF = new Uint8Array(evidenceFiles.pdf());

interface TargetFixture {
  assignmentId: string;
  submittedReportId: string;
  draftReportId: string;
}

interface Cell {
  client: ApiClient;
  owner: Client;
  actor: string;
  target: string;
  fx: TargetFixture;
  tag: string;
}

interface Row {
  name: string;
  covers: string[];
  allowed(actor: string, target: string, mode: MatrixMode): boolean;
  run(c: Cell): Promise<CellOutcome>;
}

const gql = (r: GraphQLResult): CellOutcome => ({ ok: !r.errors, code: errorCode(r) });

async function count(owner: Client, sql: string, params: unknown[]): Promise<number> {
  const { rows } = await owner.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (${sql}) x`,
    params,
  );
  return only(rows).n;
}

/** A write: ok when the call succeeded; leaked when it was refused but the data changed anyway. */
async function write(
  probe: () => Promise<number>,
  call: () => Promise<CellOutcome>,
): Promise<CellOutcome> {
  const before = await probe();
  const out = await call();
  const after = await probe();
  return { ...out, leaked: !out.ok && after !== before };
}

/**
 * The bureau's own editor, in both modes: with RLS alone a draft is not even visible above its
 * bureau (drafts stay with their bureau), so an editor above cannot create, read or attach to it.
 */
function editsDrafts(actor: string, target: string, _mode: MatrixMode): boolean {
  return roleOf(actor) === 'EDITOR' && orgOf(actor) === target;
}

async function notification(owner: Client, target: string, title: string): Promise<string> {
  const { rows } = await owner.query<{ id: string }>(
    `INSERT INTO notifications(organization_id, kind, title) VALUES ($1, 'REMINDER', $2) RETURNING id`,
    [orgIdForCode(target), title],
  );
  return only(rows).id;
}

const ROWS: Row[] = [
  {
    name: 'saveProgressReport (new draft)',
    covers: ['Mutation.saveProgressReport'],
    allowed: editsDrafts,
    async run({ client, owner, fx }) {
      const probe = (): Promise<number> =>
        count(
          owner,
          'SELECT 1 FROM progress_reports WHERE assignment_id = $1 AND year = $2 AND quarter = 2',
          [fx.assignmentId, YEAR],
        );
      const out = await write(probe, async () =>
        gql(
          await client.request(
            'mutation($i: SaveProgressReportInput!) { saveProgressReport(input: $i) { id } }',
            {
              i: {
                assignmentId: fx.assignmentId,
                year: YEAR,
                quarter: 2,
                completionState: 'IN_PROGRESS',
                percent: 10,
                narrative: MARK,
              },
            },
          ),
        ),
      );
      // The next cell saves the same draft afresh.
      await owner.query(
        'DELETE FROM progress_reports WHERE assignment_id = $1 AND year = $2 AND quarter = 2',
        [fx.assignmentId, YEAR],
      );
      return out;
    },
  },
  {
    name: 'copyPreviousProgressReport (沿用上季度)',
    covers: ['Mutation.copyPreviousProgressReport'],
    allowed: editsDrafts,
    async run({ client, owner, fx }) {
      const probe = (): Promise<number> =>
        count(
          owner,
          'SELECT 1 FROM progress_reports WHERE assignment_id = $1 AND year = $2 AND quarter = 2',
          [fx.assignmentId, YEAR],
        );
      const out = await write(probe, async () =>
        gql(
          await client.request(
            'mutation($i: CopyPreviousReportInput!) { copyPreviousProgressReport(input: $i) { id } }',
            { i: { assignmentId: fx.assignmentId, year: YEAR, quarter: 2 } },
          ),
        ),
      );
      await owner.query(
        'DELETE FROM progress_reports WHERE assignment_id = $1 AND year = $2 AND quarter = 2',
        [fx.assignmentId, YEAR],
      );
      return out;
    },
  },
  {
    name: 'progressReports(organizationId) membership',
    covers: ['Query.progressReports'],
    allowed: (a, t) => doesBusiness(a) && sees(a, t),
    async run({ client, target, fx }) {
      const r = await client.request<{
        progressReports: { items: Array<{ id: string; organization: { code: string } }> };
      }>(
        'query($f: ProgressReportsFilter) { progressReports(filter: $f) { items { id organization { code } } } }',
        { f: { organizationId: orgIdForCode(target), year: YEAR, limit: 500 } },
      );
      const items = r.data?.progressReports.items ?? [];
      return {
        ok: items.some((i) => i.id === fx.submittedReportId),
        code: errorCode(r) ?? 'NOT_LISTED',
        leaked: items.some((i) => i.organization.code !== target),
      };
    },
  },
  {
    name: 'evidence upload',
    covers: ['POST /files/reports/:id/evidence'],
    allowed: editsDrafts,
    run: ({ client, owner, fx }) =>
      write(
        () => count(owner, 'SELECT 1 FROM evidence_files WHERE report_id = $1', [fx.draftReportId]),
        async () =>
          httpOutcome(
            await client.http(
              'POST',
              '/files/reports/:id/evidence',
              { id: fx.draftReportId },
              {
                body: PDF,
                headers: {
                  'content-type': 'application/pdf',
                  'x-file-name': encodeURIComponent('矩阵.pdf'),
                },
              },
            ),
          ),
      ),
  },
  {
    name: 'evidence delete',
    covers: ['DELETE /files/evidence/:id'],
    allowed: editsDrafts,
    async run({ client, owner, fx }) {
      const { rows } = await owner.query<{ id: string }>(
        `INSERT INTO evidence_files(report_id, organization_id, file_name, mime_type, size_bytes, sha256, content)
         SELECT id, organization_id, 'x.pdf', 'application/pdf', 4, repeat('0', 64), '\\x25504446'
         FROM progress_reports WHERE id = $1 RETURNING id`,
        [fx.draftReportId],
      );
      const id = only(rows).id;
      return write(
        () => count(owner, 'SELECT 1 FROM evidence_files WHERE id = $1', [id]),
        async () => httpOutcome(await client.http('DELETE', '/files/evidence/:id', { id })),
      );
    },
  },
  {
    name: 'sendReminders(organizationId)',
    covers: ['Mutation.sendReminders'],
    // Every fixture assignment has a submitted Q1 report, so no bureau is actually notified; the
    // write that must stay inside the tenant is the reminder record of the target.
    allowed: (a, t) => roleOf(a) === 'ADMIN' && sees(a, t),
    async run({ client, owner, target }) {
      const out = await write(
        () =>
          count(owner, 'SELECT 1 FROM reminders WHERE organization_id = $1 AND year = $2', [
            orgIdForCode(target),
            YEAR,
          ]),
        async () =>
          gql(
            await client.request(
              'mutation($i: SendRemindersInput!) { sendReminders(input: $i) { organizations missingReports } }',
              {
                i: { year: YEAR, quarter: 1, organizationId: orgIdForCode(target), message: MARK },
              },
            ),
          ),
      );
      // A 催办 is refused for 24 hours after the last one: the next cell starts afresh.
      await owner.query('DELETE FROM reminders WHERE organization_id = $1 AND year = $2', [
        orgIdForCode(target),
        YEAR,
      ]);
      return out;
    },
  },
  {
    name: 'notifications membership',
    covers: ['Query.notifications'],
    // A bureau's notifications are its own: not its overseers', not its subordinates', and only
    // its business roles' (not the leader's, the assessor's or the auditor's).
    allowed: (a, t) =>
      doesBusiness(a) && orgOf(a) === t && ['ADMIN', 'EDITOR', 'REVIEWER'].includes(roleOf(a)),
    async run({ client, owner, target, tag }) {
      const title = `${MARK}${tag}`;
      const id = await notification(owner, target, title);
      try {
        const r = await client.request<{ notifications: { items: Array<{ id: string }> } }>(
          'query($f: NotificationsFilter) { notifications(filter: $f) { total unread items { id title } } }',
          { f: { limit: 20 } },
        );
        const listed = r.data?.notifications.items.some((n) => n.id === id) ?? false;
        return { ok: listed, code: errorCode(r) ?? 'NOT_LISTED' };
      } finally {
        await owner.query('DELETE FROM notifications WHERE id = $1', [id]);
      }
    },
  },
  {
    name: 'markNotificationsRead(ids)',
    covers: ['Mutation.markNotificationsRead'],
    // Only the bureau's administrator, editors and reviewers handle its notifications.
    allowed: (a, t) =>
      doesBusiness(a) && orgOf(a) === t && ['ADMIN', 'EDITOR', 'REVIEWER'].includes(roleOf(a)),
    async run({ client, owner, target, tag }) {
      const id = await notification(owner, target, `${MARK}${tag}`);
      try {
        return await write(
          () => count(owner, 'SELECT 1 FROM notifications WHERE id = $1 AND read_at IS NULL', [id]),
          async () => {
            const r = await client.request<{ markNotificationsRead: number }>(
              'mutation($i: MarkNotificationsReadInput!) { markNotificationsRead(input: $i) }',
              { i: { ids: [id] } },
            );
            if (r.errors) return gql(r);
            return r.data?.markNotificationsRead === 1
              ? { ok: true }
              : { ok: false, code: 'EMPTY' };
          },
        );
      } finally {
        await owner.query('DELETE FROM notifications WHERE id = $1', [id]);
      }
    },
  },
];

describe.each(MATRIX_MODES)('workflow tenancy matrix — %s', (_name, mode) => {
  let api: StartedApi;
  let owner: Client;
  const clients = new Map<string, ApiClient>();
  const fixtures = new Map<string, TargetFixture>();
  const tag = mode.codeChecks ? 'code' : 'rls';

  beforeAll(async () => {
    api = await startTestApi({}, mode);
    owner = new Client({ connectionString: process.env.SUNSHINE_TEST_OWNER_URL });
    await owner.connect();
    const province = orgIdForCode('34');
    const { rows: plans } = await owner.query<{ id: string }>(
      `INSERT INTO plans(organization_id, year, title, status, published_at) VALUES ($1, $2, $3, 'PUBLISHED', now()) RETURNING id`,
      [province, YEAR, `${MARK}${tag}`],
    );
    const planId = only(plans).id;
    const { rows: cats } = await owner.query<{ id: string }>(
      `INSERT INTO plan_categories(plan_id, organization_id, name) VALUES ($1, $2, $3) RETURNING id`,
      [planId, province, `${MARK}类别`],
    );
    const { rows: tasks } = await owner.query<{ id: string }>(
      `INSERT INTO plan_tasks(plan_id, category_id, organization_id, number, title, lead_departments, deadline, deadline_text, due_date, levels)
       SELECT $1, $2, $3, '1.1', $4, '{办公室}', deadline, $5, $6, '{}' FROM plan_tasks ORDER BY id LIMIT 1
       RETURNING id`,
      [planId, only(cats).id, province, `${MARK}任务`, `${YEAR}年12月31日`, `${YEAR}-12-31`],
    );
    for (const target of TARGETS) {
      const org = orgIdForCode(target);
      const { rows: a } = await owner.query<{ id: string }>(
        `INSERT INTO assignments(plan_id, task_id, organization_id, year) VALUES ($1, $2, $3, $4) RETURNING id`,
        [planId, only(tasks).id, org, YEAR],
      );
      const report = async (quarter: number, status: string): Promise<string> => {
        const { rows } = await owner.query<{ id: string }>(
          `INSERT INTO progress_reports(assignment_id, organization_id, plan_id, task_id, year, quarter, due_date, status, narrative, submitted_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8::varchar, $9, CASE WHEN $8::varchar = 'DRAFT' THEN NULL ELSE gen_random_uuid() END)
           RETURNING id`,
          [only(a).id, org, planId, only(tasks).id, YEAR, quarter, `${YEAR}-12-31`, status, MARK],
        );
        return only(rows).id;
      };
      fixtures.set(target, {
        assignmentId: only(a).id,
        submittedReportId: await report(1, 'SUBMITTED'),
        draftReportId: await report(3, 'DRAFT'),
      });
    }
    for (const actor of ACTORS) clients.set(actor, await signedIn(api.url, actor));
  });

  afterAll(async () => {
    await owner.query(`DELETE FROM notifications WHERE title LIKE '%' || $1 || '%'`, [MARK]);
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
          const out = await row.run({
            client: clients.get(actor)!,
            owner,
            actor,
            target,
            fx: fixtures.get(target)!,
            tag: `${tag} ${actor} → ${target}`,
          });
          mismatches.push(...cellMismatches(actor, target, expected, out));
        }
      }
      expect(mismatches).toEqual([]);
      expect(allowedCells).toBeGreaterThan(0);
    },
  );

  it('its rows are the registry entries of workflow-matrix, each really called', () => {
    const called = [...clients.values()].flatMap((c) => [...c.called]);
    expect(coverageProblems('workflow-matrix', ROWS, called)).toEqual([]);
  });
});

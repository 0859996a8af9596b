import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { Client } from 'pg';
import { LinkChecks, QueryCounter } from '@sunshine/api/core';
import { Role } from '@sunshine/shared/domain';
import { AllowList, LinkChecksService, LinkFetcher } from '@sunshine/api/link-checks';
import { signedIn, type ApiClient, type GraphQLResult } from '@sunshine/testing';
import { orgIdForCode } from '@sunshine/tools/seed';
import type { StartedApi } from '../bootstrap';
import { startTestApi, testJobSchema } from '../testing';

/**
 * Issue 10, automatic link re-check as the assessment uses it: issue locations and rectification
 * links registered with the link checker when an issue is entered and when a rectification is
 * saved, checked on the job queue against a local HTTP server, the issue's link state (正常 / 失效 /
 * 未变化 / 已变化 / 待检查) in the list with one statement for a page, the filter, the "links broken
 * now" KPI and the re-check of a round. Fixtures in 池州 (3417): rounds titled 【链接】.
 */
let server: Server;
let base: string;
let api: StartedApi;
let owner: Client;
let service: LinkChecksService;
const clients = new Map<string, ApiClient>();
const MARK = '【链接】';
const A = '341702';
const B = '341721';

const signedInAt = new Map<string, number>();

/** A signed-in client, signed in again before its 5-minute access token runs out (slow runs). */
async function as(user: string): Promise<ApiClient> {
  let c = clients.get(user);
  if (!c || Date.now() - (signedInAt.get(user) ?? 0) > 240_000) {
    c = await signedIn(api.url, user);
    clients.set(user, c);
    signedInAt.set(user, Date.now());
  }
  return c;
}

async function ok<T>(r: Promise<GraphQLResult<T>>): Promise<T> {
  const res = await r;
  expect(res.errors).toBeUndefined();
  return res.data!;
}

interface LinkStatus {
  state: string | null;
  checkedAt: string | null;
  links: Array<{
    role: string;
    url: string;
    state: string;
    statusCode: number | null;
    finalUrl: string | null;
    sameAsRaised: boolean | null;
    organizationId: string;
  }>;
}
interface Issue {
  id: string;
  version: number;
  organizationId: string;
  linkStatus: LinkStatus;
}
const ISSUE = `id version organizationId linkStatus { state checkedAt links { role url state statusCode finalUrl sameAsRaised organizationId } }`;

let roundId: string;

async function addIssue(bureau: string, location: string): Promise<Issue> {
  const d = await ok(
    (await as('assessor')).request<{ addAssessmentIssue: Issue }>(
      `mutation($i: AddAssessmentIssueInput!) { addAssessmentIssue(input: $i) { ${ISSUE} } }`,
      {
        i: {
          roundId,
          organizationId: orgIdForCode(bureau),
          issueType: 'COLUMN_NOT_UPDATED',
          description: `${MARK}栏目未更新`,
          location,
        },
      },
    ),
  );
  return d.addAssessmentIssue;
}

async function saveRectification(bureau: string, issue: Issue, links: string[]): Promise<Issue> {
  const d = await ok(
    (await as(`${bureau}-editor`)).request<{ saveRectification: Issue }>(
      `mutation($i: SaveRectificationInput!) { saveRectification(input: $i) { ${ISSUE} } }`,
      { i: { id: issue.id, version: issue.version, measure: '已整改', links } },
    ),
  );
  return d.saveRectification;
}

/**
 * Waits until the links of these URLs have been checked since `since` on this file's job queue;
 * after a while the same job is run here, as the queue's retry would (idempotent: checked links
 * are skipped), so that a slow machine fails on the figures, not on a wait.
 */
async function checked(urls: string[], since: Date, ms = 30_000): Promise<void> {
  const until = Date.now() + ms;
  const pending = async (): Promise<string[]> =>
    (
      await owner.query<{ id: string }>(
        `SELECT l.id FROM links l
         WHERE l.url = ANY ($1) AND (l.last_checked_at IS NULL OR l.last_checked_at < $2)`,
        [urls, since],
      )
    ).rows.map((r) => r.id);
  for (;;) {
    const ids = await pending();
    if (!ids.length) return;
    if (Date.now() > until) {
      await service.runCheckJob({ linkIds: ids, requestedAt: since.toISOString() });
      expect(await pending()).toEqual([]);
      return;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
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

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    if (path.startsWith('/page')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<title>政务公开</title><p>栏目内容 ${path}</p>`);
    } else if (path.startsWith('/fixed')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<title>已整改</title><p>已补充发布 ${path}</p>`);
    } else if (path.startsWith('/moved/')) {
      const n = Number(path.slice(7));
      res.writeHead(301, { location: n > 1 ? `/moved/${n - 1}` : '/fixed/after-moves' });
      res.end();
    } else if (path === '/big') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<title>大页面</title><p>${'很长的内容。'.repeat(200_000)}</p>`);
    } else if (path === '/hang') {
      // never answers
    } else {
      res.writeHead(404);
      res.end('not found');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  api = await startTestApi({ LINK_CHECK_CONCURRENCY: '8' });
  owner = new Client({ connectionString: process.env.SUNSHINE_TEST_OWNER_URL });
  await owner.connect();
  service = api.app.get(LinkChecksService);
  const assessor = (
    await owner.query<{ id: string }>(`SELECT id FROM users WHERE username = 'assessor'`)
  ).rows[0]!.id;
  const admin = await as('34-admin');
  const created = await ok(
    admin.request<{ createAssessmentRound: { id: string; version: number } }>(
      'mutation($i: CreateAssessmentRoundInput!) { createAssessmentRound(input: $i) { id version } }',
      {
        i: {
          title: `${MARK}链接检查`,
          assessorName: '测评机构',
          periodStart: '2024-01-01',
          periodEnd: '2024-12-31',
          defaultDeadline: '2025-06-30',
          bureauIds: [orgIdForCode(A), orgIdForCode(B)],
          assessorUserIds: [assessor],
        },
      },
    ),
  );
  roundId = created.createAssessmentRound.id;
  await ok(
    admin.request(
      'mutation($i: AssessmentRoundVersionInput!) { publishAssessmentRound(input: $i) { id } }',
      { i: { id: roundId, version: created.createAssessmentRound.version } },
    ),
  );
}, 120_000);

afterAll(async () => {
  await owner?.query(`DELETE FROM links WHERE url LIKE $1`, [`${base}%`]);
  await owner?.query(
    `DELETE FROM assessment_issue_events WHERE round_id IN (SELECT id FROM assessment_rounds WHERE title LIKE $1)`,
    [`${MARK}%`],
  );
  await owner?.query(
    `DELETE FROM assessment_issues WHERE round_id IN (SELECT id FROM assessment_rounds WHERE title LIKE $1)`,
    [`${MARK}%`],
  );
  await owner?.query(`DELETE FROM assessment_rounds WHERE title LIKE $1`, [`${MARK}%`]);
  await owner?.end();
  await api?.app.close();
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

describe('assessment links', () => {
  const issues = {} as Record<'unchanged' | 'fixed' | 'gone' | 'path' | 'neighbour', Issue>;

  it('registers an issue’s location URLs when it is entered and checks them on the job queue', async () => {
    const since = new Date();
    issues.unchanged = await addIssue(A, `首页 > 政务公开（${base}/page/1）`);
    issues.fixed = await addIssue(A, `${base}/page/2`);
    issues.gone = await addIssue(A, `${base}/gone`);
    issues.path = await addIssue(A, '首页 > 机构职能');
    issues.neighbour = await addIssue(B, `${base}/page/3`);
    expect(issues.unchanged.linkStatus.state).toBe('PENDING');
    expect(issues.unchanged.linkStatus.links).toEqual([
      expect.objectContaining({ role: 'LOCATION', url: `${base}/page/1`, state: 'PENDING' }),
    ]);
    expect(issues.path.linkStatus).toEqual({ state: null, checkedAt: null, links: [] });
    // Registered through the port: an owner row per issue, a check job queued on pg-boss.
    const owners = await owner.query<{ owner_kind: string; link_id: string }>(
      `SELECT owner_kind, link_id FROM link_owners WHERE owner_id = $1`,
      [issues.fixed.id],
    );
    expect(owners.rows.map((r) => r.owner_kind)).toEqual(['assessment-issue']);
    const jobs = await owner.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${testJobSchema}.job WHERE name = 'link-checks.check'
         AND data->'linkIds' ? $1 AND created_on >= $2`,
      [owners.rows[0]!.link_id, since],
    );
    expect(jobs.rows[0]!.n).toBe(1);
    await checked(
      ['/page/1', '/page/2', '/gone', '/page/3'].map((p) => base + p),
      since,
    );
    // The first successful check is the page as it was when the issue was raised.
    const baseline = await owner.query<{ baseline_hash: string | null }>(
      `SELECT baseline_hash FROM link_owners WHERE owner_id = $1`,
      [issues.fixed.id],
    );
    expect(baseline.rows[0]!.baseline_hash).toMatch(/^[0-9a-f]{64}$/);
    expect((await issue('341702-editor', issues.fixed.id)).linkStatus.state).toBe('OK');
    const gone = (await issue('341702-editor', issues.gone.id)).linkStatus;
    expect(gone.state).toBe('BROKEN');
    expect(gone.links[0]).toMatchObject({ statusCode: 404, state: 'BROKEN' });
  }, 180_000);

  it('registers rectification links on save: unchanged since raised, changed, broken, redirects', async () => {
    const since = new Date();
    issues.unchanged = await saveRectification(A, issues.unchanged, [`${base}/page/1`]);
    // The same link, already checked: its content equals the page when the issue was raised.
    expect(issues.unchanged.linkStatus.state).toBe('UNCHANGED');
    expect(issues.unchanged.linkStatus.links).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ role: 'RECTIFICATION', state: 'UNCHANGED', sameAsRaised: true }),
      ]),
    );
    issues.fixed = await saveRectification(A, issues.fixed, [`${base}/moved/3`]);
    expect(issues.fixed.linkStatus.state).toBe('PENDING');
    issues.path = await saveRectification(A, issues.path, [`${base}/fixed/x`, `${base}/hang`]);
    await checked(
      ['/moved/3', '/fixed/x', '/hang'].map((p) => base + p),
      since,
    );
    const fixed = (await issue('341702-editor', issues.fixed.id)).linkStatus;
    expect(fixed.state).toBe('CHANGED');
    expect(fixed.links.find((l) => l.role === 'RECTIFICATION')).toMatchObject({
      state: 'CHANGED',
      sameAsRaised: false,
      statusCode: 200,
      finalUrl: `${base}/fixed/after-moves`,
    });
    // A timeout is broken; broken wins over everything else.
    const path = (await issue('341702-editor', issues.path.id)).linkStatus;
    expect(path.state).toBe('BROKEN');
    expect(path.links.map((l) => [l.url, l.state])).toEqual([
      [`${base}/fixed/x`, 'OK'],
      [`${base}/hang`, 'BROKEN'],
    ]);
    // Saving again replaces the links: the timeout is gone, the state follows.
    issues.path = await saveRectification(A, issues.path, [`${base}/fixed/x`]);
    expect(issues.path.linkStatus.state).toBe('OK');
  }, 180_000);

  it('filters the list by link state; a county never sees a neighbour’s issues or links', async () => {
    const list = async (user: string, states: string[]): Promise<string[]> =>
      (
        await ok(
          (await as(user)).request<{ assessmentIssues: Issue[] }>(
            'query($f: AssessmentIssueFilter) { assessmentIssues(filter: $f) { id } }',
            { f: { roundId, linkStates: states } },
          ),
        )
      ).assessmentIssues
        .map((i) => i.id)
        .sort();
    const ids = (...names: Array<keyof typeof issues>): string[] =>
      names.map((n) => issues[n].id).sort();
    expect(await list('3417-admin', ['UNCHANGED'])).toEqual(ids('unchanged'));
    expect(await list('3417-admin', ['CHANGED'])).toEqual(ids('fixed'));
    expect(await list('3417-admin', ['BROKEN'])).toEqual(ids('gone'));
    expect(await list('3417-admin', ['OK'])).toEqual(ids('path', 'neighbour'));
    expect(await list('3417-admin', ['BROKEN', 'UNCHANGED'])).toEqual(ids('gone', 'unchanged'));
    // The neighbour county: its own issue only, never A's links.
    expect(await list('341721-editor', ['OK', 'BROKEN', 'UNCHANGED', 'CHANGED'])).toEqual(
      ids('neighbour'),
    );
    const denied = await (
      await as('341721-editor')
    ).request(`query($id: ID!) { assessmentIssue(id: $id) { id linkStatus { state } } }`, {
      id: issues.gone.id,
    });
    expect(denied.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const history = await (
      await as('341721-editor')
    ).request(`query($i: LinkHistoryInput!) { linkHistory(input: $i) { link { url } } }`, {
      i: { organizationId: orgIdForCode(A), url: `${base}/gone` },
    });
    expect(history.errors?.[0]?.extensions?.code).toMatch(/NOT_FOUND|FORBIDDEN/);
    // Bad input is refused with a Chinese message, not an internal error.
    const bad = await (
      await as('3417-admin')
    ).request('query($f: AssessmentIssueFilter) { assessmentIssues(filter: $f) { id } }', {
      f: { roundId, linkStates: ['NOPE'] },
    });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('shows each link’s history, counts links broken now and re-checks a round', async () => {
    const editor = await as('341702-editor');
    const h = await ok(
      editor.request<{
        linkHistory: {
          checks: Array<{ statusCode: number; snapshot: string | null; contentHash: string }>;
        };
      }>(
        `query($i: LinkHistoryInput!) { linkHistory(input: $i) { link { url health }
           checks { checkedAt statusCode finalUrl responseMs title contentHash changed snapshot } } }`,
        { i: { organizationId: orgIdForCode(A), url: `${base}/page/1` } },
      ),
    );
    expect(h.linkHistory.checks[0]).toMatchObject({ statusCode: 200 });
    expect(h.linkHistory.checks[0]!.snapshot).toContain('栏目内容');
    const overview = await ok(
      (await as('3417-admin')).request<{
        assessmentOverview: { linksBroken: number; issuesWithBrokenLinks: number };
      }>(
        'query($r: ID!) { assessmentOverview(roundId: $r) { linksBroken issuesWithBrokenLinks } }',
        { r: roundId },
      ),
    );
    expect(overview.assessmentOverview).toEqual({ linksBroken: 1, issuesWithBrokenLinks: 1 });
    const county = await ok(
      (await as('341721-admin')).request<{ assessmentOverview: { linksBroken: number } }>(
        'query($r: ID!) { assessmentOverview(roundId: $r) { linksBroken } }',
        { r: roundId },
      ),
    );
    expect(county.assessmentOverview.linksBroken).toBe(0);
    // On demand, for a bureau's issues: links checked less than a minute ago are not queued again.
    await owner.query(
      `UPDATE links SET last_checked_at = CASE WHEN url = $1 THEN now() - interval '2 hours' ELSE now() END
       WHERE organization_id = $2 AND url LIKE $3`,
      [`${base}/gone`, orgIdForCode(A), `${base}%`],
    );
    const since = new Date();
    const r = await ok(
      editor.request<{ recheckAssessmentLinks: { issues: number; queued: number } }>(
        'mutation($i: RecheckAssessmentLinksInput!) { recheckAssessmentLinks(input: $i) { issues queued } }',
        { i: { roundId, organizationId: orgIdForCode(A) } },
      ),
    );
    expect(r.recheckAssessmentLinks).toEqual({ issues: 4, queued: 1 });
    await checked([`${base}/gone`], since);
    // The neighbour re-checking A's issues: refused.
    const denied = await (
      await as('341721-editor')
    ).request(
      'mutation($i: RecheckAssessmentLinksInput!) { recheckAssessmentLinks(input: $i) { issues } }',
      { i: { roundId, organizationId: orgIdForCode(A) } },
    );
    expect(denied.errors?.[0]?.extensions?.code).toMatch(/NOT_FOUND|FORBIDDEN/);
  }, 180_000);

  it('reads the link state of a 50-issue page in one statement', async () => {
    const since = new Date();
    const many: string[] = [];
    for (let i = 0; i < 46; i++) {
      many.push(`${base}/page/m${i}`);
      await addIssue(A, many[i]!);
    }
    await checked(many, since);
    const admin = await as('3417-admin');
    const page = async (fields: string, limit: number): Promise<[number, number]> => {
      const before = QueryCounter.count;
      const begun = QueryCounter.transactions;
      const r = await admin.request<{ assessmentIssues: Issue[] }>(
        `query($f: AssessmentIssueFilter) { assessmentIssues(filter: $f) { ${fields} } }`,
        { f: { roundId, limit } },
      );
      expect(r.errors).toBeUndefined();
      expect(r.data!.assessmentIssues.length).toBe(limit);
      return [QueryCounter.count - before, QueryCounter.transactions - begun];
    };
    const LINKS = 'id linkStatus { state links { url state statusCode } }';
    await page(LINKS, 50);
    const [plain50] = await page('id', 50);
    const [links50, tx50] = await page(LINKS, 50);
    const [plain5] = await page('id', 5);
    const [links5, tx5] = await page(LINKS, 5);
    console.log(
      `assessmentIssues, 50 rows: ${plain50} statements; with linkStatus: ${links50} statements ` +
        `(5 rows: ${plain5} and ${links5})`,
    );
    // The link state of the whole page is one read of link_owner_refs × link_status in one
    // short read transaction of its own (START, scope, the SELECT, COMMIT): the same for 5 rows
    // and for 50 — no statement per issue.
    expect(links50 - plain50).toBe(links5 - plain5);
    expect(tx50).toBe(tx5);
  }, 120_000);

  it('measures link checks per second through the queue for an import-sized registration', async () => {
    // 300 issue locations registered in one call, as an import of 300 problems does through
    // AssessmentsService.insertIssues; checked by the queue's workers (LINK_CHECK_CONCURRENCY 8).
    const scope = {
      userId: (
        await owner.query<{ id: string }>(`SELECT id FROM users WHERE username = 'assessor'`)
      ).rows[0]!.id,
      username: 'assessor',
      sessionId: null,
      organizationId: orgIdForCode('34'),
      roles: [Role.ASSESSOR],
      rootOrgIds: [orgIdForCode('34')],
      ip: '127.0.0.1',
    };
    const urls = Array.from({ length: 300 }, (_, i) => `${base}/page/bench-${i}`);
    const t0 = performance.now();
    await api.app.get(LinkChecks).registerMany(
      scope,
      urls.map((url, i) => ({
        owner: {
          kind: 'assessment-issue',
          id: `5a1d2c3b-0000-4000-8000-${String(i).padStart(12, '0')}`,
          organizationId: orgIdForCode(A),
        },
        urls: [url],
      })),
    );
    const registered = performance.now() - t0;
    await checked(urls, new Date(Date.now() - 60_000), 120_000);
    const s = (performance.now() - t0) / 1000;
    const ok = await owner.query<{ n: number; checked: number }>(
      `SELECT count(*) FILTER (WHERE last_outcome = 'OK')::int AS n, count(*)::int AS checked
       FROM links WHERE url = ANY ($1) AND checks > 0`,
      [urls],
    );
    // Every link has a result; on a machine under heavy load a few may hit the test's 1.5 s timeout.
    expect(ok.rows[0]!.checked).toBe(urls.length);
    expect(ok.rows[0]!.n).toBeGreaterThan(urls.length * 0.9);
    console.log(
      `registerMany of ${urls.length} issue locations: ${registered.toFixed(0)} ms; ${ok.rows[0]!.n} OK; ` +
        `checked through pg-boss in ${s.toFixed(1)} s = ${(urls.length / s).toFixed(1)} checks/s ` +
        `(concurrency 8); load average ${loadavg()
          .map((x) => x.toFixed(2))
          .join(' ')}`,
    );
  }, 180_000);

  it('refuses private addresses without the allow-list and truncates a huge page', async () => {
    const production = new LinkFetcher(new AllowList([]), {
      timeoutMs: 2_000,
      maxBytes: 65_536,
      maxRedirects: 5,
    });
    expect(await production.check(`${base}/page/1`)).toMatchObject({ outcome: 'BLOCKED' });
    // The demo's own origin is allowed exactly (host and port), nothing else on that host.
    const demo = new LinkFetcher(new AllowList([], [base]), {
      timeoutMs: 2_000,
      maxBytes: 65_536,
      maxRedirects: 5,
    });
    expect(await demo.check(`${base}/page/1`)).toMatchObject({ outcome: 'OK' });
    expect(await demo.check('http://127.0.0.1:9/other-port')).toMatchObject({
      outcome: 'BLOCKED',
    });
    const big = await demo.check(`${base}/big`);
    expect(big).toMatchObject({ outcome: 'OK', truncated: true, bytesRead: 65_536 });
  });
});

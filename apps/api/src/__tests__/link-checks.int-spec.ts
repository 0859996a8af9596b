import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { Client } from 'pg';
import {
  JobQueue,
  LinkChecks,
  TenantDatabase,
  type LinkStatus,
  type Scope,
} from '@sunshine/api/core';
import { AllowList, eachLimited, LinkChecksService, LinkFetcher } from '@sunshine/api/link-checks';
import { signedIn, type ApiClient } from '@sunshine/testing';
import { Role } from '@sunshine/shared/domain';
import { orgIdForCode } from '@sunshine/tools/seed';
import type { StartedApi } from '../bootstrap';
import { startTestApi, testJobSchema } from '../testing';

/**
 * The link checker end to end: a real local HTTP server, the real job queue (pg-boss on the test
 * database), registration through the port other features use, the GraphQL mutation and query,
 * row-level security by organisation.
 */
let server: Server;
let base: string;
let version = 1;
let api: StartedApi;
let owner: Client;
let links: LinkChecks;
let service: LinkChecksService;

async function scopeOf(username: string, code: string, role: Role): Promise<Scope> {
  const { rows } = await owner.query<{ id: string }>('SELECT id FROM users WHERE username = $1', [
    username,
  ]);
  return {
    userId: rows[0]!.id,
    username,
    sessionId: null,
    organizationId: orgIdForCode(code),
    roles: [role],
    rootOrgIds: [orgIdForCode(code)],
    ip: '127.0.0.1',
  };
}

/** Waits until every given URL of the organisation has been checked at least `checks` times. */
async function settled(orgCode: string, urls: string[], checks = 1, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    const { rows } = await owner.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM links WHERE organization_id = $1 AND url = ANY ($2) AND checks >= $3`,
      [orgIdForCode(orgCode), urls, checks],
    );
    if (rows[0]!.n === urls.length) return;
    if (Date.now() > until) throw new Error(`links not checked in time: ${urls.join(' ')}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Makes sure the links of these URLs were checked since `since`, by running the job here as the
 * queue would on a retry; a link already checked since `since` is skipped (idempotent).
 */
async function checkedSince(orgCode: string, urls: string[], since: Date): Promise<void> {
  const { rows } = await owner.query<{ id: string }>(
    `SELECT id FROM links WHERE organization_id = $1 AND url = ANY ($2)`,
    [orgIdForCode(orgCode), urls],
  );
  expect(rows.length).toBe(urls.length);
  await service.runCheckJob({ linkIds: rows.map((r) => r.id), requestedAt: since.toISOString() });
}

const byUrl = (list: LinkStatus[]): Record<string, LinkStatus> =>
  Object.fromEntries(list.map((s) => [s.url, s]));

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    if (path.startsWith('/page')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<title>整改页面</title><p>第 ${version} 版</p>`);
    } else if (path.startsWith('/fast')) {
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end(`<title>t</title>${path}`);
      }, 20);
    } else if (path === '/gone') {
      res.writeHead(404);
      res.end('not found');
    } else if (path.startsWith('/moved/')) {
      const n = Number(path.slice(7));
      res.writeHead(301, { location: n > 1 ? `/moved/${n - 1}` : '/page' });
      res.end();
    } else if (path === '/hang') {
      // never answers
    } else {
      res.writeHead(500);
      res.end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // LINK_CHECK_ALLOW (127.0.0.1/32), a 1.5 s timeout and 64 KB come with every test API.
  api = await startTestApi({ LINK_CHECK_CONCURRENCY: '8' });
  owner = new Client({ connectionString: process.env.SUNSHINE_TEST_OWNER_URL });
  await owner.connect();
  links = api.app.get(LinkChecks);
  service = api.app.get(LinkChecksService);
});

afterAll(async () => {
  await owner?.query(`DELETE FROM links WHERE url LIKE $1`, [`${base}%`]);
  await owner?.end();
  await api?.app.close();
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

describe('link checks', () => {
  it('registers an owner’s URLs and checks them on the job queue: 200, 404, 301 chain, timeout, refused', async () => {
    const editor = await scopeOf('340102-editor', '340102', Role.EDITOR);
    const urls = [
      `${base}/page`,
      `${base}/gone`,
      `${base}/moved/3`,
      `${base}/hang`,
      'http://127.0.0.2:9/private',
      'http://no-such-host.invalid/x',
    ];
    const issue = {
      kind: 'assessment-issue',
      id: '5a1d2c3b-0000-4000-8000-000000000001',
      organizationId: orgIdForCode('340102'),
    };
    const first = await links.register(editor, issue, urls);
    expect(first.map((s) => s.health)).toEqual(urls.map(() => 'PENDING'));
    // Through the real queue (this file's own: no other suite's jobs ahead of these).
    await settled(
      '340102',
      urls.map((u) => new URL(u).href),
      1,
      30_000,
    );
    const s = byUrl(await links.statusOf(editor, urls));
    expect(s[`${base}/page`]).toMatchObject({
      health: 'OK',
      statusCode: 200,
      title: '整改页面',
      unchangedSinceFirst: true,
      changed: false,
    });
    expect(s[`${base}/gone`]).toMatchObject({
      health: 'BROKEN',
      outcome: 'HTTP_ERROR',
      statusCode: 404,
    });
    expect(s[`${base}/moved/3`]).toMatchObject({ health: 'OK', finalUrl: `${base}/page` });
    expect(s[`${base}/hang`]).toMatchObject({ health: 'BROKEN', outcome: 'TIMEOUT' });
    expect(s['http://127.0.0.2:9/private']).toMatchObject({
      health: 'BLOCKED',
      outcome: 'BLOCKED',
    });
    expect(s['http://no-such-host.invalid/x']).toMatchObject({ health: 'BROKEN', outcome: 'DNS' });
    // The owner's view, for a "链接状态" column.
    const owned = await links.statusOfOwners(editor, 'assessment-issue', [issue.id]);
    expect(owned.get(issue.id)?.length).toBe(urls.length);
  }, 120_000);

  it('refuses what it cannot store, with a Chinese message', async () => {
    const editor = await scopeOf('340102-editor', '340102', Role.EDITOR);
    const issue = {
      kind: 'assessment-issue',
      id: '5a1d2c3b-0000-4000-8000-000000000002',
      organizationId: orgIdForCode('340102'),
    };
    await expect(links.register(editor, issue, ['javascript:alert(1)'])).rejects.toMatchObject({
      message: '第 1 个链接：只检查 http 和 https 链接',
    });
    await expect(links.register(editor, issue, ['https://u:p@example.com/'])).rejects.toMatchObject(
      {
        message: '第 1 个链接：链接中不得包含用户名或密码',
      },
    );
    // Another organisation's record: not visible to a county editor.
    await expect(
      links.register(editor, { ...issue, organizationId: orgIdForCode('340103') }, [
        `${base}/page`,
      ]),
    ).rejects.toMatchObject({ message: '对象不存在或无权访问' });
  });

  it('replace makes the given URLs an owner’s only ones; another organisation sees none of them', async () => {
    const editor = await scopeOf('340102-editor', '340102', Role.EDITOR);
    const rect = {
      kind: 'assessment-rectification',
      id: '5a1d2c3b-0000-4000-8000-000000000003',
      organizationId: orgIdForCode('340102'),
    };
    await links.register(editor, rect, [`${base}/page?rect`, `${base}/gone?rect`]);
    // The fragment is dropped: the same link.
    await links.register(editor, rect, [`${base}/page?rect#top`], { replace: true });
    const mine = await links.statusOfOwners(editor, rect.kind, [rect.id]);
    expect(mine.get(rect.id)?.map((s) => s.url)).toEqual([`${base}/page?rect`]);
    const sibling = await scopeOf('340103-admin', '340103', Role.ADMIN);
    expect((await links.statusOfOwners(sibling, rect.kind, [rect.id])).size).toBe(0);
    await expect(
      links.statusOf(sibling, [`${base}/page?rect`], orgIdForCode('340102')),
    ).rejects.toMatchObject({ message: '对象不存在或无权访问' });
    expect(await links.recheck(editor, { owner: { kind: rect.kind, id: rect.id } })).toBe(1);
    await expect(
      links.recheck(sibling, { owner: { kind: rect.kind, id: rect.id } }),
    ).rejects.toMatchObject({ message: '没有找到这些链接（或无权访问）' });
  });

  it('re-checks on demand through GraphQL, flags a change and keeps the history', async () => {
    const client: ApiClient = await signedIn(api.url, '340102-editor');
    version = 2;
    // A link checked less than a minute ago is not queued again on demand: age it.
    const age = () =>
      owner.query(
        `UPDATE links SET last_checked_at = last_checked_at - interval '2 minutes' WHERE organization_id = $1 AND url = $2`,
        [orgIdForCode('340102'), `${base}/page`],
      );
    await age();
    let since = new Date();
    const r = await client.request<{ recheckLinks: Array<{ url: string; health: string }> }>(
      'mutation($i: RecheckLinksInput!) { recheckLinks(input: $i) { url health } }',
      { i: { urls: [`${base}/page`] } },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data?.recheckLinks).toEqual([{ url: `${base}/page`, health: 'OK' }]);
    await checkedSince('340102', [`${base}/page`], since);
    const h = await client.request<{
      linkHistory: {
        link: { changed: boolean; unchangedSinceFirst: boolean };
        checks: Array<{ snapshot: string; changed: boolean; contentHash: string }>;
      };
    }>(
      'query($i: LinkHistoryInput!) { linkHistory(input: $i) { link { changed unchangedSinceFirst } checks { snapshot changed contentHash } } }',
      { i: { organizationId: orgIdForCode('340102'), url: `${base}/page` } },
    );
    expect(h.errors).toBeUndefined();
    expect(h.data?.linkHistory.link).toEqual({ changed: true, unchangedSinceFirst: false });
    expect(h.data?.linkHistory.checks.map((c) => [c.snapshot, c.changed])).toEqual([
      ['第 2 版', true],
      ['第 1 版', false],
    ]);
    // Checked again unchanged: no new snapshot (the earlier one stands), not changed.
    await age();
    since = new Date();
    await client.request('mutation($i: RecheckLinksInput!) { recheckLinks(input: $i) { url } }', {
      i: { urls: [`${base}/page`] },
    });
    await checkedSince('340102', [`${base}/page`], since);
    const again = await client.request<{
      linkHistory: {
        link: { changed: boolean };
        checks: Array<{ snapshot: string | null; changed: boolean }>;
      };
    }>(
      'query($i: LinkHistoryInput!) { linkHistory(input: $i) { link { changed } checks { snapshot changed } } }',
      { i: { organizationId: orgIdForCode('340102'), url: `${base}/page`, limit: 1 } },
    );
    expect(again.data?.linkHistory).toEqual({
      link: { changed: false },
      checks: [{ snapshot: null, changed: false }],
    });
    // Clicked again at once: answered, but nothing queued (checked less than a minute ago).
    const clicked = new Date();
    const again2 = await client.request(
      'mutation($i: RecheckLinksInput!) { recheckLinks(input: $i) { url } }',
      { i: { urls: [`${base}/page`] } },
    );
    expect(again2.errors).toBeUndefined();
    const jobs = await owner.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${testJobSchema}.job j JOIN links l ON j.data->'linkIds' ? l.id::text
       WHERE j.name = 'link-checks.check' AND j.created_on >= $1 AND l.url = $2`,
      [clicked, `${base}/page`],
    );
    expect(jobs.rows[0]!.n).toBe(0);
    // Neither a URL list and an owner together nor a sibling's link.
    const both = await client.request(
      'mutation($i: RecheckLinksInput!) { recheckLinks(input: $i) { url } }',
      {
        i: {
          urls: [`${base}/page`],
          owner: { kind: 'assessment-issue', id: '5a1d2c3b-0000-4000-8000-000000000001' },
        },
      },
    );
    expect(both.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const sibling = await signedIn(api.url, '340103-admin').catch(() => null);
    if (sibling) {
      const s = await sibling.request(
        'query($i: LinkHistoryInput!) { linkHistory(input: $i) { link { url } } }',
        { i: { organizationId: orgIdForCode('340102'), url: `${base}/page` } },
      );
      expect(s.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
  });

  it('row-level security keeps an organisation’s links to it and its overseers, also without code checks', async () => {
    const db = api.app.get(TenantDatabase);
    const read = (scope: Scope) =>
      db.run(
        scope,
        (m) =>
          m.query(`SELECT url FROM links WHERE url LIKE $1`, [`${base}%`]) as Promise<unknown[]>,
      );
    const county = await scopeOf('340102-editor', '340102', Role.EDITOR);
    const sibling = await scopeOf('340103-admin', '340103', Role.ADMIN);
    const city = await scopeOf('3401-admin', '3401', Role.ADMIN);
    const otherCity = await scopeOf('3402-admin', '3402', Role.ADMIN);
    expect((await read(county)).length).toBeGreaterThan(0);
    expect(await read(sibling)).toEqual([]);
    expect(await read(otherCity)).toEqual([]);
    expect((await read(city)).length).toBe((await read(county)).length);
    expect(await links.statusOf(sibling, [`${base}/page`])).toEqual([]);
    expect((await links.statusOf(city, [`${base}/page`])).length).toBe(1);
    // Writing a link into a sibling organisation is refused by the database itself.
    await expect(
      db.run(county, (m) =>
        m.query(`INSERT INTO links (organization_id, url) VALUES ($1, 'http://x.example/')`, [
          orgIdForCode('340103'),
        ]),
      ),
    ).rejects.toThrow();
  });

  it('measures checks per second with bounded concurrency against the local server', async () => {
    const fetcher = new LinkFetcher(new AllowList(['127.0.0.1/32']), {
      timeoutMs: 5_000,
      maxBytes: 65_536,
      maxRedirects: 5,
    });
    const urls = Array.from({ length: 200 }, (_, i) => `${base}/fast?i=${i}`);
    const lines: string[] = [];
    for (const concurrency of [1, 4, 16]) {
      const t0 = performance.now();
      let ok = 0;
      await eachLimited(urls, concurrency, async (u) => {
        if ((await fetcher.check(u)).outcome === 'OK') ok++;
      });
      const s = (performance.now() - t0) / 1000;
      expect(ok).toBe(urls.length);
      lines.push(
        `fetch only, 20 ms server delay, concurrency ${concurrency}: ${(urls.length / s).toFixed(1)} checks/s`,
      );
    }
    // End to end through the queue: register, jobs of 20, checks stored (LINK_CHECK_CONCURRENCY 8).
    const editor = await scopeOf('340102-editor', '340102', Role.EDITOR);
    const many = Array.from({ length: 200 }, (_, i) => `${base}/fast?q=${i}`);
    const t0 = performance.now();
    await links.register(
      editor,
      {
        kind: 'bench',
        id: '5a1d2c3b-0000-4000-8000-0000000000be',
        organizationId: orgIdForCode('340102'),
      },
      many,
    );
    await settled('340102', many, 1, 100_000);
    const s = (performance.now() - t0) / 1000;
    lines.push(
      `end to end through pg-boss (register → jobs → stored), concurrency 8: ${(many.length / s).toFixed(1)} checks/s`,
    );
    lines.push(
      `load average ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}`,
    );
    console.log(lines.join('\n'));
    expect(api.app.get(JobQueue).running).toBe(true);
  }, 150_000);

  it('a job run twice checks once (idempotent), and the schedule queues what is due', async () => {
    const { rows } = await owner.query<{ id: string; checks: number }>(
      `SELECT id, checks FROM links WHERE organization_id = $1 AND url = $2`,
      [orgIdForCode('340102'), `${base}/gone`],
    );
    const link = rows[0]!;
    const job = { linkIds: [link.id], requestedAt: new Date().toISOString() };
    await new Promise((r) => setTimeout(r, 5));
    expect(await service.runCheckJob(job)).toBe(1);
    expect(await service.runCheckJob(job)).toBe(0);
    const after = await owner.query<{ checks: number }>('SELECT checks FROM links WHERE id = $1', [
      link.id,
    ]);
    expect(after.rows[0]!.checks).toBe(link.checks + 1);
    // Due: checked long ago. The sweep queues it; the worker checks it. Last in the file: the
    // sweep also queues every due link other suites left in the run's database (thousands, many
    // timing out), and this file's queue works through them from here on.
    await owner.query(
      `UPDATE links SET last_checked_at = now() - interval '3 days' WHERE id = $1`,
      [link.id],
    );
    const swept = new Date();
    expect(await service.sweep()).toBeGreaterThanOrEqual(1);
    const queued = await owner.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${testJobSchema}.job WHERE name = 'link-checks.check'
         AND data->'linkIds' ? $1 AND created_on >= $2`,
      [link.id, swept],
    );
    expect(queued.rows[0]!.n).toBeGreaterThanOrEqual(1);
    await checkedSince('340102', [`${base}/gone`], swept);
    const last = await owner.query<{ checks: number }>('SELECT checks FROM links WHERE id = $1', [
      link.id,
    ]);
    expect(last.rows[0]!.checks).toBe(link.checks + 2);
  });
});

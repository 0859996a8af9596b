import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gzipSync, gunzipSync } from 'node:zlib';
import { signedIn, type ApiClient } from '@sunshine/testing';
import { Metrics, Readiness } from '@sunshine/api/core';
import type { StartedApi } from '../bootstrap';
import { startTestApi } from '../testing';

/**
 * Operations (issue 14, item 7; issue 9, item 5): health probes, the Prometheus scrape and its
 * protection, compressed answers and the caching of the dashboard's files.
 */
let api: StartedApi;
let withToken: StartedApi;
let admin: ApiClient;
let dashboard: string;

const HASHED_JS = 'assets/index-AbCd1234.js';
const HASHED_CSS = 'assets/style-EfGh5678.css';
const METRICS_TOKEN = 'metrics-token-0123456789abcdef';

beforeAll(async () => {
  dashboard = mkdtempSync(join(process.env.SUNSHINE_TEST_RUN_DIR || tmpdir(), 'dashboard-'));
  mkdirSync(join(dashboard, 'assets'));
  writeFileSync(
    join(dashboard, 'index.html'),
    `<!doctype html><html><head><script type="module" src="/${HASHED_JS}"></script></head><body>${'阳光督导'.repeat(400)}</body></html>`,
  );
  writeFileSync(
    join(dashboard, HASHED_JS),
    `console.log(${JSON.stringify('x'.repeat(20))});\n`.repeat(400),
  );
  // As `npm run build` leaves them (tools/scripts/precompress.cjs): .br and .gz beside the file.
  const js = readFileSync(join(dashboard, HASHED_JS));
  writeFileSync(join(dashboard, `${HASHED_JS}.br`), brotliCompressSync(js));
  writeFileSync(join(dashboard, `${HASHED_JS}.gz`), gzipSync(js));
  // A hashed file without a compressed copy (compressed on the fly).
  writeFileSync(join(dashboard, HASHED_CSS), 'body { margin: 0; }\n'.repeat(400));
  api = await startTestApi({ DASHBOARD_DIR: dashboard });
  withToken = await startTestApi({ METRICS_TOKEN, DATABASE_POOL_SIZE: '1' });
  admin = await signedIn(api.url, '34-admin');
});

afterAll(async () => {
  await api.app.close();
  await withToken.app.close();
});

/** A raw GET (fetch would decompress): status, headers and the bytes as sent. */
function rawGet(
  url: string,
  headers: Record<string, string> = {},
): Promise<{
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('health probes', () => {
  it('live answers without touching anything; ready checks database, migrations and conditions', async () => {
    expect(await (await fetch(`${api.url}/health/live`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${api.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ready',
      checks: { shutdown: 'ok', database: 'ok', migrations: 'ok', queue: 'ok' },
    });

    // A registered condition (the job queue registers "queue") that fails makes it not ready.
    let queueRunning = false;
    api.app.get(Readiness).register('queue', async () => (queueRunning ? null : '任务队列未运行'));
    const down = await fetch(`${api.url}/health/ready`);
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({
      status: 'not-ready',
      checks: { database: 'ok', queue: '任务队列未运行' },
    });
    queueRunning = true;
    expect((await fetch(`${api.url}/health/ready`)).status).toBe(200);
  });
});

describe('metrics', () => {
  it('counts latency per GraphQL operation, errors by code, the pool and the job queue', async () => {
    expect((await admin.request('query Units { organizations { id } }')).errors).toBeUndefined();
    const bad = await admin.request('query { organization(id: "not-a-uuid") { id } }');
    expect(bad.errors?.[0]?.extensions?.code).toBeDefined();
    const anonymous = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true' },
      body: JSON.stringify({ query: '{ organizations { id } }' }),
    });
    expect(anonymous.status).toBe(200);
    api.app.get(Metrics).registerQueue({
      depth: async () => [{ queue: 'audit-retention', state: 'created', count: 3 }],
    });
    api.app.get(Metrics).jobFailed('audit-retention');

    const res = await fetch(`${api.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toMatch(
      /^sunshine_graphql_operation_duration_seconds_count\{operation="Query\.organizations",type="query"\} [1-9]/m,
    );
    expect(text).toMatch(
      /^sunshine_graphql_operation_duration_seconds_bucket\{le="0\.1",operation="Query\.organizations",type="query"\} \d+/m,
    );
    expect(text).toMatch(
      /^sunshine_errors_total\{code="UNAUTHENTICATED",operation="Query\.organizations"\} 1$/m,
    );
    expect(text).toMatch(
      /^sunshine_errors_total\{code="[A-Z_]+",operation="Query\.organization"\} 1$/m,
    );
    expect(text).toMatch(/^sunshine_db_pool_connections\{state="max"\} 10$/m);
    expect(text).toMatch(/^sunshine_db_pool_connections\{state="in_use"\} \d+$/m);
    expect(text).toMatch(/^sunshine_db_pool_waiting \d+$/m);
    expect(text).toMatch(/^sunshine_db_pool_acquire_seconds_count [1-9]\d*$/m);
    expect(text).toMatch(
      /^sunshine_job_queue_depth\{queue="audit-retention",state="created"\} 3$/m,
    );
    expect(text).toMatch(/^sunshine_job_failures_total\{queue="audit-retention"\} 1$/m);
    expect(text).toMatch(
      /^sunshine_http_request_duration_seconds_count\{method="POST",route="\/graphql",status="2xx"\} \d+$/m,
    );
    // No free text from clients becomes a label: the client's operation name "Units" is absent.
    expect(text).not.toContain('Units');
  });

  it('answers loopback callers only, unless a token is configured; then only with the token', async () => {
    const proxied = await fetch(`${api.url}/metrics`, {
      headers: { 'x-forwarded-for': '203.0.113.9' },
    });
    expect(proxied.status).toBe(403);
    expect(await proxied.json()).toMatchObject({ reason: 'METRICS_LOCAL_ONLY' });

    expect((await fetch(`${withToken.url}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${withToken.url}/metrics`, {
      headers: { authorization: 'Bearer metrics-token-wrong-0123456789' },
    });
    expect(wrong.status).toBe(401);
    const right = await fetch(`${withToken.url}/metrics`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}`, 'x-forwarded-for': '203.0.113.9' },
    });
    expect(right.status).toBe(200);
    expect(await right.text()).toContain('sunshine_db_pool_connections');
  });
});

describe('database pool waits', () => {
  it('counts requests that found every connection busy, and the time they waited', async () => {
    const client = await signedIn(withToken.url, '34-admin');
    // One connection, eight operations at once: seven wait for it.
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => client.request('{ organizations { id } }')),
    );
    expect(answers.every((a) => a.errors === undefined)).toBe(true);
    const text = await (
      await fetch(`${withToken.url}/metrics`, {
        headers: { authorization: `Bearer ${METRICS_TOKEN}` },
      })
    ).text();
    const waits = Number(/^sunshine_db_pool_waits_total (\d+)$/m.exec(text)?.[1]);
    expect(waits).toBeGreaterThanOrEqual(4);
    expect(text).toMatch(/^sunshine_db_pool_connections\{state="max"\} 1$/m);
    const slow = Number(
      /^sunshine_db_pool_acquire_seconds_bucket\{le="\+Inf"\} (\d+)$/m.exec(text)?.[1],
    );
    const fast = Number(
      /^sunshine_db_pool_acquire_seconds_bucket\{le="0\.0005"\} (\d+)$/m.exec(text)?.[1],
    );
    expect(slow - fast).toBeGreaterThanOrEqual(4);
  });
});

describe('compression and caching', () => {
  it('sends hashed files precompressed (brotli or gzip) and cached for a year, immutable', async () => {
    for (const [accept, encoding, decode] of [
      ['gzip, deflate, br', 'br', brotliDecompressSync],
      ['gzip', 'gzip', gunzipSync],
    ] as const) {
      const res = await rawGet(`${api.url}/${HASHED_JS}`, { 'accept-encoding': accept });
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding']).toBe(encoding);
      expect(res.headers['content-type']).toMatch(/javascript/);
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(res.headers.vary).toMatch(/Accept-Encoding/i);
      expect(decode(res.body).toString()).toContain('console.log');
    }
    const plain = await rawGet(`${api.url}/${HASHED_JS}`, { 'accept-encoding': 'identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toContain('console.log');
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');

    const css = await rawGet(`${api.url}/${HASHED_CSS}`, { 'accept-encoding': 'gzip' });
    expect(css.headers['content-encoding']).toBe('gzip');
    expect(css.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(gunzipSync(css.body).toString()).toContain('margin');
  });

  it('compresses index.html and revalidates it on every load (no-cache), at / and any page', async () => {
    for (const path of ['/', '/overview', '/index.html']) {
      const res = await rawGet(`${api.url}${path}`, { 'accept-encoding': 'gzip' });
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding']).toBe('gzip');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(gunzipSync(res.body).toString()).toContain('阳光督导');
    }
  });

  it('compresses GraphQL answers', async () => {
    const res = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'apollo-require-preflight': 'true',
        'accept-encoding': 'br, gzip',
        authorization: `Bearer ${admin.token ?? ''}`,
      },
      body: JSON.stringify({ query: '{ organizations { id name } }' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('br');
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const body = (await res.json()) as { data: { organizations: unknown[] } };
    expect(body.data.organizations.length).toBeGreaterThan(10);

    // An answer that issues a session (tokens, the refresh cookie) is never compressed.
    const login = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'apollo-require-preflight': 'true',
        'accept-encoding': 'br, gzip',
      },
      body: JSON.stringify({
        // Aliases make the answer large enough to be compressed if it were allowed.
        query: `mutation { login(input: { username: "34-leader", password: "Sunshine#2025" }) {
          accessToken ${[1, 2, 3, 4, 5]
            .map((n) => `u${n}: user { id username displayName roles organization { id name } }`)
            .join(' ')} } }`,
      }),
    });
    expect(login.headers.get('set-cookie')).toMatch(/sunshine_rt=/);
    expect(Number(login.headers.get('content-length'))).toBeGreaterThan(1024);
    expect(login.headers.get('content-encoding')).toBeNull();
  });
});

/**
 * What every benchmark shares: sampling (interleaved when two things are compared), statistics,
 * the API in its own process in production mode, benchmark databases, and the result rows that
 * run.ts prints as one Markdown table.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { Client, Pool } from 'pg';
import { createOwnerDataSource, prepareDatabase } from '@sunshine/api/schema';
import {
  createTestDatabase,
  signedIn,
  TEST_AUDIT_HMAC_KEY,
  TEST_SECOND_FACTOR_KEY,
  TEST_CLOCK,
  testCheckpointDir,
  type ApiClient,
} from '@sunshine/testing';
import type { DataSource } from 'typeorm';

export const RUNS = Number(process.env.BENCH_RUNS ?? 200);
export const WARM_UP = 20;

/** One line of the printed table. */
export interface Row {
  measurement: string;
  p50?: number;
  p95?: number;
  mean?: number;
  /** A ratio, a count or a verdict, printed in the p50 column's place when there are no times. */
  note?: string;
}

/** A benchmark in the registry of run.ts: a name for the command line and what it measures. */
export interface Benchmark {
  name: string;
  title: string;
  run: (ctx: BenchContext) => Promise<Row[]>;
}

export interface BenchContext {
  /** Stops everything started (servers, pools, databases) when the run ends. */
  cleanup: Array<() => Promise<void>>;
  log: (line: string) => void;
}

export interface Stats {
  p50: number;
  p95: number;
  mean: number;
  n: number;
}

export function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number): number => {
    const sample = s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
    if (sample === undefined) throw new Error('stats needs at least one sample');
    return sample;
  };
  return { p50: at(50), p95: at(95), mean: s.reduce((a, b) => a + b, 0) / s.length, n: s.length };
}

export function row(measurement: string, s: Stats): Row {
  return { measurement: `${measurement} (${s.n} runs)`, p50: s.p50, p95: s.p95, mean: s.mean };
}

async function once(fn: () => Promise<unknown>): Promise<number> {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

/**
 * Times several things in the same run, interleaved: each round runs every one of them once, in
 * a rotating order, so a burst of load on the shared machine hits them all alike.
 */
export async function interleave<K extends string>(
  fns: Record<K, () => Promise<unknown>>,
  runs = RUNS,
  warmUp = Math.min(WARM_UP, runs),
): Promise<Record<K, Stats>> {
  const keys = Object.keys(fns) as K[];
  for (let i = 0; i < warmUp; i++) for (const k of keys) await fns[k]();
  const samples = Object.fromEntries(keys.map((k) => [k, [] as number[]])) as Record<K, number[]>;
  for (let i = 0; i < runs; i++) {
    for (let j = 0; j < keys.length; j++) {
      const k = keys[(i + j) % keys.length] as K;
      samples[k].push(await once(fns[k]));
    }
  }
  return Object.fromEntries(keys.map((k) => [k, stats(samples[k])])) as Record<K, Stats>;
}

export const f1 = (n: number): string => n.toFixed(1);
export const f2 = (n: number): string => n.toFixed(2);
export const load = (): string =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');

/** A signed-in API client that signs in again before its 5-minute access token expires. */
export class Session {
  private client: ApiClient | null = null;
  private at = 0;
  constructor(
    readonly url: string,
    readonly username: string,
  ) {}
  async request<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
    if (!this.client || Date.now() - this.at > 240_000) {
      this.client = await signedIn(this.url, this.username);
      this.at = Date.now();
    }
    const r = await this.client.request<T>(query, variables);
    if (r.errors?.length || !r.data) throw new Error(JSON.stringify(r.errors));
    return r.data;
  }
}

let nextPort = 0;
/** Ports: BENCH_PORT (default 3987) for the first server, BENCH_PORT2 (default +1) and up after. */
function port(): string {
  const first = Number(process.env.BENCH_PORT ?? 3987);
  const second = Number(process.env.BENCH_PORT2 ?? first + 1);
  const p = nextPort === 0 ? first : second + nextPort - 1;
  nextPort++;
  return String(p);
}

const serverPids = new Map<string, number>();

/** The process id of a server that `startServer` started (its URL), for CPU accounting. */
export function serverPid(url: string): number | undefined {
  return serverPids.get(url);
}

/** The API in its own process, as deployed (production mode), on the benchmark database. */
export async function startServer(
  ctx: BenchContext,
  db: Pick<BenchDatabase, 'ownerUrl' | 'appUrl'>,
  env: Record<string, string> = {},
): Promise<string> {
  const root = join(__dirname, '..', '..', '..');
  const checkpointDir = testCheckpointDir();
  const p = port();
  const child: ChildProcess = spawn(
    process.execPath,
    [
      // BENCH_SERVER_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the server.
      ...(process.env.BENCH_SERVER_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? []),
      join(root, 'tools/scripts/run-ts.cjs'),
      join(root, 'apps/api/src/main.ts'),
    ],
    {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        DATABASE_URL: db.ownerUrl,
        DATABASE_APP_URL: db.appUrl,
        JWT_SECRET: 'bench-secret-0123456789abcdef0123456789',
        DEMO: 'false',
        COOKIE_SECURE: 'false',
        SUNSHINE_CLOCK: TEST_CLOCK.toISOString(),
        AUDIT_HMAC_KEY: TEST_AUDIT_HMAC_KEY,
        AUDIT_CHECKPOINT_DIR: checkpointDir,
        AUDIT_CHECKPOINT_MINUTES: '0',
        SECOND_FACTOR_KEY: TEST_SECOND_FACTOR_KEY,
        SECOND_FACTOR_ENFORCE: 'false',
        ...env,
        PORT: p,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  ctx.cleanup.push(async () => {
    child.kill('SIGTERM');
    if (child.exitCode === null) await new Promise((r) => child.once('exit', r));
    rmSync(checkpointDir, { recursive: true, force: true });
  });
  const url = `http://127.0.0.1:${p}`;
  // Up to 10 minutes: on a loaded machine the first start (migrations, TypeScript) is slow.
  for (let i = 0; i < 1200; i++) {
    try {
      if ((await fetch(`${url}/health`)).ok) {
        if (child.pid !== undefined) serverPids.set(url, child.pid);
        return url;
      }
    } catch {
      // not up yet
    }
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the API did not start on port ${p}`);
}

export interface BenchDatabase {
  ownerUrl: string;
  appUrl: string;
  owner: Pool;
}

/**
 * A benchmark database: the Anhui demo data at the test clock (`years` of plans and reports), then
 * `build` (as the owner). Named `${BENCH_DB_PREFIX:-sunshine_bench}_${name}`; with BENCH_REUSE=1 a
 * database of that name left by an earlier run (BENCH_KEEP=1) is used as it is.
 */
export function benchDatabase(
  ctx: BenchContext,
  name: string,
  options: { years?: number; build?: (ds: DataSource) => Promise<void> } = {},
): Promise<BenchDatabase> {
  let db = databases.get(name);
  if (!db) {
    db = makeDatabase(ctx, name, options);
    databases.set(name, db);
  }
  return db;
}

/** Databases built in this run, shared by the benchmarks; dropped by `dropDatabases` at the end. */
const databases = new Map<string, Promise<BenchDatabase>>();
const dropping: Array<() => Promise<void>> = [];
export async function dropDatabases(): Promise<void> {
  for (const d of dropping.reverse()) await d().catch((e: unknown) => console.error(e));
}

async function makeDatabase(
  ctx: BenchContext,
  name: string,
  options: { years?: number; build?: (ds: DataSource) => Promise<void> },
): Promise<BenchDatabase> {
  const full = `${process.env.BENCH_DB_PREFIX ?? 'sunshine_bench'}_${name}`;
  const server = process.env.DATABASE_URL;
  if (!server) throw new Error('npm run bench needs DATABASE_URL (a PostgreSQL server, as owner)');
  const at = (db: string): string => {
    const u = new URL(server);
    u.pathname = `/${db}`;
    return u.toString();
  };
  let ownerUrl: string;
  let appUrl: string;
  const c = new Client({ connectionString: server });
  await c.connect();
  const exists =
    (await c.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [full])).rows.length > 0;
  await c.end();
  if (exists && process.env.BENCH_REUSE === '1') {
    ownerUrl = at(full);
    appUrl = (await prepareDatabase({ databaseUrl: ownerUrl })).appUrl;
    ctx.log(`using the existing database ${full}`);
  } else {
    const started = Date.now();
    const db = await createTestDatabase({ name: full, reportingYears: options.years });
    ownerUrl = db.ownerUrl;
    appUrl = db.appUrl;
    if (options.build) {
      const ds = createOwnerDataSource(ownerUrl);
      await ds.initialize();
      try {
        await options.build(ds);
      } finally {
        await ds.destroy();
      }
    }
    ctx.log(`built ${full} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    if (process.env.BENCH_KEEP !== '1') dropping.push(() => db.drop());
  }
  const owner = new Pool({ connectionString: ownerUrl, max: 2 });
  dropping.push(() => owner.end());
  return { ownerUrl, appUrl, owner };
}

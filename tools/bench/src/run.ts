/**
 * Benchmarks (npm run bench): every measurement of docs/benchmarks.md in one command, printed as
 * one Markdown table. Two things compared are timed interleaved in the same run (harness.ts).
 *
 *   npm run bench                      # every benchmark of the registry below
 *   npm run bench -- overview history  # only those
 *   npm run bench -- --reader          # the spreadsheet reader alone, without a database
 *   npm run bench -- spike             # the deadline spike alone (BENCH_SPIKE_SECONDS, BENCH_SPIKE_IN_FLIGHT)
 *
 * Needs DATABASE_URL (a PostgreSQL server, as a superuser owner); builds its databases
 * (`${BENCH_DB_PREFIX:-sunshine_bench}_*`) and starts the API in production mode on BENCH_PORT
 * (default 3987) and the ports after it (BENCH_PORT2). BENCH_RUNS sets the samples per
 * measurement (default 200), BENCH_KEEP=1 keeps the databases, BENCH_REUSE=1 uses kept ones.
 *
 * A new benchmark is a `Benchmark` (harness.ts) in its own file, added to BENCHMARKS.
 */
import { cpus, totalmem } from 'node:os';
import { importBench, readerRows } from './import-bench';
import { measureReader } from './checklist-import';
import { dropDatabases, f1, load, type BenchContext, type Benchmark, type Row } from './harness';
import { historyBench, nationalBench, overviewBench } from './scale';
import { renderBench } from './render-bench';
import { scorecardBench } from './scorecard-bench';
import { spikeBench } from './spike-bench';

/** The registry: `npm run bench` runs them in this order. */
export const BENCHMARKS: Benchmark[] = [
  overviewBench,
  nationalBench,
  historyBench,
  scorecardBench,
  importBench,
  renderBench,
  spikeBench,
];

function machine(): string {
  return `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
}

function print(title: string, rows: Row[]): void {
  console.log(`\n### ${title}\n`);
  console.log('| measurement | p50 ms | p95 ms | mean ms |');
  console.log('|---|---|---|---|');
  for (const r of rows) {
    const t = (n: number | undefined): string => (n === undefined ? '' : f1(n));
    console.log(`| ${r.measurement} | ${r.note ?? t(r.p50)} | ${t(r.p95)} | ${t(r.mean)} |`);
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--reader')) {
    console.log(`\nMachine: ${machine()}; load average ${load()}`);
    print('Spreadsheet reader', readerRows(await measureReader()));
    return;
  }
  const unknown = args.filter((a) => !BENCHMARKS.some((b) => b.name === a));
  if (unknown.length)
    throw new Error(
      `unknown benchmark ${unknown.join(', ')}; known: ${BENCHMARKS.map((b) => b.name).join(', ')}`,
    );
  const chosen = args.length ? BENCHMARKS.filter((b) => args.includes(b.name)) : BENCHMARKS;
  console.log(`Machine: ${machine()}; PostgreSQL at DATABASE_URL; load average at start ${load()}`);
  const results: Array<[string, Row[]]> = [];
  for (const b of chosen) {
    const ctx: BenchContext = {
      cleanup: [],
      log: (line) => console.error(`[${b.name}] ${line}`),
    };
    const started = Date.now();
    try {
      const rows = await b.run(ctx);
      results.push([b.title, rows]);
      print(b.title, rows);
    } finally {
      for (const c of ctx.cleanup.reverse()) await c().catch((e: unknown) => console.error(e));
      ctx.log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    }
  }
  await dropDatabases();
  console.log(`\nload average at the end ${load()}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});

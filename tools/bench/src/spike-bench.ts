import { createTestDatabase } from '@sunshine/testing';
import { printSpike, runDeadlineSpike } from './deadline-spike';
import { serverPid, startServer, type Benchmark } from './harness';

/**
 * The deadline spike (deadline-spike.ts) on a database and production-mode server of its own, the
 * server's clock late in 2025 so that every quarter of 2024 and 2025 is open for reports.
 * BENCH_SPIKE_SECONDS (60), BENCH_SPIKE_IN_FLIGHT (96), DATABASE_POOL_SIZE (the server's, 20).
 */
export const spikeBench: Benchmark = {
  name: 'spike',
  title: 'Deadline spike: save + submit by many editors at once (issue 9, goal 3)',
  async run(ctx) {
    const db = await createTestDatabase();
    ctx.cleanup.push(() => db.drop());
    const url = await startServer(ctx, db, { SUNSHINE_CLOCK: '2025-12-20T10:00:00+08:00' });
    const f = await runDeadlineSpike(
      {
        url,
        ownerUrl: db.ownerUrl,
        seconds: Number(process.env.BENCH_SPIKE_SECONDS ?? 60),
        inFlight: Number(process.env.BENCH_SPIKE_IN_FLIGHT ?? 96),
        log: ctx.log,
        serverPid: serverPid(url),
      },
      { year: 2025, quarter: 4 },
    );
    printSpike(f, process.env.BENCH_SPIKE_LABEL ?? 'this build');
    const verdict = f.errors === 0 && f.lost === 0 && f.duplicates === 0 && f.auditMissing === 0;
    return [
      { measurement: 'submissions per second (save + submit)', note: f.perSecond.toFixed(1) },
      { measurement: 'latency of a submission', p50: f.p50, p95: f.p95 },
      { measurement: 'latency of a submission, p99 ms', note: f.p99.toFixed(0) },
      {
        measurement: 'errors / lost / stored twice / missing audit events',
        note: `${f.errors} / ${f.lost} / ${f.duplicates} / ${f.auditMissing}${verdict ? '' : ' (FAIL)'}`,
      },
      {
        measurement: 'busy connections waiting on a lock (mean share)',
        note: `${(f.locks.lockShare * 100).toFixed(0)} %`,
      },
      { measurement: 'audit trail verifies', note: f.verification.ok ? 'yes' : 'NO' },
      ...(f.cpu
        ? [
            {
              measurement:
                'CPU ms per submission: API / database (own backends + shared writers) / load generator',
              note: `${f.cpu.server?.toFixed(1) ?? '?'} / ${f.cpu.database.toFixed(1)} + ${f.cpu.databaseShared.toFixed(1)} / ${f.cpu.generator.toFixed(1)}`,
            },
          ]
        : []),
    ];
  },
};

/**
 * The deadline spike (issue 9, goal 3): many editors saving and submitting their quarterly
 * reports at once. Each submission is a `saveProgressReport` (a new draft) followed by a
 * `submitProgressReport`; `inFlight` submissions run at any time, spread over the editors.
 *
 * Afterwards it checks what the answers claimed: every submission answered OK is stored exactly
 * once and submitted, each has its REPORT_CREATE and REPORT_SUBMIT audit events, and the audit
 * trail verifies. While it runs it samples pg_stat_activity of the API's connections every
 * 100 ms: how many were active and how many waited, on what.
 *
 * Used by `npm run bench -- --spike` (production-mode server, 60 s) and by the quick CI test
 * (deadline-spike.int-spec.ts, a few seconds, fails on any error or lost write, not on speed).
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { Pool } from 'pg';
import { ApiClient, signedIn } from '@sunshine/testing';

export interface SpikeOptions {
  /** The API's base URL. */
  url: string;
  /** Owner connection of the API's database (slots, checks, lock samples). */
  ownerUrl: string;
  seconds: number;
  inFlight: number;
  /** Editors to use at most (all editors with free slots when larger). */
  editors?: number;
  /** Print progress every few seconds. */
  log?: (line: string) => void;
  /** The API server's process id (same machine): its CPU time is then accounted. */
  serverPid?: number;
}

/**
 * CPU time spent during the spike, per submission, by who spent it (Linux /proc; same machine).
 * Where the load generator shares the cores with the API and the database, this is what tells how
 * far the same build would go on a machine of its own.
 */
export interface CpuShare {
  /** ms of CPU per OK submission: the API process (null when its pid is unknown). */
  server: number | null;
  /** The database's backends serving this database (the API's connections and the checks). */
  database: number;
  /** PostgreSQL's shared processes (WAL writer, checkpointer, background writer): shared with any other database on the server. */
  databaseShared: number;
  /** This process: the load generator (HTTP clients, JSON). */
  generator: number;
}

export interface LockSamples {
  samples: number;
  /** Mean number of the API's connections running a statement or waiting. */
  meanActive: number;
  /** Mean number of those waiting on a heavyweight lock (wait_event_type = 'Lock'). */
  meanLockWaiting: number;
  /** Share of busy connection samples that were waiting on a lock. */
  lockShare: number;
  /** Samples per wait event (type:event), busiest first. */
  byEvent: Array<[string, number]>;
}

export interface SpikeFigures {
  seconds: number;
  editors: number;
  inFlight: number;
  attempted: number;
  ok: number;
  errors: number;
  firstErrors: string[];
  perSecond: number;
  /** Latency of one submission (save + submit), ms. */
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** OK answers whose report is missing, not submitted, or stored more than once. */
  lost: number;
  duplicates: number;
  /** OK submissions without their REPORT_CREATE or REPORT_SUBMIT event. */
  auditMissing: number;
  verification: { ok: boolean; checked: number; reason: string | null };
  locks: LockSamples;
  cpu: CpuShare | null;
  loadBefore: number[];
  loadAfter: number[];
}

interface Slot {
  assignmentId: string;
  year: number;
  quarter: number;
}

const SAVE = `mutation($i: SaveProgressReportInput!) { saveProgressReport(input: $i) { id version status } }`;
const SUBMIT = `mutation($i: ReportActionInput!) { submitProgressReport(input: $i) { id version status } }`;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** Free (assignment, quarter) slots of every editor, for quarters open at the server's clock. */
async function freeSlots(
  owner: Pool,
  openUntil: { year: number; quarter: number },
): Promise<Map<string, Slot[]>> {
  const { rows } = await owner.query<{
    username: string;
    assignment_id: string;
    year: number;
    quarter: number;
  }>(
    `SELECT u.username, a.assignment_id, a.year, q.q AS quarter
     FROM users u
     JOIN assigned_tasks a ON a.organization_id = u.organization_id AND a.active AND a.plan_status = 'PUBLISHED'
     CROSS JOIN generate_series(1, 4) q(q)
     WHERE 'EDITOR' = ANY (u.roles) AND u.status = 'ACTIVE'
       AND a.year * 10 + q.q <= $1
       AND NOT EXISTS (SELECT 1 FROM progress_reports r
                       WHERE r.assignment_id = a.assignment_id AND r.year = a.year AND r.quarter = q.q)
     ORDER BY u.username, a.year DESC, q.q DESC, a.assignment_id`,
    [openUntil.year * 10 + openUntil.quarter],
  );
  const out = new Map<string, Slot[]>();
  for (const r of rows) {
    const list = out.get(r.username) ?? [];
    list.push({ assignmentId: r.assignment_id, year: r.year, quarter: r.quarter });
    out.set(r.username, list);
  }
  return out;
}

/** CPU time (ms, user + system) of a process, or null when it is gone or not readable. */
function cpuMs(pid: number): number | null {
  try {
    // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

/** The backends of this database and PostgreSQL's shared writers, with their CPU time now. */
async function databaseCpu(owner: Pool): Promise<{ own: Map<number, number>; shared: number }> {
  const { rows } = await owner.query<{ pid: number; own: boolean }>(
    `SELECT pid, datname = current_database() AS own FROM pg_stat_activity
     WHERE datname = current_database()
        OR backend_type IN ('walwriter', 'checkpointer', 'background writer')`,
  );
  const own = new Map<number, number>();
  let shared = 0;
  for (const r of rows) {
    const ms = cpuMs(r.pid);
    if (ms === null) continue;
    if (r.own) own.set(r.pid, ms);
    else shared += ms;
  }
  return { own, shared };
}

/** Starts CPU accounting; `stop(ok)` answers ms of CPU per OK submission by who spent it. */
function accountCpu(
  owner: Pool,
  serverPid: number | undefined,
): Promise<{ stop: (ok: number) => Promise<CpuShare | null> }> {
  const self0 = process.cpuUsage();
  const server0 = serverPid ? cpuMs(serverPid) : null;
  return databaseCpu(owner).then((db0) => ({
    stop: async (ok) => {
      if (ok === 0 || !existsProc()) return null;
      const self = process.cpuUsage(self0);
      const db1 = await databaseCpu(owner);
      let own = 0;
      for (const [pid, ms] of db1.own) own += ms - (db0.own.get(pid) ?? 0);
      const server1 = serverPid ? cpuMs(serverPid) : null;
      return {
        server: server0 !== null && server1 !== null ? (server1 - server0) / ok : null,
        database: own / ok,
        databaseShared: (db1.shared - db0.shared) / ok,
        generator: (self.user + self.system) / 1000 / ok,
      };
    },
  }));
}

function existsProc(): boolean {
  return cpuMs(process.pid) !== null;
}

/** Samples the API's connections (application_name sunshine-api) every `everyMs`. */
function sampleLocks(owner: Pool, everyMs: number): { stop: () => Promise<LockSamples> } {
  let running = true;
  let samples = 0;
  let active = 0;
  let lockWaiting = 0;
  const events = new Map<string, number>();
  const loop = (async () => {
    while (running) {
      try {
        const { rows } = await owner.query<{ t: string | null; e: string | null; state: string }>(
          `SELECT wait_event_type AS t, wait_event AS e, state FROM pg_stat_activity
           WHERE datname = current_database() AND application_name = 'sunshine-api'
             AND state IN ('active', 'idle in transaction')`,
        );
        samples++;
        for (const r of rows) {
          if (r.state !== 'active') continue;
          active++;
          if (r.t === 'Lock') lockWaiting++;
          const key = r.t ? `${r.t}:${r.e ?? ''}` : 'CPU (no wait)';
          events.set(key, (events.get(key) ?? 0) + 1);
        }
      } catch {
        // a sample lost to load is not a result
      }
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return {
        samples,
        meanActive: samples ? active / samples : 0,
        meanLockWaiting: samples ? lockWaiting / samples : 0,
        lockShare: active ? lockWaiting / active : 0,
        byEvent: [...events.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8),
      };
    },
  };
}

export async function runDeadlineSpike(
  o: SpikeOptions,
  openUntil: { year: number; quarter: number },
): Promise<SpikeFigures> {
  const log = o.log ?? ((): void => undefined);
  const owner = new Pool({ connectionString: o.ownerUrl, max: 3 });
  try {
    const slots = await freeSlots(owner, openUntil);
    const names = [...slots.keys()].slice(0, o.editors ?? Number.MAX_SAFE_INTEGER);
    log(
      `spike: ${names.length} editors, ${[...slots.values()].reduce((a, s) => a + s.length, 0)} free slots`,
    );
    // Sign in every editor first (argon2 is not what this measures), a few at a time.
    const clients = new Map<string, ApiClient>();
    for (let i = 0; i < names.length; i += 8) {
      await Promise.all(
        names.slice(i, i + 8).map(async (n) => clients.set(n, await signedIn(o.url, n))),
      );
    }
    const auditor = await signedIn(o.url, '34-auditor');
    log(`spike: ${clients.size} editors signed in`);

    const latencies: number[] = [];
    const okIds: string[] = [];
    const firstErrors: string[] = [];
    let attempted = 0;
    let errors = 0;
    let next = 0;
    const used = new Set<string>();
    const takeSlot = (): { editor: string; slot: Slot } | null => {
      for (let tries = 0; tries < names.length; tries++) {
        const editor = names[next++ % names.length];
        if (editor === undefined) return null;
        const slot = slots.get(editor)?.pop();
        if (slot) return { editor, slot };
      }
      return null;
    };
    const fail = (what: string): void => {
      errors++;
      if (firstErrors.length < 5) firstErrors.push(what.slice(0, 300));
    };

    const loadBefore = loadavg();
    const locks = sampleLocks(owner, 100);
    const cpu = await accountCpu(owner, o.serverPid);
    const started = Date.now();
    const endAt = started + o.seconds * 1000;
    let lastLog = started;
    const worker = async (): Promise<void> => {
      while (Date.now() < endAt) {
        const job = takeSlot();
        if (!job) return;
        const client = clients.get(job.editor);
        if (!client) return;
        used.add(job.editor);
        attempted++;
        const t0 = performance.now();
        try {
          const saved = await client.request<{
            saveProgressReport: { id: string; version: number };
          }>(SAVE, {
            i: {
              assignmentId: job.slot.assignmentId,
              year: job.slot.year,
              quarter: job.slot.quarter,
              completionState: 'IN_PROGRESS',
              percent: 60,
              narrative: '截止日前集中报送（基准测试）',
            },
          });
          const draft = saved.data?.saveProgressReport;
          if (!draft) {
            fail(`save: ${JSON.stringify(saved.errors)}`);
            continue;
          }
          const submitted = await client.request<{
            submitProgressReport: { id: string; status: string };
          }>(SUBMIT, { i: { id: draft.id, version: draft.version } });
          const done = submitted.data?.submitProgressReport;
          if (!done) {
            fail(`submit: ${JSON.stringify(submitted.errors)}`);
            continue;
          }
          latencies.push(performance.now() - t0);
          okIds.push(done.id);
        } catch (error) {
          fail(`transport: ${(error as Error).message}`);
        }
        if (Date.now() - lastLog > 5_000) {
          lastLog = Date.now();
          log(
            `  ${((lastLog - started) / 1000).toFixed(0)} s: ${okIds.length} submitted, ${errors} errors`,
          );
        }
      }
    };
    await Promise.all(Array.from({ length: o.inFlight }, () => worker()));
    const elapsed = (Date.now() - started) / 1000;
    const lockFigures = await locks.stop();
    const cpuFigures = await cpu.stop(okIds.length);
    const loadAfter = loadavg();
    log(`spike: ${okIds.length} submitted; checking`);

    // What the OK answers claimed, checked in the database.
    const stored = await owner.query<{ id: string; status: string; n: number }>(
      `SELECT r.id::text AS id, r.status, count(*) OVER (PARTITION BY r.assignment_id, r.year, r.quarter)::int AS n
       FROM progress_reports r WHERE r.id = ANY ($1::uuid[])`,
      [okIds],
    );
    const byId = new Map(stored.rows.map((r) => [r.id, r]));
    let lost = 0;
    let duplicates = 0;
    for (const id of okIds) {
      const r = byId.get(id);
      if (!r || r.status === 'DRAFT') lost++;
      else if (r.n !== 1) duplicates++;
    }
    if (new Set(okIds).size !== okIds.length) duplicates += okIds.length - new Set(okIds).size;
    const audited = await owner.query<{ id: string; actions: string[] }>(
      `SELECT target_id AS id, array_agg(DISTINCT action) AS actions FROM audit_events
       WHERE target_type = 'ProgressReport' AND target_id = ANY ($1::text[])
         AND action IN ('REPORT_CREATE', 'REPORT_SUBMIT')
       GROUP BY target_id`,
      [okIds],
    );
    const complete = new Set(audited.rows.filter((r) => r.actions.length === 2).map((r) => r.id));
    const auditMissing = okIds.filter((id) => !complete.has(id)).length;
    const v = await auditor.request<{
      verifyAuditTrail: { ok: boolean; checked: number; reason: string | null };
    }>('{ verifyAuditTrail { ok checked reason } }');
    const verification = v.data?.verifyAuditTrail ?? {
      ok: false,
      checked: 0,
      reason: JSON.stringify(v.errors),
    };

    const sorted = [...latencies].sort((a, b) => a - b);
    return {
      seconds: elapsed,
      editors: used.size,
      inFlight: o.inFlight,
      attempted,
      ok: okIds.length,
      errors,
      firstErrors,
      perSecond: okIds.length / elapsed,
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      p99: percentile(sorted, 99),
      max: sorted.at(-1) ?? 0,
      lost,
      duplicates,
      auditMissing,
      verification,
      locks: lockFigures,
      cpu: cpuFigures,
      loadBefore,
      loadAfter,
    };
  } finally {
    await owner.end();
  }
}

export function printSpike(f: SpikeFigures, label: string): void {
  const ms = (n: number): string => n.toFixed(0);
  console.log(`\n### Deadline spike — ${label}\n`);
  console.log('| measure | value |');
  console.log('|---|---|');
  console.log(`| duration | ${f.seconds.toFixed(1)} s |`);
  console.log(`| editors (distinct) / in flight | ${f.editors} / ${f.inFlight} |`);
  console.log(`| submissions OK (save + submit) | ${f.ok} of ${f.attempted} |`);
  console.log(`| **submissions per second** | **${f.perSecond.toFixed(1)}** |`);
  console.log(
    `| latency of a submission p50 / p95 / p99 / max | ${ms(f.p50)} / ${ms(f.p95)} / ${ms(f.p99)} / ${ms(f.max)} ms |`,
  );
  console.log(`| errors | ${f.errors} |`);
  console.log(`| OK answers lost / stored twice | ${f.lost} / ${f.duplicates} |`);
  console.log(`| OK submissions missing an audit event | ${f.auditMissing} |`);
  console.log(
    `| audit trail verified | ${f.verification.ok ? 'yes' : `NO (${f.verification.reason ?? ''})`}, ${f.verification.checked} events |`,
  );
  console.log(
    `| API connections busy (mean) / waiting on a lock (mean) | ${f.locks.meanActive.toFixed(1)} / ${f.locks.meanLockWaiting.toFixed(1)} (${(f.locks.lockShare * 100).toFixed(0)} % of busy samples, ${f.locks.samples} samples) |`,
  );
  console.log(
    `| wait events (samples) | ${f.locks.byEvent.map(([e, n]) => `${e} ${n}`).join(', ')} |`,
  );
  if (f.cpu) {
    const c = f.cpu;
    const sum = (c.server ?? 0) + c.database + c.databaseShared + c.generator;
    console.log(
      `| CPU ms per submission: API / database backends / database shared / load generator = total | ${c.server === null ? '?' : c.server.toFixed(1)} / ${c.database.toFixed(1)} / ${c.databaseShared.toFixed(1)} / ${c.generator.toFixed(1)} = ${sum.toFixed(1)} |`,
    );
  }
  console.log(
    `| load average before / after | ${f.loadBefore.map((l) => l.toFixed(2)).join(' ')} / ${f.loadAfter.map((l) => l.toFixed(2)).join(' ')} |`,
  );
  for (const e of f.firstErrors) console.log(`\nerror: ${e}`);
}

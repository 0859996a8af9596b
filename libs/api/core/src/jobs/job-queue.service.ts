import {
  Inject,
  Injectable,
  Optional,
  type OnApplicationBootstrap,
  type BeforeApplicationShutdown,
} from '@nestjs/common';
import PgBoss from 'pg-boss';
import { QueryCounter } from '../database/query-counter';
import { Metrics } from '../observability/metrics';
import { Readiness } from '../observability/readiness';
import type { EntityManager } from 'typeorm';

/**
 * The PostgreSQL schema pg-boss keeps its tables in by default (not `public`: no tenant data, no
 * RLS); JOB_QUEUE_SCHEMA chooses another (each test suite has a queue of its own).
 */
export const JOB_SCHEMA = 'pgboss';
/** pg-boss's own queue for cron schedules (created by the owner like every other queue). */
const CRON_QUEUE = '__pgboss__send-it';

export const JOB_QUEUE_OPTIONS = Symbol('JOB_QUEUE_OPTIONS');

export interface JobQueueOptions {
  /** Owner connection: creates and migrates the schema and the queues' tables. */
  ownerUrl: string;
  /** Runtime (restricted role) connection: sends, fetches and completes jobs. */
  appUrl: string;
  /** The queue's schema (default JOB_SCHEMA): instances sharing it share the work. */
  schema?: string;
}

export interface JobDefinition<T extends object> {
  /** Queue name: letters, digits, '-', '_', '.' and '/'. */
  name: string;
  /**
   * Runs one job. Must be idempotent: a job whose worker died, timed out or failed runs again
   * (up to `retryLimit` times), so running it twice must have the effect of running it once.
   */
  handler: (data: T, job: { id: string; retryCount: number }) => Promise<void>;
  /** Retries after a failure (default 3), with exponential back-off from `retryDelaySeconds`. */
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** A running job is given up (and retried) after this long (default 15 minutes). */
  expireInSeconds?: number;
  /** How often an idle worker looks for work (default 2 s). */
  pollingIntervalSeconds?: number;
  /**
   * A cron schedule (five fields, `tz` time zone): pg-boss sends one job per due time across all
   * instances. Scheduled jobs run on wall-clock time, never on the business clock (SUNSHINE_CLOCK):
   * a handler that needs a business date reads `Clock`.
   */
  cron?: string;
  tz?: string;
}

export interface QueueStats {
  name: string;
  /** Jobs waiting (created or waiting to be retried). */
  queued: number;
  active: number;
  /** Jobs that ran out of retries, kept for inspection. */
  failed: number;
  /** Failures seen by this process since start (including ones that were retried). */
  failuresSinceStart: number;
  completedSinceStart: number;
}

/**
 * Background work on PostgreSQL (pg-boss): features register handlers (and optional cron
 * schedules) while their module initialises; at application bootstrap the owner connection
 * creates or migrates pg-boss's schema and every registered queue (its tables are partitions of
 * `pgboss.job`, which only the owner may attach), grants the runtime role what pg-boss needs,
 * and the workers then run on the runtime role's connection. Stopped (in-flight jobs finished,
 * up to a bound) when the application shuts down.
 *
 * `stats()` answers queue depth and failures for /metrics and /health/ready.
 */
@Injectable()
export class JobQueue implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly definitions = new Map<string, JobDefinition<object>>();
  private boss: PgBoss | null = null;
  private started = false;
  private readonly counts = new Map<string, { failed: number; completed: number }>();

  constructor(
    @Inject(JOB_QUEUE_OPTIONS) private readonly options: JobQueueOptions,
    @Optional() private readonly metrics?: Metrics,
    @Optional() private readonly readiness?: Readiness,
  ) {}

  /** Registers a queue and its handler; call from a provider's constructor or onModuleInit. */
  register<T extends object>(definition: JobDefinition<T>): void {
    if (this.started) throw new Error(`job queue ${definition.name} registered after start`);
    if (this.definitions.has(definition.name)) {
      throw new Error(`job queue ${definition.name} registered twice`);
    }
    this.definitions.set(definition.name, definition as unknown as JobDefinition<object>);
    this.counts.set(definition.name, { failed: 0, completed: 0 });
  }

  get running(): boolean {
    return this.started;
  }

  /**
   * Queues a job (a `singletonKey` keeps a second one with the same key out while one waits).
   * With `manager`, the job is inserted in that transaction (as the runtime role): it exists only
   * if the transaction commits, so a worker never sees a job for rows not yet committed.
   */
  async send<T extends object>(
    name: string,
    data: T,
    options: { singletonKey?: string; startAfterSeconds?: number; manager?: EntityManager } = {},
  ): Promise<string | null> {
    const boss = this.requireBoss();
    if (!this.definitions.has(name)) throw new Error(`unknown job queue ${name}`);
    const runner = options.manager?.queryRunner;
    if (options.manager && !runner)
      throw new Error('JobQueue.send: the manager has no transaction');
    return boss.send(name, data, {
      singletonKey: options.singletonKey,
      startAfter: options.startAfterSeconds,
      ...(runner && {
        db: {
          executeSql: async (text: string, values?: unknown[]) => ({
            rows: (await runner.query(text, values, true)).records as unknown[],
          }),
        },
      }),
    });
  }

  /**
   * Runs a registered handler now, in this process, outside the queue (tests, operators' tools):
   * the same code path a worker runs.
   */
  async runNow<T extends object>(name: string, data: T): Promise<void> {
    const def = this.definitions.get(name);
    if (!def) throw new Error(`unknown job queue ${name}`);
    await def.handler(data, { id: 'inline', retryCount: 0 });
  }

  /** Depth and failures of every registered queue (for /metrics and /health/ready). */
  async stats(): Promise<QueueStats[]> {
    const boss = this.requireBoss();
    const names = [...this.definitions.keys()];
    const r = await boss.getDb().executeSql(
      `SELECT name, state::text AS state, count(*)::int AS n FROM ${this.schema}.job
         WHERE name = ANY ($1) GROUP BY name, state`,
      [names],
    );
    const rows = r.rows as Array<{ name: string; state: string; n: number }>;
    const count = (name: string, states: string[]): number =>
      rows.filter((x) => x.name === name && states.includes(x.state)).reduce((a, x) => a + x.n, 0);
    return names.map((name) => {
      const c = this.counts.get(name) ?? { failed: 0, completed: 0 };
      return {
        name,
        queued: count(name, ['created', 'retry']),
        active: count(name, ['active']),
        failed: count(name, ['failed']),
        failuresSinceStart: c.failed,
        completedSinceStart: c.completed,
      };
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.prepareSchema();
    const boss = new PgBoss({
      connectionString: this.options.appUrl,
      schema: this.schema,
      application_name: 'sunshine-jobs',
      max: 4,
      migrate: false,
      // Maintenance (expiry, archiving) and cron run on every instance; pg-boss coordinates them.
      supervise: true,
      schedule: true,
    });
    boss.on('error', (e: Error) => console.error('[job-queue]', e.message));
    this.metrics?.registerQueue({
      depth: async () =>
        this.boss
          ? (await this.stats()).flatMap((q) => [
              { queue: q.name, state: 'queued', count: q.queued },
              { queue: q.name, state: 'active', count: q.active },
              { queue: q.name, state: 'failed', count: q.failed },
            ])
          : [],
    });
    this.readiness?.register('queue', () =>
      Promise.resolve(this.started ? null : '任务队列未运行'),
    );
    await boss.start();
    this.boss = boss;
    for (const def of this.definitions.values()) {
      await boss.work(
        def.name,
        { batchSize: 1, pollingIntervalSeconds: def.pollingIntervalSeconds ?? 2 },
        async (jobs: PgBoss.Job<object>[]) => {
          for (const job of jobs) {
            const c = this.counts.get(def.name);
            try {
              await QueryCounter.inBackground(() =>
                def.handler(job.data, {
                  id: job.id,
                  retryCount: (job as { retryCount?: number }).retryCount ?? 0,
                }),
              );
              if (c) c.completed++;
            } catch (error) {
              if (c) c.failed++;
              this.metrics?.jobFailed(def.name);
              console.error(`[job-queue] ${def.name} ${job.id} failed:`, error);
              throw error;
            }
          }
        },
      );
      if (def.cron) await boss.schedule(def.name, def.cron, {}, { tz: def.tz ?? 'Asia/Shanghai' });
      else await boss.unschedule(def.name).catch(() => undefined);
    }
    this.started = true;
  }

  /**
   * Before the shutdown hooks (TypeORM closes its pool in one): the workers stop and running jobs
   * finish while the database connections they use are still open.
   */
  async beforeApplicationShutdown(): Promise<void> {
    const boss = this.boss;
    this.boss = null;
    this.started = false;
    if (!boss) return;
    // Stop fetching, let running jobs finish (up to 10 s), then close the pool.
    await new Promise<void>((resolve) => {
      // Never hold the shutdown longer than the bound, whatever pg-boss reports.
      const bound = setTimeout(resolve, 12_000);
      bound.unref();
      boss.once('stopped', () => {
        clearTimeout(bound);
        resolve();
      });
      boss.stop({ graceful: true, timeout: 10_000, close: true }).catch((e: unknown) => {
        console.error('[job-queue]', e);
        clearTimeout(bound);
        resolve();
      });
    });
  }

  /** As the owner: create or migrate pg-boss's schema, create the queues, grant the runtime role. */
  private async prepareSchema(): Promise<void> {
    const owner = new PgBoss({
      connectionString: this.options.ownerUrl,
      schema: this.schema,
      application_name: 'sunshine-jobs-setup',
      max: 1,
      migrate: true,
      supervise: false,
      schedule: false,
    });
    owner.on('error', (e: Error) => console.error('[job-queue setup]', e.message));
    await owner.start();
    try {
      for (const name of [CRON_QUEUE, ...this.definitions.keys()]) {
        const def = this.definitions.get(name);
        const options: PgBoss.Queue = def
          ? {
              name,
              policy: 'standard',
              retryLimit: def.retryLimit ?? 3,
              retryDelay: def.retryDelaySeconds ?? 30,
              retryBackoff: true,
              expireInSeconds: def.expireInSeconds ?? 15 * 60,
            }
          : { name };
        if (await owner.getQueue(name)) await owner.updateQueue(name, options);
        else await owner.createQueue(name, options);
      }
      const role = decodeURIComponent(new URL(this.options.appUrl).username);
      const ownerRole = decodeURIComponent(new URL(this.options.ownerUrl).username);
      if (role && role !== ownerRole) await grantJobSchema(owner.getDb(), role, this.schema);
    } finally {
      await owner.stop({ graceful: false, close: true, wait: true });
    }
  }

  private get schema(): string {
    return this.options.schema ?? JOB_SCHEMA;
  }

  private requireBoss(): PgBoss {
    if (!this.boss) throw new Error('the job queue is not running');
    return this.boss;
  }
}

/** The runtime role works jobs but owns none of pg-boss's tables. */
export async function grantJobSchema(
  db: PgBoss.Db,
  role: string,
  schema: string = JOB_SCHEMA,
): Promise<void> {
  for (const name of [role, schema]) {
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`unsafe name: ${name}`);
  }
  // One implicit transaction (simple protocol), serialised across instances starting together:
  // concurrent GRANTs on the same objects fail with "tuple concurrently updated".
  await db.executeSql(
    `SELECT pg_advisory_xact_lock(hashtext('sunshine-job-schema-grants'));
     GRANT USAGE ON SCHEMA ${schema} TO "${role}";
     GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${schema} TO "${role}";
     GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${schema} TO "${role}";
     GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${schema} TO "${role}"`,
    undefined as unknown as unknown[],
  );
}

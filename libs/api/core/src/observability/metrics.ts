import { Injectable, Optional, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  collectDefaultMetrics,
  Counter,
  Gauge,
  Histogram,
  Registry,
  type CounterConfiguration,
} from 'prom-client';
import type { DataSource } from 'typeorm';
import { logError } from '../errors/redact';

/** Depth of one job queue in one state, as a queue implementation reports it. */
export interface QueueDepth {
  queue: string;
  /** e.g. created, retry, active, failed (pg-boss's states). */
  state: string;
  count: number;
}

/**
 * What a job queue feeds into /metrics: at start it calls `metrics.registerQueue(source)` (and
 * `readiness.register('queue', …)` for /health/ready), and `metrics.jobFailed(queue)` for each
 * failed job. Core does not read the queue's tables itself (they belong to the queue).
 */
export interface QueueMetricsSource {
  /** Current depth per queue and state, read at each scrape. */
  depth(): Promise<QueueDepth[]>;
}

/** The pg Pool behind TypeORM's PostgreSQL driver (only what is read here). */
interface PgPool {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
  options?: { max?: number };
  connect: (...args: unknown[]) => unknown;
}

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** A metric label value kept short and plain (never free text from a client). */
function label(value: string): string {
  return value.replace(/[^\w./:-]/g, '_').slice(0, 80);
}

/**
 * Prometheus metrics of this process (prom-client, own registry), served by GET /metrics:
 * request latency per GraphQL operation and per HTTP route, errors by code, the database pool
 * (connections in use, idle, waiting callers, time to get a connection) and job-queue depth and
 * failures. Operation labels are `Query.field` / `Mutation.field` of the schema, so their number
 * is bounded by the schema, whatever names clients send.
 */
@Injectable()
export class Metrics implements OnApplicationBootstrap {
  readonly registry = new Registry();

  readonly graphqlDuration = new Histogram({
    name: 'sunshine_graphql_operation_duration_seconds',
    help: 'GraphQL operation latency by operation (first root field) and type',
    labelNames: ['operation', 'type'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: 'sunshine_http_request_duration_seconds',
    help: 'HTTP request latency by route and status class',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly errors = new Counter({
    name: 'sunshine_errors_total',
    help: 'Errors answered, by error code and operation (or route)',
    labelNames: ['code', 'operation'] as const,
    registers: [this.registry],
  });

  readonly poolAcquire = new Histogram({
    name: 'sunshine_db_pool_acquire_seconds',
    help: 'Time to obtain a database connection from the pool',
    buckets: [0.0005, 0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly poolWaits = new Counter({
    name: 'sunshine_db_pool_waits_total',
    help: 'Connection requests that had to wait because every pooled connection was busy',
    registers: [this.registry],
  });

  readonly jobFailures = new Counter({
    name: 'sunshine_job_failures_total',
    help: 'Jobs that failed, by queue (reported by the job queue)',
    labelNames: ['queue'] as const,
    registers: [this.registry],
  } satisfies CounterConfiguration<'queue'>);

  private pool: PgPool | null = null;
  private readonly queues: QueueMetricsSource[] = [];

  constructor(@Optional() @InjectDataSource() private readonly ds?: DataSource) {
    collectDefaultMetrics({ register: this.registry, prefix: 'sunshine_' });
    const poolOf = (): PgPool | null => this.pool;
    const queueDepths = (): Promise<QueueDepth[]> => this.queueDepths();
    new Gauge({
      name: 'sunshine_db_pool_connections',
      help: 'Database pool connections by state (in_use, idle) and the pool maximum (max)',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        const pool = poolOf();
        if (!pool) return;
        this.set({ state: 'in_use' }, pool.totalCount - pool.idleCount);
        this.set({ state: 'idle' }, pool.idleCount);
        if (pool.options?.max) this.set({ state: 'max' }, pool.options.max);
      },
    });
    new Gauge({
      name: 'sunshine_db_pool_waiting',
      help: 'Callers waiting for a database connection now',
      registers: [this.registry],
      collect() {
        const pool = poolOf();
        if (pool) this.set(pool.waitingCount);
      },
    });
    new Gauge({
      name: 'sunshine_job_queue_depth',
      help: 'Jobs per queue and state (created, retry, active, failed, …)',
      labelNames: ['queue', 'state'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const d of await queueDepths()) {
          this.set({ queue: label(d.queue), state: label(d.state) }, d.count);
        }
      },
    });
  }

  onApplicationBootstrap(): void {
    const driver = this.ds?.driver as { master?: PgPool } | undefined;
    if (driver?.master) this.instrumentPool(driver.master);
  }

  /** A job queue reports its depth through this (read at each scrape). */
  registerQueue(source: QueueMetricsSource): void {
    this.queues.push(source);
  }

  /** A job queue counts a failed job. */
  jobFailed(queue: string): void {
    this.jobFailures.inc({ queue: label(queue) });
  }

  /** One GraphQL operation answered. */
  observeOperation(operation: string, type: string, seconds: number, errorCodes: string[]): void {
    this.graphqlDuration.observe({ operation: label(operation), type: label(type) }, seconds);
    for (const code of new Set(errorCodes)) {
      this.errors.inc({ code: label(code), operation: label(operation) });
    }
  }

  /** One HTTP request answered (GraphQL requests included, under route /graphql). */
  observeHttp(method: string, route: string, status: number, seconds: number): void {
    this.httpDuration.observe(
      { method: label(method), route: label(route), status: `${Math.floor(status / 100)}xx` },
      seconds,
    );
  }

  /** An error answered by a plain HTTP route. */
  countHttpError(code: string, route: string): void {
    this.errors.inc({ code: label(code), operation: label(route) });
  }

  /** The text a Prometheus scrape receives. */
  scrape(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  private async queueDepths(): Promise<QueueDepth[]> {
    const depths: QueueDepth[] = [];
    for (const source of this.queues) {
      try {
        depths.push(...(await source.depth()));
      } catch (error) {
        logError('[metrics] job queue depth unavailable', error);
      }
    }
    return depths;
  }

  /** Times every connection request of the pool (callback and promise forms). */
  private instrumentPool(pool: PgPool): void {
    this.pool = pool;
    const original = pool.connect.bind(pool) as (...args: unknown[]) => unknown;
    pool.connect = (...args: unknown[]): unknown => {
      const started = process.hrtime.bigint();
      const max = pool.options?.max ?? Number.POSITIVE_INFINITY;
      if (pool.idleCount === 0 && pool.totalCount >= max) this.poolWaits.inc();
      const observe = (): void => {
        this.poolAcquire.observe(Number(process.hrtime.bigint() - started) / 1e9);
      };
      const [callback] = args;
      if (typeof callback === 'function') {
        return original((...result: unknown[]) => {
          observe();
          (callback as (...r: unknown[]) => void)(...result);
        });
      }
      const promise = original(...args) as Promise<unknown>;
      return promise.then((client) => {
        observe();
        return client;
      });
    };
  }
}

import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger, QueryRunner } from 'typeorm';

/** Marks work that runs off the request path (job handlers, background reloads). */
const backgroundWork = new AsyncLocalStorage<true>();

/**
 * TypeORM logger that counts the SQL statements the app sends (BEGIN/COMMIT included) and logs
 * nothing else: tests and benchmarks read the counter around an operation to catch N+1 queries.
 * Failed queries are mapped to client errors elsewhere, or logged by the error formatter.
 */
export class QueryCounter implements Logger {
  private static total = 0;
  private static begun = 0;
  private static offPath = 0;

  /** Statements sent on the request path (what a request costs). */
  static get count(): number {
    return QueryCounter.total;
  }

  /** Statements sent by background work, counted apart so that it never blurs `count`. */
  static get background(): number {
    return QueryCounter.offPath;
  }

  /** Runs work whose statements count as background (a job handler, a cache reload). */
  static inBackground<T>(work: () => Promise<T>): Promise<T> {
    return backgroundWork.run(true, work);
  }

  /** Transactions started (one per operation is the rule for mutations). */
  static get transactions(): number {
    return QueryCounter.begun;
  }

  logQuery(query: string, _parameters?: unknown[], _runner?: QueryRunner): void {
    if (backgroundWork.getStore()) {
      QueryCounter.offPath += 1;
      return;
    }
    QueryCounter.total += 1;
    if (/^\s*(START TRANSACTION|BEGIN)\b/i.test(query)) QueryCounter.begun += 1;
  }
  logQueryError(): void {
    if (backgroundWork.getStore()) QueryCounter.offPath += 1;
    else QueryCounter.total += 1;
  }
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

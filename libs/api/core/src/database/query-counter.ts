import type { Logger, QueryRunner } from 'typeorm';

/**
 * TypeORM logger that counts the SQL statements the app sends (BEGIN/COMMIT included) and logs
 * nothing else: tests and benchmarks read the counter around an operation to catch N+1 queries.
 * Failed queries are mapped to client errors elsewhere, or logged by the error formatter.
 */
export class QueryCounter implements Logger {
  private static total = 0;
  private static begun = 0;

  static get count(): number {
    return QueryCounter.total;
  }

  /** Transactions started (one per operation is the rule for mutations). */
  static get transactions(): number {
    return QueryCounter.begun;
  }

  logQuery(query: string, _parameters?: unknown[], _runner?: QueryRunner): void {
    QueryCounter.total += 1;
    if (/^\s*(START TRANSACTION|BEGIN)\b/i.test(query)) QueryCounter.begun += 1;
  }
  logQueryError(): void {
    QueryCounter.total += 1;
  }
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

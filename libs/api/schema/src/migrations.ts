import { ANNUAL_REPORTS_MIGRATIONS } from '@sunshine/api/annual-reports/migrations';
import { ASSESSMENTS_MIGRATIONS } from '@sunshine/api/assessments/migrations';
import { AUTH_MIGRATIONS } from '@sunshine/api/auth/migrations';
import { CORE_MIGRATIONS, type MigrationClass } from '@sunshine/api/core/database';
import { LINK_CHECKS_MIGRATIONS } from '@sunshine/api/link-checks/migrations';
import { PLANS_MIGRATIONS } from '@sunshine/api/plans/migrations';
import { REPORTING_MIGRATIONS } from '@sunshine/api/reporting/migrations';
import { SCORECARDS_MIGRATIONS } from '@sunshine/api/scorecards/migrations';
import { TRAININGS_MIGRATIONS } from '@sunshine/api/trainings/migrations';
import { USERS_MIGRATIONS } from '@sunshine/api/users/migrations';

/**
 * Migration lists owned by feature libraries, one entry per library: a feature that creates or
 * changes its own tables keeps its migrations in `libs/api/<feature>/src/migrations/` and exports
 * the list through its `@sunshine/api/<feature>/migrations` entry point, which is added here.
 * Core's list stays the schema's history (merged migrations never move).
 */
const FEATURE_MIGRATIONS: ReadonlyArray<readonly MigrationClass[]> = [
  ANNUAL_REPORTS_MIGRATIONS,
  ASSESSMENTS_MIGRATIONS,
  AUTH_MIGRATIONS,
  LINK_CHECKS_MIGRATIONS,
  PLANS_MIGRATIONS,
  REPORTING_MIGRATIONS,
  SCORECARDS_MIGRATIONS,
  TRAININGS_MIGRATIONS,
  USERS_MIGRATIONS,
];

const TIMESTAMP = /(\d{13})$/;

/** TypeORM orders by the 13-digit timestamp that ends a migration's class name. */
export function migrationTimestamp(migration: MigrationClass): number {
  const match = TIMESTAMP.exec(migration.name);
  if (!match)
    throw new Error(`migration ${migration.name}: the class name must end in a 13-digit timestamp`);
  return Number(match[1]);
}

/**
 * One ordered list from several owners' lists. Refuses a duplicate timestamp or class name, and a
 * list that is not in order itself (a mistake in that list, not something to silently fix).
 */
export function orderMigrations(lists: ReadonlyArray<readonly MigrationClass[]>): MigrationClass[] {
  const seen = new Map<number, string>();
  for (const list of lists) {
    let previous = -1;
    for (const migration of list) {
      const at = migrationTimestamp(migration);
      const clash = seen.get(at);
      if (clash !== undefined) {
        throw new Error(`migrations ${clash} and ${migration.name} share the timestamp ${at}`);
      }
      if (at <= previous) throw new Error(`migration ${migration.name} is listed out of order`);
      seen.set(at, migration.name);
      previous = at;
    }
  }
  return lists.flat().sort((a, b) => migrationTimestamp(a) - migrationTimestamp(b));
}

/** Every migration of the schema, in the order TypeORM runs them. */
export const MIGRATIONS: readonly MigrationClass[] = orderMigrations([
  CORE_MIGRATIONS,
  ...FEATURE_MIGRATIONS,
]);

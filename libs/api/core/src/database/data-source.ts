import { DataSource, type DataSourceOptions, type MigrationInterface } from 'typeorm';
import { RedactingQueryLogger } from '../errors/redact';

export const MIGRATIONS_TABLE = 'schema_migrations';

/** A migration class as TypeORM takes it. */
export type MigrationClass = new () => MigrationInterface;

/**
 * The owner's data source: migrations and setup. The migration list comes from the caller
 * (`@sunshine/api/schema` assembles the complete, ordered one), so core does not need to know
 * every feature's migrations.
 */
export function ownerDataSourceOptions(
  url: string,
  migrations: readonly MigrationClass[],
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    migrations: [...migrations],
    migrationsTableName: MIGRATIONS_TABLE,
    synchronize: false,
    // Failed statements are printed without their parameters (the seed writes password hashes).
    logging: ['error'],
    logger: new RedactingQueryLogger(),
    extra: { max: 2, application_name: 'sunshine-setup' },
  };
}

export function createOwnerDataSource(
  url: string,
  migrations: readonly MigrationClass[],
): DataSource {
  return new DataSource(ownerDataSourceOptions(url, migrations));
}

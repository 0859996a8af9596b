import { DataSource, type DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from './migrations';

export const MIGRATIONS_TABLE = 'schema_migrations';

/** The owner's data source: migrations and setup. Shared by the CLI and the app. */
export function ownerDataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    migrations: MIGRATIONS,
    migrationsTableName: MIGRATIONS_TABLE,
    synchronize: false,
    logging: ['error'],
    extra: { max: 2, application_name: 'sunshine-setup' },
  };
}

export function createOwnerDataSource(url: string): DataSource {
  return new DataSource(ownerDataSourceOptions(url));
}

/** Default export for the TypeORM CLI: `typeorm migration:run -d libs/api/core/src/database/data-source.ts`. */
export default createOwnerDataSource(process.env.DATABASE_URL ?? 'postgres://localhost/sunshine');

import type { DataSource } from 'typeorm';
import {
  createOwnerDataSource as createWith,
  prepareDatabase as prepareWith,
  type PreparedDatabase,
} from '@sunshine/api/core/database';
import { MIGRATIONS } from './migrations';

/** The owner's data source with the complete migration list (tools, seeds, first start). */
export function createOwnerDataSource(url: string): DataSource {
  return createWith(url, MIGRATIONS);
}

/** Migrates a database to the current schema and sets up the runtime role (see core's setup). */
export function prepareDatabase(options: {
  databaseUrl: string;
  appUrl?: string;
  appRole?: string;
}): Promise<PreparedDatabase> {
  return prepareWith({ ...options, migrations: MIGRATIONS });
}

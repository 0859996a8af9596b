import { createOwnerDataSource } from './owner-database';

/** For the TypeORM CLI: `typeorm migration:run -d libs/api/schema/src/data-source.ts`. */
export default createOwnerDataSource(process.env.DATABASE_URL ?? 'postgres://localhost/sunshine');

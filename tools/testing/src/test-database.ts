import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createOwnerDataSource, prepareDatabase } from '@sunshine/api/schema';
import { anhuiDivisions, seedDemo } from '@sunshine/tools/seed';

// The embedded-PostgreSQL helper is plain CommonJS shared with `npm start` (tools/scripts/start.cjs).
// eslint-disable-next-line @typescript-eslint/no-require-imports, @nx/enforce-module-boundaries
const { startEmbeddedPostgres } = require('../../db/embedded.cjs') as {
  startEmbeddedPostgres: (o: {
    dir: string;
    persistent?: boolean;
  }) => Promise<{ url: string; stop: () => Promise<void> }>;
};

/** The business clock of every integration and e2e run: 2025-05-20, 2025Q2 open, 2025Q1 due 2025-04-10. */
export const TEST_CLOCK = new Date('2025-05-20T10:00:00+08:00');

export interface TestDatabase {
  ownerUrl: string;
  appUrl: string;
  appRole: string;
  drop: () => Promise<void>;
}

function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

/**
 * A throwaway database with the current schema and the demo organisations and accounts: on the
 * given server, else on the server named by DATABASE_URL when set, otherwise on an embedded
 * PostgreSQL in a temp folder. A test file that must not share the run's database (one that
 * rewrites the audit chain head) passes the run's server.
 */
/**
 * The PostgreSQL server of this test run (the global setup's database's server), for a test file
 * that needs a database of its own: without DATABASE_URL that server is the run's embedded one,
 * which a test file must reuse (it cannot start another inside Jest's module sandbox).
 */
export function runServerUrl(): string {
  const shared = process.env.SUNSHINE_TEST_OWNER_URL;
  if (!shared) throw new Error('integration tests need the global setup');
  const server = new URL(shared);
  server.pathname = '/postgres';
  return server.toString();
}

export async function createTestDatabase(
  options: {
    serverUrl?: string;
    /** The database's name (default: a random `sunshine_test_…`). */
    name?: string;
    /** Years of demo plans, reports, assessment rounds and trainings up to TEST_CLOCK's (default 2). */
    reportingYears?: number;
  } = {},
): Promise<TestDatabase> {
  let serverUrl = options.serverUrl ?? process.env.DATABASE_URL;
  let stopServer: (() => Promise<void>) | null = null;
  let tempDir: string | null = null;
  if (!serverUrl) {
    tempDir = join(tmpdir(), `sunshine-test-pg-${process.pid}-${randomBytes(3).toString('hex')}`);
    const pg = await startEmbeddedPostgres({ dir: tempDir, persistent: false });
    serverUrl = pg.url;
    stopServer = pg.stop;
  }
  const name =
    options.name ?? `sunshine_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  if (options.name) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const ownerUrl = withDatabase(serverUrl, name);
  const prepared = await prepareDatabase({ databaseUrl: ownerUrl });
  const ds = createOwnerDataSource(ownerUrl);
  await ds.initialize();
  await seedDemo(ds, anhuiDivisions(), TEST_CLOCK, undefined, {
    reportingYears: options.reportingYears,
  });
  await ds.destroy();
  return {
    ownerUrl,
    appUrl: prepared.appUrl,
    appRole: prepared.appRole,
    drop: async () => {
      const c = new Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.query(`DROP ROLE IF EXISTS ${prepared.appRole}`);
      await c.end();
      if (stopServer) await stopServer();
      if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    },
  };
}

import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createOwnerDataSource, MIGRATIONS_TABLE, type MigrationClass } from './data-source';

export interface PreparedDatabase {
  /** Connection string for the restricted runtime role. */
  appUrl: string;
  appRole: string;
  migrationsRun: string[];
}

const IDENT = /^[a-z_][a-z0-9_]{0,62}$/;

function quoteIdent(name: string): string {
  if (!IDENT.test(name)) throw new Error(`unsafe SQL identifier: ${name}`);
  return `"${name}"`;
}

/** Runtime role name for a database: `<database>_app`, lower-case and identifier-safe. */
export function defaultAppRole(databaseUrl: string): string {
  const db = new URL(databaseUrl).pathname.replace(/^\//, '') || 'postgres';
  return `${db
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, '_')
    .slice(0, 50)}_app`;
}

/**
 * Brings a database to the current schema as its owner and makes sure the runtime role exists
 * with exactly the privileges the app needs: no ownership, no BYPASSRLS, no superuser,
 * no UPDATE or DELETE on the audit trail.
 */
export async function prepareDatabase(options: {
  databaseUrl: string;
  /** The complete, ordered list (`MIGRATIONS` of `@sunshine/api/schema`). */
  migrations: readonly MigrationClass[];
  appUrl?: string;
  appRole?: string;
}): Promise<PreparedDatabase> {
  const ds = createOwnerDataSource(options.databaseUrl, options.migrations);
  await ds.initialize();
  try {
    const migrations = await ds.runMigrations({ transaction: 'each' });
    const appRole = options.appUrl
      ? decodeURIComponent(new URL(options.appUrl).username)
      : (options.appRole ?? defaultAppRole(options.databaseUrl));
    let appUrl = options.appUrl;
    if (!appUrl) {
      const password = await ensureRole(ds, appRole);
      const url = new URL(options.databaseUrl);
      url.username = appRole;
      url.password = password;
      appUrl = url.toString();
    }
    // Instances (or test suites) starting together grant the same objects: PostgreSQL answers
    // "tuple concurrently updated" to the loser, which simply grants again.
    for (let attempt = 1; ; attempt++) {
      try {
        await applyGrants(ds, appRole);
        break;
      } catch (error) {
        if (attempt >= 5 || !/tuple concurrently updated/.test(String(error))) throw error;
        await new Promise((r) => setTimeout(r, 50 * attempt));
      }
    }
    return { appUrl, appRole, migrationsRun: migrations.map((m) => m.name) };
  } finally {
    await ds.destroy();
  }
}

async function ensureRole(ds: DataSource, role: string): Promise<string> {
  await ds.query(
    `CREATE TABLE IF NOT EXISTS app_secrets (key text PRIMARY KEY, value text NOT NULL)`,
  );
  await ds.query(`REVOKE ALL ON app_secrets FROM PUBLIC`);
  const key = `role_password:${role}`;
  await ds.query(
    `INSERT INTO app_secrets(key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING`,
    [key, randomBytes(24).toString('base64url')],
  );
  const [secret] = (await ds.query(`SELECT value FROM app_secrets WHERE key = $1`, [
    key,
  ])) as Array<{
    value: string;
  }>;
  if (!secret) throw new Error(`app_secrets has no ${key}`);
  const password = secret.value;
  const exists = (await ds.query(`SELECT 1 FROM pg_roles WHERE rolname = $1`, [role])) as unknown[];
  const attrs = 'LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOREPLICATION';
  // The password is generated here from base64url characters only, so it is safe in a literal.
  if (exists.length === 0) {
    await ds.query(`CREATE ROLE ${quoteIdent(role)} ${attrs} PASSWORD '${password}'`);
  } else {
    await ds.query(`ALTER ROLE ${quoteIdent(role)} ${attrs} PASSWORD '${password}'`);
  }
  return password;
}

/**
 * Tables the runtime role may read but never change, and tables it may not touch at all. Every
 * view in the schema is read-only for it as well.
 */
const READ_ONLY_TABLES = ['org_closure', 'audit_events'];
// sign_in_throttle (auth): reached only through its SECURITY DEFINER functions.
const PRIVATE_TABLES = [MIGRATIONS_TABLE, 'audit_chain_head', 'app_secrets', 'sign_in_throttle'];

async function applyGrants(ds: DataSource, role: string): Promise<void> {
  const r = quoteIdent(role);
  const [db] = (await ds.query(`SELECT current_database() AS db`)) as Array<{ db: string }>;
  if (!db) throw new Error('SELECT current_database() returned no row');
  await ds.query(`GRANT CONNECT ON DATABASE "${db.db.replace(/"/g, '""')}" TO ${r}`);
  await ds.query(`GRANT USAGE ON SCHEMA public TO ${r}`);
  await ds.query(`REVOKE CREATE ON SCHEMA public FROM PUBLIC`);
  await ds.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r}`);
  for (const t of READ_ONLY_TABLES) {
    await ds.query(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON ${quoteIdent(t)} FROM ${r}`);
  }
  // Published views (migration PublishedViews) are read interfaces: simple views would otherwise
  // be automatically updatable through the grant above.
  const views = (await ds.query(
    `SELECT table_name AS name FROM information_schema.views WHERE table_schema = 'public'`,
  )) as Array<{ name: string }>;
  for (const v of views) {
    await ds.query(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON ${quoteIdent(v.name)} FROM ${r}`);
  }
  for (const t of PRIVATE_TABLES) {
    await ds.query(
      `DO $$ BEGIN IF to_regclass('${t}') IS NOT NULL THEN EXECUTE 'REVOKE ALL ON ${quoteIdent(t)} FROM ${r}'; END IF; END $$`,
    );
  }
  await ds.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r}`);
  await ds.query(`REVOKE ALL ON SEQUENCE audit_events_id_seq FROM ${r}`);
  await ds.query(`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO ${r}`);
}

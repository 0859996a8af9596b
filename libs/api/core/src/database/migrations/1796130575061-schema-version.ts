import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Readiness (issue 14, item 7): `/health/ready` compares the migrations the database has applied
 * with the ones the running code knows. The runtime role may not read `schema_migrations`, so an
 * owner-defined function answers the two numbers it needs (no tenant data).
 */
export class SchemaVersion1796130575061 implements MigrationInterface {
  name = 'SchemaVersion1796130575061';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE FUNCTION app_schema_version(OUT applied integer, OUT latest bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT count(*)::integer, max("timestamp")::bigint FROM schema_migrations
$$;
REVOKE ALL ON FUNCTION app_schema_version() FROM PUBLIC;`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP FUNCTION app_schema_version()');
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tenancy checks the planner can inline (issue 9, deadline spike).
 *
 * Policies were written `organization_id IN (SELECT app_visible_orgs())`: a set-returning SQL
 * function in a target list, which PostgreSQL runs through the SQL-function executor, planning
 * its body again at every statement, once per table and policy. A statement touching four
 * tenant tables paid that four times or more (about 1 ms of a 2 ms single-row read). Written
 * `IN (SELECT v FROM app_visible_orgs() v)`, a plain SQL function in FROM is inlined into the
 * statement as a subquery over `org_closure` and planned with it (and once, for a prepared
 * statement). SECURITY DEFINER functions are never inlined and stay a function scan; the rewrite
 * changes no predicate, only its form.
 *
 * This rewrites every policy of the schema and the SQL functions that use the old form, whoever
 * owns them: the form is core's tenancy idiom (`app_visible_orgs()` is core's). New policies use
 * the FROM form; `rls.int-spec.ts` fails on the old one.
 */
const REWRITE = `
DO $rewrite$
DECLARE
  p record;
  q text;
  w text;
  stmt text;
BEGIN
  FOR p IN SELECT * FROM pg_policies WHERE schemaname = 'public' LOOP
    q := regexp_replace(p.qual, '%FROM%', '%TO%', 'g');
    w := regexp_replace(p.with_check, '%FROM%', '%TO%', 'g');
    IF q IS DISTINCT FROM p.qual OR w IS DISTINCT FROM p.with_check THEN
      stmt := format('ALTER POLICY %I ON %I.%I', p.policyname, p.schemaname, p.tablename);
      IF q IS NOT NULL THEN stmt := stmt || ' USING (' || q || ')'; END IF;
      IF w IS NOT NULL THEN stmt := stmt || ' WITH CHECK (' || w || ')'; END IF;
      EXECUTE stmt;
    END IF;
  END LOOP;
  FOR p IN SELECT f.oid FROM pg_proc f
           WHERE f.pronamespace = 'public'::regnamespace AND f.prolang = (SELECT oid FROM pg_language WHERE lanname = 'sql')
             AND f.prosrc ~ '%FN_FROM%' LOOP
    EXECUTE regexp_replace(pg_get_functiondef(p.oid), '%FN_FROM%', '%FN_TO%', 'g');
  END LOOP;
END $rewrite$`;

/** The policy text as PostgreSQL prints it, and the function bodies as written. */
const OLD_POLICY = String.raw`SELECT (app_\w+)\(\) AS \1`;
const NEW_POLICY = String.raw`SELECT \1.\1 FROM \1() \1(\1)`;
const PRINTED_NEW_POLICY = String.raw`SELECT (app_\w+)\.\1\s+FROM \1\(\) \1\(\1\)`;
const OLD_BODY = String.raw`\(SELECT (app_\w+)\(\)\)`;
const NEW_BODY = String.raw`(SELECT v FROM \1() v)`;
const PRINTED_NEW_BODY = String.raw`\(SELECT v FROM (app_\w+)\(\) v\)`;

function rewrite(from: string, to: string, fnFrom: string, fnTo: string): string {
  return REWRITE.replaceAll('%FN_FROM%', fnFrom)
    .replaceAll('%FN_TO%', fnTo)
    .replaceAll('%FROM%', from)
    .replaceAll('%TO%', to);
}

export class InlinedTenancyChecks1796142000000 implements MigrationInterface {
  name = 'InlinedTenancyChecks1796142000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(rewrite(OLD_POLICY, NEW_POLICY, OLD_BODY, NEW_BODY));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      rewrite(
        PRINTED_NEW_POLICY,
        String.raw`SELECT \1() AS \1`,
        PRINTED_NEW_BODY,
        String.raw`(SELECT \1())`,
      ),
    );
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The SECURITY DEFINER helpers that policies call (`app_released_ancestor_plans()`,
 * `app_user_roles()`, `app_is_assessor()`, `app_assessor_rounds()`, `app_assessed_rounds()`…)
 * were SQL functions. PostgreSQL 15 never inlines a SECURITY DEFINER function and plans a SQL
 * function's body again at every call: 0.4–0.5 ms per call, and a read through the task views
 * called one of them once per policy. As PL/pgSQL with the same body, privileges, volatility and
 * settings, the body's plan is cached for the session (issue 9, deadline spike).
 *
 * Generic over the catalogue: every SECURITY DEFINER SQL function named `app_…` that takes no
 * argument and returns a set of, or a single, scalar value. The bodies are single SELECTs.
 */
const MARK = '-- planned once per session (PolicyFunctionsPlannedOnce)';

/**
 * Recreates each function `which` selects (a WHERE over `pg_proc p` and `pg_language l`) in
 * `language`, its body turned by `rewrite` (PL/pgSQL statements setting `body` from `f.prosrc`),
 * keeping its name, result, volatility, SECURITY DEFINER and settings.
 */
function recreate(
  which: string,
  language: 'sql' | 'plpgsql',
  rewrite: string,
  wrap: string,
): string {
  return `
DO $convert$
DECLARE
  f record;
  body text;
  settings text;
BEGIN
  FOR f IN
    SELECT p.proname, p.proretset, p.provolatile, p.proconfig, p.prosrc,
           format_type(p.prorettype, NULL) AS rettype
    FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
    WHERE p.pronamespace = 'public'::regnamespace AND ${which}
  LOOP
    ${rewrite}
    SELECT coalesce(string_agg(format(' SET %s = %s', split_part(c, '=', 1), substr(c, strpos(c, '=') + 1)), ''), '')
      INTO settings FROM unnest(f.proconfig) c;
    EXECUTE format(
      'CREATE OR REPLACE FUNCTION public.%I() RETURNS %s LANGUAGE ${language} %s SECURITY DEFINER%s AS %L',
      f.proname,
      CASE WHEN f.proretset THEN 'SETOF ' ELSE '' END || f.rettype,
      CASE f.provolatile WHEN 'i' THEN 'IMMUTABLE' WHEN 's' THEN 'STABLE' ELSE 'VOLATILE' END,
      settings,
      ${wrap});
  END LOOP;
END $convert$`;
}

const UP = recreate(
  `l.lanname = 'sql' AND p.prosecdef AND p.proname LIKE 'app\\_%' AND p.pronargs = 0
      AND p.prorettype NOT IN ('record'::regtype, 'void'::regtype)`,
  'plpgsql',
  `body := regexp_replace(f.prosrc, ';?\\s*$', '');
    body := CASE WHEN f.proretset THEN 'RETURN QUERY ' || body || ';'
                 ELSE 'RETURN (' || body || ');' END;`,
  `E'\\n${MARK}\\nBEGIN\\n  ' || body || E'\\nEND\\n'`,
);

const DOWN = recreate(
  `l.lanname = 'plpgsql' AND position('${MARK}' in p.prosrc) > 0`,
  'sql',
  `body := substring(f.prosrc from 'BEGIN\\s+RETURN (?:QUERY )?(.*);\\s*END\\s*$');
    IF NOT f.proretset THEN body := substring(body from '^\\((.*)\\)$'); END IF;`,
  `E'\\n  ' || body || E'\\n'`,
);

export class PolicyFunctionsPlannedOnce1796142000001 implements MigrationInterface {
  name = 'PolicyFunctionsPlannedOnce1796142000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(UP);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(DOWN);
  }
}

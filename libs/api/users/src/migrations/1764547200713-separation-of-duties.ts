import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Every role the product knows (libs/shared/domain `Role`). */
const ROLES = ['ADMIN', 'LEADER', 'EDITOR', 'REVIEWER', 'ASSESSOR', 'SECURITY_ADMIN', 'AUDITOR'];
/** Roles held alone (libs/shared/domain `DUTY_ROLES`). */
const DUTY_ROLES = ['SECURITY_ADMIN', 'AUDITOR'];

/**
 * Business tables: duty accounts (the audit and security administrators) neither read nor write
 * them, whatever the scope. The policies are restrictive, so they narrow the tenant policies.
 */
const BUSINESS_TABLES = [
  'plans',
  'plan_categories',
  'plan_tasks',
  'assignments',
  'progress_reports',
  'report_events',
  'evidence_files',
  'notifications',
  'reminders',
  'assignment_completion',
  'assessor_assignments',
];

const list = (values: readonly string[]): string =>
  `ARRAY[${values.map((v) => `'${v}'`).join(',')}]::text[]`;

/**
 * Separation of duties (三员分立) in the database, under the application's own checks:
 *
 * - `users.roles` holds known roles only, and SECURITY_ADMIN or AUDITOR only alone (the older
 *   `users_no_admin_auditor` stays);
 * - a trigger refuses, within a request (app.user_id set), a change of one's own roles and any
 *   account change by someone who does not manage that account's duty: ADMIN manages business
 *   accounts, SECURITY_ADMIN the audit and security administrators' accounts. Work without a
 *   request user (installation, the seed, migrations: the owner) is not limited;
 * - restrictive row-level security on the business tables refuses accounts whose roles are duty
 *   roles, read from `users` (not from the token), once per statement.
 *
 * Existing accounts that break the new rules stop the migration with their names: an operator
 * decides which role such an account keeps.
 */
export class SeparationOfDuties1764547200713 implements MigrationInterface {
  name = 'SeparationOfDuties1764547200713';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
DO $$
DECLARE bad text;
BEGIN
  SELECT string_agg(username || ' ' || array_to_string(roles, '+'), ', ') INTO bad FROM users
  WHERE cardinality(roles) = 0 OR NOT roles <@ ${list(ROLES)}
     OR (cardinality(roles) > 1 AND roles && ${list(DUTY_ROLES)});
  IF bad IS NOT NULL THEN
    RAISE EXCEPTION 'separation of duties: these accounts combine a duty role with others or hold unknown roles; give each one role set before upgrading: %', bad;
  END IF;
END $$;

ALTER TABLE users ADD CONSTRAINT users_roles_known
  CHECK (cardinality(roles) >= 1 AND roles <@ ${list(ROLES)});
ALTER TABLE users ADD CONSTRAINT users_duty_roles_alone
  CHECK (cardinality(roles) = 1 OR NOT (roles && ${list(DUTY_ROLES)}));

-- The duty of an account: AUDIT, SECURITY or BUSINESS (libs/shared/domain accountDuty()).
CREATE FUNCTION account_duty(p_roles text[]) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN 'AUDITOR' = ANY (p_roles) THEN 'AUDIT'
              WHEN 'SECURITY_ADMIN' = ANY (p_roles) THEN 'SECURITY'
              ELSE 'BUSINESS' END
$$;

-- The request user's roles, from the users table (null outside a request).
CREATE FUNCTION app_user_roles() RETURNS text[] LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public AS $$
  SELECT roles FROM users WHERE id = app_user_id()
$$;

-- True when the request user is an audit or security administrator (sees no business data).
CREATE FUNCTION app_is_duty_account() RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT coalesce(app_user_roles() && ${list(DUTY_ROLES)}, false)
$$;

CREATE FUNCTION users_duty_guard() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public AS $$
DECLARE
  v_actor uuid := app_user_id();
  v_roles text[];
BEGIN
  IF v_actor IS NULL THEN
    RETURN NEW; -- installation, seed, migrations: no request user
  END IF;
  IF TG_OP = 'UPDATE' AND NEW.id = v_actor THEN
    IF NEW.roles IS DISTINCT FROM OLD.roles THEN
      RAISE EXCEPTION 'an account cannot change its own roles' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW; -- one's own sign-in bookkeeping and password
  END IF;
  v_roles := app_user_roles();
  IF v_roles IS NULL
     OR (TG_OP = 'UPDATE' AND NOT (
       (account_duty(OLD.roles) = 'BUSINESS' AND 'ADMIN' = ANY (v_roles))
       OR (account_duty(OLD.roles) <> 'BUSINESS' AND 'SECURITY_ADMIN' = ANY (v_roles))))
     OR NOT (
       (account_duty(NEW.roles) = 'BUSINESS' AND 'ADMIN' = ANY (v_roles))
       OR (account_duty(NEW.roles) <> 'BUSINESS' AND 'SECURITY_ADMIN' = ANY (v_roles))) THEN
    RAISE EXCEPTION 'separation of duties: this account is managed by another administrator'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER users_duty_guard BEFORE INSERT OR UPDATE ON users
  FOR EACH ROW EXECUTE FUNCTION users_duty_guard();
`);
    for (const t of BUSINESS_TABLES) {
      await q.query(
        `CREATE POLICY ${t}_no_duty_accounts ON ${t} AS RESTRICTIVE
           USING (NOT (SELECT app_is_duty_account())) WITH CHECK (NOT (SELECT app_is_duty_account()))`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of BUSINESS_TABLES)
      await q.query(`DROP POLICY IF EXISTS ${t}_no_duty_accounts ON ${t}`);
    await q.query(`
DROP TRIGGER IF EXISTS users_duty_guard ON users;
DROP FUNCTION IF EXISTS users_duty_guard(), app_is_duty_account(), app_user_roles(), account_duty(text[]);
ALTER TABLE users DROP CONSTRAINT IF EXISTS users_duty_roles_alone, DROP CONSTRAINT IF EXISTS users_roles_known;
`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in throttling shared by every instance: failure counters per client address
 * (`ip:<address>`) and per account name (`account:<lower-case user name>`, also for names that do
 * not exist, so the answers cannot tell them apart). The table is private: the runtime role reaches
 * it only through the SECURITY DEFINER functions below, which precede any tenant scope.
 *
 * Also a narrow look-up of the failed attempts on one's own account since the last successful
 * sign-in, read from the audit trail, for the notice shown at the next sign-in.
 */
export class SignInThrottle1764460800417 implements MigrationInterface {
  name = 'SignInThrottle1764460800417';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE TABLE sign_in_throttle (
  key varchar(200) PRIMARY KEY,
  failures integer NOT NULL DEFAULT 0,
  last_failure_at timestamptz NOT NULL DEFAULT now(),
  blocked_until timestamptz,
  lock_failures integer NOT NULL DEFAULT 0,
  locked_until timestamptz
);
CREATE INDEX sign_in_throttle_last_idx ON sign_in_throttle(last_failure_at);

-- Seconds until the first of the keys may try again (0: none is blocked).
CREATE FUNCTION auth_throttle_wait(p_keys text[]) RETURNS integer
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT coalesce(ceil(max(extract(epoch FROM blocked_until - now())))::integer, 0)
  FROM sign_in_throttle WHERE key = ANY (p_keys) AND blocked_until > now()
$$;

-- The account name's own lock, for names that have no account (the users table holds the real
-- accounts' locks); the same rule, so both answer alike.
CREATE FUNCTION auth_throttle_locked_until(p_key text) RETURNS timestamptz
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT locked_until FROM sign_in_throttle WHERE key = p_key AND locked_until > now()
$$;

-- Counts one failure for a key. After p_free failures each further one blocks the key for
-- p_base * 2^(n - p_free - 1) seconds, at most p_cap; the count starts again after p_reset seconds
-- without a failure. lock_failures / locked_until follow the lockout rule: p_lock_threshold
-- consecutive failures lock for p_lock_minutes; failures while locked never extend the lock.
CREATE FUNCTION auth_throttle_fail(
  p_key text, p_free integer, p_base integer, p_cap integer, p_reset integer,
  p_lock_threshold integer, p_lock_minutes integer
) RETURNS TABLE (failures integer, blocked_until timestamptz, locked_until timestamptz)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
#variable_conflict use_column
BEGIN
  -- Rows of names nobody tried for a day go; a flood of made-up names cannot grow the table forever.
  IF random() < 0.01 THEN
    DELETE FROM sign_in_throttle t WHERE t.last_failure_at < now() - interval '1 day'
      AND (t.locked_until IS NULL OR t.locked_until < now());
  END IF;
  INSERT INTO sign_in_throttle AS t (key, failures, last_failure_at) VALUES (p_key, 0, now())
  ON CONFLICT (key) DO NOTHING;
  RETURN QUERY
  UPDATE sign_in_throttle AS t SET
    failures = CASE WHEN t.last_failure_at < now() - make_interval(secs => p_reset) THEN 1
                    ELSE t.failures + 1 END,
    last_failure_at = now(),
    lock_failures = CASE
      WHEN t.locked_until > now() THEN t.lock_failures
      WHEN t.locked_until IS NOT NULL THEN 1
      ELSE t.lock_failures + 1 END,
    locked_until = CASE
      WHEN t.locked_until > now() THEN t.locked_until
      WHEN t.locked_until IS NULL AND t.lock_failures + 1 >= p_lock_threshold
        THEN now() + make_interval(mins => p_lock_minutes)
      ELSE NULL END,
    blocked_until = CASE
      WHEN (CASE WHEN t.last_failure_at < now() - make_interval(secs => p_reset) THEN 1
                 ELSE t.failures + 1 END) > p_free
        THEN now() + make_interval(secs => least(p_cap::double precision, p_base * power(2,
          (CASE WHEN t.last_failure_at < now() - make_interval(secs => p_reset) THEN 1
                ELSE t.failures + 1 END) - p_free - 1)))
      ELSE NULL END
  WHERE t.key = p_key
  RETURNING t.failures, t.blocked_until, t.locked_until;
END $$;

-- A successful sign-in (or an administrator's unlock) clears the account name's counters.
CREATE FUNCTION auth_throttle_clear(p_key text) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
  DELETE FROM sign_in_throttle WHERE key = p_key
$$;

-- Failed password checks on the caller's own account since its previous successful sign-in,
-- and whether it was locked meanwhile. Only for the user of the current transaction.
CREATE FUNCTION auth_failures_since_sign_in(
  OUT failures integer, OUT first_at timestamptz, OUT last_at timestamptz, OUT locked boolean
) LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  WITH previous AS (
    SELECT coalesce(max(id), 0) AS id FROM audit_events
    WHERE user_id = app_user_id() AND action = 'LOGIN' AND result = 'SUCCESS'
  )
  SELECT count(*) FILTER (WHERE e.result = 'FAILURE' AND e.action IN ('LOGIN', 'PASSWORD_CHANGE'))::integer,
         min(e.occurred_at) FILTER (WHERE e.result = 'FAILURE' AND e.action IN ('LOGIN', 'PASSWORD_CHANGE')),
         max(e.occurred_at) FILTER (WHERE e.result = 'FAILURE' AND e.action IN ('LOGIN', 'PASSWORD_CHANGE')),
         coalesce(bool_or(e.action = 'ACCOUNT_LOCKED'), false)
  FROM audit_events e, previous p
  WHERE e.user_id = app_user_id() AND e.id > p.id
$$;

REVOKE ALL ON sign_in_throttle FROM PUBLIC;
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
DROP FUNCTION IF EXISTS auth_failures_since_sign_in(), auth_throttle_clear(text),
  auth_throttle_fail(text, integer, integer, integer, integer, integer, integer),
  auth_throttle_locked_until(text), auth_throttle_wait(text[]);
DROP TABLE IF EXISTS sign_in_throttle;
`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Foundation schema: organisations with a closure table, users, sessions, the hash-chained
 * audit trail, and row-level security on every tenant table.
 *
 * Tenancy: each request's transaction sets `app.org_roots` (the caller's scope roots),
 * `app.user_id` and `app.auditor` with set_config(..., true). Policies compare a row's
 * organisation with the visible set derived in the database from those roots through
 * org_closure (an uncorrelated subquery, evaluated once per statement).
 */
export class Foundation1763769600000 implements MigrationInterface {
  name = 'Foundation1763769600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE TABLE organizations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code varchar(12) NOT NULL UNIQUE,
  name varchar(100) NOT NULL,
  level varchar(10) NOT NULL CHECK (level IN ('NATIONAL','PROVINCE','CITY','COUNTY')),
  parent_id uuid REFERENCES organizations(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX organizations_parent_idx ON organizations(parent_id);

CREATE TABLE org_closure (
  ancestor_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  descendant_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  depth integer NOT NULL,
  PRIMARY KEY (ancestor_id, descendant_id)
);
CREATE INDEX org_closure_descendant_idx ON org_closure(descendant_id);

CREATE FUNCTION org_closure_on_insert() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public AS $$
BEGIN
  INSERT INTO org_closure(ancestor_id, descendant_id, depth) VALUES (NEW.id, NEW.id, 0);
  IF NEW.parent_id IS NOT NULL THEN
    INSERT INTO org_closure(ancestor_id, descendant_id, depth)
      SELECT ancestor_id, NEW.id, depth + 1 FROM org_closure WHERE descendant_id = NEW.parent_id;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER organizations_closure AFTER INSERT ON organizations
  FOR EACH ROW EXECUTE FUNCTION org_closure_on_insert();

CREATE FUNCTION org_parent_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.parent_id IS DISTINCT FROM OLD.parent_id THEN
    RAISE EXCEPTION 'organisation parent cannot change' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER organizations_parent_immutable BEFORE UPDATE ON organizations
  FOR EACH ROW EXECUTE FUNCTION org_parent_immutable();

-- The scope of the current transaction, set by the application per request.
CREATE FUNCTION app_scope_roots() RETURNS uuid[] LANGUAGE sql STABLE AS $$
  SELECT coalesce(string_to_array(nullif(current_setting('app.org_roots', true), ''), ',')::uuid[], '{}'::uuid[])
$$;
CREATE FUNCTION app_visible_orgs() RETURNS SETOF uuid LANGUAGE sql STABLE AS $$
  SELECT descendant_id FROM org_closure WHERE ancestor_id = ANY (app_scope_roots())
$$;
-- The caller's own user and organisation: always visible to themselves, even to an assessor
-- whose scope is a set of assigned organisations elsewhere.
CREATE FUNCTION app_user_id() RETURNS uuid LANGUAGE sql STABLE AS $$
  SELECT nullif(current_setting('app.user_id', true), '')::uuid
$$;
CREATE FUNCTION app_org_id() RETURNS uuid LANGUAGE sql STABLE AS $$
  SELECT nullif(current_setting('app.org_id', true), '')::uuid
$$;
CREATE FUNCTION app_is_auditor() RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT coalesce(current_setting('app.auditor', true), '') = 'on'
$$;
-- True when the scope includes a top organisation (one without a parent): it may see events
-- that belong to no organisation, such as failed sign-ins with an unknown user name.
CREATE FUNCTION app_scope_has_top() RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM organizations WHERE parent_id IS NULL AND id = ANY (app_scope_roots()))
$$;

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations(id),
  username varchar(64) NOT NULL,
  display_name varchar(64) NOT NULL,
  password_hash text NOT NULL,
  roles text[] NOT NULL,
  status varchar(10) NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE','DISABLED')),
  must_change_password boolean NOT NULL DEFAULT false,
  password_changed_at timestamptz NOT NULL DEFAULT now(),
  failed_attempts integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  last_login_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  CONSTRAINT users_no_admin_auditor CHECK (NOT (roles @> ARRAY['ADMIN','AUDITOR']))
);
CREATE UNIQUE INDEX users_username_key ON users (lower(username));
CREATE INDEX users_organization_idx ON users(organization_id);

CREATE TABLE assessor_assignments (
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  organization_id uuid NOT NULL REFERENCES organizations(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, organization_id)
);
CREATE INDEX assessor_assignments_org_idx ON assessor_assignments(organization_id);

CREATE TABLE sessions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  organization_id uuid NOT NULL REFERENCES organizations(id),
  token_hash text NOT NULL,
  previous_token_hash text,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  revoked_reason varchar(32),
  ip varchar(64),
  user_agent varchar(256)
);
CREATE INDEX sessions_user_idx ON sessions(user_id) WHERE revoked_at IS NULL;
CREATE INDEX sessions_organization_idx ON sessions(organization_id);

CREATE TABLE audit_events (
  id bigint PRIMARY KEY,
  occurred_at timestamptz NOT NULL,
  user_id uuid,
  username varchar(64),
  organization_id uuid REFERENCES organizations(id),
  action varchar(64) NOT NULL,
  target_type varchar(64),
  target_id varchar(64),
  result varchar(16) NOT NULL,
  ip varchar(64),
  changes jsonb,
  prev_hash text NOT NULL,
  hash text NOT NULL
);
CREATE SEQUENCE audit_events_id_seq OWNED BY audit_events.id;
CREATE INDEX audit_events_org_time_idx ON audit_events(organization_id, occurred_at DESC);
CREATE INDEX audit_events_time_idx ON audit_events(occurred_at DESC);
CREATE INDEX audit_events_user_idx ON audit_events(user_id, occurred_at DESC);

CREATE TABLE audit_chain_head (
  id smallint PRIMARY KEY CHECK (id = 1),
  last_id bigint NOT NULL,
  last_hash text NOT NULL
);
INSERT INTO audit_chain_head VALUES (1, 0, repeat('0', 64));

CREATE FUNCTION audit_hash(
  p_prev text, p_id bigint, p_at timestamptz, p_user uuid, p_username text, p_org uuid,
  p_action text, p_target_type text, p_target_id text, p_result text, p_ip text, p_changes jsonb
) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(concat_ws(chr(31),
    p_prev, p_id::text, ((extract(epoch FROM p_at) * 1000000)::bigint)::text,
    coalesce(p_user::text, ''), coalesce(p_username, ''), coalesce(p_org::text, ''),
    p_action, coalesce(p_target_type, ''), coalesce(p_target_id, ''), p_result,
    coalesce(p_ip, ''), coalesce(p_changes::text, '')), 'UTF8')), 'hex')
$$;

-- Appends one event to the chain. Runs as the table owner: the runtime role cannot write
-- audit_events directly, and may only attribute events to organisations in its scope.
CREATE FUNCTION audit_append(
  p_user uuid, p_username text, p_org uuid, p_action text, p_target_type text,
  p_target_id text, p_result text, p_ip text, p_changes jsonb
) RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  v_prev text;
  v_id bigint;
  v_at timestamptz := clock_timestamp();
  v_hash text;
BEGIN
  IF p_org IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM org_closure WHERE descendant_id = p_org AND ancestor_id = ANY (app_scope_roots())
  ) THEN
    RAISE EXCEPTION 'audit event outside the current scope' USING ERRCODE = 'insufficient_privilege';
  END IF;
  SELECT last_hash INTO v_prev FROM audit_chain_head WHERE id = 1 FOR UPDATE;
  v_id := nextval('audit_events_id_seq');
  v_hash := audit_hash(v_prev, v_id, v_at, p_user, p_username, p_org, p_action, p_target_type,
                       p_target_id, p_result, p_ip, p_changes);
  INSERT INTO audit_events(id, occurred_at, user_id, username, organization_id, action, target_type,
                           target_id, result, ip, changes, prev_hash, hash)
  VALUES (v_id, v_at, p_user, p_username, p_org, p_action, p_target_type, p_target_id, p_result,
          p_ip, p_changes, v_prev, v_hash);
  UPDATE audit_chain_head SET last_id = v_id, last_hash = v_hash WHERE id = 1;
  RETURN v_id;
END $$;

-- Walks the whole chain. Only for a transaction that carries the auditor flag.
CREATE FUNCTION audit_verify(OUT ok boolean, OUT checked bigint, OUT first_broken_id bigint)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  r record;
  v_prev text := repeat('0', 64);
  v_head record;
BEGIN
  IF NOT app_is_auditor() THEN
    RAISE EXCEPTION 'only the audit administrator may verify the trail' USING ERRCODE = 'insufficient_privilege';
  END IF;
  ok := true; checked := 0; first_broken_id := NULL;
  FOR r IN SELECT * FROM audit_events ORDER BY id LOOP
    checked := checked + 1;
    IF r.prev_hash <> v_prev OR r.hash <> audit_hash(r.prev_hash, r.id, r.occurred_at, r.user_id,
        r.username, r.organization_id, r.action, r.target_type, r.target_id, r.result, r.ip, r.changes) THEN
      ok := false; first_broken_id := r.id; RETURN;
    END IF;
    v_prev := r.hash;
  END LOOP;
  SELECT * INTO v_head FROM audit_chain_head WHERE id = 1;
  IF v_head.last_hash <> v_prev THEN
    -- events at the end of the chain were removed
    ok := false; first_broken_id := v_head.last_id;
  END IF;
END $$;

-- Sign-in look-ups happen before any scope exists; these return only what authentication needs.
CREATE FUNCTION auth_find_user(p_username text)
RETURNS TABLE (id uuid, organization_id uuid, username varchar, password_hash text, roles text[],
               status varchar, locked_until timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT id, organization_id, username, password_hash, roles, status, locked_until
  FROM users WHERE lower(username) = lower(p_username)
$$;

CREATE FUNCTION auth_find_session(p_id uuid)
RETURNS TABLE (id uuid, user_id uuid, organization_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT id, user_id, organization_id FROM sessions WHERE id = p_id
$$;

-- Opens a request's tenant context and checks its session in one round trip.
-- Returns OK, REVOKED, IDLE or EXPIRED. Touches last_seen_at at most once a minute.
CREATE FUNCTION app_begin(p_roots text, p_user uuid, p_org uuid, p_auditor boolean, p_session uuid, p_idle_seconds integer)
RETURNS text LANGUAGE plpgsql SET search_path = public AS $$
DECLARE
  s record;
BEGIN
  PERFORM set_config('app.org_roots', coalesce(p_roots, ''), true);
  PERFORM set_config('app.user_id', coalesce(p_user::text, ''), true);
  PERFORM set_config('app.org_id', coalesce(p_org::text, ''), true);
  PERFORM set_config('app.auditor', CASE WHEN p_auditor THEN 'on' ELSE 'off' END, true);
  IF p_session IS NULL THEN
    RETURN 'OK';
  END IF;
  SELECT revoked_at, last_seen_at, expires_at INTO s FROM sessions WHERE id = p_session AND user_id = p_user;
  IF NOT FOUND OR s.revoked_at IS NOT NULL THEN RETURN 'REVOKED'; END IF;
  IF s.expires_at < now() THEN RETURN 'EXPIRED'; END IF;
  IF s.last_seen_at < now() - make_interval(secs => p_idle_seconds) THEN RETURN 'IDLE'; END IF;
  IF s.last_seen_at < now() - interval '60 seconds' THEN
    UPDATE sessions SET last_seen_at = now() WHERE id = p_session;
  END IF;
  RETURN 'OK';
END $$;

ALTER TABLE organizations ENABLE ROW LEVEL SECURITY;
ALTER TABLE organizations FORCE ROW LEVEL SECURITY;
CREATE POLICY organizations_tenant ON organizations
  USING (id IN (SELECT app_visible_orgs()) OR id = app_org_id())
  WITH CHECK (parent_id IN (SELECT app_visible_orgs()));

ALTER TABLE users ENABLE ROW LEVEL SECURITY;
ALTER TABLE users FORCE ROW LEVEL SECURITY;
CREATE POLICY users_tenant ON users
  USING (organization_id IN (SELECT app_visible_orgs()) OR id = app_user_id())
  WITH CHECK (organization_id IN (SELECT app_visible_orgs()));

ALTER TABLE assessor_assignments ENABLE ROW LEVEL SECURITY;
ALTER TABLE assessor_assignments FORCE ROW LEVEL SECURITY;
CREATE POLICY assessor_assignments_tenant ON assessor_assignments
  USING (organization_id IN (SELECT app_visible_orgs()))
  WITH CHECK (organization_id IN (SELECT app_visible_orgs()));

ALTER TABLE sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE sessions FORCE ROW LEVEL SECURITY;
CREATE POLICY sessions_tenant ON sessions
  USING (organization_id IN (SELECT app_visible_orgs()))
  WITH CHECK (organization_id IN (SELECT app_visible_orgs()));

ALTER TABLE audit_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_events FORCE ROW LEVEL SECURITY;
-- The owner (migrations and the SECURITY DEFINER functions above) keeps full access;
-- the runtime role is never the owner.
CREATE POLICY organizations_owner ON organizations TO CURRENT_USER USING (true) WITH CHECK (true);
CREATE POLICY users_owner ON users TO CURRENT_USER USING (true) WITH CHECK (true);
CREATE POLICY assessor_assignments_owner ON assessor_assignments TO CURRENT_USER USING (true) WITH CHECK (true);
CREATE POLICY sessions_owner ON sessions TO CURRENT_USER USING (true) WITH CHECK (true);
CREATE POLICY audit_events_owner ON audit_events TO CURRENT_USER USING (true) WITH CHECK (true);
CREATE POLICY audit_events_auditor_read ON audit_events FOR SELECT
  USING (app_is_auditor() AND (organization_id IN (SELECT app_visible_orgs())
         OR (organization_id IS NULL AND app_scope_has_top())));
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
DROP TABLE IF EXISTS audit_chain_head, audit_events, sessions, assessor_assignments, users, org_closure CASCADE;
DROP TABLE IF EXISTS organizations CASCADE;
DROP FUNCTION IF EXISTS app_begin(text, uuid, uuid, boolean, uuid, integer), auth_find_session(uuid),
  auth_find_user(text), audit_verify(), audit_append(uuid, text, uuid, text, text, text, text, text, jsonb),
  audit_hash(text, bigint, timestamptz, uuid, text, uuid, text, text, text, text, text, jsonb),
  app_scope_has_top(), app_is_auditor(), app_user_id(), app_org_id(), app_visible_orgs(), app_scope_roots(),
  org_parent_immutable(), org_closure_on_insert();
`);
  }
}

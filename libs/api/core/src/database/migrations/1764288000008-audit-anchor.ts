import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit chain anchored outside the database (issue 7, item 8).
 *
 * The sha256 chain of the foundation migration is computed by the database itself, so its owner
 * can edit an event and recompute every later hash, or delete the newest events and rewind the
 * head. From now on the application also keys every event: `mac` is an HMAC-SHA256 computed in
 * the application with a secret the database never holds, chained to the previous event's MAC
 * (see libs/api/core/src/audit/audit-keys.ts). Events written before the first keyed one keep
 * `mac` NULL; the first keyed event's MAC covers the sha256 hash of the last of them.
 *
 * A keyed append is two calls in the caller's transaction: `audit_reserve()` locks the chain
 * head, draws the next id and time and returns them with the previous hash and MAC;
 * `audit_append_keyed(..., mac)` inserts the event with the MAC the application computed over
 * exactly those values. Once the chain is keyed, the unkeyed `audit_append` refuses.
 *
 * Verification reads the raw chain through `audit_chain_rows()` (auditor flag only) and checks it
 * in the application; `audit_chain_state()` gives the head for signed checkpoints, which are
 * written outside the database.
 */
export class AuditAnchor1764288000008 implements MigrationInterface {
  name = 'AuditAnchor1764288000008';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
ALTER TABLE audit_events ADD COLUMN mac text;
ALTER TABLE audit_chain_head
  ADD COLUMN last_mac text,
  ADD COLUMN anchored_from bigint,
  ADD COLUMN next_id bigint,
  ADD COLUMN next_at timestamptz,
  ADD COLUMN next_xact bigint;

CREATE FUNCTION audit_reserve(
  OUT next_id bigint, OUT next_at_us text, OUT prev_hash text, OUT prev_mac text
) LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  h record;
  v_at timestamptz := clock_timestamp();
BEGIN
  SELECT * INTO h FROM audit_chain_head WHERE id = 1 FOR UPDATE;
  next_id := nextval('audit_events_id_seq');
  next_at_us := ((extract(epoch FROM v_at) * 1000000)::bigint)::text;
  prev_hash := h.last_hash;
  prev_mac := h.last_mac;
  -- Kept on the locked head row (not in a setting the caller could change) for the append.
  UPDATE audit_chain_head SET next_id = audit_reserve.next_id, next_at = v_at, next_xact = txid_current()
  WHERE id = 1;
END $$;

CREATE FUNCTION audit_append_keyed(
  p_user uuid, p_username text, p_org uuid, p_action text, p_target_type text,
  p_target_id text, p_result text, p_ip text, p_changes jsonb, p_mac text
) RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  h record;
  v_hash text;
BEGIN
  IF p_org IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM org_closure WHERE descendant_id = p_org AND ancestor_id = ANY (app_scope_roots())
  ) THEN
    RAISE EXCEPTION 'audit event outside the current scope' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF p_mac IS NULL OR p_mac !~ '^[0-9a-f]{16}:[0-9a-f]{64}$' THEN
    RAISE EXCEPTION 'audit event without a valid MAC' USING ERRCODE = 'check_violation';
  END IF;
  SELECT * INTO h FROM audit_chain_head WHERE id = 1 FOR UPDATE;
  IF h.next_id IS NULL OR h.next_xact IS DISTINCT FROM txid_current() THEN
    RAISE EXCEPTION 'audit_append_keyed without audit_reserve in this transaction'
      USING ERRCODE = 'object_not_in_prerequisite_state';
  END IF;
  v_hash := audit_hash(h.last_hash, h.next_id, h.next_at, p_user, p_username, p_org, p_action,
                       p_target_type, p_target_id, p_result, p_ip, p_changes);
  INSERT INTO audit_events(id, occurred_at, user_id, username, organization_id, action, target_type,
                           target_id, result, ip, changes, prev_hash, hash, mac)
  VALUES (h.next_id, h.next_at, p_user, p_username, p_org, p_action, p_target_type, p_target_id,
          p_result, p_ip, p_changes, h.last_hash, v_hash, p_mac);
  UPDATE audit_chain_head
  SET last_id = h.next_id, last_hash = v_hash, last_mac = p_mac,
      anchored_from = coalesce(anchored_from, h.next_id),
      next_id = NULL, next_at = NULL, next_xact = NULL
  WHERE id = 1;
  RETURN h.next_id;
END $$;

-- The unkeyed append stays for what runs before the chain is keyed (seeding a new database);
-- afterwards an unkeyed event would break the keyed chain, so it is refused.
CREATE OR REPLACE FUNCTION audit_append(
  p_user uuid, p_username text, p_org uuid, p_action text, p_target_type text,
  p_target_id text, p_result text, p_ip text, p_changes jsonb
) RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  v_prev text;
  v_mac text;
  v_id bigint;
  v_at timestamptz := clock_timestamp();
  v_hash text;
BEGIN
  IF p_org IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM org_closure WHERE descendant_id = p_org AND ancestor_id = ANY (app_scope_roots())
  ) THEN
    RAISE EXCEPTION 'audit event outside the current scope' USING ERRCODE = 'insufficient_privilege';
  END IF;
  SELECT last_hash, last_mac INTO v_prev, v_mac FROM audit_chain_head WHERE id = 1 FOR UPDATE;
  IF v_mac IS NOT NULL THEN
    RAISE EXCEPTION 'the audit chain is keyed: append through the application (audit_reserve, audit_append_keyed)'
      USING ERRCODE = 'object_not_in_prerequisite_state';
  END IF;
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

-- The chain head, for signed checkpoints: ids and MACs only, no event content.
CREATE FUNCTION audit_chain_state(
  OUT last_id bigint, OUT last_hash text, OUT last_mac text, OUT anchored_from bigint
) LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT h.last_id, h.last_hash, h.last_mac, h.anchored_from FROM audit_chain_head h WHERE h.id = 1
$$;

-- The raw chain in id order, for the application's verification: every event, whatever the
-- caller's scope (the verification answers only a verdict). Only for the auditor flag.
CREATE FUNCTION audit_chain_rows(p_after bigint, p_limit integer)
RETURNS TABLE (
  id bigint, at_us text, user_id uuid, username text, organization_id uuid, action text,
  target_type text, target_id text, result text, ip text, changes text,
  prev_hash text, hash text, mac text
) LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF NOT app_is_auditor() THEN
    RAISE EXCEPTION 'only the audit administrator may verify the trail' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN QUERY
    SELECT e.id, ((extract(epoch FROM e.occurred_at) * 1000000)::bigint)::text, e.user_id,
           e.username::text, e.organization_id, e.action::text, e.target_type::text,
           e.target_id::text, e.result::text, e.ip::text, e.changes::text, e.prev_hash, e.hash, e.mac
    FROM audit_events e
    WHERE e.id > p_after
    ORDER BY e.id
    LIMIT least(p_limit, 10000);
END $$;
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
DROP FUNCTION IF EXISTS audit_chain_rows(bigint, integer), audit_chain_state(),
  audit_append_keyed(uuid, text, uuid, text, text, text, text, text, jsonb, text), audit_reserve();
CREATE OR REPLACE FUNCTION audit_append(
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
ALTER TABLE audit_chain_head DROP COLUMN last_mac, DROP COLUMN anchored_from, DROP COLUMN next_id,
  DROP COLUMN next_at, DROP COLUMN next_xact;
ALTER TABLE audit_events DROP COLUMN mac;
`);
  }
}

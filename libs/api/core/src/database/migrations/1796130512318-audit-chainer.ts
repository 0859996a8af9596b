import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit chain off the request path, and audit retention (issue 9 item 3, issue 14 item 3).
 *
 * Until now every audited write took the chain-head row lock in `audit_reserve()` and held it
 * until COMMIT: one global serialisation point. From now on:
 *
 * - A write *enters* its event with `audit_enter(...)`: the row is inserted at once (id from the
 *   sequence, time from the clock) with `entry_mac`, an HMAC of its content computed by the
 *   application with the audit key, and without a chain position. No lock is taken.
 * - The *chainer* (libs/api/core/src/audit/audit-chainer.service.ts), a short background loop,
 *   takes the head lock in a transaction of its own (`audit_chain_lock()`), reads the committed
 *   events not chained yet (`audit_chain_pending()`), checks each entry MAC, computes the chained
 *   MAC in the application, and `audit_chain_apply()` gives each event its chain position
 *   (`chain_seq`, in commit order as seen by the chainer), its sha256 link and its MAC.
 *   Events whose entry MAC is wrong (inserted by someone without the key) are quarantined.
 * - The chain order is `chain_seq`, no longer `id`; existing events keep their order (seq = id).
 * - Retention: `audit_purge(through_seq, keep_days)` deletes a prefix of the chain, only when every
 *   deleted event is older than max(keep_days, 180 days) (网络安全法 第21条), and keeps the last
 *   deleted event's hash and MAC on the head row as the chain's new base. The application writes
 *   a signed checkpoint of that base first; verification starts from the base.
 */
export class AuditChainer1796130512318 implements MigrationInterface {
  name = 'AuditChainer1796130512318';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
ALTER TABLE audit_events
  ADD COLUMN chain_seq bigint,
  ADD COLUMN entry_mac text,
  ADD COLUMN quarantined boolean NOT NULL DEFAULT false,
  ALTER COLUMN prev_hash DROP NOT NULL,
  ALTER COLUMN hash DROP NOT NULL;
UPDATE audit_events SET chain_seq = id;
CREATE UNIQUE INDEX audit_events_chain_seq_idx ON audit_events(chain_seq);
CREATE INDEX audit_events_unchained_idx ON audit_events(id) WHERE chain_seq IS NULL AND NOT quarantined;

ALTER TABLE audit_chain_head
  ADD COLUMN last_seq bigint NOT NULL DEFAULT 0,
  ADD COLUMN base_seq bigint NOT NULL DEFAULT 0,
  ADD COLUMN base_id bigint,
  ADD COLUMN base_hash text NOT NULL DEFAULT repeat('0', 64),
  ADD COLUMN base_mac text,
  ADD COLUMN chainer_xact bigint;
UPDATE audit_chain_head SET last_seq = (SELECT coalesce(max(chain_seq), 0) FROM audit_events);

DROP FUNCTION audit_reserve();
DROP FUNCTION audit_append_keyed(uuid, text, uuid, text, text, text, text, text, jsonb, text);

-- The request path: one insert, no lock. The entry MAC (content only) lets the chainer refuse
-- events inserted without the key; the chained MAC covers id, time and position later.
CREATE FUNCTION audit_enter(
  p_user uuid, p_username text, p_org uuid, p_action text, p_target_type text,
  p_target_id text, p_result text, p_ip text, p_changes jsonb, p_entry_mac text
) RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  v_id bigint := nextval('audit_events_id_seq');
BEGIN
  IF p_org IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM org_closure WHERE descendant_id = p_org AND ancestor_id = ANY (app_scope_roots())
  ) THEN
    RAISE EXCEPTION 'audit event outside the current scope' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF p_entry_mac IS NULL OR p_entry_mac !~ '^[0-9a-f]{16}:[0-9a-f]{64}$' THEN
    RAISE EXCEPTION 'audit event without a valid MAC' USING ERRCODE = 'check_violation';
  END IF;
  INSERT INTO audit_events(id, occurred_at, user_id, username, organization_id, action, target_type,
                           target_id, result, ip, changes, entry_mac)
  VALUES (v_id, clock_timestamp(), p_user, p_username, p_org, p_action, p_target_type, p_target_id,
          p_result, p_ip, p_changes, p_entry_mac);
  RETURN v_id;
END $$;

-- Whether any committed event waits to be chained (read-only: an idle chainer writes nothing).
CREATE FUNCTION audit_chain_waiting() RETURNS boolean LANGUAGE sql STABLE
SECURITY DEFINER SET search_path = public AS $$
  SELECT EXISTS (SELECT 1 FROM audit_events WHERE chain_seq IS NULL AND NOT quarantined)
$$;

-- The chainer's lock: the head row, or no row while another chainer holds it.
CREATE FUNCTION audit_chain_lock(
  OUT last_seq bigint, OUT last_id bigint, OUT last_hash text, OUT last_mac text
) RETURNS SETOF record LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  h record;
BEGIN
  SELECT * INTO h FROM audit_chain_head WHERE id = 1 FOR UPDATE SKIP LOCKED;
  IF NOT FOUND THEN RETURN; END IF;
  UPDATE audit_chain_head SET chainer_xact = txid_current() WHERE id = 1;
  last_seq := h.last_seq; last_id := h.last_id; last_hash := h.last_hash; last_mac := h.last_mac;
  RETURN NEXT;
END $$;

CREATE FUNCTION audit_chainer_holds_lock() RETURNS boolean LANGUAGE sql STABLE
SECURITY DEFINER SET search_path = public AS $$
  SELECT coalesce((SELECT chainer_xact = txid_current() FROM audit_chain_head WHERE id = 1), false)
$$;

-- Committed events not chained yet, oldest id first (only for the transaction holding the lock).
CREATE FUNCTION audit_chain_pending(p_limit integer)
RETURNS TABLE (
  id bigint, at_us text, user_id uuid, username text, organization_id uuid, action text,
  target_type text, target_id text, result text, ip text, changes text, entry_mac text
) LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF NOT audit_chainer_holds_lock() THEN
    RAISE EXCEPTION 'audit_chain_pending without audit_chain_lock in this transaction'
      USING ERRCODE = 'object_not_in_prerequisite_state';
  END IF;
  RETURN QUERY
    SELECT e.id, ((extract(epoch FROM e.occurred_at) * 1000000)::bigint)::text, e.user_id,
           e.username::text, e.organization_id, e.action::text, e.target_type::text,
           e.target_id::text, e.result::text, e.ip::text, e.changes::text, e.entry_mac
    FROM audit_events e
    WHERE e.chain_seq IS NULL AND NOT e.quarantined
    ORDER BY e.id
    LIMIT least(p_limit, 10000);
END $$;

-- Chains the given events in the given order with the MACs the application computed; the sha256
-- link is computed here. Quarantines the events whose entry MAC the application refused.
CREATE FUNCTION audit_chain_apply(p_ids bigint[], p_macs text[], p_quarantine bigint[])
RETURNS integer LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  h record;
  r record;
  v_prev text;
  v_seq bigint;
  v_hash text;
  v_mac text;
  v_last_id bigint;
  i integer;
BEGIN
  IF NOT audit_chainer_holds_lock() THEN
    RAISE EXCEPTION 'audit_chain_apply without audit_chain_lock in this transaction'
      USING ERRCODE = 'object_not_in_prerequisite_state';
  END IF;
  IF cardinality(p_ids) IS DISTINCT FROM cardinality(p_macs) THEN
    RAISE EXCEPTION 'one MAC per event' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  SELECT * INTO h FROM audit_chain_head WHERE id = 1;
  v_prev := h.last_hash; v_seq := h.last_seq; v_mac := h.last_mac; v_last_id := h.last_id;
  FOR i IN 1 .. coalesce(cardinality(p_ids), 0) LOOP
    IF p_macs[i] IS NULL OR p_macs[i] !~ '^[0-9a-f]{16}:[0-9a-f]{64}$' THEN
      RAISE EXCEPTION 'audit event without a valid MAC' USING ERRCODE = 'check_violation';
    END IF;
    SELECT * INTO r FROM audit_events WHERE audit_events.id = p_ids[i] AND chain_seq IS NULL AND NOT quarantined;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'audit event % is not waiting to be chained', p_ids[i]
        USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    v_seq := v_seq + 1;
    v_hash := audit_hash(v_prev, r.id, r.occurred_at, r.user_id, r.username, r.organization_id,
                         r.action, r.target_type, r.target_id, r.result, r.ip, r.changes);
    UPDATE audit_events SET chain_seq = v_seq, prev_hash = v_prev, hash = v_hash, mac = p_macs[i]
    WHERE audit_events.id = r.id;
    v_prev := v_hash; v_mac := p_macs[i]; v_last_id := r.id;
  END LOOP;
  IF cardinality(p_quarantine) > 0 THEN
    UPDATE audit_events SET quarantined = true WHERE id = ANY (p_quarantine) AND chain_seq IS NULL;
  END IF;
  UPDATE audit_chain_head
  SET last_seq = v_seq, last_id = v_last_id, last_hash = v_prev, last_mac = v_mac,
      anchored_from = CASE WHEN anchored_from IS NULL AND v_mac IS NOT NULL
                           THEN (SELECT e.id FROM audit_events e WHERE e.chain_seq = h.last_seq + 1)
                           ELSE anchored_from END,
      chainer_xact = NULL
  WHERE id = 1;
  RETURN coalesce(cardinality(p_ids), 0);
END $$;

-- The unkeyed append (seeding a database without a key): chained at once, under the lock.
CREATE OR REPLACE FUNCTION audit_append(
  p_user uuid, p_username text, p_org uuid, p_action text, p_target_type text,
  p_target_id text, p_result text, p_ip text, p_changes jsonb
) RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  h record;
  v_id bigint;
  v_at timestamptz := clock_timestamp();
  v_hash text;
BEGIN
  IF p_org IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM org_closure WHERE descendant_id = p_org AND ancestor_id = ANY (app_scope_roots())
  ) THEN
    RAISE EXCEPTION 'audit event outside the current scope' USING ERRCODE = 'insufficient_privilege';
  END IF;
  SELECT * INTO h FROM audit_chain_head WHERE id = 1 FOR UPDATE;
  IF h.last_mac IS NOT NULL OR EXISTS (SELECT 1 FROM audit_events WHERE chain_seq IS NULL) THEN
    RAISE EXCEPTION 'the audit chain is keyed: append through the application (audit_enter)'
      USING ERRCODE = 'object_not_in_prerequisite_state';
  END IF;
  v_id := nextval('audit_events_id_seq');
  v_hash := audit_hash(h.last_hash, v_id, v_at, p_user, p_username, p_org, p_action, p_target_type,
                       p_target_id, p_result, p_ip, p_changes);
  INSERT INTO audit_events(id, occurred_at, user_id, username, organization_id, action, target_type,
                           target_id, result, ip, changes, prev_hash, hash, chain_seq)
  VALUES (v_id, v_at, p_user, p_username, p_org, p_action, p_target_type, p_target_id, p_result,
          p_ip, p_changes, h.last_hash, v_hash, h.last_seq + 1);
  UPDATE audit_chain_head SET last_id = v_id, last_hash = v_hash, last_seq = h.last_seq + 1 WHERE id = 1;
  RETURN v_id;
END $$;

DROP FUNCTION audit_chain_state();
CREATE FUNCTION audit_chain_state(
  OUT last_id bigint, OUT last_hash text, OUT last_mac text, OUT anchored_from bigint,
  OUT last_seq bigint, OUT base_seq bigint, OUT base_id bigint, OUT base_hash text,
  OUT base_mac text, OUT unchained bigint, OUT quarantined bigint
) LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT h.last_id, h.last_hash, h.last_mac, h.anchored_from, h.last_seq, h.base_seq, h.base_id,
         h.base_hash, h.base_mac,
         (SELECT count(*) FROM audit_events e WHERE e.chain_seq IS NULL AND NOT e.quarantined),
         (SELECT count(*) FROM audit_events e WHERE e.quarantined)
  FROM audit_chain_head h WHERE h.id = 1
$$;

-- The raw chain in chain order after a chain position, for the application's verification.
DROP FUNCTION audit_chain_rows(bigint, integer);
CREATE FUNCTION audit_chain_rows(p_after_seq bigint, p_limit integer)
RETURNS TABLE (
  seq bigint, id bigint, at_us text, user_id uuid, username text, organization_id uuid,
  action text, target_type text, target_id text, result text, ip text, changes text,
  prev_hash text, hash text, mac text
) LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF NOT app_is_auditor() THEN
    RAISE EXCEPTION 'only the audit administrator may verify the trail' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN QUERY
    SELECT e.chain_seq, e.id, ((extract(epoch FROM e.occurred_at) * 1000000)::bigint)::text,
           e.user_id, e.username::text, e.organization_id, e.action::text, e.target_type::text,
           e.target_id::text, e.result::text, e.ip::text, e.changes::text, e.prev_hash, e.hash, e.mac
    FROM audit_events e
    WHERE e.chain_seq > p_after_seq
    ORDER BY e.chain_seq
    LIMIT least(p_limit, 10000);
END $$;

-- The database's own sha256 walk, now in chain order from the base.
CREATE OR REPLACE FUNCTION audit_verify(OUT ok boolean, OUT checked bigint, OUT first_broken_id bigint)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  r record;
  v_head record;
  v_prev text;
BEGIN
  IF NOT app_is_auditor() THEN
    RAISE EXCEPTION 'only the audit administrator may verify the trail' USING ERRCODE = 'insufficient_privilege';
  END IF;
  SELECT * INTO v_head FROM audit_chain_head WHERE id = 1;
  v_prev := v_head.base_hash;
  ok := true; checked := 0; first_broken_id := NULL;
  FOR r IN SELECT * FROM audit_events WHERE chain_seq IS NOT NULL ORDER BY chain_seq LOOP
    checked := checked + 1;
    IF r.prev_hash <> v_prev OR r.hash <> audit_hash(r.prev_hash, r.id, r.occurred_at, r.user_id,
        r.username, r.organization_id, r.action, r.target_type, r.target_id, r.result, r.ip, r.changes) THEN
      ok := false; first_broken_id := r.id; RETURN;
    END IF;
    v_prev := r.hash;
  END LOOP;
  IF v_head.last_hash <> v_prev THEN
    ok := false; first_broken_id := v_head.last_id;
  END IF;
END $$;

-- Retention. Deletes the chain up to p_through_seq, only events older than the retention, never
-- less than 180 days (网络安全法 第21条), whatever the caller asks. The last deleted event becomes
-- the chain's base (its hash and MAC stay on the head row).
CREATE FUNCTION audit_purge(p_through_seq bigint, p_keep_days integer)
RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  h record;
  b record;
  v_young bigint;
  v_deleted bigint;
BEGIN
  IF p_keep_days IS NULL OR p_keep_days < 180 THEN
    RAISE EXCEPTION 'audit events are kept at least 180 days (asked: % days)', p_keep_days
      USING ERRCODE = 'check_violation';
  END IF;
  SELECT * INTO h FROM audit_chain_head WHERE id = 1 FOR UPDATE;
  IF p_through_seq <= h.base_seq THEN RETURN 0; END IF;
  IF p_through_seq > h.last_seq THEN
    RAISE EXCEPTION 'audit_purge beyond the chain head' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  SELECT min(e.id) INTO v_young FROM audit_events e
  WHERE e.chain_seq > h.base_seq AND e.chain_seq <= p_through_seq
    AND e.occurred_at >= now() - make_interval(days => p_keep_days);
  IF v_young IS NOT NULL THEN
    RAISE EXCEPTION 'audit event % is younger than the retention of % days: not purged', v_young, p_keep_days
      USING ERRCODE = 'check_violation';
  END IF;
  SELECT e.id, e.hash, e.mac INTO b FROM audit_events e WHERE e.chain_seq = p_through_seq;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'audit_purge: no event at position %', p_through_seq
      USING ERRCODE = 'object_not_in_prerequisite_state';
  END IF;
  DELETE FROM audit_events e WHERE e.chain_seq > h.base_seq AND e.chain_seq <= p_through_seq;
  GET DIAGNOSTICS v_deleted = ROW_COUNT;
  UPDATE audit_chain_head
  SET base_seq = p_through_seq, base_id = b.id, base_hash = b.hash, base_mac = b.mac
  WHERE id = 1;
  RETURN v_deleted;
END $$;

-- The purge boundary: the last chain position such that it and every event before it are older
-- than the cutoff (0 when none). Read-only, for the retention job.
CREATE FUNCTION audit_purgeable(p_keep_days integer, OUT through_seq bigint, OUT through_id bigint,
                                OUT through_hash text, OUT through_mac text, OUT events bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
DECLARE
  h record;
  v_first_young bigint;
BEGIN
  SELECT * INTO h FROM audit_chain_head WHERE id = 1;
  SELECT min(e.chain_seq) INTO v_first_young FROM audit_events e
  WHERE e.chain_seq > h.base_seq AND e.occurred_at >= now() - make_interval(days => greatest(p_keep_days, 180));
  through_seq := coalesce(v_first_young - 1, h.last_seq);
  IF through_seq <= h.base_seq THEN
    through_seq := h.base_seq; events := 0; RETURN;
  END IF;
  SELECT e.id, e.hash, e.mac INTO through_id, through_hash, through_mac
  FROM audit_events e WHERE e.chain_seq = through_seq;
  events := through_seq - h.base_seq;
END $$;
`);
    // Audit administrators read the audit alerts among the notifications (and nothing else of them).
    await q.query(`
DROP POLICY IF EXISTS notifications_no_duty_accounts ON notifications;
CREATE POLICY notifications_no_duty_accounts ON notifications AS RESTRICTIVE
  USING (NOT (SELECT app_is_duty_account())
         OR (kind = 'AUDIT_ALERT' AND 'AUDITOR' = ANY (coalesce((SELECT app_user_roles()), '{}'))))
  WITH CHECK (NOT (SELECT app_is_duty_account())
         OR (kind = 'AUDIT_ALERT' AND 'AUDITOR' = ANY (coalesce((SELECT app_user_roles()), '{}'))));
`);
  }

  async down(): Promise<void> {
    throw new Error('AuditChainer1796130512318 cannot be reverted: restore a backup instead');
  }
}

import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { col, rowShape, select, selectOne, type RowOf } from '@sunshine/api/core';

const ChainRow = rowShape({
  /** Position in the chain (commit order as chained). */
  seq: col.text,
  id: col.text,
  at_us: col.text,
  user_id: col.uuid.nullable,
  username: col.text.nullable,
  organization_id: col.uuid.nullable,
  action: col.text,
  target_type: col.text.nullable,
  target_id: col.text.nullable,
  result: col.text,
  ip: col.text.nullable,
  /** The jsonb text exactly as the database's hash function sees it. */
  changes: col.text.nullable,
  prev_hash: col.text,
  hash: col.text,
  mac: col.text.nullable,
});
export type AuditChainRow = RowOf<typeof ChainRow>;

const StateRow = rowShape({
  last_id: col.text,
  last_hash: col.text,
  last_mac: col.text.nullable,
  anchored_from: col.text.nullable,
  last_seq: col.text,
  /** The chain's base after a retention purge (0 / null / zero hash before any). */
  base_seq: col.text,
  base_id: col.text.nullable,
  base_hash: col.text,
  base_mac: col.text.nullable,
  /** Events entered but not chained yet, and events refused by the chainer. */
  unchained: col.int,
  quarantined: col.int,
});
export type AuditChainStateRow = RowOf<typeof StateRow>;

const PurgeableRow = rowShape({
  through_seq: col.text,
  through_id: col.text.nullable,
  through_hash: col.text.nullable,
  through_mac: col.text.nullable,
  events: col.int,
});
export type AuditPurgeableRow = RowOf<typeof PurgeableRow>;
const PurgedRow = rowShape({ deleted: col.int });

const ExportRow = rowShape({
  seq: col.text.nullable,
  id: col.text,
  occurred_at: col.text,
  user_id: col.uuid.nullable,
  username: col.text.nullable,
  organization_id: col.uuid.nullable,
  action: col.text,
  target_type: col.text.nullable,
  target_id: col.text.nullable,
  result: col.text,
  ip: col.text.nullable,
  changes: col.text.nullable,
  prev_hash: col.text.nullable,
  hash: col.text.nullable,
  mac: col.text.nullable,
});
export type AuditExportRow = RowOf<typeof ExportRow>;

/**
 * The raw chain for verification in the application, through core's SECURITY DEFINER functions
 * (every event, whatever the caller's scope; only a transaction with the auditor flag may).
 */
@Injectable()
export class AuditChainRepository {
  /** The chain head row: last id, hash and MAC, and the first keyed event. */
  state(m: EntityManager): Promise<AuditChainStateRow | null> {
    return selectOne(
      m,
      StateRow,
      `SELECT last_id::text AS last_id, last_hash, last_mac, anchored_from::text AS anchored_from,
              last_seq::text AS last_seq, base_seq::text AS base_seq, base_id::text AS base_id,
              base_hash, base_mac, unchained::int AS unchained, quarantined::int AS quarantined
       FROM audit_chain_state()`,
    );
  }

  /** The next events after chain position `afterSeq`, in chain order. */
  rows(m: EntityManager, afterSeq: string, limit: number): Promise<AuditChainRow[]> {
    return select(
      m,
      ChainRow,
      `SELECT seq::text AS seq, id::text AS id, at_us, user_id, username, organization_id, action,
              target_type, target_id, result, ip, changes, prev_hash, hash, mac
       FROM audit_chain_rows($1, $2)`,
      [afterSeq, limit],
    );
  }

  /** Where a purge with this retention would end (read-only). */
  purgeable(m: EntityManager, keepDays: number): Promise<AuditPurgeableRow | null> {
    return selectOne(
      m,
      PurgeableRow,
      `SELECT through_seq::text AS through_seq, through_id::text AS through_id, through_hash,
              through_mac, events::int AS events
       FROM audit_purgeable($1)`,
      [keepDays],
    );
  }

  /** Deletes the chain up to `throughSeq`; the database refuses events younger than the retention. */
  async purge(m: EntityManager, throughSeq: string, keepDays: number): Promise<number> {
    const row = await selectOne(m, PurgedRow, 'SELECT audit_purge($1, $2)::int AS deleted', [
      throughSeq,
      keepDays,
    ]);
    return row?.deleted ?? 0;
  }

  /**
   * Events of the audit trail the transaction may read (auditor flag and scope, by RLS), in
   * chain order (unchained ones last), for the export.
   */
  exportRows(
    m: EntityManager,
    q: {
      from?: Date;
      to?: Date;
      action?: string;
      visibleOrgIds: string[] | null;
      limit: number;
    },
  ): Promise<AuditExportRow[]> {
    return select(
      m,
      ExportRow,
      `SELECT e.chain_seq::text AS seq, e.id::text AS id,
              to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS occurred_at,
              e.user_id, e.username, e.organization_id, e.action, e.target_type, e.target_id,
              e.result, e.ip, e.changes::text AS changes, e.prev_hash, e.hash, e.mac
       FROM audit_events e
       WHERE ($1::timestamptz IS NULL OR e.occurred_at >= $1)
         AND ($2::timestamptz IS NULL OR e.occurred_at < $2)
         AND ($3::uuid[] IS NULL OR e.organization_id = ANY ($3::uuid[]) OR e.organization_id IS NULL)
         AND ($5::text IS NULL OR e.action = $5)
       ORDER BY e.chain_seq NULLS LAST, e.id
       LIMIT $4`,
      [q.from ?? null, q.to ?? null, q.visibleOrgIds, q.limit, q.action ?? null],
    );
  }
}

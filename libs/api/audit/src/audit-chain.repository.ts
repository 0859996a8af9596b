import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { col, rowShape, select, selectOne, type RowOf } from '@sunshine/api/core';

const ChainRow = rowShape({
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
});
export type AuditChainStateRow = RowOf<typeof StateRow>;

/** Lower than any id: the walk starts below every event, whatever ids the table holds. */
export const BEFORE_FIRST_EVENT = '-9223372036854775808';

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
      `SELECT last_id::text AS last_id, last_hash, last_mac, anchored_from::text AS anchored_from
       FROM audit_chain_state()`,
    );
  }

  /** The next events after `after`, in id order. */
  rows(m: EntityManager, after: string, limit: number): Promise<AuditChainRow[]> {
    return select(
      m,
      ChainRow,
      `SELECT id::text AS id, at_us, user_id, username, organization_id, action, target_type,
              target_id, result, ip, changes, prev_hash, hash, mac
       FROM audit_chain_rows($1, $2)`,
      [after, limit],
    );
  }
}

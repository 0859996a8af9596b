import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { col, rowShape, select, selectOne, type RowOf } from '@sunshine/api/core';

const anyJson = (v: unknown): v is unknown => v !== undefined;

const EventRow = rowShape({
  id: col.text,
  occurred_at: col.date,
  user_id: col.uuid.nullable,
  username: col.text.nullable,
  organization_id: col.uuid.nullable,
  organization_name: col.text.nullable,
  action: col.text,
  target_type: col.text.nullable,
  target_id: col.text.nullable,
  result: col.text,
  ip: col.text.nullable,
  changes: col.json('jsonb', anyJson).nullable,
  hash: col.text,
  total: col.int,
});
export type AuditEventRow = RowOf<typeof EventRow>;

const VerifyRow = rowShape({
  ok: col.bool,
  checked: col.int,
  first_broken_id: col.text.nullable,
});
export type AuditVerifyRow = RowOf<typeof VerifyRow>;
const TopRow = rowShape({ top: col.bool });

export interface AuditEventQuery {
  from?: Date;
  to?: Date;
  userId?: string;
  organizationId?: string;
  action?: string;
  /** Code-level tenancy filter (null: RLS alone); events without an organisation stay visible. */
  visibleOrgIds: string[] | null;
  limit: number;
  offset: number;
}

/**
 * Reading the audit trail (written only by core's audit writer, through audit_append()).
 * Organisation names come from the organisations' published `org_units` view.
 */
@Injectable()
export class AuditEventsRepository {
  /** One page of events, newest first; every row carries the total count. */
  list(m: EntityManager, q: AuditEventQuery): Promise<AuditEventRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown): void => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (q.from) add('e.occurred_at >= ?', q.from);
    if (q.to) add('e.occurred_at < ?', q.to);
    if (q.userId) add('e.user_id = ?', q.userId);
    if (q.organizationId) add('e.organization_id = ?', q.organizationId);
    if (q.action) add('e.action = ?', q.action);
    if (q.visibleOrgIds)
      add('(e.organization_id = ANY(?) OR e.organization_id IS NULL)', q.visibleOrgIds);
    params.push(q.limit, q.offset);
    return select(
      m,
      EventRow,
      `SELECT e.id, e.occurred_at, e.user_id, e.username, e.organization_id, o.name AS organization_name,
              e.action, e.target_type, e.target_id, e.result, e.ip, e.changes,
              coalesce(e.hash, '') AS hash, count(*) OVER () AS total
       FROM audit_events e LEFT JOIN org_units o ON o.id = e.organization_id
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY e.id DESC LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
  }

  /** Walks the whole hash chain (only a transaction with the auditor flag may). */
  verify(m: EntityManager): Promise<AuditVerifyRow | null> {
    return selectOne(m, VerifyRow, 'SELECT ok, checked, first_broken_id FROM audit_verify()');
  }

  /** Whether the transaction's scope includes a top organisation (the chain's whole reader). */
  async scopeHasTop(m: EntityManager): Promise<boolean> {
    const row = await selectOne(m, TopRow, 'SELECT app_scope_has_top() AS top');
    return row?.top ?? false;
  }

  /**
   * Recomputes the hash of each chained event of the scope's organisations that the transaction
   * may read (RLS: the auditor flag and the scope), without walking or counting the rest of the
   * chain; a quarantined event (refused by the chainer: inserted or edited without the key before
   * it was chained) counts as broken.
   */
  async verifyWithin(m: EntityManager, visibleOrgIds: string[] | null): Promise<AuditVerifyRow> {
    const row = await selectOne(
      m,
      VerifyRow,
      `SELECT bool_and(ok) IS NOT FALSE AS ok, count(*)::int AS checked,
              (min(id) FILTER (WHERE NOT ok))::text AS first_broken_id
       FROM (SELECT e.id, NOT e.quarantined
                      AND e.hash = audit_hash(e.prev_hash, e.id, e.occurred_at, e.user_id, e.username,
                      e.organization_id, e.action, e.target_type, e.target_id, e.result, e.ip, e.changes) AS ok
             FROM audit_events e
             WHERE e.organization_id IS NOT NULL AND (e.chain_seq IS NOT NULL OR e.quarantined)
               AND ($1::uuid[] IS NULL OR e.organization_id = ANY($1::uuid[]))) checked`,
      [visibleOrgIds],
    );
    return row ?? { ok: true, checked: 0, first_broken_id: null };
  }
}

import { Injectable } from '@nestjs/common';
import { AppError, TenantDatabase, type Scope } from '@sunshine/api/core';
import type {
  AuditEventDto,
  AuditEventsFilterInput,
  AuditVerificationDto,
} from './dtos/audit-event.dto';

interface EventRow {
  id: string;
  occurred_at: Date;
  user_id: string | null;
  username: string | null;
  organization_id: string | null;
  organization_name: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  result: string;
  ip: string | null;
  changes: unknown;
  hash: string;
  total: string;
}

/** Reading and verifying the audit trail: AUDITOR only (RLS also requires the auditor flag). */
@Injectable()
export class AuditEventsService {
  constructor(private readonly db: TenantDatabase) {}

  async list(
    scope: Scope,
    filter: AuditEventsFilterInput = {},
  ): Promise<{ items: AuditEventDto[]; total: number }> {
    if (filter.organizationId) await this.db.assertVisible(scope, filter.organizationId);
    const visible = await this.db.visibleOrgIds(scope);
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown): void => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.from) add('e.occurred_at >= ?', filter.from);
    if (filter.to) add('e.occurred_at < ?', filter.to);
    if (filter.userId) add('e.user_id = ?', filter.userId);
    if (filter.organizationId) add('e.organization_id = ?', filter.organizationId);
    if (filter.action) add('e.action = ?', filter.action);
    if (visible) add('(e.organization_id = ANY(?) OR e.organization_id IS NULL)', visible);
    params.push(filter.limit ?? 50, filter.offset ?? 0);
    const sql = `
      SELECT e.id, e.occurred_at, e.user_id, e.username, e.organization_id, o.name AS organization_name,
             e.action, e.target_type, e.target_id, e.result, e.ip, e.changes, e.hash, count(*) OVER () AS total
      FROM audit_events e LEFT JOIN organizations o ON o.id = e.organization_id
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY e.id DESC LIMIT $${params.length - 1} OFFSET $${params.length}`;
    const rows = (await this.db.run(scope, (m) => m.query(sql, params))) as EventRow[];
    return {
      total: rows.length ? Number(rows[0].total) : 0,
      items: rows.map((r) => ({
        id: String(r.id),
        occurredAt: r.occurred_at,
        userId: r.user_id,
        username: r.username,
        organizationId: r.organization_id,
        organizationName: r.organization_name,
        action: r.action,
        targetType: r.target_type,
        targetId: r.target_id,
        result: r.result,
        ip: r.ip,
        changes: r.changes === null || r.changes === undefined ? null : JSON.stringify(r.changes),
        hash: r.hash,
      })),
    };
  }

  async verify(scope: Scope): Promise<AuditVerificationDto> {
    const [row] = (await this.db.run(scope, (m) =>
      m.query('SELECT * FROM audit_verify()'),
    )) as Array<{
      ok: boolean;
      checked: string;
      first_broken_id: string | null;
    }>;
    if (!row) throw AppError.forbidden();
    return {
      ok: row.ok,
      checked: Number(row.checked),
      firstBrokenId: row.first_broken_id === null ? null : String(row.first_broken_id),
    };
  }
}

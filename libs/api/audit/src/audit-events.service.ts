import { Injectable } from '@nestjs/common';
import { AppError, TenantDatabase, type Scope } from '@sunshine/api/core';
import type {
  AuditEventDto,
  AuditEventsFilterInput,
  AuditVerificationDto,
} from './dtos/audit-event.dto';
import { AuditEventsRepository } from './audit-events.repository';

/** Reading and verifying the audit trail: AUDITOR only (RLS also requires the auditor flag). */
@Injectable()
export class AuditEventsService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly repo: AuditEventsRepository,
  ) {}

  async list(
    scope: Scope,
    filter: AuditEventsFilterInput = {},
  ): Promise<{ items: AuditEventDto[]; total: number }> {
    if (filter.organizationId) await this.db.assertVisible(scope, filter.organizationId);
    const visible = await this.db.visibleOrgIds(scope);
    const rows = await this.db.run(scope, (m) =>
      this.repo.list(m, {
        from: filter.from,
        to: filter.to,
        userId: filter.userId,
        organizationId: filter.organizationId,
        action: filter.action,
        visibleOrgIds: visible,
        limit: filter.limit ?? 50,
        offset: filter.offset ?? 0,
      }),
    );
    return {
      total: rows[0]?.total ?? 0,
      items: rows.map((r) => ({
        id: r.id,
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
    const row = await this.db.run(scope, (m) => this.repo.verify(m));
    if (!row) throw AppError.forbidden();
    return { ok: row.ok, checked: row.checked, firstBrokenId: row.first_broken_id };
  }
}

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

  /**
   * The province (top) auditor verifies the whole chain. An auditor below it gets an answer about
   * its own organisations' events only (each event's hash recomputed), never the chain's size or
   * the state of events outside its scope; the chain's continuity is the top auditor's to check.
   */
  async verify(scope: Scope): Promise<AuditVerificationDto> {
    const visible = await this.db.visibleOrgIds(scope);
    return this.db.run(scope, async (m) => {
      const wholeChain = await this.repo.scopeHasTop(m);
      const row = wholeChain ? await this.repo.verify(m) : await this.repo.verifyWithin(m, visible);
      if (!row) throw AppError.forbidden();
      return { ok: row.ok, checked: row.checked, firstBrokenId: row.first_broken_id, wholeChain };
    });
  }
}

import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Scope } from '../tenancy/scope';

export type AuditResult = 'SUCCESS' | 'FAILURE';

export interface AuditEventInput {
  action: string;
  targetType?: string;
  targetId?: string;
  result?: AuditResult;
  /** What changed: { before, after } or any small JSON detail. Never passwords or tokens. */
  changes?: Record<string, unknown>;
  /** Defaults to the scope's own organisation. */
  organizationId?: string | null;
}

/**
 * Appends hash-chained audit events inside the caller's transaction, so a business change
 * and its event are written together or not at all.
 */
@Injectable()
export class AuditTrail {
  async record(
    manager: EntityManager,
    actor: Pick<Scope, 'userId' | 'username' | 'organizationId' | 'ip'> | null,
    event: AuditEventInput,
  ): Promise<void> {
    const organizationId =
      event.organizationId === undefined ? (actor?.organizationId ?? null) : event.organizationId;
    await manager.query('SELECT audit_append($1, $2, $3, $4, $5, $6, $7, $8, $9)', [
      actor?.userId ?? null,
      actor?.username ?? null,
      organizationId,
      event.action,
      event.targetType ?? null,
      event.targetId ?? null,
      event.result ?? 'SUCCESS',
      actor?.ip ?? null,
      event.changes ? JSON.stringify(event.changes) : null,
    ]);
  }
}

import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuditAction, AuditTarget } from '@sunshine/shared/domain';
import type { Scope } from '../tenancy/scope';
import { appendAuditEvent } from './audit-append';
import { AuditKeyring } from './audit-keys';

export type AuditResult = 'SUCCESS' | 'FAILURE';

export interface AuditEventInput {
  /** A code of the shared table (libs/shared/domain audit-actions.ts), which names it in Chinese. */
  action: AuditAction;
  targetType?: AuditTarget;
  targetId?: string;
  result?: AuditResult;
  /** What changed: { before, after } or any small JSON detail. Never passwords or tokens. */
  changes?: Record<string, unknown>;
  /** Defaults to the scope's own organisation. */
  organizationId?: string | null;
}

/**
 * Appends hash-chained, keyed audit events inside the caller's transaction, so a business change
 * and its event are written together or not at all (see audit-append.ts for the keyed chain).
 */
@Injectable()
export class AuditTrail {
  constructor(private readonly keyring: AuditKeyring) {}

  async record(
    manager: EntityManager,
    actor: Pick<Scope, 'userId' | 'username' | 'organizationId' | 'ip'> | null,
    event: AuditEventInput,
  ): Promise<void> {
    const organizationId =
      event.organizationId === undefined ? (actor?.organizationId ?? null) : event.organizationId;
    await appendAuditEvent(manager, this.keyring, {
      userId: actor?.userId ?? null,
      username: actor?.username ?? null,
      organizationId,
      action: event.action,
      targetType: event.targetType ?? null,
      targetId: event.targetId ?? null,
      result: event.result ?? 'SUCCESS',
      ip: actor?.ip ?? null,
      changes: event.changes ?? null,
    });
  }
}

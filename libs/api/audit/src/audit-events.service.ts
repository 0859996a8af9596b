import { Injectable } from '@nestjs/common';
import {
  AppError,
  AuditCheckpoints,
  AuditKeyring,
  AuditTrail,
  ErrorCode,
  logError,
  TenantDatabase,
  type AuditCheckpoint,
  type Scope,
} from '@sunshine/api/core';
import type {
  AuditEventDto,
  AuditEventsFilterInput,
  AuditVerificationDto,
} from './dtos/audit-event.dto';
import { AuditEventsRepository } from './audit-events.repository';
import { AuditChainRepository, BEFORE_FIRST_EVENT } from './audit-chain.repository';
import { ChainWalk } from './audit-chain-verifier';
import { AuditTargetNames } from './audit-target-names';
import { auditActionName } from '@sunshine/shared/domain';

/** Events read per statement while verifying. */
const VERIFY_BATCH = 5_000;
/** Head re-reads while events keep arriving during a verification. */
const CATCH_UP_ROUNDS = 5;

/** Reading and verifying the audit trail: AUDITOR only (RLS also requires the auditor flag). */
@Injectable()
export class AuditEventsService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly repo: AuditEventsRepository,
    private readonly chain: AuditChainRepository,
    private readonly keyring: AuditKeyring,
    private readonly checkpoints: AuditCheckpoints,
    private readonly audit: AuditTrail,
    private readonly targets: AuditTargetNames,
  ) {}

  async list(
    scope: Scope,
    filter: AuditEventsFilterInput = {},
  ): Promise<{ items: AuditEventDto[]; total: number }> {
    if (filter.organizationId) await this.db.assertVisible(scope, filter.organizationId);
    const visible = await this.db.visibleOrgIds(scope);
    const { rows, targets } = await this.db.run(scope, async (m) => {
      const rows = await this.repo.list(m, {
        from: filter.from,
        to: filter.to,
        userId: filter.userId,
        organizationId: filter.organizationId,
        action: filter.action,
        targetType: filter.targetType,
        targetId: filter.targetId,
        visibleOrgIds: visible,
        limit: filter.limit ?? 50,
        offset: filter.offset ?? 0,
      });
      return { rows, targets: await this.targets.name(m, rows) };
    });
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
        actionLabel: auditActionName(r.action),
        target: targets.get(r.id) ?? null,
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
   * The province (top) auditor verifies the whole chain: it is recomputed in the application with
   * the audit key (never held by the database) and compared with the signed checkpoints kept
   * outside the database (see ChainWalk). An auditor below the top gets an answer about its own
   * organisations' events only (each event's hash recomputed), never the chain's size or the state
   * of events outside its scope; the chain's continuity is the top auditor's to check.
   */
  async verify(scope: Scope): Promise<AuditVerificationDto> {
    const visible = await this.db.visibleOrgIds(scope);
    const wholeChain = await this.db.run(scope, (m) => this.repo.scopeHasTop(m));
    if (!wholeChain) {
      return this.db.run(scope, async (m) => {
        const row = await this.repo.verifyWithin(m, visible);
        if (!row) throw AppError.forbidden();
        return {
          ok: row.ok,
          checked: row.checked,
          firstBrokenId: row.first_broken_id,
          wholeChain: false,
          anchoredFromId: null,
          checkpoints: 0,
          lastCheckpointAt: null,
          reason: row.ok ? null : '本单位范围内的事件与其哈希不符',
        };
      });
    }
    const log = await this.checkpoints.read();
    return this.db.run(scope, async (m) => {
      let head = await this.chain.state(m);
      if (!head) throw AppError.forbidden();
      const walk = new ChainWalk(this.keyring, log);
      let after = BEFORE_FIRST_EVENT;
      // Events committed while the walk runs are walked too, then the head is read again.
      for (let round = 0; round < CATCH_UP_ROUNDS && !walk.done; round++) {
        for (;;) {
          const rows = await this.chain.rows(m, after, VERIFY_BATCH);
          for (const r of rows) if (!walk.push(r)) break;
          if (walk.done || rows.length < VERIFY_BATCH) break;
          after = rows.at(-1)?.id ?? after;
        }
        after = walk.lastId ?? after;
        const now = await this.chain.state(m);
        if (!now) throw AppError.forbidden();
        const caughtUp = head.last_id === now.last_id;
        head = now;
        if (caughtUp) break;
      }
      return { ...walk.finish(head), wholeChain: true };
    });
  }

  /**
   * A signed checkpoint of the chain head now, written outside the database, then audited. The
   * head is read before the event is written, so the checkpoint names only committed events.
   */
  async anchor(scope: Scope): Promise<AuditCheckpoint> {
    return this.db.run(scope, async (m) => {
      let checkpoint: AuditCheckpoint | null;
      try {
        checkpoint = await this.checkpoints.anchor(m, 'manual');
      } catch (error) {
        logError('[audit-checkpoints] checkpoint failed', error);
        throw new AppError(
          ErrorCode.SERVICE_UNAVAILABLE,
          'AUDIT_CHECKPOINT_UNWRITABLE',
          '检查点写入失败，请联系运维人员检查检查点目录',
        );
      }
      if (!checkpoint) throw AppError.badInput('AUDIT_NOT_KEYED', '审计链中还没有签名的事件');
      await this.audit.record(m, scope, {
        action: 'AUDIT_ANCHOR',
        targetType: 'AuditTrail',
        targetId: checkpoint.seq,
        changes: { seq: checkpoint.seq, at: checkpoint.at },
      });
      return checkpoint;
    });
  }
}

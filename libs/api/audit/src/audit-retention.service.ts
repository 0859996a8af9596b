import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import {
  APP_CONFIG,
  AuditChainer,
  AuditCheckpoints,
  AuditTrail,
  JobQueue,
  MIN_AUDIT_RETENTION_DAYS,
  NotificationSink,
  OrgDirectory,
  systemScope,
  TenantDatabase,
  type AppConfig,
  type AuditCheckpoint,
  type Scope,
} from '@sunshine/api/core';
import { Role } from '@sunshine/shared/domain';
import { AuditChainRepository } from './audit-chain.repository';
import { AuditEventsService } from './audit-events.service';
import type { AuditVerificationDto } from './dtos/audit-event.dto';

export const AUDIT_PURGE_JOB = 'audit.purge';
export const AUDIT_VERIFY_JOB = 'audit.verify';

export interface PurgeResult {
  deleted: number;
  /** The last purged event (the chain's new base), null when nothing was old enough. */
  throughId: string | null;
  checkpoint: AuditCheckpoint | null;
}

/**
 * Retention of the audit trail (网络安全法 第21条: at least 180 days; AUDIT_RETENTION_DAYS, 3 years
 * by default) and its nightly verification, both scheduled on the job queue.
 *
 * Purge: everything committed is chained first; the boundary is the last event such that it and
 * every event before it in the chain are older than the retention. A signed checkpoint of that
 * event (reason "purge") is written outside the database first, then `audit_purge()` deletes the
 * prefix (refusing, in the database, any event younger than the retention or 180 days) and keeps
 * the boundary's hash and MAC as the chain's base; the purge itself is audited. Verification then
 * starts from the base, which must match a signed purge checkpoint. Idempotent: a second run finds
 * nothing old enough; a run that stopped after its checkpoint writes another and purges.
 *
 * Verification: the whole chain is verified as the system (with the auditor flag); a failure is
 * sent to the audit administrators of every top organisation as an AUDIT_ALERT notification (one
 * a day per broken event).
 */
@Injectable()
export class AuditRetention implements OnModuleInit {
  constructor(
    private readonly jobs: JobQueue,
    private readonly db: TenantDatabase,
    private readonly orgs: OrgDirectory,
    private readonly chain: AuditChainRepository,
    private readonly chainer: AuditChainer,
    private readonly checkpoints: AuditCheckpoints,
    private readonly audit: AuditTrail,
    private readonly events: AuditEventsService,
    private readonly notifications: NotificationSink,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      name: AUDIT_PURGE_JOB,
      cron: this.config.audit.purgeCron,
      retryLimit: 3,
      handler: async () => {
        await this.purge();
      },
    });
    this.jobs.register({
      name: AUDIT_VERIFY_JOB,
      cron: this.config.audit.verifyCron,
      retryLimit: 2,
      handler: async () => {
        await this.verifyAndAlert();
      },
    });
  }

  private async scope(auditor: boolean): Promise<Scope | null> {
    const tops = await this.orgs.topIds();
    if (tops.length === 0) return null;
    const s = systemScope(tops);
    return auditor ? { ...s, roles: [Role.AUDITOR] } : s;
  }

  /** Purges what is older than the retention (never less than 180 days). */
  async purge(keepDays: number = this.config.audit.retentionDays): Promise<PurgeResult> {
    if (keepDays < MIN_AUDIT_RETENTION_DAYS) {
      throw new Error(`audit events are kept at least ${MIN_AUDIT_RETENTION_DAYS} days`);
    }
    const scope = await this.scope(false);
    if (!scope) return { deleted: 0, throughId: null, checkpoint: null };
    await this.chainer.flush();
    const { boundary, state } = await this.db.run(scope, async (m) => ({
      boundary: await this.chain.purgeable(m, keepDays),
      state: await this.chain.state(m),
    }));
    if (!boundary || boundary.events === 0 || !boundary.through_id || !boundary.through_hash) {
      return { deleted: 0, throughId: null, checkpoint: null };
    }
    // Outside the database first: the base verification will start from.
    const checkpoint = await this.checkpoints.write({
      seq: boundary.through_id,
      mac: boundary.through_mac ?? `hash:${boundary.through_hash}`,
      from: state?.anchored_from ?? boundary.through_id,
      at: new Date().toISOString(),
      reason: 'purge',
    });
    const deleted = await this.db.run(scope, async (m) => {
      const n = await this.chain.purge(m, boundary.through_seq, keepDays);
      await this.audit.record(m, scope, {
        action: 'AUDIT_PURGE',
        targetType: 'AuditTrail',
        targetId: boundary.through_id ?? undefined,
        organizationId: null,
        changes: { throughId: boundary.through_id, deleted: n, keepDays },
      });
      return n;
    });
    return { deleted, throughId: boundary.through_id, checkpoint };
  }

  /** Verifies the whole chain; on failure, notifies the audit administrators. */
  async verifyAndAlert(): Promise<AuditVerificationDto | null> {
    const scope = await this.scope(true);
    if (!scope) return null;
    const verdict = await this.events.verify(scope);
    if (verdict.ok) return verdict;
    const day = new Date().toISOString().slice(0, 10);
    await this.db.run({ ...scope, roles: [] }, (m) =>
      this.notifications.notify(
        m,
        scope.rootOrgIds.map((organizationId) => ({
          organizationId,
          kind: 'AUDIT_ALERT' as const,
          title: '审计日志完整性校验未通过',
          body: `夜间校验发现审计日志可能被篡改：${verdict.reason ?? '原因未知'}${
            verdict.firstBrokenId ? `（首个异常事件 ${verdict.firstBrokenId}）` : ''
          }。请立即在“审计日志”页面核查，并保全签名检查点文件。`,
          link: '/admin/audit',
          dedupeKey: `audit-verify:${day}:${verdict.firstBrokenId ?? 'none'}`,
        })),
      ),
    );
    return verdict;
  }
}

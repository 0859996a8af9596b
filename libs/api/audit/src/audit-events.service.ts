import { Injectable } from '@nestjs/common';
import {
  AppError,
  AuditChainer,
  AuditCheckpoints,
  AuditKeyring,
  AuditTrail,
  ErrorCode,
  logError,
  TenantDatabase,
  type AuditCheckpoint,
  type Scope,
} from '@sunshine/api/core';
import {
  AUDIT_EXPORT_MAX,
  AuditExportFormat,
  type AuditEventDto,
  type AuditEventsFilterInput,
  type AuditExportDto,
  type AuditExportInput,
  type AuditVerificationDto,
} from './dtos/audit-event.dto';
import { AuditEventsRepository } from './audit-events.repository';
import { AuditChainRepository, type AuditExportRow } from './audit-chain.repository';
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
    private readonly chainer: AuditChainer,
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
    // Everything committed so far is chained first; what commits during the walk is walked too.
    await this.chainer.flush();
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
      const walk = new ChainWalk(this.keyring, log, { hash: head.base_hash, mac: head.base_mac });
      let after = head.base_seq;
      // Events chained while the walk runs are walked too, then the head is read again.
      for (let round = 0; round < CATCH_UP_ROUNDS && !walk.done; round++) {
        for (;;) {
          const rows = await this.chain.rows(m, after, VERIFY_BATCH);
          for (const r of rows) if (!walk.push(r)) break;
          if (walk.done || rows.length < VERIFY_BATCH) break;
          after = rows.at(-1)?.seq ?? after;
        }
        after = walk.lastSeq ?? after;
        const now = await this.chain.state(m);
        if (!now) throw AppError.forbidden();
        const caughtUp = head.last_seq === now.last_seq;
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
    await this.chainer.flush();
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

  /**
   * The trail as a file, for the audit administrator: every event it may read (by RLS and scope)
   * in chain order, with its chain position, hashes and MAC, so that the file can be checked
   * offline; at most AUDIT_EXPORT_MAX events per file. The export is itself audited, in the same
   * transaction (AUDIT_EXPORT).
   */
  async export(scope: Scope, input: AuditExportInput): Promise<AuditExportDto> {
    if (input.from && input.to && input.from >= input.to) {
      throw AppError.badInput('BAD_RANGE', '开始时间须早于结束时间');
    }
    await this.chainer.flush();
    const visible = await this.db.visibleOrgIds(scope);
    return this.db.run(scope, async (m) => {
      const rows = await this.chain.exportRows(m, {
        from: input.from,
        to: input.to,
        action: input.action,
        visibleOrgIds: visible,
        limit: AUDIT_EXPORT_MAX + 1,
      });
      const truncated = rows.length > AUDIT_EXPORT_MAX;
      const kept = truncated ? rows.slice(0, AUDIT_EXPORT_MAX) : rows;
      const stamp = new Date().toISOString().replace(/[-:]/g, '').slice(0, 15);
      const csv = input.format === AuditExportFormat.CSV;
      await this.audit.record(m, scope, {
        action: 'AUDIT_EXPORT',
        targetType: 'AuditTrail',
        changes: {
          format: input.format,
          from: input.from?.toISOString() ?? null,
          to: input.to?.toISOString() ?? null,
          action: input.action ?? null,
          count: kept.length,
          truncated,
        },
      });
      return {
        fileName: `audit-trail-${stamp}.${csv ? 'csv' : 'json'}`,
        contentType: csv ? 'text/csv; charset=utf-8' : 'application/json',
        content: csv ? toCsv(kept) : toJson(kept),
        count: kept.length,
        truncated,
      };
    });
  }
}

const EXPORT_COLUMNS: ReadonlyArray<keyof AuditExportRow> = [
  'seq',
  'id',
  'occurred_at',
  'user_id',
  'username',
  'organization_id',
  'action',
  'target_type',
  'target_id',
  'result',
  'ip',
  'changes',
  'prev_hash',
  'hash',
  'mac',
];

/** A CSV cell: quoted, and formula-like text neutralised with a leading apostrophe. */
function csvCell(value: string | null): string {
  if (value === null) return '';
  const text = /^[\s]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function toCsv(rows: AuditExportRow[]): string {
  const lines = [EXPORT_COLUMNS.join(',')];
  for (const r of rows) lines.push(EXPORT_COLUMNS.map((c) => csvCell(r[c])).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

function toJson(rows: AuditExportRow[]): string {
  return `${JSON.stringify(
    {
      format: 'sunshine-audit-export-v1',
      exportedAt: new Date().toISOString(),
      events: rows.map((r) => ({
        ...r,
        changes: r.changes === null ? null : (JSON.parse(r.changes) as unknown),
      })),
    },
    null,
    1,
  )}\n`;
}

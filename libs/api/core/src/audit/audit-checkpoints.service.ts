import { mkdir, open, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { logError } from '../errors/redact';
import { OrgDirectory } from '../tenancy/org-directory.service';
import { systemScope } from '../tenancy/scope';
import { TenantDatabase } from '../tenancy/tenant-database.service';
import { AuditKeyring, canonicalJson } from './audit-keys';
import { AuditChainer } from './audit-chainer.service';

export type CheckpointReason = 'manual' | 'scheduled' | 'purge';

/** A signed statement, kept outside the database, that the chain had this head at this time. */
export interface AuditCheckpoint {
  /** Id of the head event. */
  seq: string;
  /** Its MAC. */
  mac: string;
  /** Id of the first keyed event (where the keyed chain starts). */
  from: string;
  /** When the checkpoint was written (server time, ISO 8601). */
  at: string;
  reason: CheckpointReason;
}

export interface CheckpointLog {
  /** Lines with a valid signature, in the order written. */
  checkpoints: AuditCheckpoint[];
  /** Lines that are not a checkpoint signed with a known key: "file:line". */
  invalid: string[];
}

interface ChainState {
  last_id: string;
  last_mac: string | null;
  anchored_from: string | null;
}

const FILE = /^audit-checkpoints-\d{4}-\d{2}-\d{2}\.jsonl$/;

function payloadOf(c: AuditCheckpoint): string {
  return canonicalJson({ v: 1, seq: c.seq, mac: c.mac, from: c.from, at: c.at, reason: c.reason });
}

function isCheckpointLine(v: unknown): v is AuditCheckpoint & { v: number; sig: string } {
  if (!v || typeof v !== 'object') return false;
  const o = v as Record<string, unknown>;
  return (
    o.v === 1 &&
    ['seq', 'mac', 'from', 'at', 'sig'].every((k) => typeof o[k] === 'string') &&
    (o.reason === 'manual' || o.reason === 'scheduled' || o.reason === 'purge')
  );
}

/**
 * Signed checkpoints of the audit chain head, appended one JSON line each to a daily file in
 * AUDIT_CHECKPOINT_DIR (outside the database: the operator copies the files off the host or onto
 * write-once storage). Written on demand (`anchorAuditTrail`) and on a schedule
 * (AUDIT_CHECKPOINT_MINUTES, hourly by default) when the chain has moved. Verification compares
 * the chain with every checkpoint: a deleted or rewritten head no longer matches.
 *
 * The schedule stays an in-process timer on each instance although a job queue exists: each
 * instance may keep its checkpoints in a folder of its own (docs/operations.md), and a queued job
 * runs on one instance only; intervals below a minute (tests) are not cron slots either. Several
 * instances may write the same folder: each line is one append. Before it reads the head, the
 * chainer chains what is committed, so a checkpoint names the newest committed events.
 */
@Injectable()
export class AuditCheckpoints implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  private readonly dir: string;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly keyring: AuditKeyring,
    private readonly db: TenantDatabase,
    private readonly orgs: OrgDirectory,
    private readonly chainer: AuditChainer,
  ) {
    this.dir = config.audit.checkpointDir;
  }

  onApplicationBootstrap(): void {
    const minutes = this.config.audit.checkpointMinutes;
    if (minutes <= 0) return;
    const tick = (): void =>
      void this.scheduled().catch((e: unknown) =>
        logError('[audit-checkpoints] scheduled checkpoint failed', e),
      );
    this.timer = setInterval(tick, Math.max(1_000, minutes * 60_000));
    this.timer.unref();
    tick();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** The scheduled checkpoint, as the system: only when the head moved since the last one. */
  async scheduled(): Promise<AuditCheckpoint | null> {
    const tops = await this.orgs.topIds();
    if (tops.length === 0) return null;
    await this.chainer.flush();
    return this.db.run(systemScope(tops), (m) => this.anchor(m, 'scheduled'));
  }

  /**
   * Signs the current head and appends it to today's file. Null while nothing is keyed yet. A
   * scheduled checkpoint of an unchanged head is not written again (the last one is answered).
   * The head is read in the caller's transaction: call it before writing any event of its own,
   * so that the checkpoint names only committed events.
   */
  async anchor(m: EntityManager, reason: CheckpointReason): Promise<AuditCheckpoint | null> {
    const rows = (await m.query(
      'SELECT last_id::text AS last_id, last_mac, anchored_from::text AS anchored_from FROM audit_chain_state()',
    )) as ChainState[];
    const head = rows[0];
    if (!head?.last_mac || !head.anchored_from) return null;
    if (reason === 'scheduled') {
      const last = (await this.read()).checkpoints.at(-1);
      if (last && last.seq === head.last_id && last.mac === head.last_mac) return last;
    }
    return this.write({
      seq: head.last_id,
      mac: head.last_mac,
      from: head.anchored_from,
      at: new Date().toISOString(),
      reason,
    });
  }

  /**
   * Signs a checkpoint and appends it (synced) to today's file. The retention job writes the
   * purge boundary this way before it deletes anything.
   */
  async write(checkpoint: AuditCheckpoint): Promise<AuditCheckpoint> {
    const line = JSON.stringify({
      v: 1,
      ...checkpoint,
      sig: this.keyring.signCheckpoint(payloadOf(checkpoint)),
    });
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const file = await open(
      join(this.dir, `audit-checkpoints-${checkpoint.at.slice(0, 10)}.jsonl`),
      'a',
      0o600,
    );
    try {
      await file.write(`${line}\n`);
      await file.sync();
    } finally {
      await file.close();
    }
    return checkpoint;
  }

  /** Every checkpoint line, checked against the keyring. A missing folder holds none. */
  async read(): Promise<CheckpointLog> {
    let names: string[];
    try {
      names = (await readdir(this.dir)).filter((n) => FILE.test(n)).sort();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        return { checkpoints: [], invalid: [] };
      throw error;
    }
    const log: CheckpointLog = { checkpoints: [], invalid: [] };
    for (const name of names) {
      const lines = (await readFile(join(this.dir, name), 'utf8')).split('\n');
      lines.forEach((text, i) => {
        if (text.trim() === '') return;
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = null;
        }
        if (
          isCheckpointLine(parsed) &&
          this.keyring.checkCheckpoint(payloadOf(parsed), parsed.sig) === 'ok'
        ) {
          const { seq, mac, from, at, reason } = parsed;
          log.checkpoints.push({ seq, mac, from, at, reason });
        } else {
          log.invalid.push(`${name}:${i + 1}`);
        }
      });
    }
    return log;
  }
}

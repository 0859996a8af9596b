import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type BeforeApplicationShutdown,
} from '@nestjs/common';
import { Pool, type PoolClient } from 'pg';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { JOB_QUEUE_OPTIONS, type JobQueueOptions } from '../jobs/job-queue.service';
import { macGenesis, AuditKeyring, type AuditChainEvent } from './audit-keys';

/** Events chained per transaction. */
const BATCH = 2_000;

interface LockedHead {
  last_seq: string;
  last_hash: string;
  last_mac: string | null;
}

interface PendingRow {
  id: string;
  at_us: string;
  user_id: string | null;
  username: string | null;
  organization_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  result: string;
  ip: string | null;
  changes: string | null;
  entry_mac: string | null;
}

export interface ChainRound {
  chained: number;
  quarantined: number;
  /** Another chainer (another instance) held the head: nothing was done. */
  busy: boolean;
}

/**
 * Chains the audit events that requests entered (audit_enter, no lock) in short batches, in the
 * order their transactions committed as seen here: one transaction takes the chain head
 * (audit_chain_lock, skipped while another instance's chainer holds it), reads the waiting
 * events, checks each entry MAC, computes each chained MAC with the key the database never holds
 * and stores the chain (audit_chain_apply, which also computes the sha256 links). An event whose
 * entry MAC is wrong (inserted without the key) is quarantined, never chained; verification
 * reports it.
 *
 * The loop runs every AUDIT_CHAIN_INTERVAL_MS (200 ms by default) and again at once while events
 * keep arriving; `flush()` chains everything committed so far (verification, checkpoints,
 * retention call it first). The lock is held only for the chainer's own short transaction, never
 * by a request. The chainer has a connection of its own (the runtime role's), so that a request
 * pool exhausted by a spike never delays the chain, and its statements are not the requests'.
 */
@Injectable()
export class AuditChainer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  /** One round at a time in this process. */
  private tail: Promise<unknown> = Promise.resolve();
  private readonly intervalMs: number;
  private readonly pool: Pool;

  constructor(
    private readonly keyring: AuditKeyring,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(JOB_QUEUE_OPTIONS) connections: JobQueueOptions,
  ) {
    this.intervalMs = config.audit.chainIntervalMs;
    this.pool = new Pool({
      connectionString: connections.appUrl,
      max: 1,
      application_name: 'sunshine-audit-chainer',
      statement_timeout: config.statementTimeoutMs,
    });
    this.pool.on('error', (e) => console.error('[audit-chainer]', e.message));
  }

  onApplicationBootstrap(): void {
    if (this.intervalMs <= 0) return;
    this.schedule(0);
  }

  /** Before the pool closes (onApplicationShutdown of the database module). */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    // Chain what is committed so far, so that a stopped instance leaves nothing behind.
    await this.flush().catch((e: unknown) => console.error('[audit-chainer]', e));
    await this.pool.end().catch(() => undefined);
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.round()
        .then((r) => this.schedule(r.chained >= BATCH ? 0 : this.intervalMs))
        .catch((e: unknown) => {
          console.error('[audit-chainer]', e);
          this.schedule(this.intervalMs * 5);
        });
    }, delay);
    this.timer.unref();
  }

  /** Chains every event committed before the call (retries while another chainer holds the head). */
  async flush(): Promise<number> {
    let total = 0;
    for (let attempt = 0; attempt < 200; attempt++) {
      const r = await this.round();
      total += r.chained;
      if (r.busy) {
        await new Promise((resolve) => setTimeout(resolve, 25));
        continue;
      }
      if (r.chained + r.quarantined < BATCH) return total;
    }
    return total;
  }

  /** One batch, serialised with the other rounds of this process. */
  round(): Promise<ChainRound> {
    const next = this.tail.then(() => this.inTransaction((c) => this.chainBatch(c)));
    this.tail = next.catch(() => undefined);
    return next;
  }

  private async inTransaction<T>(work: (c: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((e: unknown) => {
        broken = e instanceof Error ? e : new Error(String(e));
      });
      throw error;
    } finally {
      client.release(broken);
    }
  }

  private async chainBatch(c: PoolClient): Promise<ChainRound> {
    // Nothing waiting: no lock, no write, no commit to flush (the idle loop costs one read).
    const waiting = await c.query<{ w: boolean }>('SELECT audit_chain_waiting() AS w');
    if (!waiting.rows[0]?.w) return { chained: 0, quarantined: 0, busy: false };
    const heads = (
      await c.query<LockedHead>(
        'SELECT last_seq::text AS last_seq, last_hash, last_mac FROM audit_chain_lock()',
      )
    ).rows;
    const head = heads[0];
    if (!head) return { chained: 0, quarantined: 0, busy: true };
    const pending = (
      await c.query<PendingRow>(
        `SELECT id::text AS id, at_us, user_id, username, organization_id, action, target_type,
                target_id, result, ip, changes, entry_mac
         FROM audit_chain_pending($1)`,
        [BATCH],
      )
    ).rows;
    if (pending.length === 0) {
      // Nothing to chain: the lock ends with the transaction (its marker is left harmlessly).
      return { chained: 0, quarantined: 0, busy: false };
    }
    let previous = head.last_mac ?? macGenesis(head.last_hash);
    const ids: string[] = [];
    const macs: string[] = [];
    const quarantine: string[] = [];
    for (const r of pending) {
      const event: AuditChainEvent = {
        id: r.id,
        atUs: r.at_us,
        userId: r.user_id,
        username: r.username,
        organizationId: r.organization_id,
        action: r.action,
        targetType: r.target_type,
        targetId: r.target_id,
        result: r.result,
        ip: r.ip,
        changes: r.changes === null ? null : (JSON.parse(r.changes) as unknown),
      };
      if (this.keyring.checkEntryMac(event, r.entry_mac) !== 'ok') {
        console.error(
          `[audit-chainer] event ${r.id} has no valid entry MAC (written without the audit key): quarantined`,
        );
        quarantine.push(r.id);
        continue;
      }
      const mac = this.keyring.mac(previous, event);
      ids.push(r.id);
      macs.push(mac);
      previous = mac;
    }
    await c.query('SELECT audit_chain_apply($1::bigint[], $2::text[], $3::bigint[])', [
      ids,
      macs,
      quarantine,
    ]);
    return { chained: ids.length, quarantined: quarantine.length, busy: false };
  }
}

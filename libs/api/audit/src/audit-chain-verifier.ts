import { createHash } from 'node:crypto';
import {
  macGenesis,
  type AuditChainEvent,
  type AuditCheckpoint,
  type AuditKeyring,
  type CheckpointLog,
} from '@sunshine/api/core';
import type { AuditChainRow, AuditChainStateRow } from './audit-chain.repository';

export interface ChainVerdict {
  ok: boolean;
  checked: number;
  firstBrokenId: string | null;
  /** The first keyed event; the events before it are pinned through its MAC. */
  anchoredFromId: string | null;
  /** Signed checkpoints compared with the chain. */
  checkpoints: number;
  lastCheckpointAt: Date | null;
  /** Why the chain is not intact (for the audit administrator), null when it is. */
  reason: string | null;
}

interface Break {
  id: string | null;
  reason: string;
}

const ZERO_HASH = '0'.repeat(64);
const UNIT = '\u001f';

/** The database's audit_hash(), recomputed here so that a replaced SQL function proves nothing. */
export function sha256Link(prevHash: string, r: AuditChainRow): string {
  const text = [
    prevHash,
    r.id,
    r.at_us,
    r.user_id ?? '',
    r.username ?? '',
    r.organization_id ?? '',
    r.action,
    r.target_type ?? '',
    r.target_id ?? '',
    r.result,
    r.ip ?? '',
    r.changes ?? '',
  ].join(UNIT);
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function eventOf(r: AuditChainRow): AuditChainEvent {
  return {
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
}

/**
 * Walks the chain in id order, in batches, with the key the database never holds, then compares
 * the end of the chain with its head row and with every signed checkpoint written outside the
 * database. The first problem found is the verdict.
 *
 * - each event's sha256 link (edits, deletions and reorderings a careless owner leaves behind);
 * - each keyed event's MAC, chained to the previous one: an edit, a deletion or a reordering shows
 *   even when every later sha256 hash was recomputed, and no event can be inserted;
 * - once keyed, every later event keyed;
 * - every checkpoint's event still there with the same MAC, and the same first keyed event: a
 *   deleted tail with the head rewound, or MACs stripped, contradicts a checkpoint.
 */
export class ChainWalk {
  private prevHash: string;
  private prevMac: string | null;
  private anchoredFrom: string | null = null;
  private broken: Break | null = null;
  private last: AuditChainRow | null = null;
  /** MACs of the events named by checkpoints, as found (null: found unkeyed). */
  private readonly atCheckpoints = new Map<string, string | null>();
  private readonly wanted: Set<string>;
  checked = 0;

  /**
   * `base`: where the kept chain starts after a retention purge (the head row's base): the last
   * purged event's hash and MAC. Its purge checkpoint must vouch for it (see finish()).
   */
  constructor(
    private readonly keyring: AuditKeyring,
    private readonly log: CheckpointLog,
    base: { hash: string; mac: string | null } = { hash: ZERO_HASH, mac: null },
  ) {
    this.wanted = new Set(log.checkpoints.map((c) => c.seq));
    this.prevHash = base.hash;
    this.prevMac = base.mac;
  }

  /** Id of the last event walked. */
  get lastId(): string | null {
    return this.last?.id ?? null;
  }

  /** Chain position after which the walk goes on. */
  get lastSeq(): string | null {
    return this.last?.seq ?? null;
  }

  get done(): boolean {
    return this.broken !== null;
  }

  /** Checks the next event; false once the chain is broken (the walk may stop). */
  push(r: AuditChainRow): boolean {
    if (this.broken) return false;
    this.checked++;
    this.last = r;
    if (this.wanted.has(r.id)) this.atCheckpoints.set(r.id, r.mac);
    if (r.prev_hash !== this.prevHash || r.hash !== sha256Link(r.prev_hash, r)) {
      return this.fail(r.id, `事件 ${r.id} 与哈希链不符：它或它之前的事件被修改、删除或调换了顺序`);
    }
    this.prevHash = r.hash;
    if (r.mac === null) {
      if (this.prevMac !== null) {
        return this.fail(
          r.id,
          `事件 ${r.id} 没有密钥签名，而此前的事件已签名：事件被插入或签名被去除`,
        );
      }
      return true;
    }
    const previous = this.prevMac ?? macGenesis(r.prev_hash);
    let check;
    try {
      check = this.keyring.checkMac(previous, eventOf(r), r.mac);
    } catch {
      check = 'malformed' as const;
    }
    if (check === 'unknown-key') {
      return this.fail(
        r.id,
        `事件 ${r.id} 由未配置的密钥签名：密钥已更换而旧密钥未保留，或签名是伪造的`,
      );
    }
    if (check !== 'ok') {
      return this.fail(
        r.id,
        `事件 ${r.id} 的密钥签名不符：它或它之前的事件被改写、删除或调换了顺序（即使重算了哈希）`,
      );
    }
    this.anchoredFrom ??= r.id;
    this.prevMac = r.mac;
    return true;
  }

  /** The verdict, once every event up to the head has been pushed. */
  finish(head: AuditChainStateRow): ChainVerdict {
    const purge = this.purgeCheckpoint(head);
    const problem =
      this.broken ??
      (purge === undefined
        ? {
            id: head.base_id,
            reason: `审计链从事件 ${head.base_id ?? ''} 之后开始，但没有签名的保留期清理检查点与之相符：事件被删除`,
          }
        : null) ??
      this.headProblem(head) ??
      this.quarantineProblem(head) ??
      this.checkpointProblem(head, purge ?? null);
    const latest = this.log.checkpoints.reduce<AuditCheckpoint | null>(
      (a, c) => (a === null || c.at > a.at ? c : a),
      null,
    );
    return {
      ok: problem === null,
      checked: this.checked,
      firstBrokenId: problem?.id ?? null,
      anchoredFromId: purge ? head.anchored_from : this.anchoredFrom,
      checkpoints: this.log.checkpoints.length,
      lastCheckpointAt: latest ? new Date(latest.at) : null,
      reason: problem?.reason ?? null,
    };
  }

  private fail(id: string | null, reason: string): false {
    this.broken ??= { id, reason };
    return false;
  }

  /**
   * The signed purge checkpoint that vouches for the chain's base: null when nothing was purged,
   * undefined when something was and no checkpoint matches (events deleted outside a purge).
   */
  private purgeCheckpoint(head: AuditChainStateRow): AuditCheckpoint | null | undefined {
    if (head.base_id === null && head.base_seq === '0') return null;
    const mac = head.base_mac ?? `hash:${head.base_hash}`;
    return this.log.checkpoints.find(
      (c) => c.reason === 'purge' && c.seq === head.base_id && c.mac === mac,
    );
  }

  private quarantineProblem(head: AuditChainStateRow): Break | null {
    if (head.quarantined === 0) return null;
    return {
      id: null,
      reason: `有 ${head.quarantined} 个事件没有有效的密钥签名，未能入链：它们是在应用之外插入的`,
    };
  }

  private headProblem(head: AuditChainStateRow): Break | null {
    const last = this.last;
    const matches = last
      ? last.seq === head.last_seq &&
        last.id === head.last_id &&
        last.hash === head.last_hash &&
        last.mac === head.last_mac
      : head.last_seq === head.base_seq;
    if (matches) return null;
    return { id: head.last_id, reason: '链头与最后一个事件不符：末尾的事件被删除' };
  }

  private checkpointProblem(head: AuditChainStateRow, purge: AuditCheckpoint | null): Break | null {
    const failures: Array<Break & { seq: bigint }> = [];
    // After a purge the first keyed event may be gone: the head row keeps where the keying began
    // (every kept event must be keyed anyway when the base is).
    const from = purge ? head.anchored_from : this.anchoredFrom;
    for (const c of this.log.checkpoints) {
      // Written before the latest purge and naming an event that is gone: purged with it.
      if (purge && c.at <= purge.at && !this.atCheckpoints.has(c.seq)) continue;
      if (c.from !== from) {
        failures.push({
          seq: BigInt(c.from),
          id: c.from,
          reason: `签名检查点（${c.at}）记录的签名起点是事件 ${c.from}，与数据库不符：事件的密钥签名被去除或改写`,
        });
        continue;
      }
      if (!this.atCheckpoints.has(c.seq)) {
        failures.push({
          seq: BigInt(c.seq),
          id: c.seq,
          reason: `签名检查点（${c.at}）记录的事件 ${c.seq} 已不存在：最新的事件被删除、链头被回退`,
        });
      } else if (this.atCheckpoints.get(c.seq) !== c.mac) {
        failures.push({
          seq: BigInt(c.seq),
          id: c.seq,
          reason: `事件 ${c.seq} 与签名检查点（${c.at}）记录的不符：链头被回退后重写`,
        });
      }
    }
    if (failures.length > 0) {
      // The earliest event a checkpoint proves missing or rewritten.
      const first = failures.reduce((a, b) => (b.seq < a.seq ? b : a));
      return { id: first.id, reason: first.reason };
    }
    if (this.log.invalid.length > 0) {
      return {
        id: null,
        reason: `检查点文件中有 ${this.log.invalid.length} 行无有效签名（${this.log.invalid.slice(0, 3).join('，')}）：检查点被改动或伪造`,
      };
    }
    return null;
  }
}

import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The secret that anchors the audit chain outside the database. The database never holds it:
 * it comes from AUDIT_HMAC_KEY (a secret store in production) or, in development and demo mode,
 * from a file generated on first start under the data folder.
 *
 * Every event the application writes carries
 *   mac_n = keyId ":" hex(HMAC-SHA256(chainKey, mac_{n-1} "\n" canonical(event_n)))
 * where mac_{n-1} is the previous event's stored MAC or, for the first keyed event,
 * "genesis:" + the sha256 hash of the last event before it (so the keyed chain also pins every
 * earlier event). Checkpoints of the chain head are signed with a second key derived from the
 * same secret. Rotation: the current secret keys new events; retired secrets only verify.
 */

export const MIN_AUDIT_KEY_LENGTH = 32;

const MAC_FORMAT = /^([0-9a-f]{16}):([0-9a-f]{64})$/;

/** One event as the chain sees it: the stored values, with the time in microseconds. */
export interface AuditChainEvent {
  /** bigint id, as text. */
  id: string;
  /** occurred_at as whole microseconds since the epoch, as text. */
  atUs: string;
  userId: string | null;
  username: string | null;
  organizationId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  result: string;
  ip: string | null;
  /** The parsed `changes` JSON (null for none). */
  changes: unknown;
}

interface DerivedKey {
  id: string;
  chain: Buffer;
  checkpoint: Buffer;
}

function derive(secret: string, purpose: string): Buffer {
  return createHmac('sha256', Buffer.from(secret, 'utf8')).update(purpose).digest();
}

function deriveKey(secret: string): DerivedKey {
  if (secret.length < MIN_AUDIT_KEY_LENGTH) {
    throw new Error(`an audit key must have at least ${MIN_AUDIT_KEY_LENGTH} characters`);
  }
  return {
    id: derive(secret, 'sunshine-audit-key-id-v1').subarray(0, 8).toString('hex'),
    chain: derive(secret, 'sunshine-audit-chain-v1'),
    checkpoint: derive(secret, 'sunshine-audit-checkpoint-v1'),
  };
}

/** JSON with object keys sorted at every level: one text per value, whatever the key order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The bytes an event's MAC covers (every stored field; nulls stay distinct from ''). */
export function canonicalAuditEvent(e: AuditChainEvent): string {
  return `${JSON.stringify([
    'sunshine-audit-v1',
    e.id,
    e.atUs,
    e.userId,
    e.username,
    e.organizationId,
    e.action,
    e.targetType,
    e.targetId,
    e.result,
    e.ip,
  ])}\n${canonicalJson(e.changes)}`;
}

/** The bytes an entry MAC covers: the event's content, before it has an id, a time or a place. */
export function canonicalAuditEntry(e: Omit<AuditChainEvent, 'id' | 'atUs'>): string {
  return `${JSON.stringify([
    'sunshine-audit-entry-v1',
    e.userId,
    e.username,
    e.organizationId,
    e.action,
    e.targetType,
    e.targetId,
    e.result,
    e.ip,
  ])}\n${canonicalJson(e.changes)}`;
}

/** What the first keyed event chains to: the sha256 hash of the last event before it. */
export function macGenesis(prevHash: string): string {
  return `genesis:${prevHash}`;
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export type MacCheck = 'ok' | 'mismatch' | 'unknown-key' | 'malformed';

export interface AuditKeySource {
  hmacKey?: string;
  retiredKeys: readonly string[];
  keyFile: string;
}

/** The current key and the retired ones, derived once; secrets themselves are not kept. */
export class AuditKeyring {
  private readonly keys = new Map<string, DerivedKey>();
  private readonly current: DerivedKey;

  constructor(currentSecret: string, retiredSecrets: readonly string[] = []) {
    this.current = deriveKey(currentSecret);
    this.keys.set(this.current.id, this.current);
    for (const secret of retiredSecrets) {
      const key = deriveKey(secret);
      if (!this.keys.has(key.id)) this.keys.set(key.id, key);
    }
  }

  /**
   * From the configuration: AUDIT_HMAC_KEY when set; otherwise the key file, created with a new
   * random secret (mode 0600) when missing. `created` tells the caller to say so once.
   */
  static load(source: AuditKeySource): { keyring: AuditKeyring; created: string | null } {
    if (source.hmacKey) {
      return { keyring: new AuditKeyring(source.hmacKey, source.retiredKeys), created: null };
    }
    let created: string | null = null;
    let secret: string;
    try {
      secret = readFileSync(source.keyFile, 'utf8').trim();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      mkdirSync(dirname(source.keyFile), { recursive: true, mode: 0o700 });
      try {
        writeFileSync(source.keyFile, `${randomBytes(32).toString('base64url')}\n`, {
          flag: 'wx',
          mode: 0o600,
        });
        created = source.keyFile;
      } catch (raced) {
        // Another process of the same installation created it first: use theirs.
        if ((raced as NodeJS.ErrnoException).code !== 'EEXIST') throw raced;
      }
      secret = readFileSync(source.keyFile, 'utf8').trim();
    }
    return { keyring: new AuditKeyring(secret, source.retiredKeys), created };
  }

  /** Id of the key new events and checkpoints are keyed with (not secret). */
  get currentKeyId(): string {
    return this.current.id;
  }

  knows(keyId: string): boolean {
    return this.keys.has(keyId);
  }

  /** The MAC of an event chained to `previous` (the previous MAC, or macGenesis(prevHash)). */
  mac(previous: string, event: AuditChainEvent): string {
    return `${this.current.id}:${this.hmac(this.current.chain, previous, canonicalAuditEvent(event))}`;
  }

  /**
   * The entry MAC of an event as the request writes it (no chain position yet): the chainer
   * refuses an unchained event whose entry MAC does not match, i.e. one inserted without the key.
   */
  entryMac(event: Omit<AuditChainEvent, 'id' | 'atUs'>): string {
    return `${this.current.id}:${this.hmac(this.current.chain, 'entry', canonicalAuditEntry(event))}`;
  }

  checkEntryMac(event: Omit<AuditChainEvent, 'id' | 'atUs'>, stored: string | null): MacCheck {
    const [, keyId, mac] = MAC_FORMAT.exec(stored ?? '') ?? [];
    if (keyId === undefined || mac === undefined) return 'malformed';
    const key = this.keys.get(keyId);
    if (!key) return 'unknown-key';
    const expected = this.hmac(key.chain, 'entry', canonicalAuditEntry(event));
    return sameText(expected, mac) ? 'ok' : 'mismatch';
  }

  checkMac(previous: string, event: AuditChainEvent, stored: string): MacCheck {
    const [, keyId, mac] = MAC_FORMAT.exec(stored) ?? [];
    if (keyId === undefined || mac === undefined) return 'malformed';
    const key = this.keys.get(keyId);
    if (!key) return 'unknown-key';
    const expected = this.hmac(key.chain, previous, canonicalAuditEvent(event));
    return sameText(expected, mac) ? 'ok' : 'mismatch';
  }

  /** The signature of a checkpoint's canonical text. */
  signCheckpoint(payload: string): string {
    return `${this.current.id}:${this.hmac(this.current.checkpoint, 'checkpoint', payload)}`;
  }

  checkCheckpoint(payload: string, signature: string): MacCheck {
    const [, keyId, mac] = MAC_FORMAT.exec(signature) ?? [];
    if (keyId === undefined || mac === undefined) return 'malformed';
    const key = this.keys.get(keyId);
    if (!key) return 'unknown-key';
    const expected = this.hmac(key.checkpoint, 'checkpoint', payload);
    return sameText(expected, mac) ? 'ok' : 'mismatch';
  }

  private hmac(key: Buffer, previous: string, text: string): string {
    return createHmac('sha256', key).update(`${previous}\n${text}`, 'utf8').digest('hex');
  }
}

import { preparedQuery } from '../database/rows';
import type { AuditKeyring } from './audit-keys';

/** Anything that runs a statement in the caller's transaction and answers rows (EntityManager, DataSource). */
export interface AuditSql {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

export interface AuditRecord {
  userId: string | null;
  username: string | null;
  organizationId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  result: string;
  ip: string | null;
  /** Small JSON detail; never passwords or tokens. */
  changes: Record<string, unknown> | null;
}

/**
 * Enters one keyed event in the caller's transaction, without any lock: audit_enter() inserts it
 * with its id and time and the entry MAC computed here (content only) with the secret the database
 * never sees. The chainer (audit-chainer.service.ts) gives it its place in the chain, its sha256
 * link and its chained MAC shortly after the transaction commits.
 */
export async function appendAuditEvent(
  db: AuditSql,
  keyring: AuditKeyring,
  e: AuditRecord,
): Promise<string> {
  const json = e.changes ? JSON.stringify(e.changes) : null;
  const entryMac = keyring.entryMac({
    userId: e.userId,
    username: e.username,
    organizationId: e.organizationId,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    result: e.result,
    ip: e.ip,
    // As the database will give it back: the JSON text parsed again.
    changes: json === null ? null : (JSON.parse(json) as unknown),
  });
  const rows = (await db.query(
    // Named: every write of every feature enters an event; planned once per connection.
    preparedQuery('SELECT audit_enter($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)::text AS id'),
    [
      e.userId,
      e.username,
      e.organizationId,
      e.action,
      e.targetType,
      e.targetId,
      e.result,
      e.ip,
      json,
      entryMac,
    ],
  )) as unknown;
  const id = Array.isArray(rows) ? (rows[0] as { id?: unknown } | undefined)?.id : undefined;
  if (typeof id !== 'string') throw new Error('audit_enter() answered an unexpected row');
  return id;
}

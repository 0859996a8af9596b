import { macGenesis, type AuditKeyring } from './audit-keys';

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

interface Reserved {
  next_id: string;
  next_at_us: string;
  prev_hash: string;
  prev_mac: string | null;
}

function reservedRow(rows: unknown): Reserved {
  const r = Array.isArray(rows) ? (rows[0] as Partial<Reserved> | undefined) : undefined;
  if (
    !r ||
    typeof r.next_id !== 'string' ||
    typeof r.next_at_us !== 'string' ||
    typeof r.prev_hash !== 'string' ||
    (r.prev_mac !== null && typeof r.prev_mac !== 'string')
  ) {
    throw new Error('audit_reserve() answered an unexpected row');
  }
  return r as Reserved;
}

/**
 * Appends one keyed event in the caller's transaction: audit_reserve() locks the chain head and
 * draws the id and time (the lock orders appends until the transaction ends), the MAC is computed
 * here with the secret the database never sees, and audit_append_keyed() stores the event.
 */
export async function appendAuditEvent(
  db: AuditSql,
  keyring: AuditKeyring,
  e: AuditRecord,
): Promise<string> {
  const json = e.changes ? JSON.stringify(e.changes) : null;
  const reserved = reservedRow(
    await db.query(
      'SELECT next_id::text AS next_id, next_at_us, prev_hash, prev_mac FROM audit_reserve()',
    ),
  );
  const mac = keyring.mac(reserved.prev_mac ?? macGenesis(reserved.prev_hash), {
    id: reserved.next_id,
    atUs: reserved.next_at_us,
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
  await db.query('SELECT audit_append_keyed($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)', [
    e.userId,
    e.username,
    e.organizationId,
    e.action,
    e.targetType,
    e.targetId,
    e.result,
    e.ip,
    json,
    mac,
  ]);
  return reserved.next_id;
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { col, execute, rowShape, select, selectOne } from '@sunshine/api/core';

const SessionOwner = rowShape({ id: col.uuid, user_id: col.uuid, organization_id: col.uuid });
export type SessionOwner = ReturnType<typeof SessionOwner.parse>;

const SessionState = rowShape({
  token_hash: col.text,
  previous_token_hash: col.text.nullable,
  revoked_at: col.date.nullable,
  expires_at: col.date,
  idle_seconds: col.number,
  rotated_seconds: col.number.nullable,
});
export type SessionState = ReturnType<typeof SessionState.parse>;

const Created = rowShape({ id: col.uuid });

const OpenSession = rowShape({
  id: col.uuid,
  created_at: col.date,
  last_seen_at: col.date,
  ip: col.text.nullable,
  user_agent: col.text.nullable,
});
export type OpenSession = ReturnType<typeof OpenSession.parse>;

/** The `sessions` table (owned by the auth feature): refresh-token sessions and their rotation. */
@Injectable()
export class SessionsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Whose session this is, before any scope exists (SECURITY DEFINER look-up). */
  async findOwner(sessionId: string): Promise<SessionOwner | null> {
    const rows = SessionOwner.parseAll(
      await this.ds.query('SELECT * FROM auth_find_session($1)', [sessionId]),
    );
    return rows[0] ?? null;
  }

  async create(
    m: EntityManager,
    session: {
      userId: string;
      organizationId: string;
      tokenHash: string;
      days: number;
      ip: string | null;
      userAgent: string | null;
    },
  ): Promise<string> {
    const row = await selectOne(
      m,
      Created,
      `INSERT INTO sessions(user_id, organization_id, token_hash, expires_at, ip, user_agent)
       VALUES ($1, $2, $3, now() + make_interval(days => $4), $5, $6) RETURNING id`,
      [
        session.userId,
        session.organizationId,
        session.tokenHash,
        session.days,
        session.ip,
        session.userAgent,
      ],
    );
    if (!row) throw new Error('INSERT INTO sessions returned no row');
    return row.id;
  }

  /** The session's token state, locked for the rest of the transaction (refresh). */
  lockForRefresh(m: EntityManager, sessionId: string): Promise<SessionState | null> {
    return selectOne(
      m,
      SessionState,
      `SELECT token_hash, previous_token_hash, revoked_at, expires_at,
              extract(epoch FROM now() - last_seen_at) AS idle_seconds,
              extract(epoch FROM now() - rotated_at) AS rotated_seconds
       FROM sessions WHERE id = $1 FOR UPDATE`,
      [sessionId],
    );
  }

  /** Replaces the token; the previous one stays valid for the rotation grace window. */
  async rotate(m: EntityManager, sessionId: string, tokenHash: string): Promise<void> {
    await execute(
      m,
      `UPDATE sessions SET previous_token_hash = token_hash, token_hash = $2, last_seen_at = now(), rotated_at = now() WHERE id = $1`,
      [sessionId, tokenHash],
    );
  }

  /** Revokes one session (whether or not it is already revoked). */
  async revoke(m: EntityManager, sessionId: string, reason: string): Promise<void> {
    await execute(m, `UPDATE sessions SET revoked_at = now(), revoked_reason = $2 WHERE id = $1`, [
      sessionId,
      reason,
    ]);
  }

  /** Revokes one open session; answers whether it was open. */
  async revokeOpen(m: EntityManager, sessionId: string, reason: string): Promise<boolean> {
    const n = await execute(
      m,
      `UPDATE sessions SET revoked_at = now(), revoked_reason = $2 WHERE id = $1 AND revoked_at IS NULL`,
      [sessionId, reason],
    );
    return n > 0;
  }

  /** A user's sessions still in use: not revoked, not expired, not idle past `idleMinutes`. */
  listOpen(m: EntityManager, userId: string, idleMinutes: number): Promise<OpenSession[]> {
    return select(
      m,
      OpenSession,
      `SELECT id, created_at, last_seen_at, ip, user_agent FROM sessions
       WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > now()
         AND last_seen_at > now() - make_interval(mins => $2)
       ORDER BY last_seen_at DESC`,
      [userId, idleMinutes],
    );
  }

  /** Revokes every open session of a user; answers how many. */
  revokeAllOf(m: EntityManager, userId: string, reason: string): Promise<number> {
    return execute(
      m,
      `UPDATE sessions SET revoked_at = now(), revoked_reason = $2 WHERE user_id = $1 AND revoked_at IS NULL`,
      [userId, reason],
    );
  }

  /** Revokes every open session of a user but `keep` (a password change keeps the current one). */
  revokeOthers(
    m: EntityManager,
    userId: string,
    keep: string | null,
    reason: string,
  ): Promise<number> {
    return execute(
      m,
      `UPDATE sessions SET revoked_at = now(), revoked_reason = $3
       WHERE user_id = $1 AND revoked_at IS NULL AND id <> $2`,
      [userId, keep, reason],
    );
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  col,
  execute,
  rowShape,
  select,
  selectOne,
  UserAccounts,
  type AccountProfile,
  type FailedAttempts,
  type SignInAccount,
} from '@sunshine/api/core';
import { Role } from '@sunshine/shared/domain';
import { UsersRepository } from './users.repository';

const ROLE_VALUES = new Set<string>(Object.values(Role));
const roles = col.json(
  'role[]',
  (v): v is Role[] =>
    Array.isArray(v) && v.every((r) => typeof r === 'string' && ROLE_VALUES.has(r)),
);
const status = col.oneOf(['ACTIVE', 'DISABLED'] as const);

const SignInRow = rowShape({
  id: col.uuid,
  organization_id: col.uuid,
  username: col.text,
  password_hash: col.text,
  roles,
  status,
  locked_until: col.date.nullable,
});
const FailedRow = rowShape({ failed_attempts: col.int, locked_until: col.date.nullable });
const IdRow = rowShape({ id: col.uuid });
const HashRow = rowShape({ password_hash: col.text });
const AssignmentRow = rowShape({ organization_id: col.uuid });

/** The users feature's side of sign-in: the UserAccounts port over `users` and `assessor_assignments`. */
@Injectable()
export class UserAccountsRepository implements UserAccounts {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly users: UsersRepository,
  ) {}

  async findForSignIn(username: string): Promise<SignInAccount | null> {
    const [row] = SignInRow.parseAll(
      await this.ds.query('SELECT * FROM auth_find_user($1)', [username]),
    );
    if (!row) return null;
    return {
      id: row.id,
      organizationId: row.organization_id,
      username: row.username,
      passwordHash: row.password_hash,
      roles: row.roles,
      status: row.status,
      lockedUntil: row.locked_until,
    };
  }

  async recordFailedAttempt(
    m: EntityManager,
    userId: string,
    threshold: number,
    lockMinutes: number,
  ): Promise<FailedAttempts> {
    const row = await selectOne(
      m,
      FailedRow,
      `UPDATE users SET
         failed_attempts = CASE WHEN locked_until > now() THEN failed_attempts
           WHEN locked_until IS NOT NULL AND locked_until <= now() THEN 1 ELSE failed_attempts + 1 END,
         locked_until = CASE
           WHEN locked_until > now() THEN locked_until
           WHEN locked_until IS NOT NULL AND locked_until <= now() THEN NULL
           WHEN failed_attempts + 1 >= $2 THEN now() + make_interval(mins => $3)
           ELSE locked_until END
       WHERE id = $1 RETURNING failed_attempts, locked_until`,
      [userId, threshold, lockMinutes],
    );
    if (!row) throw new Error(`user ${userId} vanished during sign-in`);
    return { failedAttempts: row.failed_attempts, lockedUntil: row.locked_until };
  }

  async recordSignIn(
    m: EntityManager,
    userId: string,
    passwordMaxAgeDays: number,
  ): Promise<boolean> {
    const rows = await select(
      m,
      IdRow,
      `UPDATE users SET failed_attempts = 0, locked_until = NULL, last_login_at = now(),
         must_change_password = must_change_password
           OR ($2 > 0 AND password_changed_at < now() - make_interval(days => $2))
       WHERE id = $1 AND status = 'ACTIVE' AND (locked_until IS NULL OR locked_until <= now())
       RETURNING id`,
      [userId, passwordMaxAgeDays],
    );
    return rows.length > 0;
  }

  async passwordHash(m: EntityManager, userId: string): Promise<string | null> {
    const row = await selectOne(m, HashRow, 'SELECT password_hash FROM users WHERE id = $1', [
      userId,
    ]);
    return row?.password_hash ?? null;
  }

  async setOwnPassword(
    m: EntityManager,
    userId: string,
    passwordHash: string,
    keep: number,
  ): Promise<void> {
    await execute(
      m,
      `UPDATE users SET password_hash = $2, must_change_password = false, password_changed_at = now(),
         version = version + 1, updated_at = now() WHERE id = $1`,
      [userId, passwordHash],
    );
    await execute(
      m,
      `INSERT INTO password_history(user_id, organization_id, password_hash)
       SELECT id, organization_id, password_hash FROM users WHERE id = $1`,
      [userId],
    );
    await execute(
      m,
      `DELETE FROM password_history WHERE user_id = $1 AND id NOT IN (
         SELECT id FROM password_history WHERE user_id = $1 ORDER BY created_at DESC LIMIT $2)`,
      [userId, keep],
    );
  }

  async recentPasswordHashes(m: EntityManager, userId: string, count: number): Promise<string[]> {
    const current = await this.passwordHash(m, userId);
    const rows = await select(
      m,
      HashRow,
      `SELECT password_hash FROM password_history WHERE user_id = $1 ORDER BY created_at DESC LIMIT $2`,
      [userId, count],
    );
    const hashes = current ? [current] : [];
    for (const r of rows) if (!hashes.includes(r.password_hash)) hashes.push(r.password_hash);
    return hashes.slice(0, count);
  }

  /** The signed-in account with its organisation (from the organisations' `org_units` view). */
  async profile(m: EntityManager, userId: string): Promise<AccountProfile | null> {
    const user = await this.users.find(m, userId);
    if (!user) return null;
    return {
      id: user.id,
      organizationId: user.organizationId,
      username: user.username,
      displayName: user.displayName,
      roles: user.roles,
      status: user.status,
      mustChangePassword: user.mustChangePassword,
      passwordChangedAt: user.passwordChangedAt,
      organization: user.organization,
    };
  }

  async assessorOrganizationIds(m: EntityManager, userId: string): Promise<string[]> {
    const rows = await select(
      m,
      AssignmentRow,
      'SELECT organization_id FROM assessor_assignments WHERE user_id = $1',
      [userId],
    );
    return rows.map((r) => r.organization_id);
  }
}

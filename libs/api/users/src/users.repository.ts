import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  col,
  execute,
  rowShape,
  select,
  selectOne,
  type OrganizationRecord,
  type RowOf,
} from '@sunshine/api/core';
import { ORG_LEVEL_ORDER, Role } from '@sunshine/shared/domain';

const ROLES: readonly string[] = Object.values(Role);
const isRoles = (v: unknown): v is Role[] =>
  Array.isArray(v) && v.every((r) => typeof r === 'string' && ROLES.includes(r));

/** A user with its organisation (from the organisations' published `org_units` view). */
const UserRow = rowShape({
  id: col.uuid,
  organization_id: col.uuid,
  username: col.text,
  display_name: col.text,
  roles: col.json('role[]', isRoles),
  status: col.oneOf(['ACTIVE', 'DISABLED'] as const),
  must_change_password: col.bool,
  password_changed_at: col.date,
  locked_until: col.date.nullable,
  failed_attempts: col.int,
  last_login_at: col.date.nullable,
  created_at: col.date,
  version: col.int,
  org_code: col.text,
  org_name: col.text,
  org_level: col.oneOf(ORG_LEVEL_ORDER),
  org_parent_id: col.uuid.nullable,
});
type UserRow = RowOf<typeof UserRow>;
const CountRow = rowShape({ n: col.int });
const IdRow = rowShape({ id: col.uuid });

export type UserStatus = UserRow['status'];

export interface UserRecord {
  id: string;
  organizationId: string;
  username: string;
  displayName: string;
  roles: Role[];
  status: UserStatus;
  mustChangePassword: boolean;
  passwordChangedAt: Date;
  lockedUntil: Date | null;
  failedAttempts: number;
  lastLoginAt: Date | null;
  createdAt: Date;
  version: number;
  organization: OrganizationRecord;
}

export interface UserListQuery {
  organizationId: string;
  /** Also users of the organisation's descendants. */
  includeDescendants: boolean;
  /** Code-level tenancy filter (null: RLS alone). */
  visibleOrgIds: string[] | null;
  search?: string;
  /** Only accounts holding one of these roles (null: every account). */
  rolesAny: Role[] | null;
  offset: number;
  limit: number;
}

const USER_COLUMNS = `u.id, u.organization_id, u.username, u.display_name, u.roles, u.status,
  u.must_change_password, u.password_changed_at, u.locked_until, u.failed_attempts, u.last_login_at, u.created_at, u.version,
  o.code AS org_code, o.name AS org_name, o.level AS org_level, o.parent_id AS org_parent_id`;

function toRecord(r: UserRow): UserRecord {
  return {
    id: r.id,
    organizationId: r.organization_id,
    username: r.username,
    displayName: r.display_name,
    roles: r.roles,
    status: r.status,
    mustChangePassword: r.must_change_password,
    passwordChangedAt: r.password_changed_at,
    lockedUntil: r.locked_until,
    failedAttempts: r.failed_attempts,
    lastLoginAt: r.last_login_at,
    createdAt: r.created_at,
    version: r.version,
    organization: {
      id: r.organization_id,
      code: r.org_code,
      name: r.org_name,
      level: r.org_level,
      parentId: r.org_parent_id,
    },
  };
}

/** Users and assessor assignments. Every method runs in the caller's transaction. */
@Injectable()
export class UsersRepository {
  /** One page of users, ordered by organisation code then user name, and the total count. */
  async list(m: EntityManager, q: UserListQuery): Promise<{ items: UserRecord[]; total: number }> {
    const params: unknown[] = [q.organizationId];
    const where: string[] = [];
    if (q.visibleOrgIds) {
      params.push(q.visibleOrgIds);
      where.push(`u.organization_id = ANY($${params.length})`);
    }
    if (q.rolesAny) {
      params.push(q.rolesAny);
      where.push(`u.roles && $${params.length}::text[]`);
    }
    if (q.search) {
      params.push(`%${q.search.replace(/[%_\\]/g, '\\$&')}%`);
      where.push(`(u.username ILIKE $${params.length} OR u.display_name ILIKE $${params.length})`);
    }
    // The organisation alone, or its subtree walked down org_units.parent_id.
    const orgs = q.includeDescendants
      ? `WITH RECURSIVE orgs AS (
           SELECT id FROM org_units WHERE id = $1
           UNION ALL
           SELECT c.id FROM org_units c JOIN orgs p ON c.parent_id = p.id
         )`
      : `WITH orgs AS (SELECT $1::uuid AS id)`;
    const from = `FROM users u JOIN orgs ON orgs.id = u.organization_id
      JOIN org_units o ON o.id = u.organization_id
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
    const count = await selectOne(m, CountRow, `${orgs} SELECT count(*)::int AS n ${from}`, params);
    const rows = await select(
      m,
      UserRow,
      `${orgs} SELECT ${USER_COLUMNS} ${from}
       ORDER BY o.code ASC, u.username ASC
       OFFSET $${params.length + 1} LIMIT $${params.length + 2}`,
      [...params, q.offset, q.limit],
    );
    return { items: rows.map(toRecord), total: count?.n ?? 0 };
  }

  /** A visible user with its organisation, or null. */
  async find(m: EntityManager, id: string): Promise<UserRecord | null> {
    const row = await selectOne(
      m,
      UserRow,
      `SELECT ${USER_COLUMNS} FROM users u JOIN org_units o ON o.id = u.organization_id WHERE u.id = $1`,
      [id],
      // Named: every request that names its actor (me, history entries) reads it.
      { prepared: true },
    );
    return row ? toRecord(row) : null;
  }

  /** Whether any account, visible or not, has this user name (case-insensitive). */
  async usernameTaken(m: EntityManager, username: string): Promise<boolean> {
    const rows = await select(
      m,
      rowShape({ taken: col.int }),
      'SELECT 1 AS taken FROM auth_find_user($1)',
      [username],
    );
    return rows.length > 0;
  }

  /** A new active account that must change its password at first sign-in; answers its id. */
  async create(
    m: EntityManager,
    u: {
      organizationId: string;
      username: string;
      displayName: string;
      passwordHash: string;
      roles: Role[];
    },
  ): Promise<string> {
    const row = await selectOne(
      m,
      IdRow,
      `INSERT INTO users(organization_id, username, display_name, password_hash, roles, status,
         must_change_password, failed_attempts, password_changed_at)
       VALUES ($1, $2, $3, $4, $5, 'ACTIVE', true, 0, now())
       RETURNING id`,
      [u.organizationId, u.username, u.displayName, u.passwordHash, u.roles],
    );
    if (!row) throw new Error('INSERT ... RETURNING answered no row');
    return row.id;
  }

  /** Changes name and/or roles if the version matches; false on a version conflict. */
  async update(
    m: EntityManager,
    id: string,
    version: number,
    change: { displayName: string | null; roles: Role[] | null },
  ): Promise<boolean> {
    const n = await execute(
      m,
      `UPDATE users SET display_name = coalesce($3, display_name), roles = coalesce($4, roles),
         version = version + 1, updated_at = now()
       WHERE id = $1 AND version = $2`,
      [id, version, change.displayName, change.roles],
    );
    return n > 0;
  }

  /** Enables (also clearing failed attempts and the lock) or disables an account. */
  async setStatus(m: EntityManager, id: string, status: UserStatus): Promise<void> {
    await execute(
      m,
      `UPDATE users SET status = $2::varchar, failed_attempts = CASE WHEN $2::varchar = 'ACTIVE' THEN 0 ELSE failed_attempts END,
       locked_until = CASE WHEN $2::varchar = 'ACTIVE' THEN NULL ELSE locked_until END,
       version = version + 1, updated_at = now() WHERE id = $1`,
      [id, status],
    );
  }

  /** Sets a temporary password that must be changed at the next sign-in, and unlocks the account. */
  async resetPassword(m: EntityManager, id: string, passwordHash: string): Promise<void> {
    await execute(
      m,
      `UPDATE users SET password_hash = $2, must_change_password = true, password_changed_at = now(),
         failed_attempts = 0, locked_until = NULL, version = version + 1, updated_at = now() WHERE id = $1`,
      [id, passwordHash],
    );
  }

  /** Lifts a lockout: clears the failed attempts and the lock. */
  async unlock(m: EntityManager, id: string): Promise<void> {
    await execute(
      m,
      `UPDATE users SET failed_attempts = 0, locked_until = NULL, version = version + 1, updated_at = now()
       WHERE id = $1`,
      [id],
    );
  }

  /** Replaces an assessor's assigned organisations (none: removes them all). */
  async replaceAssessorOrganizations(
    m: EntityManager,
    userId: string,
    organizationIds: readonly string[],
  ): Promise<void> {
    await execute(m, 'DELETE FROM assessor_assignments WHERE user_id = $1', [userId]);
    for (const orgId of organizationIds) {
      await execute(
        m,
        'INSERT INTO assessor_assignments(user_id, organization_id) VALUES ($1, $2)',
        [userId, orgId],
      );
    }
  }
}

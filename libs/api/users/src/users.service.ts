import { Injectable } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  AccountSecurity,
  AppError,
  AuditTrail,
  hashPassword,
  TenantDatabase,
  type Scope,
} from '@sunshine/api/core';
import {
  checkRoleSet,
  DUTY_ROLES,
  managesAccount,
  Role,
  type AuditAction,
} from '@sunshine/shared/domain';
import type { CreateUserInput, UpdateUserInput, UsersFilterInput } from './dtos/user.inputs';
import { UsersException } from './users.exception';
import { UsersRepository, type UserRecord, type UserStatus } from './users.repository';

const ROLE_SET_MESSAGE = {
  EMPTY: '至少选择一个角色',
  DUPLICATE: '角色重复',
  SEPARATION_OF_DUTIES:
    '审计管理员、安全管理员账户不得兼任其他角色，管理员与二者亦不得兼任（三员分立）',
} as const;

/** Public view of a user row for the audit trail (never the hash). */
function snapshot(u: UserRecord): Record<string, unknown> {
  return {
    username: u.username,
    displayName: u.displayName,
    roles: u.roles,
    status: u.status,
    organizationId: u.organizationId,
  };
}

/**
 * User management within the caller's subtree, split by duty (三员分立): ADMIN manages business
 * accounts, SECURITY_ADMIN the audit and security administrators' accounts; nobody changes its
 * own roles. The database holds the same rules (users_duty_guard, the role CHECKs).
 */
@Injectable()
export class UsersService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly audit: AuditTrail,
    private readonly auth: AccountSecurity,
    private readonly repo: UsersRepository,
  ) {}

  async list(
    scope: Scope,
    filter: UsersFilterInput = {},
  ): Promise<{ items: UserRecord[]; total: number }> {
    const orgId = filter.organizationId ?? scope.organizationId;
    await this.db.assertVisible(scope, orgId);
    const visible = await this.db.visibleOrgIds(scope);
    return this.db.run(scope, (m) =>
      this.repo.list(m, {
        organizationId: orgId,
        includeDescendants: filter.includeDescendants !== false,
        visibleOrgIds: visible,
        search: filter.search || undefined,
        // A security administrator sees the accounts it manages, not the business accounts.
        rolesAny: scope.roles.includes(Role.ADMIN) ? null : [...DUTY_ROLES],
        offset: filter.offset ?? 0,
        limit: filter.limit ?? 50,
      }),
    );
  }

  async create(scope: Scope, input: CreateUserInput): Promise<UserRecord> {
    await this.db.assertVisible(scope, input.organizationId);
    this.assertRoles(input.roles, input.assessorOrganizationIds);
    this.assertManages(scope, input.roles);
    for (const id of input.assessorOrganizationIds ?? []) await this.db.assertVisible(scope, id);
    this.auth.assertPasswordPolicy(input.password, input.username);
    const passwordHash = await hashPassword(input.password);
    return this.db.run(scope, async (m) => {
      if (await this.repo.usernameTaken(m, input.username)) throw UsersException.usernameTaken();
      const id = await this.repo.create(m, {
        organizationId: input.organizationId,
        username: input.username,
        displayName: input.displayName,
        passwordHash,
        roles: input.roles,
      });
      const saved = await this.load(m, id);
      await this.setAssignments(m, saved.id, input.roles, input.assessorOrganizationIds);
      await this.audit.record(m, scope, {
        action: 'USER_CREATE',
        targetType: 'User',
        targetId: saved.id,
        organizationId: saved.organizationId,
        changes: {
          after: snapshot(saved),
          assessorOrganizationIds: input.assessorOrganizationIds ?? [],
        },
      });
      return saved;
    });
  }

  async update(scope: Scope, input: UpdateUserInput): Promise<UserRecord> {
    if (input.roles) {
      this.assertRoles(input.roles, input.assessorOrganizationIds);
      this.assertManages(scope, input.roles);
    }
    for (const id of input.assessorOrganizationIds ?? []) await this.db.assertVisible(scope, id);
    return this.mutate(scope, input.id, 'USER_UPDATE', async (m, before) => {
      if (input.roles && scope.userId === before.id && !sameRoles(input.roles, before.roles)) {
        throw UsersException.selfRoles();
      }
      const updated = await this.repo.update(m, before.id, input.version, {
        displayName: input.displayName ?? null,
        roles: input.roles ?? null,
      });
      if (!updated) {
        throw AppError.conflict('VERSION_CONFLICT', '该用户已被他人修改，请刷新后重试', {
          current: {
            version: before.version,
            displayName: before.displayName,
            roles: before.roles,
          },
        });
      }
      if (input.roles) {
        await this.setAssignments(m, before.id, input.roles, input.assessorOrganizationIds);
        if (!sameRoles(input.roles, before.roles))
          await this.auth.revokeSessions(m, before.id, 'ROLES_CHANGED');
      }
    });
  }

  async setStatus(scope: Scope, id: string, status: UserStatus): Promise<UserRecord> {
    if (id === scope.userId) throw UsersException.selfAction();
    return this.mutate(
      scope,
      id,
      status === 'DISABLED' ? 'USER_DISABLE' : 'USER_ENABLE',
      async (m, before) => {
        await this.repo.setStatus(m, before.id, status);
        if (status === 'DISABLED') await this.auth.revokeSessions(m, before.id, 'DISABLED');
        else await this.auth.clearSignInFailures(m, before.username);
      },
    );
  }

  async resetPassword(
    scope: Scope,
    id: string,
  ): Promise<{ user: UserRecord; temporaryPassword: string }> {
    if (id === scope.userId) throw UsersException.selfAction();
    const temporaryPassword = generateTemporaryPassword();
    const hash = await hashPassword(temporaryPassword);
    const user = await this.mutate(scope, id, 'USER_PASSWORD_RESET', async (m, before) => {
      await this.repo.resetPassword(m, before.id, hash);
      await this.auth.revokeSessions(m, before.id, 'PASSWORD_RESET');
      await this.auth.clearSignInFailures(m, before.username);
    });
    return { user, temporaryPassword };
  }

  /**
   * Lifts a lockout (5 failed passwords) and the account name's sign-in throttle before the
   * 30 minutes are up, for an administrator of the user's organisation or one above it. Audited
   * with the lock that was lifted.
   */
  async unlock(scope: Scope, id: string): Promise<UserRecord> {
    if (id === scope.userId) throw UsersException.selfAction();
    return this.mutate(scope, id, 'USER_UNLOCK', async (m, before) => {
      await this.repo.unlock(m, before.id);
      await this.auth.clearSignInFailures(m, before.username);
      return {
        lockedUntil:
          before.lockedUntil && before.lockedUntil.getTime() > Date.now()
            ? before.lockedUntil.toISOString()
            : null,
        failedAttempts: before.failedAttempts,
      };
    });
  }

  /** Loads a visible user, applies a change, records before/after, returns the fresh row. */
  private async mutate(
    scope: Scope,
    id: string,
    action: AuditAction,
    change: (m: EntityManager, before: UserRecord) => Promise<Record<string, unknown> | void>,
  ): Promise<UserRecord> {
    return this.db.run(scope, async (m) => {
      const before = await this.repo.find(m, id);
      if (!before || !(await this.db.canSee(scope, before.organizationId)))
        throw AppError.notFound();
      // Self-service (one's own name) stays open; anything else needs the account's manager.
      if (before.id !== scope.userId) this.assertManages(scope, before.roles);
      const detail = await change(m, before);
      const after = await this.load(m, id);
      await this.audit.record(m, scope, {
        action,
        targetType: 'User',
        targetId: id,
        organizationId: after.organizationId,
        changes: { before: snapshot(before), after: snapshot(after), ...(detail ?? {}) },
      });
      return after;
    });
  }

  private async load(m: EntityManager, id: string): Promise<UserRecord> {
    const user = await this.repo.find(m, id);
    if (!user) throw AppError.notFound();
    return user;
  }

  /** The caller manages accounts with these roles (三员分立), or FORBIDDEN. */
  private assertManages(scope: Scope, roles: readonly Role[]): void {
    if (!managesAccount(scope.roles, roles)) throw UsersException.dutySeparation();
  }

  private assertRoles(roles: Role[], assessorOrgs?: string[]): void {
    const problem = checkRoleSet(roles);
    if (problem)
      throw AppError.badInput(`ROLES_${problem}`, ROLE_SET_MESSAGE[problem], [
        { field: 'roles', message: ROLE_SET_MESSAGE[problem] },
      ]);
    if (roles.includes(Role.ASSESSOR) && roles.length > 1) throw UsersException.assessorExclusive();
    if (roles.includes(Role.ASSESSOR) && assessorOrgs !== undefined && assessorOrgs.length === 0) {
      throw UsersException.assessorNeedsOrgs();
    }
  }

  private async setAssignments(
    m: EntityManager,
    userId: string,
    roles: Role[],
    orgIds?: string[],
  ): Promise<void> {
    if (!roles.includes(Role.ASSESSOR)) {
      await this.repo.replaceAssessorOrganizations(m, userId, []);
      return;
    }
    if (orgIds === undefined) return;
    await this.repo.replaceAssessorOrganizations(m, userId, [...new Set(orgIds)]);
  }
}

function sameRoles(a: readonly Role[], b: readonly Role[]): boolean {
  return [...a].sort().join() === [...b].sort().join();
}

/** 12 characters from four classes, no look-alikes. */
export function generateTemporaryPassword(): string {
  const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '#$%&*+=?@'];
  const chars = sets.map((s) => s[randomInt(s.length)]);
  const all = sets.join('');
  while (chars.length < 12) chars.push(all[randomInt(all.length)]);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}

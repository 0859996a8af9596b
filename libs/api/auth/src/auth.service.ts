import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  checkPassword,
  LOCKOUT_MINUTES,
  LOCKOUT_THRESHOLD,
  PASSWORD_MAX_AGE_DAYS,
  PASSWORD_PROBLEM_MESSAGE,
  Role,
} from '@sunshine/shared/domain';
import {
  AccessTokens,
  AccountSecurity,
  AppError,
  APP_CONFIG,
  AuditTrail,
  dummyPasswordHash,
  hashPassword,
  selfScope,
  TenantDatabase,
  UserAccounts,
  verifyPassword,
  type AccountProfile,
  type AppConfig,
  type Scope,
} from '@sunshine/api/core';
import { MeDto, type AuthPayloadDto } from './dtos/me.dto';
import { hashSecret, newSecret, sameHash, type RefreshToken } from './sessions';
import { SessionsRepository } from './sessions.repository';

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

export interface SignedIn {
  payload: AuthPayloadDto;
  /** The new refresh token to set, or null when the browser already holds the current one. */
  refresh: RefreshToken | null;
}

/** Seconds within which a just-rotated refresh token is still honoured (parallel tabs). */
const ROTATION_GRACE_SECONDS = 10;

/**
 * Sign-in, refresh with rotation, sign-out, password change: the session life cycle. Accounts are
 * the users feature's, reached through the UserAccounts port; sessions are this feature's own.
 */
@Injectable()
export class AuthService implements AccountSecurity {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tenantDb: TenantDatabase,
    private readonly tokens: AccessTokens,
    private readonly audit: AuditTrail,
    private readonly accounts: UserAccounts,
    private readonly sessions: SessionsRepository,
  ) {}

  async login(username: string, password: string, client: ClientInfo): Promise<SignedIn> {
    const found = await this.accounts.findForSignIn(username);
    if (!found) {
      await verifyPassword(await dummyPasswordHash(), password);
      await this.ds.transaction((m) =>
        this.audit
          .record(m, null, {
            action: 'LOGIN',
            result: 'FAILURE',
            organizationId: null,
            changes: { username: username.slice(0, 64), reason: 'UNKNOWN_USER' },
          })
          .then(() => undefined),
      );
      throw AppError.unauthenticated('INVALID_CREDENTIALS', '用户名或密码错误');
    }
    const scope = selfScope(found, client.ip);
    if (found.status !== 'ACTIVE') {
      await this.runSystem(scope, (m) =>
        this.audit.record(m, scope, {
          action: 'LOGIN',
          result: 'FAILURE',
          targetType: 'User',
          targetId: found.id,
          changes: { reason: 'DISABLED' },
        }),
      );
      throw AppError.unauthenticated('ACCOUNT_DISABLED', '账户已停用，请联系管理员');
    }
    if (found.lockedUntil && found.lockedUntil.getTime() > Date.now()) {
      await this.runSystem(scope, (m) =>
        this.audit.record(m, scope, {
          action: 'LOGIN',
          result: 'FAILURE',
          targetType: 'User',
          targetId: found.id,
          changes: { reason: 'LOCKED' },
        }),
      );
      throw this.lockedError(found.lockedUntil);
    }
    if (!(await verifyPassword(found.passwordHash, password))) {
      const outcome = await this.runSystem(scope, async (m) => {
        const state = await this.accounts.recordFailedAttempt(
          m,
          found.id,
          LOCKOUT_THRESHOLD,
          LOCKOUT_MINUTES,
        );
        await this.audit.record(m, scope, {
          action: 'LOGIN',
          result: 'FAILURE',
          targetType: 'User',
          targetId: found.id,
          changes: { reason: 'BAD_PASSWORD', failedAttempts: state.failedAttempts },
        });
        if (state.lockedUntil) {
          await this.audit.record(m, scope, {
            action: 'ACCOUNT_LOCKED',
            targetType: 'User',
            targetId: found.id,
            changes: {
              lockedUntil: state.lockedUntil.toISOString(),
              failedAttempts: state.failedAttempts,
            },
          });
        }
        return state;
      });
      if (outcome.lockedUntil) throw this.lockedError(outcome.lockedUntil);
      const left = LOCKOUT_THRESHOLD - outcome.failedAttempts;
      throw AppError.unauthenticated(
        'INVALID_CREDENTIALS',
        `用户名或密码错误，再错 ${left} 次账户将被锁定 ${LOCKOUT_MINUTES} 分钟`,
      );
    }
    return this.runSystem(scope, async (m) => {
      if (!(await this.accounts.recordSignIn(m, found.id, PASSWORD_MAX_AGE_DAYS)))
        throw AppError.unauthenticated('ACCOUNT_LOCKED', '账户已锁定，请稍后再试');
      const secret = newSecret();
      const sessionId = await this.sessions.create(m, {
        userId: found.id,
        organizationId: found.organizationId,
        tokenHash: hashSecret(secret),
        days: this.config.refreshTokenDays,
        ip: client.ip,
        userAgent: client.userAgent?.slice(0, 256) ?? null,
      });
      await this.audit.record(m, scope, {
        action: 'LOGIN',
        targetType: 'Session',
        targetId: sessionId,
      });
      const refresh: RefreshToken = { sessionId, secret };
      return { payload: await this.issue(m, found.id, sessionId), refresh };
    });
  }

  async refresh(token: RefreshToken, client: ClientInfo): Promise<SignedIn> {
    const found = await this.sessions.findOwner(token.sessionId);
    if (!found) throw AppError.unauthenticated('SESSION_INVALID', '登录已失效，请重新登录');
    const scope: Scope = {
      ...selfScope(
        { id: found.user_id, username: '', organizationId: found.organization_id, roles: [] },
        client.ip,
      ),
    };
    const result = await this.runSystem(scope, async (m) => {
      const s = await this.sessions.lockForRefresh(m, found.id);
      const user = await this.accounts.profile(m, found.user_id);
      if (!s || !user) return { error: 'SESSION_REVOKED' as const };
      const actor = { ...scope, username: user.username };
      const presented = hashSecret(token.secret);
      if (s.revoked_at || user.status !== 'ACTIVE') return { error: 'SESSION_REVOKED' as const };
      if (s.expires_at.getTime() < Date.now()) return { error: 'SESSION_EXPIRED' as const };
      if (s.idle_seconds > this.config.idleTimeoutMinutes * 60) {
        await this.sessions.revoke(m, found.id, 'IDLE');
        await this.audit.record(m, actor, {
          action: 'SESSION_IDLE_TIMEOUT',
          targetType: 'Session',
          targetId: found.id,
        });
        return { error: 'SESSION_IDLE' as const };
      }
      if (sameHash(presented, s.token_hash)) {
        const secret = newSecret();
        await this.sessions.rotate(m, found.id, hashSecret(secret));
        return {
          payload: await this.issue(m, found.user_id, found.id, user),
          refresh: { sessionId: found.id, secret },
        };
      }
      if (
        sameHash(presented, s.previous_token_hash) &&
        s.rotated_seconds !== null &&
        s.rotated_seconds <= ROTATION_GRACE_SECONDS
      ) {
        // A parallel tab used the same token a moment ago; the browser already has the new one.
        return { payload: await this.issue(m, found.user_id, found.id, user), refresh: null };
      }
      // A rotated-out token came back: treat the session as stolen.
      await this.sessions.revoke(m, found.id, 'REUSE');
      await this.audit.record(m, actor, {
        action: 'REFRESH_TOKEN_REUSE',
        result: 'FAILURE',
        targetType: 'Session',
        targetId: found.id,
      });
      return { error: 'SESSION_REVOKED' as const };
    });
    if ('error' in result) {
      throw AppError.unauthenticated(
        result.error,
        result.error === 'SESSION_IDLE' ? '长时间未操作，请重新登录' : '登录已失效，请重新登录',
      );
    }
    return { payload: result.payload, refresh: result.refresh };
  }

  /** Revokes the session named by the access token or, failing that, by the refresh cookie. */
  async logout(
    scope: Scope | undefined,
    cookie: RefreshToken | null,
    client: ClientInfo,
  ): Promise<void> {
    let sessionId = scope?.sessionId ?? null;
    let actor: Scope | undefined = scope;
    if (!sessionId && cookie) {
      const owner = await this.sessions.findOwner(cookie.sessionId);
      if (!owner) return;
      sessionId = owner.id;
      actor = selfScope(
        { id: owner.user_id, username: '', organizationId: owner.organization_id, roles: [] },
        client.ip,
      );
    }
    if (!sessionId || !actor) return;
    const sid = sessionId;
    await this.runSystem({ ...actor, sessionId: null }, async (m) => {
      if (await this.sessions.revokeOpen(m, sid, 'LOGOUT'))
        await this.audit.record(m, actor ?? null, {
          action: 'LOGOUT',
          targetType: 'Session',
          targetId: sid,
        });
    });
  }

  async changePassword(
    scope: Scope,
    currentPassword: string,
    newPassword: string,
  ): Promise<AuthPayloadDto> {
    return this.tenantDb.run(scope, async (m) => {
      const user = await this.accounts.profile(m, scope.userId);
      const passwordHash = await this.accounts.passwordHash(m, scope.userId);
      if (!user || passwordHash === null) throw AppError.unauthenticated();
      if (!(await verifyPassword(passwordHash, currentPassword))) {
        await this.audit.record(m, scope, {
          action: 'PASSWORD_CHANGE',
          result: 'FAILURE',
          targetType: 'User',
          targetId: user.id,
        });
        throw AppError.badInput('WRONG_PASSWORD', '当前密码不正确', [
          { field: 'currentPassword', message: '当前密码不正确' },
        ]);
      }
      this.assertPasswordPolicy(newPassword, user.username);
      if (await verifyPassword(passwordHash, newPassword)) {
        throw AppError.badInput('PASSWORD_REUSED', '新密码不能与当前密码相同', [
          { field: 'newPassword', message: '新密码不能与当前密码相同' },
        ]);
      }
      await this.accounts.setOwnPassword(m, user.id, await hashPassword(newPassword));
      // Other sessions end; this one continues with a fresh token.
      await this.sessions.revokeOthers(m, user.id, scope.sessionId, 'PASSWORD_CHANGED');
      await this.audit.record(m, scope, {
        action: 'PASSWORD_CHANGE',
        targetType: 'User',
        targetId: user.id,
      });
      return this.issue(m, user.id, scope.sessionId ?? '');
    });
  }

  async me(scope: Scope): Promise<MeDto> {
    return this.tenantDb.run(scope, async (m) => {
      const user = await this.accounts.profile(m, scope.userId);
      if (!user) throw AppError.unauthenticated();
      return MeDto.from(user);
    });
  }

  assertPasswordPolicy(password: string, username: string): void {
    const problems = checkPassword(password, username);
    if (problems.length > 0) {
      const message = problems.map((p) => PASSWORD_PROBLEM_MESSAGE[p]).join('；');
      throw AppError.badInput(
        'PASSWORD_POLICY',
        message,
        problems.map((p) => ({ field: 'password', message: PASSWORD_PROBLEM_MESSAGE[p] })),
      );
    }
  }

  /** Ends every open session of a user (disable, password reset). Runs in the caller's transaction. */
  revokeSessions(m: EntityManager, userId: string, reason: string): Promise<number> {
    return this.sessions.revokeAllOf(m, userId, reason);
  }

  private async issue(
    m: EntityManager,
    userId: string,
    sessionId: string,
    loaded?: AccountProfile,
  ): Promise<AuthPayloadDto> {
    const user = loaded ?? (await this.accounts.profile(m, userId));
    if (!user) throw AppError.unauthenticated();
    let roots = [user.organizationId];
    if (user.roles.includes(Role.ASSESSOR)) {
      roots = await this.accounts.assessorOrganizationIds(m, userId);
      if (roots.length === 0)
        throw AppError.forbidden('NO_ASSIGNMENT', '该测评账户尚未分配测评单位');
    }
    const accessToken = this.tokens.sign({
      sub: user.id,
      sid: sessionId,
      usr: user.username,
      org: user.organizationId,
      roots,
      roles: user.roles,
      mcp: user.mustChangePassword,
    });
    return {
      accessToken,
      expiresIn: this.tokens.lifetimeSeconds,
      user: MeDto.from(user),
    };
  }

  private lockedError(until: Date): AppError {
    const minutes = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60000));
    return AppError.unauthenticated(
      'ACCOUNT_LOCKED',
      `连续登录失败次数过多，账户已锁定，请 ${minutes} 分钟后再试`,
    );
  }

  /** A transaction in a self scope without a session check (sign-in, refresh, sign-out). */
  private runSystem<T>(scope: Scope, work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.tenantDb.run({ ...scope, sessionId: null }, work);
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  ACCOUNT_THROTTLE,
  ADDRESS_THROTTLE,
  checkPassword,
  LOCKOUT_MINUTES,
  LOCKOUT_THRESHOLD,
  PASSWORD_MAX_AGE_DAYS,
  PASSWORD_PROBLEM_MESSAGE,
} from '@sunshine/shared/domain';
import {
  AccessTokens,
  AccountSecurity,
  AppError,
  APP_CONFIG,
  AuditTrail,
  dummyPasswordHash,
  ErrorCode,
  hashPassword,
  selfScope,
  TenantDatabase,
  UserAccounts,
  verifyPassword,
  type AppConfig,
  type Scope,
  type SignInAccount,
} from '@sunshine/api/core';
import { MeDto, SecurityNoticeDto, type AuthPayloadDto } from './dtos/me.dto';
import { hashSecret, newSecret, sessionReference, type RefreshToken } from './sessions';
import { SessionsRepository } from './sessions.repository';
import { SessionService } from './session.service';
import { accountKey, addressKey, SignInThrottleRepository } from './sign-in-throttle.repository';

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
function stillLocked(until: Date | null): Date | null {
  return until && until.getTime() > Date.now() ? until : null;
}

/** The one answer to a wrong password, an unknown user name, and (before a lock) both. */
function invalidCredentials(): AppError {
  return AppError.unauthenticated('INVALID_CREDENTIALS', '用户名或密码错误');
}

function lockedError(until: Date): AppError {
  const minutes = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60000));
  return AppError.unauthenticated(
    'ACCOUNT_LOCKED',
    `连续登录失败次数过多，账户已锁定，请 ${minutes} 分钟后再试`,
  );
}

function tooManyAttempts(seconds: number): AppError {
  const wait = seconds >= 120 ? `${Math.ceil(seconds / 60)} 分钟` : `${seconds} 秒`;
  return new AppError(
    ErrorCode.FORBIDDEN,
    'TOO_MANY_ATTEMPTS',
    `登录尝试过于频繁，请 ${wait}后再试`,
    { retryAfterSeconds: seconds },
  );
}

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
    private readonly throttle: SignInThrottleRepository,
    private readonly session: SessionService,
  ) {}

  async login(username: string, password: string, client: ClientInfo): Promise<SignedIn> {
    const keys = { account: accountKey(username), address: addressKey(client.ip) };
    const gate = await this.throttle.gate(keys.account, keys.address);
    if (gate.waitSeconds > 0) throw tooManyAttempts(gate.waitSeconds);
    const found = await this.accounts.findForSignIn(username);
    // Unknown names pay for a hash check too, so timing does not reveal which accounts exist.
    const passwordOk = await verifyPassword(
      found?.passwordHash ?? (await dummyPasswordHash()),
      password,
    );
    // Names without an account are locked by the same rule, so a lock reveals nothing either.
    const lockedUntil = found ? stillLocked(found.lockedUntil) : gate.nameLockedUntil;
    if (found && passwordOk && !lockedUntil) {
      const scope = selfScope(found, client.ip);
      if (found.status !== 'ACTIVE') {
        // Said only to whoever knows the password.
        await this.session.runSystem(scope, (m) =>
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
      return this.signIn(found, keys.account, client);
    }
    // Every failure does the same work and answers alike: unknown name, wrong password, locked
    // (while locked the outcome of the password check is ignored, and the lock is never extended).
    const reason = !found ? 'UNKNOWN_USER' : lockedUntil ? 'LOCKED' : 'BAD_PASSWORD';
    const locked = await this.recordFailure(found, username, reason, keys, client, 'LOGIN');
    if (locked) throw lockedError(locked);
    throw invalidCredentials();
  }

  /**
   * Counts one failed password check: per client address and per account name (progressive
   * delay), and for an unlocked account toward the lockout. Committed on its own, whatever the
   * operation that called it does next. Answers the lock now in force, if any.
   */
  private async recordFailure(
    found: SignInAccount | null,
    username: string,
    reason: 'UNKNOWN_USER' | 'BAD_PASSWORD' | 'LOCKED',
    keys: { account: string; address: string },
    client: ClientInfo,
    action: 'LOGIN' | 'PASSWORD_CHANGE',
  ): Promise<Date | null> {
    const count = async (m: EntityManager, scope: Scope | null): Promise<Date | null> => {
      await this.throttle.fail(m, keys.address, ADDRESS_THROTTLE);
      const name = await this.throttle.fail(m, keys.account, ACCOUNT_THROTTLE, {
        threshold: LOCKOUT_THRESHOLD,
        minutes: LOCKOUT_MINUTES,
      });
      if (!found || !scope) {
        await this.audit.record(m, null, {
          action,
          result: 'FAILURE',
          organizationId: null,
          changes: { username: username.slice(0, 64), reason, ip: client.ip },
        });
        return name.lockedUntil;
      }
      if (reason === 'LOCKED') {
        await this.audit.record(m, scope, {
          action,
          result: 'FAILURE',
          targetType: 'User',
          targetId: found.id,
          changes: { reason },
        });
        return stillLocked(found.lockedUntil);
      }
      const state = await this.accounts.recordFailedAttempt(
        m,
        found.id,
        LOCKOUT_THRESHOLD,
        LOCKOUT_MINUTES,
      );
      await this.audit.record(m, scope, {
        action,
        result: 'FAILURE',
        targetType: 'User',
        targetId: found.id,
        changes: { reason, failedAttempts: state.failedAttempts },
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
      return state.lockedUntil;
    };
    if (!found) return this.ds.transaction((m) => count(m, null));
    const scope = selfScope(found, client.ip);
    return this.tenantDb.runAlone({ ...scope, sessionId: null }, (m) => count(m, scope));
  }

  private signIn(found: SignInAccount, accountThrottleKey: string, client: ClientInfo) {
    const scope = selfScope(found, client.ip);
    return this.session.runSystem(scope, async (m): Promise<SignedIn> => {
      if (!(await this.accounts.recordSignIn(m, found.id, PASSWORD_MAX_AGE_DAYS)))
        throw AppError.unauthenticated('ACCOUNT_LOCKED', '账户已锁定，请稍后再试');
      const since = await this.throttle.failuresSinceSignIn(m);
      await this.throttle.clear(m, accountThrottleKey);
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
        targetType: 'User',
        targetId: found.id,
        changes: { session: sessionReference(sessionId) },
      });
      const refresh: RefreshToken = { sessionId, secret };
      const payload = await this.session.issue(m, found.id, sessionId);
      payload.securityNotice = SecurityNoticeDto.from(since);
      return { payload, refresh };
    });
  }

  /**
   * Changes the caller's own password. A wrong current password is a failed password check like
   * a failed sign-in: throttled, counted toward the lockout and recorded (even though the
   * operation fails); a locked account cannot change its password.
   */
  async changePassword(
    scope: Scope,
    currentPassword: string,
    newPassword: string,
    client: ClientInfo = { ip: scope.ip ?? null, userAgent: null },
  ): Promise<AuthPayloadDto> {
    const keys = { account: accountKey(scope.username), address: addressKey(client.ip) };
    const gate = await this.throttle.gate(keys.account, keys.address);
    if (gate.waitSeconds > 0) throw tooManyAttempts(gate.waitSeconds);
    const account = await this.accounts.findForSignIn(scope.username);
    if (!account || account.id !== scope.userId) throw AppError.unauthenticated();
    const locked = stillLocked(account.lockedUntil);
    if (locked) throw lockedError(locked);
    if (!(await verifyPassword(account.passwordHash, currentPassword))) {
      const lockedNow = await this.recordFailure(
        account,
        scope.username,
        'BAD_PASSWORD',
        keys,
        client,
        'PASSWORD_CHANGE',
      );
      if (lockedNow) throw lockedError(lockedNow);
      throw AppError.badInput('WRONG_PASSWORD', '当前密码不正确', [
        { field: 'currentPassword', message: '当前密码不正确' },
      ]);
    }
    return this.tenantDb.run(scope, async (m) => {
      const user = await this.accounts.profile(m, scope.userId);
      if (!user) throw AppError.unauthenticated();
      this.assertPasswordPolicy(newPassword, user.username);
      if (await verifyPassword(account.passwordHash, newPassword)) {
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
      return this.session.issue(m, user.id, scope.sessionId ?? '');
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
    return this.session.revokeAll(m, userId, reason);
  }

  /** Clears an account name's throttle and lock (an administrator's unlock, enable or reset). */
  clearSignInFailures(m: EntityManager, username: string): Promise<void> {
    return this.throttle.clear(m, accountKey(username));
  }
}

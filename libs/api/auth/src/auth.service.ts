import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  ACCOUNT_THROTTLE,
  ADDRESS_THROTTLE,
  checkPassword,
  LOCKOUT_MINUTES,
  LOCKOUT_THRESHOLD,
  PASSWORD_HISTORY,
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
import { isCommonPassword } from './common-passwords';
import { SecondFactorService, type Enrolment, type FactorUsed } from './second-factor.service';

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

const COMMON_PASSWORD_MESSAGE = '该密码过于常见，容易被猜中，请换一个';

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
    private readonly secondFactor: SecondFactorService,
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
      const step = await this.session.runSystem(scope, async (m) =>
        (await this.secondFactor.enrolled(m, found.id))
          ? 'VERIFY'
          : this.secondFactor.mustEnrol(found)
            ? 'ENROL'
            : null,
      );
      if (step) throw this.secondStep(found, step);
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
    reason: 'UNKNOWN_USER' | 'BAD_PASSWORD' | 'LOCKED' | 'BAD_SECOND_FACTOR',
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

  private signIn(
    found: SignInAccount,
    accountThrottleKey: string,
    client: ClientInfo,
    factor: FactorUsed | null = null,
    before?: (m: EntityManager) => Promise<void>,
  ) {
    const scope = selfScope(found, client.ip);
    return this.session.runSystem(scope, async (m): Promise<SignedIn> => {
      if (!(await this.accounts.recordSignIn(m, found.id, this.config.passwordMaxAgeDays)))
        throw AppError.unauthenticated('ACCOUNT_LOCKED', '账户已锁定，请稍后再试');
      await before?.(m);
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
        changes: {
          session: sessionReference(sessionId),
          ...(factor ? { secondFactor: factor } : {}),
        },
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
      for (const earlier of await this.accounts.recentPasswordHashes(
        m,
        user.id,
        PASSWORD_HISTORY,
      )) {
        if (await verifyPassword(earlier, newPassword)) {
          const message = `新密码不能与最近 ${PASSWORD_HISTORY} 次使用过的密码相同`;
          throw AppError.badInput('PASSWORD_REUSED', message, [{ field: 'newPassword', message }]);
        }
      }
      await this.accounts.setOwnPassword(
        m,
        user.id,
        await hashPassword(newPassword),
        PASSWORD_HISTORY,
      );
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

  /** The answer to a right password when a second step follows: a challenge for that step. */
  private secondStep(found: SignInAccount, step: 'VERIFY' | 'ENROL'): AppError {
    const challenge = this.secondFactor.issueChallenge(found);
    return step === 'VERIFY'
      ? new AppError(ErrorCode.UNAUTHENTICATED, 'SECOND_FACTOR_REQUIRED', '请输入两步验证码', {
          challenge,
        })
      : new AppError(
          ErrorCode.UNAUTHENTICATED,
          'SECOND_FACTOR_ENROLMENT_REQUIRED',
          '管理类账户须先设置两步验证',
          { challenge },
        );
  }

  /**
   * The account behind a challenge, checked like a sign-in: throttled, not locked, active. The
   * work runs only then; a false answer counts as a failed check (toward the lockout).
   */
  private async challenged<T>(
    challenge: string,
    client: ClientInfo,
    work: (found: SignInAccount, scope: Scope) => Promise<T | null>,
  ): Promise<{ found: SignInAccount; result: T; throttleKey: string }> {
    const claims = this.secondFactor.readChallenge(challenge);
    const keys = { account: accountKey(claims.username), address: addressKey(client.ip) };
    const gate = await this.throttle.gate(keys.account, keys.address);
    if (gate.waitSeconds > 0) throw tooManyAttempts(gate.waitSeconds);
    const found = await this.accounts.findForSignIn(claims.username);
    if (!found || found.id !== claims.userId || found.status !== 'ACTIVE')
      throw AppError.unauthenticated('CHALLENGE_INVALID', '验证已超时，请重新输入用户名和密码');
    const locked = stillLocked(found.lockedUntil);
    if (locked) throw lockedError(locked);
    const result = await work(found, selfScope(found, client.ip));
    if (result === null) {
      const lockedNow = await this.recordFailure(
        found,
        claims.username,
        'BAD_SECOND_FACTOR',
        keys,
        client,
        'LOGIN',
      );
      if (lockedNow) throw lockedError(lockedNow);
      throw AppError.badInput('SECOND_FACTOR_INVALID', '验证码不正确或已使用', [
        { field: 'code', message: '验证码不正确或已使用' },
      ]);
    }
    return { found, result, throttleKey: keys.account };
  }

  /** The second step of sign-in: a TOTP code (accepted once) or a one-time recovery code. */
  async verifySecondFactor(challenge: string, code: string, client: ClientInfo): Promise<SignedIn> {
    const { found, result, throttleKey } = await this.challenged(challenge, client, (f, scope) =>
      this.tenantDb.runAlone({ ...scope, sessionId: null }, (m) =>
        this.secondFactor.verify(m, f.id, code),
      ),
    );
    return this.signIn(found, throttleKey, client, result);
  }

  /** Enrolment at sign-in, step one: the secret as a QR code and as text. */
  async beginEnrolmentAtSignIn(challenge: string, client: ClientInfo): Promise<Enrolment> {
    const claims = this.secondFactor.readChallenge(challenge);
    const found = await this.accounts.findForSignIn(claims.username);
    if (!found || found.id !== claims.userId || found.status !== 'ACTIVE')
      throw AppError.unauthenticated('CHALLENGE_INVALID', '验证已超时，请重新输入用户名和密码');
    const scope = selfScope(found, client.ip);
    return this.session.runSystem(scope, (m) => this.secondFactor.begin(m, found));
  }

  /**
   * Enrolment at sign-in, step two: a code from the app confirms it; the session starts and the
   * recovery codes are shown once. A wrong code counts toward the lockout.
   */
  async confirmEnrolmentAtSignIn(
    challenge: string,
    code: string,
    client: ClientInfo,
  ): Promise<{ signedIn: SignedIn; recoveryCodes: string[] }> {
    const { found, result, throttleKey } = await this.challenged(challenge, client, (f, scope) =>
      this.tenantDb.runAlone({ ...scope, sessionId: null }, (m) =>
        this.secondFactor.confirm(m, f, code),
      ),
    );
    const signedIn = await this.signIn(found, throttleKey, client, 'TOTP', (m) =>
      this.audit.record(m, selfScope(found, client.ip), {
        action: 'SECOND_FACTOR_ENROL',
        targetType: 'User',
        targetId: found.id,
      }),
    );
    return { signedIn, recoveryCodes: result };
  }

  /** A signed-in user turns the second factor on (where the policy does not force it yet). */
  async beginOwnEnrolment(scope: Scope): Promise<Enrolment> {
    return this.tenantDb.run(scope, async (m) => {
      const user = await this.accounts.profile(m, scope.userId);
      if (!user) throw AppError.unauthenticated();
      return this.secondFactor.begin(m, user);
    });
  }

  async confirmOwnEnrolment(scope: Scope, code: string): Promise<string[]> {
    const codes = await this.tenantDb.run(scope, async (m) => {
      const user = await this.accounts.profile(m, scope.userId);
      if (!user) throw AppError.unauthenticated();
      const recovery = await this.secondFactor.confirm(m, user, code);
      if (recovery)
        await this.audit.record(m, scope, {
          action: 'SECOND_FACTOR_ENROL',
          targetType: 'User',
          targetId: user.id,
        });
      return recovery;
    });
    if (!codes)
      throw AppError.badInput('SECOND_FACTOR_INVALID', '验证码不正确或已使用', [
        { field: 'code', message: '验证码不正确或已使用' },
      ]);
    return codes;
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
    if (problems.length === 0 && isCommonPassword(password)) {
      throw AppError.badInput('PASSWORD_COMMON', COMMON_PASSWORD_MESSAGE, [
        { field: 'password', message: COMMON_PASSWORD_MESSAGE },
      ]);
    }
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

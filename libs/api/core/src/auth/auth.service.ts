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
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { AuditTrail } from '../audit/audit-trail.service';
import { AppError } from '../errors/app-error';
import { MeDto, type AuthPayloadDto } from '../dtos/me.dto';
import { UserEntity } from '../entities/user.entity';
import { TenantDatabase } from '../tenancy/tenant-database.service';
import { selfScope, type Scope } from '../tenancy/scope';
import { AccessTokens } from './access-token';
import { dummyPasswordHash, hashPassword, verifyPassword } from './password-hasher';
import { hashSecret, newSecret, sameHash, type RefreshToken } from './sessions';

interface FoundUser {
  id: string;
  organization_id: string;
  username: string;
  password_hash: string;
  roles: Role[];
  status: string;
  locked_until: Date | null;
}

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

/** Sign-in, refresh with rotation, sign-out, password change: the session life cycle. */
@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tenantDb: TenantDatabase,
    private readonly tokens: AccessTokens,
    private readonly audit: AuditTrail,
  ) {}

  async login(username: string, password: string, client: ClientInfo): Promise<SignedIn> {
    const rows = (await this.ds.query('SELECT * FROM auth_find_user($1)', [
      username,
    ])) as FoundUser[];
    const found = rows[0];
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
    const scope = selfScope(
      {
        id: found.id,
        username: found.username,
        organizationId: found.organization_id,
        roles: found.roles,
      },
      client.ip,
    );
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
    if (found.locked_until && found.locked_until.getTime() > Date.now()) {
      await this.runSystem(scope, (m) =>
        this.audit.record(m, scope, {
          action: 'LOGIN',
          result: 'FAILURE',
          targetType: 'User',
          targetId: found.id,
          changes: { reason: 'LOCKED' },
        }),
      );
      throw this.lockedError(found.locked_until);
    }
    if (!(await verifyPassword(found.password_hash, password))) {
      const outcome = await this.runSystem(scope, async (m) => {
        const [row] = (await m.query(
          `UPDATE users SET
             failed_attempts = CASE WHEN locked_until IS NOT NULL AND locked_until <= now() THEN 1 ELSE failed_attempts + 1 END,
             locked_until = CASE
               WHEN locked_until IS NOT NULL AND locked_until <= now() THEN NULL
               WHEN failed_attempts + 1 >= $2 THEN now() + make_interval(mins => $3)
               ELSE locked_until END
           WHERE id = $1 RETURNING failed_attempts, locked_until`,
          [found.id, LOCKOUT_THRESHOLD, LOCKOUT_MINUTES],
        )) as [Array<{ failed_attempts: number; locked_until: Date | null }>, number];
        const state = row[0];
        await this.audit.record(m, scope, {
          action: 'LOGIN',
          result: 'FAILURE',
          targetType: 'User',
          targetId: found.id,
          changes: { reason: 'BAD_PASSWORD', failedAttempts: state.failed_attempts },
        });
        if (state.locked_until) {
          await this.audit.record(m, scope, {
            action: 'ACCOUNT_LOCKED',
            targetType: 'User',
            targetId: found.id,
            changes: {
              lockedUntil: state.locked_until.toISOString(),
              failedAttempts: state.failed_attempts,
            },
          });
        }
        return state;
      });
      if (outcome.locked_until) throw this.lockedError(outcome.locked_until);
      const left = LOCKOUT_THRESHOLD - outcome.failed_attempts;
      throw AppError.unauthenticated(
        'INVALID_CREDENTIALS',
        `用户名或密码错误，再错 ${left} 次账户将被锁定 ${LOCKOUT_MINUTES} 分钟`,
      );
    }
    return this.runSystem(scope, async (m) => {
      const updated = (await m.query(
        `UPDATE users SET failed_attempts = 0, locked_until = NULL, last_login_at = now(),
           must_change_password = must_change_password OR password_changed_at < now() - make_interval(days => $2)
         WHERE id = $1 AND status = 'ACTIVE' AND (locked_until IS NULL OR locked_until <= now())
         RETURNING id`,
        [found.id, PASSWORD_MAX_AGE_DAYS],
      )) as [unknown[], number];
      if (updated[1] === 0)
        throw AppError.unauthenticated('ACCOUNT_LOCKED', '账户已锁定，请稍后再试');
      const refresh: RefreshToken = { sessionId: '', secret: newSecret() };
      const [session] = (await m.query(
        `INSERT INTO sessions(user_id, organization_id, token_hash, expires_at, ip, user_agent)
         VALUES ($1, $2, $3, now() + make_interval(days => $4), $5, $6) RETURNING id`,
        [
          found.id,
          found.organization_id,
          hashSecret(refresh.secret),
          this.config.refreshTokenDays,
          client.ip,
          client.userAgent?.slice(0, 256) ?? null,
        ],
      )) as Array<{ id: string }>;
      refresh.sessionId = session.id;
      await this.audit.record(m, scope, {
        action: 'LOGIN',
        targetType: 'Session',
        targetId: session.id,
      });
      return { payload: await this.issue(m, found.id, session.id), refresh };
    });
  }

  async refresh(token: RefreshToken, client: ClientInfo): Promise<SignedIn> {
    const rows = (await this.ds.query('SELECT * FROM auth_find_session($1)', [
      token.sessionId,
    ])) as Array<{
      id: string;
      user_id: string;
      organization_id: string;
    }>;
    const found = rows[0];
    if (!found) throw AppError.unauthenticated('SESSION_INVALID', '登录已失效，请重新登录');
    const scope: Scope = {
      ...selfScope(
        { id: found.user_id, username: '', organizationId: found.organization_id, roles: [] },
        client.ip,
      ),
    };
    const result = await this.runSystem(scope, async (m) => {
      const [s] = (await m.query(
        `SELECT s.token_hash, s.previous_token_hash, s.revoked_at, s.expires_at, s.last_seen_at,
                extract(epoch FROM now() - s.last_seen_at) AS idle_seconds,
                extract(epoch FROM now() - s.rotated_at) AS rotated_seconds, u.status, u.username
         FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = $1 FOR UPDATE OF s`,
        [found.id],
      )) as Array<{
        token_hash: string;
        previous_token_hash: string | null;
        revoked_at: Date | null;
        expires_at: Date;
        idle_seconds: string;
        rotated_seconds: string | null;
        status: string;
        username: string;
      }>;
      const actor = { ...scope, username: s.username };
      const presented = hashSecret(token.secret);
      if (s.revoked_at || s.status !== 'ACTIVE') return { error: 'SESSION_REVOKED' as const };
      if (s.expires_at.getTime() < Date.now()) return { error: 'SESSION_EXPIRED' as const };
      if (Number(s.idle_seconds) > this.config.idleTimeoutMinutes * 60) {
        await m.query(
          `UPDATE sessions SET revoked_at = now(), revoked_reason = 'IDLE' WHERE id = $1`,
          [found.id],
        );
        await this.audit.record(m, actor, {
          action: 'SESSION_IDLE_TIMEOUT',
          targetType: 'Session',
          targetId: found.id,
        });
        return { error: 'SESSION_IDLE' as const };
      }
      if (sameHash(presented, s.token_hash)) {
        const secret = newSecret();
        await m.query(
          `UPDATE sessions SET previous_token_hash = token_hash, token_hash = $2, last_seen_at = now(), rotated_at = now() WHERE id = $1`,
          [found.id, hashSecret(secret)],
        );
        return {
          payload: await this.issue(m, found.user_id, found.id),
          refresh: { sessionId: found.id, secret },
        };
      }
      if (
        sameHash(presented, s.previous_token_hash) &&
        s.rotated_seconds !== null &&
        Number(s.rotated_seconds) <= ROTATION_GRACE_SECONDS
      ) {
        // A parallel tab used the same token a moment ago; the browser already has the new one.
        return { payload: await this.issue(m, found.user_id, found.id), refresh: null };
      }
      // A rotated-out token came back: treat the session as stolen.
      await m.query(
        `UPDATE sessions SET revoked_at = now(), revoked_reason = 'REUSE' WHERE id = $1`,
        [found.id],
      );
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
      const rows = (await this.ds.query('SELECT * FROM auth_find_session($1)', [
        cookie.sessionId,
      ])) as Array<{
        id: string;
        user_id: string;
        organization_id: string;
      }>;
      if (!rows[0]) return;
      sessionId = rows[0].id;
      actor = selfScope(
        { id: rows[0].user_id, username: '', organizationId: rows[0].organization_id, roles: [] },
        client.ip,
      );
    }
    if (!sessionId || !actor) return;
    const sid = sessionId;
    await this.runSystem({ ...actor, sessionId: null }, async (m) => {
      const res = (await m.query(
        `UPDATE sessions SET revoked_at = now(), revoked_reason = 'LOGOUT' WHERE id = $1 AND revoked_at IS NULL`,
        [sid],
      )) as [unknown[], number];
      if (res[1] > 0)
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
      const user = await m
        .getRepository(UserEntity)
        .createQueryBuilder('u')
        .addSelect('u.passwordHash')
        .where('u.id = :id', { id: scope.userId })
        .getOne();
      if (!user) throw AppError.unauthenticated();
      if (!(await verifyPassword(user.passwordHash, currentPassword))) {
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
      if (await verifyPassword(user.passwordHash, newPassword)) {
        throw AppError.badInput('PASSWORD_REUSED', '新密码不能与当前密码相同', [
          { field: 'newPassword', message: '新密码不能与当前密码相同' },
        ]);
      }
      await m.query(
        `UPDATE users SET password_hash = $2, must_change_password = false, password_changed_at = now(),
           version = version + 1, updated_at = now() WHERE id = $1`,
        [user.id, await hashPassword(newPassword)],
      );
      // Other sessions end; this one continues with a fresh token.
      await m.query(
        `UPDATE sessions SET revoked_at = now(), revoked_reason = 'PASSWORD_CHANGED'
         WHERE user_id = $1 AND revoked_at IS NULL AND id <> $2`,
        [user.id, scope.sessionId],
      );
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
      const user = await m
        .getRepository(UserEntity)
        .findOne({ where: { id: scope.userId }, relations: { organization: true } });
      if (!user?.organization) throw AppError.unauthenticated();
      return MeDto.from({ ...user, organization: user.organization });
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
  async revokeSessions(m: EntityManager, userId: string, reason: string): Promise<number> {
    const res = (await m.query(
      `UPDATE sessions SET revoked_at = now(), revoked_reason = $2 WHERE user_id = $1 AND revoked_at IS NULL`,
      [userId, reason],
    )) as [unknown[], number];
    return res[1];
  }

  private async issue(
    m: EntityManager,
    userId: string,
    sessionId: string,
  ): Promise<AuthPayloadDto> {
    const user = await m
      .getRepository(UserEntity)
      .findOne({ where: { id: userId }, relations: { organization: true } });
    if (!user?.organization) throw AppError.unauthenticated();
    let roots = [user.organizationId];
    if (user.roles.includes(Role.ASSESSOR)) {
      const rows = (await m.query(
        'SELECT organization_id FROM assessor_assignments WHERE user_id = $1',
        [userId],
      )) as Array<{ organization_id: string }>;
      roots = rows.map((r) => r.organization_id);
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
      user: MeDto.from({ ...user, organization: user.organization }),
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

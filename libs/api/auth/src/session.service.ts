import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Role } from '@sunshine/shared/domain';
import {
  AccessTokens,
  AppError,
  APP_CONFIG,
  AuditTrail,
  selfScope,
  TenantDatabase,
  UserAccounts,
  type AccountProfile,
  type AppConfig,
  type Scope,
} from '@sunshine/api/core';
import { MeDto, type AuthPayloadDto } from './dtos/me.dto';
import { hashSecret, newSecret, sameHash, sessionReference, type RefreshToken } from './sessions';
import { SessionsRepository } from './sessions.repository';
import type { ClientInfo, SignedIn } from './auth.service';

/** A parallel tab may present the just-replaced refresh token this long after a rotation. */
const ROTATION_GRACE_SECONDS = 10;

/**
 * Sessions after sign-in: issuing access tokens, refresh with rotation and reuse detection,
 * sign-out, and revocation. Sign-in itself (passwords, lockout, throttling) is AuthService's.
 */
@Injectable()
export class SessionService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tenantDb: TenantDatabase,
    private readonly tokens: AccessTokens,
    private readonly audit: AuditTrail,
    private readonly accounts: UserAccounts,
    private readonly sessions: SessionsRepository,
  ) {}

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
      const reference = { session: sessionReference(found.id) };
      const presented = hashSecret(token.secret);
      const current = sameHash(presented, s.token_hash);
      const previous = !current && sameHash(presented, s.previous_token_hash);
      if (!current && !previous) {
        // Someone who knows the session id but not its secret: refuse, and leave the session be.
        await this.audit.record(m, actor, {
          action: 'REFRESH',
          result: 'FAILURE',
          targetType: 'User',
          targetId: found.user_id,
          changes: { ...reference, reason: 'INVALID_TOKEN' },
        });
        return { error: 'SESSION_INVALID' as const };
      }
      if (s.revoked_at || user.status !== 'ACTIVE') return { error: 'SESSION_REVOKED' as const };
      if (s.expires_at.getTime() < Date.now()) return { error: 'SESSION_EXPIRED' as const };
      if (s.idle_seconds > this.config.idleTimeoutMinutes * 60) {
        await this.sessions.revoke(m, found.id, 'IDLE');
        await this.audit.record(m, actor, {
          action: 'SESSION_IDLE_TIMEOUT',
          targetType: 'User',
          targetId: found.user_id,
          changes: reference,
        });
        return { error: 'SESSION_IDLE' as const };
      }
      if (current) {
        const secret = newSecret();
        await this.sessions.rotate(m, found.id, hashSecret(secret));
        return {
          payload: await this.issue(m, found.user_id, found.id, user),
          refresh: { sessionId: found.id, secret },
        };
      }
      if (s.rotated_seconds !== null && s.rotated_seconds <= ROTATION_GRACE_SECONDS) {
        // A parallel tab used the same token a moment ago; the browser already has the new one.
        return { payload: await this.issue(m, found.user_id, found.id, user), refresh: null };
      }
      // A rotated-out token came back: treat the session as stolen.
      await this.sessions.revoke(m, found.id, 'REUSE');
      await this.audit.record(m, actor, {
        action: 'REFRESH_TOKEN_REUSE',
        result: 'FAILURE',
        targetType: 'User',
        targetId: found.user_id,
        changes: reference,
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

  /**
   * Revokes the session named by the access token or, failing that, by the refresh cookie, whose
   * secret must then match: knowing a session id is not enough to end someone's session.
   */
  async logout(
    scope: Scope | undefined,
    cookie: RefreshToken | null,
    client: ClientInfo,
  ): Promise<void> {
    if (scope?.sessionId) {
      const sid = scope.sessionId;
      await this.runSystem(scope, async (m) => {
        if (await this.sessions.revokeOpen(m, sid, 'LOGOUT'))
          await this.audit.record(m, scope, {
            action: 'LOGOUT',
            targetType: 'User',
            targetId: scope.userId,
            changes: { session: sessionReference(sid) },
          });
      });
      return;
    }
    if (!cookie) return;
    const owner = await this.sessions.findOwner(cookie.sessionId);
    if (!owner) return;
    const actor = selfScope(
      { id: owner.user_id, username: '', organizationId: owner.organization_id, roles: [] },
      client.ip,
    );
    const reference = { session: sessionReference(owner.id) };
    await this.runSystem(actor, async (m) => {
      const s = await this.sessions.lockForRefresh(m, owner.id);
      if (!s) return;
      const presented = hashSecret(cookie.secret);
      // The current token, or the one it replaced (a tab that has not seen the rotation yet).
      if (!sameHash(presented, s.token_hash) && !sameHash(presented, s.previous_token_hash)) {
        await this.audit.record(m, actor, {
          action: 'LOGOUT',
          result: 'FAILURE',
          targetType: 'User',
          targetId: owner.user_id,
          changes: { ...reference, reason: 'INVALID_TOKEN' },
        });
        return;
      }
      if (await this.sessions.revokeOpen(m, owner.id, 'LOGOUT'))
        await this.audit.record(m, actor, {
          action: 'LOGOUT',
          targetType: 'User',
          targetId: owner.user_id,
          changes: reference,
        });
    });
  }

  /** An access token and the signed-in user for a session (sign-in, refresh, password change). */
  async issue(
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
      securityNotice: null,
    };
  }

  /** A transaction in a self scope without a session check (sign-in, refresh, sign-out). */
  runSystem<T>(scope: Scope, work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.tenantDb.run({ ...scope, sessionId: null }, work);
  }

  /** Ends every open session of a user (disable, password reset). Runs in the caller's transaction. */
  revokeAll(m: EntityManager, userId: string, reason: string): Promise<number> {
    return this.sessions.revokeAllOf(m, userId, reason);
  }
}

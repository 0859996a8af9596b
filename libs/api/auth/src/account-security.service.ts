import { Inject, Injectable } from '@nestjs/common';
import {
  AppError,
  APP_CONFIG,
  AuditTrail,
  TenantDatabase,
  UserAccounts,
  type AppConfig,
  type Scope,
} from '@sunshine/api/core';
import { describeUserAgent, secondFactorRequired } from '@sunshine/shared/domain';
import { AccountSecurityDto, AccountSessionDto } from './dtos/second-factor.dto';
import { sessionReference } from './sessions';
import { SessionsRepository } from './sessions.repository';
import { SecondFactorService } from './second-factor.service';

/**
 * One's own account security (second factor status, password expiry, the devices signed in) and
 * the security administrator's handles on another account's sessions.
 */
@Injectable()
export class AccountSecurityService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tenantDb: TenantDatabase,
    private readonly audit: AuditTrail,
    private readonly accounts: UserAccounts,
    private readonly sessions: SessionsRepository,
    private readonly secondFactor: SecondFactorService,
  ) {}

  status(scope: Scope): Promise<AccountSecurityDto> {
    return this.tenantDb.run(scope, async (m) => {
      const user = await this.accounts.profile(m, scope.userId);
      if (!user) throw AppError.unauthenticated();
      const factor = await this.secondFactor.status(m, user.id);
      const days = this.config.passwordMaxAgeDays;
      return {
        secondFactorEnabled: factor.enabled,
        secondFactorRequired:
          this.config.secondFactor.enforce &&
          secondFactorRequired(user.roles, this.config.secondFactor.scope),
        recoveryCodesLeft: factor.recoveryCodesLeft,
        passwordExpiresAt:
          days > 0 ? new Date(user.passwordChangedAt.getTime() + days * 86_400_000) : null,
      };
    });
  }

  /** The caller's sessions in use, the current one marked. */
  mySessions(scope: Scope): Promise<AccountSessionDto[]> {
    return this.tenantDb.run(scope, async (m) => {
      const rows = await this.sessions.listOpen(m, scope.userId, this.config.idleTimeoutMinutes);
      return rows.map((r) => ({
        id: sessionReference(r.id),
        device: describeUserAgent(r.user_agent),
        ip: r.ip,
        signedInAt: r.created_at,
        lastUsedAt: r.last_seen_at,
        current: r.id === scope.sessionId,
      }));
    });
  }

  /** Ends one of the caller's sessions (named by its reference); audited. */
  endMySession(scope: Scope, reference: string): Promise<boolean> {
    return this.tenantDb.run(scope, async (m) => {
      const rows = await this.sessions.listOpen(m, scope.userId, this.config.idleTimeoutMinutes);
      const session = rows.find((r) => sessionReference(r.id) === reference);
      if (!session) throw AppError.notFound('SESSION_NOT_FOUND', '该登录设备已退出或不存在');
      await this.sessions.revokeOpen(m, session.id, 'ENDED_BY_USER');
      await this.audit.record(m, scope, {
        action: 'SESSION_END',
        targetType: 'User',
        targetId: scope.userId,
        changes: { session: reference, current: session.id === scope.sessionId },
      });
      return true;
    });
  }

  /** A security administrator ends every session of an account in its subtree; audited. */
  endUserSessions(scope: Scope, userId: string): Promise<number> {
    if (userId === scope.userId)
      throw AppError.forbidden('SELF_ACTION', '请在“登录设备”中结束自己的会话');
    return this.tenantDb.run(scope, async (m) => {
      const user = await this.accounts.profile(m, userId);
      if (!user || !(await this.tenantDb.canSee(scope, user.organizationId)))
        throw AppError.notFound();
      const ended = await this.sessions.revokeAllOf(m, userId, 'ENDED_BY_SECURITY_ADMIN');
      await this.audit.record(m, scope, {
        action: 'USER_SESSIONS_END',
        targetType: 'User',
        targetId: userId,
        organizationId: user.organizationId,
        changes: { username: user.username, ended },
      });
      return ended;
    });
  }
}

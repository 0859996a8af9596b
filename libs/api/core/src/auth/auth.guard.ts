import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { BUSINESS_ROLES, type Role } from '@sunshine/shared/domain';
import { AppError } from '../errors/app-error';
import { AccessTokens } from './access-token';
import {
  ALLOW_PENDING_PASSWORD_KEY,
  ANY_SIGNED_IN_KEY,
  PUBLIC_KEY,
  ROLES_KEY,
  requestContextOf,
} from './decorators';
import { requestRecordOf } from '../logging/request-log';
import { clientIp } from './request-context';

/**
 * Global guard: every resolver needs a valid access token unless marked @Public; @Roles limits
 * by role, and without it a business role is required (三员分立: the audit and security
 * administrators reach only what is marked for them or @AnySignedIn); a pending password change
 * allows only @AllowPendingPassword operations.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokens,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    const ctx = requestContextOf(context);
    const header = ctx.req?.headers?.authorization;
    const token =
      typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7) : null;
    const claims = token ? this.tokens.verify(token) : null;
    if (claims) {
      ctx.claims = claims;
      ctx.scope = AccessTokens.toScope(claims, clientIp(ctx.req));
      const record = requestRecordOf(ctx.req);
      if (record) {
        record.userId = ctx.scope.userId;
        record.organizationId = ctx.scope.organizationId;
      }
    }
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    if (!claims) {
      throw AppError.unauthenticated(
        token ? 'TOKEN_INVALID' : 'UNAUTHENTICATED',
        token ? '登录已过期，请重新登录' : '请先登录',
      );
    }
    if (
      claims.mcp &&
      !this.reflector.get<boolean>(ALLOW_PENDING_PASSWORD_KEY, context.getHandler())
    ) {
      throw AppError.forbidden('PASSWORD_CHANGE_REQUIRED', '请先修改密码');
    }
    const roles =
      this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets) ??
      (this.reflector.getAllAndOverride<boolean>(ANY_SIGNED_IN_KEY, targets)
        ? null
        : BUSINESS_ROLES);
    if (roles && !roles.some((r) => claims.roles.includes(r))) {
      throw AppError.forbidden('ROLE_REQUIRED', '没有执行此操作的权限');
    }
    return true;
  }
}

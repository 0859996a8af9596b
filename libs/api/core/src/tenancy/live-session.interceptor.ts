import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { from, switchMap, type Observable } from 'rxjs';
import { PUBLIC_KEY, requestContextOf } from '../auth/decorators';
import { TenantDatabase } from './tenant-database.service';

/**
 * File routes check the session as GraphQL does: a signed access token is not enough, the session
 * behind it must still be live (not signed out, revoked, expired or idle). GraphQL operations get
 * this from `app_begin` in their tenant transaction; a file route may answer without one (the
 * templates) or read its body before its first transaction (uploads), so the check runs here,
 * before the handler.
 */
@Injectable()
export class LiveSessionInterceptor implements NestInterceptor {
  constructor(
    private readonly db: TenantDatabase,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType<string>() !== 'http') return next.handle();
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    const scope = requestContextOf(context).scope;
    if (isPublic || !scope) return next.handle();
    return from(this.db.assertLiveSession(scope)).pipe(switchMap(() => next.handle()));
  }
}

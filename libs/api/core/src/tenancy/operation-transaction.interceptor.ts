import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { PUBLIC_KEY, requestContextOf } from '../auth/decorators';
import { TenantDatabase } from './tenant-database.service';

/**
 * One tenant transaction per GraphQL mutation: the write and the read of its result run in the
 * same transaction (services' own `TenantDatabase.run` calls join it), so a client never sees a
 * result read from a second transaction, and a failure anywhere leaves nothing behind. Public
 * mutations (login, refresh, logout) and queries are left alone; a query's resolvers open
 * their own read transactions.
 */
@Injectable()
export class OperationTransactionInterceptor implements NestInterceptor {
  constructor(
    private readonly db: TenantDatabase,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType<string>() !== 'graphql') return next.handle();
    const info = GqlExecutionContext.create(context).getInfo<{ parentType?: { name: string } }>();
    const scope = requestContextOf(context).scope;
    if (info?.parentType?.name !== 'Mutation' || !scope) return next.handle();
    // Sign-in flows (refresh, logout) manage sessions outside any tenant scope.
    if (
      this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, [
        context.getHandler(),
        context.getClass(),
      ])
    ) {
      return next.handle();
    }
    return from(this.db.run(scope, () => lastValueFrom(next.handle(), { defaultValue: null })));
  }
}

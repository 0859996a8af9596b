import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Role } from '@sunshine/shared/domain';
import type { Scope } from '../tenancy/scope';
import type { RequestContext } from './request-context';

export const PUBLIC_KEY = 'sunshine:public';
export const ROLES_KEY = 'sunshine:roles';
export const ALLOW_PENDING_PASSWORD_KEY = 'sunshine:allowPendingPassword';
export const ANY_SIGNED_IN_KEY = 'sunshine:anySignedIn';

/** No sign-in needed (login, refresh, logout). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_KEY, true);

/**
 * Any of these roles is required. Without it, a business role is required (BUSINESS_ROLES: the
 * audit and security administrators see no business data), unless marked @AnySignedIn.
 */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator =>
  SetMetadata(ROLES_KEY, roles);

/**
 * Any signed-in user, the audit and security administrators included: for what every account
 * needs (its own profile, its password, the organisation tree). Business operations never use it.
 */
export const AnySignedIn = (): MethodDecorator & ClassDecorator =>
  SetMetadata(ANY_SIGNED_IN_KEY, true);

/** Callable while a password change is pending (me, changePassword). */
export const AllowPendingPassword = (): MethodDecorator =>
  SetMetadata(ALLOW_PENDING_PASSWORD_KEY, true);

export function requestContextOf(context: ExecutionContext): RequestContext {
  if (context.getType<string>() === 'graphql') {
    return GqlExecutionContext.create(context).getContext<RequestContext>();
  }
  // Plain HTTP routes: one context per request, kept on the request so the guard's scope survives.
  const req = context
    .switchToHttp()
    .getRequest<RequestContext['req'] & { sunshine?: RequestContext }>();
  const res = context.switchToHttp().getResponse<RequestContext['res']>();
  req.sunshine ??= { req, res };
  return req.sunshine;
}

/** The caller's scope; the guard has put it there, or the request was refused. */
export const CurrentScope = createParamDecorator((_: unknown, context: ExecutionContext): Scope => {
  const scope = requestContextOf(context).scope;
  if (!scope) throw new Error('No scope on a guarded request');
  return scope;
});

export const CurrentRequest = createParamDecorator(
  (_: unknown, context: ExecutionContext): RequestContext => requestContextOf(context),
);

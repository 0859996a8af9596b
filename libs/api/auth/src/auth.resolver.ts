import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { CookieOptions } from 'express';
import { Inject } from '@nestjs/common';
import {
  AllowPendingPassword,
  AnySignedIn,
  AppError,
  APP_CONFIG,
  clientIp,
  CurrentRequest,
  CurrentScope,
  Public,
  type AppConfig,
  type RequestContext,
  type Scope,
} from '@sunshine/api/core';
import { AuthService, type ClientInfo, type SignedIn } from './auth.service';
import { SessionService } from './session.service';
import { AuthPayloadDto, MeDto } from './dtos/me.dto';
import { ChangePasswordInput, LoginInput } from './dtos/login.input';
import { formatRefreshToken, parseRefreshToken, REFRESH_COOKIE } from './sessions';

@Resolver()
export class AuthResolver {
  constructor(
    private readonly auth: AuthService,
    private readonly session: SessionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Mutation(() => AuthPayloadDto, {
    description:
      '登录。需要第二步时答 UNAUTHENTICATED，reason 为 SECOND_FACTOR_REQUIRED（再调用 verifySecondFactor）或 SECOND_FACTOR_ENROLMENT_REQUIRED（先设置两步验证），扩展字段 challenge 为第二步的凭据（5 分钟有效）',
  })
  async login(
    @Args('input') input: LoginInput,
    @CurrentRequest() ctx: RequestContext,
  ): Promise<AuthPayloadDto> {
    const signedIn = await this.withRetryAfter(ctx, () =>
      this.auth.login(input.username, input.password, this.client(ctx)),
    );
    return this.withCookie(ctx, signedIn);
  }

  @Public()
  @Mutation(() => AuthPayloadDto, {
    description: '用刷新令牌（httpOnly Cookie）换取新的访问令牌，并轮换刷新令牌',
  })
  async refresh(@CurrentRequest() ctx: RequestContext): Promise<AuthPayloadDto> {
    const token = parseRefreshToken(ctx.req.cookies?.[REFRESH_COOKIE]);
    if (!token) throw AppError.unauthenticated('NO_SESSION', '请先登录');
    try {
      return this.withCookie(ctx, await this.session.refresh(token, this.client(ctx)));
    } catch (error) {
      ctx.res.clearCookie(REFRESH_COOKIE, this.cookieOptions());
      throw error;
    }
  }

  @Public()
  @Mutation(() => Boolean, { description: '退出登录（吊销会话）' })
  async logout(@CurrentRequest() ctx: RequestContext): Promise<boolean> {
    await this.session.logout(
      ctx.scope,
      parseRefreshToken(ctx.req.cookies?.[REFRESH_COOKIE]),
      this.client(ctx),
    );
    ctx.res.clearCookie(REFRESH_COOKIE, this.cookieOptions());
    return true;
  }

  @AnySignedIn()
  @AllowPendingPassword()
  @Mutation(() => AuthPayloadDto, { description: '修改本人密码' })
  changePassword(
    @Args('input') input: ChangePasswordInput,
    @CurrentScope() scope: Scope,
    @CurrentRequest() ctx: RequestContext,
  ): Promise<AuthPayloadDto> {
    return this.withRetryAfter(ctx, () =>
      this.auth.changePassword(scope, input.currentPassword, input.newPassword, this.client(ctx)),
    );
  }

  @AnySignedIn()
  @AllowPendingPassword()
  @Query(() => MeDto, { description: '当前用户' })
  me(@CurrentScope() scope: Scope): Promise<MeDto> {
    return this.auth.me(scope);
  }

  /** A throttled attempt also tells HTTP clients when to come back. */
  private async withRetryAfter<T>(ctx: RequestContext, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const wait = error instanceof AppError ? error.details?.retryAfterSeconds : undefined;
      if (typeof wait === 'number') ctx.res.setHeader('Retry-After', String(wait));
      throw error;
    }
  }

  private client(ctx: RequestContext): ClientInfo {
    const ua = ctx.req.headers['user-agent'];
    return { ip: clientIp(ctx.req), userAgent: typeof ua === 'string' ? ua : null };
  }

  private cookieOptions(): CookieOptions {
    return {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.config.cookieSecure,
      path: '/graphql',
    };
  }

  private withCookie(ctx: RequestContext, signedIn: SignedIn): AuthPayloadDto {
    // A parallel tab inside the rotation grace window gets no cookie: the browser already has the
    // newer token, and setting the old one back would get the session revoked as stolen.
    if (signedIn.refresh) {
      ctx.res.cookie(REFRESH_COOKIE, formatRefreshToken(signedIn.refresh), {
        ...this.cookieOptions(),
        maxAge: this.config.refreshTokenDays * 86_400_000,
      });
    }
    return signedIn.payload;
  }
}

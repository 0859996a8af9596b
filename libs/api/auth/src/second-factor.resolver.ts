import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Inject } from '@nestjs/common';
import type { CookieOptions } from 'express';
import {
  AnySignedIn,
  AppError,
  APP_CONFIG,
  clientIp,
  CurrentRequest,
  CurrentScope,
  Public,
  Roles,
  type AppConfig,
  type RequestContext,
  type Scope,
} from '@sunshine/api/core';
import { Role } from '@sunshine/shared/domain';
import { AccountSecurityService } from './account-security.service';
import { AuthService, type ClientInfo, type SignedIn } from './auth.service';
import { AuthPayloadDto } from './dtos/me.dto';
import {
  AccountSecurityDto,
  AccountSessionDto,
  EndSessionInput,
  OwnSecondFactorCodeInput,
  SecondFactorChallengeInput,
  SecondFactorCodeInput,
  SecondFactorEnrolledDto,
  SecondFactorEnrolmentDto,
  SecurityUserInput,
} from './dtos/second-factor.dto';
import { SecondFactorService } from './second-factor.service';
import { formatRefreshToken, REFRESH_COOKIE } from './sessions';

/** The second factor at sign-in and in the account, and the devices signed in. */
@Resolver()
export class SecondFactorResolver {
  constructor(
    private readonly auth: AuthService,
    private readonly secondFactor: SecondFactorService,
    private readonly security: AccountSecurityService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Mutation(() => AuthPayloadDto, {
    description: '登录第二步：输入动态验证码或一次性恢复码（challenge 来自 login 的错误扩展字段）',
  })
  async verifySecondFactor(
    @Args('input') input: SecondFactorCodeInput,
    @CurrentRequest() ctx: RequestContext,
  ): Promise<AuthPayloadDto> {
    const signedIn = await this.withRetryAfter(ctx, () =>
      this.auth.verifySecondFactor(input.challenge, input.code, this.client(ctx)),
    );
    return this.withCookie(ctx, signedIn);
  }

  @Public()
  @Mutation(() => SecondFactorEnrolmentDto, { description: '登录时设置两步验证：生成密钥和二维码' })
  beginSecondFactorEnrolment(
    @Args('input') input: SecondFactorChallengeInput,
    @CurrentRequest() ctx: RequestContext,
  ): Promise<SecondFactorEnrolmentDto> {
    return this.auth.beginEnrolmentAtSignIn(input.challenge, this.client(ctx));
  }

  @Public()
  @Mutation(() => SecondFactorEnrolledDto, {
    description: '登录时设置两步验证：输入验证码确认，开始会话并返回恢复码',
  })
  async confirmSecondFactorEnrolment(
    @Args('input') input: SecondFactorCodeInput,
    @CurrentRequest() ctx: RequestContext,
  ): Promise<SecondFactorEnrolledDto> {
    const { signedIn, recoveryCodes } = await this.withRetryAfter(ctx, () =>
      this.auth.confirmEnrolmentAtSignIn(input.challenge, input.code, this.client(ctx)),
    );
    return { recoveryCodes, session: this.withCookie(ctx, signedIn) };
  }

  @AnySignedIn()
  @Mutation(() => SecondFactorEnrolmentDto, {
    description: '为本人账户启用两步验证：生成密钥和二维码',
  })
  beginOwnSecondFactorEnrolment(@CurrentScope() scope: Scope): Promise<SecondFactorEnrolmentDto> {
    return this.auth.beginOwnEnrolment(scope);
  }

  @AnySignedIn()
  @Mutation(() => SecondFactorEnrolledDto, {
    description: '为本人账户启用两步验证：输入验证码确认',
  })
  async confirmOwnSecondFactorEnrolment(
    @Args('input') input: OwnSecondFactorCodeInput,
    @CurrentScope() scope: Scope,
  ): Promise<SecondFactorEnrolledDto> {
    return { recoveryCodes: await this.auth.confirmOwnEnrolment(scope, input.code), session: null };
  }

  @AnySignedIn()
  @Query(() => AccountSecurityDto, { description: '本人账户安全状态（两步验证、密码到期）' })
  accountSecurity(@CurrentScope() scope: Scope): Promise<AccountSecurityDto> {
    return this.security.status(scope);
  }

  @AnySignedIn()
  @Query(() => [AccountSessionDto], { description: '本人的登录设备（未结束的会话）' })
  mySessions(@CurrentScope() scope: Scope): Promise<AccountSessionDto[]> {
    return this.security.mySessions(scope);
  }

  @AnySignedIn()
  @Mutation(() => Boolean, { description: '结束本人的一个登录设备（会话）' })
  endMySession(
    @Args('input') input: EndSessionInput,
    @CurrentScope() scope: Scope,
  ): Promise<boolean> {
    return this.security.endMySession(scope, input.id);
  }

  @Roles(Role.SECURITY_ADMIN)
  @Mutation(() => Boolean, {
    description: '安全管理员重置用户的两步验证（用户下次登录须重新设置）',
  })
  resetSecondFactor(
    @Args('input') input: SecurityUserInput,
    @CurrentScope() scope: Scope,
  ): Promise<boolean> {
    return this.secondFactor.reset(scope, input.userId);
  }

  @Roles(Role.SECURITY_ADMIN)
  @Mutation(() => Int, { description: '安全管理员结束用户的全部会话；返回结束的会话数' })
  endUserSessions(
    @Args('input') input: SecurityUserInput,
    @CurrentScope() scope: Scope,
  ): Promise<number> {
    return this.security.endUserSessions(scope, input.userId);
  }

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

  private withCookie(ctx: RequestContext, signedIn: SignedIn): AuthPayloadDto {
    if (signedIn.refresh) {
      const options: CookieOptions = {
        httpOnly: true,
        sameSite: 'strict',
        secure: this.config.cookieSecure,
        path: '/graphql',
        maxAge: this.config.refreshTokenDays * 86_400_000,
      };
      ctx.res.cookie(REFRESH_COOKIE, formatRefreshToken(signedIn.refresh), options);
    }
    return signedIn.payload;
  }
}

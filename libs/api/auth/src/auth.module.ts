import { Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { AccountSecurity } from '@sunshine/api/core';
import { AuthResolver } from './auth.resolver';
import { AuthService } from './auth.service';
import { SessionService } from './session.service';
import { SessionsRepository } from './sessions.repository';
import { SignInThrottleRepository } from './sign-in-throttle.repository';
import { AccountSecurityService } from './account-security.service';
import { SecondFactorRepository } from './second-factor.repository';
import { SecondFactorResolver } from './second-factor.resolver';
import { SecondFactorService } from './second-factor.service';

/**
 * Sign-in, refresh, sign-out, password change and the `sessions` table. Global only for the
 * AccountSecurity port it implements (the users feature injects it without importing this one).
 * Needs a UserAccounts provider (the users feature's module) in the application.
 */
@Global()
@Module({
  imports: [JwtModule.register({})],
  providers: [
    SessionsRepository,
    SignInThrottleRepository,
    SessionService,
    AuthService,
    AuthResolver,
    SecondFactorRepository,
    SecondFactorService,
    AccountSecurityService,
    SecondFactorResolver,
    { provide: AccountSecurity, useExisting: AuthService },
  ],
  exports: [AccountSecurity],
})
export class AuthModule {}

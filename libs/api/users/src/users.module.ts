import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UserAccounts } from '@sunshine/api/core';
import { UserEntity } from './entities/user.entity';
import { UserAccountsRepository } from './user-accounts.repository';
import { UsersRepository } from './users.repository';
import { UsersResolver } from './users.resolver';
import { UsersService } from './users.service';

/**
 * User management, and the accounts sign-in works on. Global only for the UserAccounts port it
 * implements (the auth feature injects it without importing this one).
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([UserEntity])],
  providers: [
    UsersRepository,
    UsersService,
    UsersResolver,
    UserAccountsRepository,
    { provide: UserAccounts, useExisting: UserAccountsRepository },
  ],
  exports: [UsersService, UserAccounts],
})
export class UsersModule {}

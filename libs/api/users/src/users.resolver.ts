import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentScope, Roles, type Scope } from '@sunshine/api/core';
import { Role } from '@sunshine/shared/domain';
import { ResetPasswordPayloadDto, UserDto, UserPageDto } from './dtos/user.dto';
import {
  CreateUserInput,
  UpdateUserInput,
  UserIdInput,
  UsersFilterInput,
} from './dtos/user.inputs';
import { UsersService } from './users.service';

@Resolver(() => UserDto)
@Roles(Role.ADMIN)
export class UsersResolver {
  constructor(private readonly service: UsersService) {}

  @Query(() => UserPageDto, { description: '用户列表（本单位及下级单位）' })
  async users(
    @CurrentScope() scope: Scope,
    @Args('filter', { type: () => UsersFilterInput, nullable: true }) filter?: UsersFilterInput,
  ): Promise<UserPageDto> {
    const page = await this.service.list(scope, filter ?? {});
    return { items: page.items.map((u) => UserDto.from(u)), total: page.total };
  }

  @Mutation(() => UserDto, { description: '新建用户' })
  async createUser(
    @Args('input') input: CreateUserInput,
    @CurrentScope() scope: Scope,
  ): Promise<UserDto> {
    return UserDto.from(await this.service.create(scope, input));
  }

  @Mutation(() => UserDto, { description: '修改用户姓名或角色（携带版本号）' })
  async updateUser(
    @Args('input') input: UpdateUserInput,
    @CurrentScope() scope: Scope,
  ): Promise<UserDto> {
    return UserDto.from(await this.service.update(scope, input));
  }

  @Mutation(() => UserDto, { description: '停用用户并结束其会话' })
  async disableUser(
    @Args('input') input: UserIdInput,
    @CurrentScope() scope: Scope,
  ): Promise<UserDto> {
    return UserDto.from(await this.service.setStatus(scope, input.id, 'DISABLED'));
  }

  @Mutation(() => UserDto, { description: '启用用户（同时解除锁定）' })
  async enableUser(
    @Args('input') input: UserIdInput,
    @CurrentScope() scope: Scope,
  ): Promise<UserDto> {
    return UserDto.from(await this.service.setStatus(scope, input.id, 'ACTIVE'));
  }

  @Mutation(() => UserDto, {
    description: '解除登录锁定（连续登录失败被锁定的账户），并清除该账户的登录限速',
  })
  async unlockUser(
    @Args('input') input: UserIdInput,
    @CurrentScope() scope: Scope,
  ): Promise<UserDto> {
    return UserDto.from(await this.service.unlock(scope, input.id));
  }

  @Mutation(() => ResetPasswordPayloadDto, {
    description: '重置密码：生成临时密码，用户下次登录须修改',
  })
  async resetUserPassword(
    @Args('input') input: UserIdInput,
    @CurrentScope() scope: Scope,
  ): Promise<ResetPasswordPayloadDto> {
    const { user, temporaryPassword } = await this.service.resetPassword(scope, input.id);
    return { user: UserDto.from(user), temporaryPassword };
  }
}

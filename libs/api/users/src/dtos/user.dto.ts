import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { OrganizationDto } from '@sunshine/api/core';
import { Role } from '@sunshine/shared/domain';
import type { UserRecord } from '../users.repository';

export enum UserStatusEnum {
  ACTIVE = 'ACTIVE',
  DISABLED = 'DISABLED',
}
registerEnumType(UserStatusEnum, { name: 'UserStatus', description: '账户状态' });

@ObjectType('User', { description: '用户账户' })
export class UserDto {
  @Field(() => ID) id!: string;
  @Field(() => String) username!: string;
  @Field(() => String) displayName!: string;
  @Field(() => [Role]) roles!: Role[];
  @Field(() => UserStatusEnum) status!: UserStatusEnum;
  @Field(() => Boolean) mustChangePassword!: boolean;
  @Field(() => Date, { nullable: true }) lockedUntil!: Date | null;
  @Field(() => Date, { nullable: true }) lastLoginAt!: Date | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Int, { description: '版本号，用于并发修改检测' }) version!: number;
  @Field(() => OrganizationDto) organization!: OrganizationDto;

  static from(user: UserRecord): UserDto {
    const dto = new UserDto();
    dto.id = user.id;
    dto.username = user.username;
    dto.displayName = user.displayName;
    dto.roles = user.roles;
    dto.status = user.status as UserStatusEnum;
    dto.mustChangePassword = user.mustChangePassword;
    dto.lockedUntil =
      user.lockedUntil && user.lockedUntil.getTime() > Date.now() ? user.lockedUntil : null;
    dto.lastLoginAt = user.lastLoginAt;
    dto.createdAt = user.createdAt;
    dto.version = user.version;
    dto.organization = OrganizationDto.from(user.organization);
    return dto;
  }
}

@ObjectType('UserPage')
export class UserPageDto {
  @Field(() => [UserDto]) items!: UserDto[];
  @Field(() => Int) total!: number;
}

@ObjectType('ResetPasswordPayload')
export class ResetPasswordPayloadDto {
  @Field(() => UserDto) user!: UserDto;
  @Field(() => String, { description: '临时密码，仅显示一次；用户下次登录须修改' })
  temporaryPassword!: string;
}

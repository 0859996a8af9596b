import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { OrganizationDto, type AccountProfile } from '@sunshine/api/core';
import { Role } from '@sunshine/shared/domain';

@ObjectType('Me', { description: '当前登录用户' })
export class MeDto {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  username!: string;

  @Field(() => String)
  displayName!: string;

  @Field(() => [Role])
  roles!: Role[];

  @Field(() => Boolean)
  mustChangePassword!: boolean;

  @Field(() => OrganizationDto)
  organization!: OrganizationDto;

  static from(user: AccountProfile): MeDto {
    const dto = new MeDto();
    dto.id = user.id;
    dto.username = user.username;
    dto.displayName = user.displayName;
    dto.roles = user.roles;
    dto.mustChangePassword = user.mustChangePassword;
    dto.organization = OrganizationDto.from(user.organization);
    return dto;
  }
}

@ObjectType('AuthPayload', { description: '登录凭据' })
export class AuthPayloadDto {
  @Field(() => String)
  accessToken!: string;

  @Field(() => Int, { description: '访问令牌有效期（秒）' })
  expiresIn!: number;

  @Field(() => MeDto)
  user!: MeDto;
}

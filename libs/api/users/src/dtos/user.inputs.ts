import { Field, ID, InputType, Int } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { IsOmittable, PageLimit, PageOffset, type PageSize } from '@sunshine/api/core';
import { Role } from '@sunshine/shared/domain';

/** Page size of the user list (the default is the service's own). */
export const USERS_PAGE: PageSize = { default: 50, max: 200 };

@InputType('UsersFilter')
export class UsersFilterInput {
  @Field(() => ID, { nullable: true, description: '默认为本单位' })
  @IsOptional()
  @IsUUID('all', { message: '单位编号格式不正确' })
  organizationId?: string;

  @Field(() => Boolean, { nullable: true, description: '是否包含下级单位，默认是' })
  @IsOptional()
  @IsBoolean()
  includeDescendants?: boolean;

  @Field(() => String, { nullable: true, description: '按用户名或姓名搜索' })
  @IsOptional()
  @IsString()
  @MaxLength(64, { message: '搜索词过长' })
  search?: string;

  @PageOffset() offset?: number;

  @PageLimit(USERS_PAGE) limit?: number;
}

@InputType('CreateUserInput')
export class CreateUserInput {
  @Field(() => ID)
  @IsUUID('all', { message: '单位编号格式不正确' })
  organizationId!: string;

  @Field(() => String)
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/, {
    message: '用户名须为 3–64 位字母、数字、点、下划线或连字符',
  })
  username!: string;

  @Field(() => String)
  @IsString()
  @MinLength(1, { message: '请填写姓名' })
  @MaxLength(64, { message: '姓名过长' })
  displayName!: string;

  @Field(() => [Role])
  @IsEnum(Role, { each: true, message: '角色不正确' })
  @ArrayMinSize(1, { message: '至少选择一个角色' })
  @ArrayMaxSize(6, { message: '角色最多 6 个' })
  roles!: Role[];

  @Field(() => String, { description: '初始密码；用户首次登录须修改' })
  @IsString()
  @MaxLength(128, { message: '密码过长' })
  password!: string;

  @Field(() => [ID], { nullable: true, description: '第三方测评账户负责的单位' })
  @IsOptional()
  @IsUUID('all', { each: true, message: '单位编号格式不正确' })
  @ArrayMaxSize(500, { message: '负责单位最多 500 个' })
  assessorOrganizationIds?: string[];
}

@InputType('UpdateUserInput')
export class UpdateUserInput {
  @Field(() => ID)
  @IsUUID('all', { message: '用户编号格式不正确' })
  id!: string;

  @Field(() => Int, { description: '读取时的版本号' })
  @IsInt()
  version!: number;

  @Field(() => String, { nullable: true })
  @IsOmittable()
  @IsString({ message: '请填写姓名' })
  @MinLength(1, { message: '请填写姓名' })
  @MaxLength(64, { message: '姓名过长' })
  displayName?: string;

  @Field(() => [Role], { nullable: true })
  @IsOmittable()
  @IsEnum(Role, { each: true, message: '角色不正确' })
  @ArrayMinSize(1, { message: '至少选择一个角色' })
  @ArrayMaxSize(6, { message: '角色最多 6 个' })
  roles?: Role[];

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @IsUUID('all', { each: true, message: '单位编号格式不正确' })
  @ArrayMaxSize(500, { message: '负责单位最多 500 个' })
  assessorOrganizationIds?: string[];
}

@InputType('UserIdInput')
export class UserIdInput {
  @Field(() => ID)
  @IsUUID('all', { message: '用户编号格式不正确' })
  id!: string;
}

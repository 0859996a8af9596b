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
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { Role } from '@sunshine/shared/domain';

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

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0, { message: '偏移量不能为负' })
  offset?: number;

  @Field(() => Int, { nullable: true, description: '每页条数，最多 200' })
  @IsOptional()
  @IsInt()
  @Min(1, { message: '每页至少 1 条' })
  @Max(200, { message: '每页最多 200 条' })
  limit?: number;
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
  @ArrayMaxSize(6)
  roles!: Role[];

  @Field(() => String, { description: '初始密码；用户首次登录须修改' })
  @IsString()
  @MaxLength(128, { message: '密码过长' })
  password!: string;

  @Field(() => [ID], { nullable: true, description: '第三方测评账户负责的单位' })
  @IsOptional()
  @IsUUID('all', { each: true, message: '单位编号格式不正确' })
  @ArrayMaxSize(500)
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
  @IsOptional()
  @IsString()
  @MinLength(1, { message: '请填写姓名' })
  @MaxLength(64, { message: '姓名过长' })
  displayName?: string;

  @Field(() => [Role], { nullable: true })
  @IsOptional()
  @IsEnum(Role, { each: true, message: '角色不正确' })
  @ArrayMinSize(1, { message: '至少选择一个角色' })
  @ArrayMaxSize(6)
  roles?: Role[];

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @IsUUID('all', { each: true, message: '单位编号格式不正确' })
  @ArrayMaxSize(500)
  assessorOrganizationIds?: string[];
}

@InputType('UserIdInput')
export class UserIdInput {
  @Field(() => ID)
  @IsUUID('all', { message: '用户编号格式不正确' })
  id!: string;
}

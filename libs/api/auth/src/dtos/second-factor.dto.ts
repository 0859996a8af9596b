import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { AuthPayloadDto } from './me.dto';

@InputType('SecondFactorChallengeInput')
export class SecondFactorChallengeInput {
  @Field(() => String, { description: '输入密码后得到的验证凭据（错误扩展字段 challenge）' })
  @IsString()
  @MinLength(1, { message: '缺少验证凭据，请重新登录' })
  @MaxLength(1000, { message: '验证凭据无效，请重新登录' })
  challenge!: string;
}

@InputType('SecondFactorCodeInput')
export class SecondFactorCodeInput extends SecondFactorChallengeInput {
  @Field(() => String, { description: '动态验证码（6 位数字）或恢复码' })
  @IsString()
  @Matches(/^[\s0-9A-Za-z-]{6,16}$/, { message: '请输入 6 位动态验证码或恢复码' })
  code!: string;
}

@InputType('OwnSecondFactorCodeInput')
export class OwnSecondFactorCodeInput {
  @Field(() => String, { description: '动态验证码（6 位数字）' })
  @IsString()
  @Matches(/^\s*\d{3}\s?\d{3}\s*$/, { message: '请输入 6 位动态验证码' })
  code!: string;
}

@InputType('SecurityUserInput')
export class SecurityUserInput {
  @Field(() => ID)
  @IsUUID('all', { message: '用户编号格式不正确' })
  userId!: string;
}

@InputType('EndSessionInput')
export class EndSessionInput {
  @Field(() => ID, { description: '会话编号（会话列表中的 id）' })
  @IsString()
  @Matches(/^[0-9a-f]{16}$/, { message: '会话编号格式不正确' })
  id!: string;
}

@ObjectType('SecondFactorEnrolment', { description: '两步验证设置：扫码或手动输入密钥' })
export class SecondFactorEnrolmentDto {
  @Field(() => String, { description: '密钥（Base32），供手动输入' })
  secret!: string;

  @Field(() => String, { description: 'otpauth:// 地址' })
  otpauthUri!: string;

  @Field(() => String, { description: '二维码图片（data:image/png;base64）' })
  qrCode!: string;
}

@ObjectType('SecondFactorEnrolled', { description: '两步验证已启用' })
export class SecondFactorEnrolledDto {
  @Field(() => [String], { description: '10 个一次性恢复码，只显示这一次' })
  recoveryCodes!: string[];

  @Field(() => AuthPayloadDto, { nullable: true, description: '登录时设置：随之开始的会话' })
  session!: AuthPayloadDto | null;
}

@ObjectType('AccountSecurity', { description: '本人账户安全状态' })
export class AccountSecurityDto {
  @Field(() => Boolean, { description: '已启用两步验证' })
  secondFactorEnabled!: boolean;

  @Field(() => Boolean, { description: '按安全策略须使用两步验证' })
  secondFactorRequired!: boolean;

  @Field(() => Int, { description: '剩余未用的恢复码' })
  recoveryCodesLeft!: number;

  @Field(() => Date, { nullable: true, description: '密码到期时间（不过期时为空）' })
  passwordExpiresAt!: Date | null;
}

@ObjectType('AccountSession', { description: '登录设备（未结束的会话）' })
export class AccountSessionDto {
  @Field(() => ID, { description: '会话编号（不可逆推出会话令牌）' })
  id!: string;

  @Field(() => String, { description: '设备（由浏览器标识推断）' })
  device!: string;

  @Field(() => String, { nullable: true, description: '登录地址' })
  ip!: string | null;

  @Field(() => Date)
  signedInAt!: Date;

  @Field(() => Date)
  lastUsedAt!: Date;

  @Field(() => Boolean, { description: '当前会话' })
  current!: boolean;
}

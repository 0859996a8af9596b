import { Field, InputType } from '@nestjs/graphql';
import { IsString, MaxLength, MinLength } from 'class-validator';

@InputType('LoginInput')
export class LoginInput {
  @Field(() => String)
  @IsString()
  @MinLength(1, { message: '请输入用户名' })
  @MaxLength(64, { message: '用户名过长' })
  username!: string;

  @Field(() => String)
  @IsString()
  @MinLength(1, { message: '请输入密码' })
  @MaxLength(128, { message: '密码过长' })
  password!: string;
}

@InputType('ChangePasswordInput')
export class ChangePasswordInput {
  @Field(() => String)
  @IsString()
  @MaxLength(128, { message: '密码过长' })
  currentPassword!: string;

  @Field(() => String)
  @IsString()
  @MaxLength(128, { message: '密码过长' })
  newPassword!: string;
}

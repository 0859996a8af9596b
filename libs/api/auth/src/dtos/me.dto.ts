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

const CHINA_TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

@ObjectType('SecurityNotice', {
  description: '登录提醒：自上次成功登录以来本账户的失败登录尝试（含修改密码时的密码错误）',
})
export class SecurityNoticeDto {
  @Field(() => Int, { description: '失败次数' })
  failedAttempts!: number;

  @Field(() => Date, { nullable: true })
  firstFailedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  lastFailedAt!: Date | null;

  @Field(() => Boolean, { description: '期间账户是否曾被锁定' })
  wasLocked!: boolean;

  @Field(() => String, { description: '给用户看的提示' })
  message!: string;

  static from(since: {
    failures: number;
    firstAt: Date | null;
    lastAt: Date | null;
    locked: boolean;
  }): SecurityNoticeDto | null {
    if (since.failures === 0 && !since.locked) return null;
    const dto = new SecurityNoticeDto();
    dto.failedAttempts = since.failures;
    dto.firstFailedAt = since.firstAt;
    dto.lastFailedAt = since.lastAt;
    dto.wasLocked = since.locked;
    const period =
      since.firstAt && since.lastAt
        ? `在 ${CHINA_TIME.format(since.firstAt)} 至 ${CHINA_TIME.format(since.lastAt)} 期间`
        : '自上次登录以来';
    dto.message =
      `您的账户${period}有 ${since.failures} 次失败的登录尝试` +
      `${since.locked ? '，期间曾被锁定' : ''}。如非本人操作，请立即修改密码并联系管理员。`;
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

  @Field(() => SecurityNoticeDto, {
    nullable: true,
    description: '登录时：自上次成功登录以来有失败尝试或曾被锁定时给出的提醒；否则为空',
  })
  securityNotice?: SecurityNoticeDto | null;
}

import {
  Args,
  Field,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  registerEnumType,
} from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  AppError,
  CurrentScope,
  LINK_OUTCOMES,
  type LinkHealth,
  type LinkOutcome,
  type LinkStatus,
  type Scope,
} from '@sunshine/api/core';
import { LinkChecksService, MAX_URLS_PER_CALL } from './link-checks.service';

export enum LinkHealthEnum {
  PENDING = 'PENDING',
  OK = 'OK',
  BROKEN = 'BROKEN',
  BLOCKED = 'BLOCKED',
}
registerEnumType(LinkHealthEnum, {
  name: 'LinkHealth',
  description:
    '链接状态：PENDING 待检查，OK 正常，BROKEN 失效（4xx/5xx、域名解析失败、超时、无法连接），BLOCKED 已拦截（内网地址或非 http(s) 链接）',
});

export const LinkOutcomeEnum = Object.fromEntries(LINK_OUTCOMES.map((o) => [o, o])) as {
  [K in LinkOutcome]: K;
};
registerEnumType(LinkOutcomeEnum, { name: 'LinkOutcome', description: '一次检查的结果' });

@ObjectType('LinkStatus', { description: '链接状态（最近一次检查）' })
export class LinkStatusDto {
  @Field(() => ID) linkId!: string;
  @Field(() => ID) organizationId!: string;
  @Field(() => String) url!: string;
  @Field(() => LinkHealthEnum) health!: LinkHealth;
  @Field(() => LinkOutcomeEnum, { nullable: true }) outcome!: LinkOutcome | null;
  @Field(() => Int, { nullable: true }) statusCode!: number | null;
  @Field(() => String, { nullable: true, description: '重定向后的最终地址' }) finalUrl!:
    string | null;
  @Field(() => Int, { nullable: true, description: '响应时间（毫秒）' }) responseMs!: number | null;
  @Field(() => String, { nullable: true }) title!: string | null;
  @Field(() => Date, { nullable: true }) checkedAt!: Date | null;
  @Field(() => Boolean, { description: '内容与上一次成功检查不同' }) changed!: boolean;
  @Field(() => Boolean, { description: '内容与首次成功检查相同（自登记以来未修改）' })
  unchangedSinceFirst!: boolean;
  @Field(() => String, { nullable: true, description: '失效或拦截的原因' }) problem!: string | null;
}

@ObjectType('LinkCheck', { description: '一次链接检查' })
export class LinkCheckDto {
  @Field(() => ID) id!: string;
  @Field(() => Date) checkedAt!: Date;
  @Field(() => LinkOutcomeEnum) outcome!: LinkOutcome;
  @Field(() => Boolean) broken!: boolean;
  @Field(() => Int, { nullable: true }) statusCode!: number | null;
  @Field(() => String, { nullable: true }) finalUrl!: string | null;
  @Field(() => Int) redirects!: number;
  @Field(() => Int, { nullable: true }) responseMs!: number | null;
  @Field(() => String, { nullable: true }) contentType!: string | null;
  @Field(() => Int) bytesRead!: number;
  @Field(() => Boolean, { description: '页面超过大小上限，只读取了前面部分' }) truncated!: boolean;
  @Field(() => String, { nullable: true, description: '可见文本的 SHA-256' }) contentHash!:
    string | null;
  @Field(() => String, { nullable: true }) title!: string | null;
  @Field(() => String, {
    nullable: true,
    description: '页面可见文本快照（最多 20000 字）；内容与上一次检查相同时为空，见更早的记录',
  })
  snapshot!: string | null;
  @Field(() => String, { nullable: true }) problem!: string | null;
  @Field(() => Boolean) changed!: boolean;
  @Field(() => Boolean) unchangedSinceFirst!: boolean;
}

@ObjectType('LinkHistory')
export class LinkHistoryDto {
  @Field(() => LinkStatusDto) link!: LinkStatusDto;
  @Field(() => [LinkCheckDto], { description: '检查记录，最新在前' }) checks!: LinkCheckDto[];
}

@InputType('LinkOwnerInput')
export class LinkOwnerInput {
  @Field(() => String, { description: '登记链接的对象类型，如 assessment-issue' })
  @IsString()
  @Matches(/^[a-z][a-z0-9-]{0,62}$/, { message: '对象类型格式不正确' })
  kind!: string;
  @Field(() => ID) @IsUUID('all', { message: '对象编号格式不正确' }) id!: string;
}

@InputType('RecheckLinksInput', {
  description: '要重新检查的链接：urls（可限定单位）或 owner 二选一',
})
export class RecheckLinksInput {
  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMinSize(1, { message: '至少一个链接' })
  @ArrayMaxSize(MAX_URLS_PER_CALL, { message: `一次最多 ${MAX_URLS_PER_CALL} 个链接` })
  @IsString({ each: true })
  @MaxLength(2048, { each: true, message: '链接过长' })
  urls?: string[];
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: '单位编号格式不正确' })
  organizationId?: string;
  @Field(() => LinkOwnerInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => LinkOwnerInput)
  owner?: LinkOwnerInput;
}

@InputType('LinkHistoryInput')
export class LinkHistoryInput {
  @Field(() => ID) @IsUUID('all', { message: '单位编号格式不正确' }) organizationId!: string;
  @Field(() => String) @IsString() @MaxLength(2048, { message: '链接过长' }) url!: string;
  @Field(() => Int, { nullable: true, defaultValue: 50 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

@Resolver()
export class LinkChecksResolver {
  constructor(private readonly service: LinkChecksService) {}

  @Mutation(() => [LinkStatusDto], {
    description: '重新检查链接（排入后台队列），返回这些链接当前的状态',
  })
  recheckLinks(
    @Args('input') input: RecheckLinksInput,
    @CurrentScope() scope: Scope,
  ): Promise<LinkStatus[]> {
    if ((input.urls ? 1 : 0) + (input.owner ? 1 : 0) !== 1)
      throw AppError.badInput('LINK_TARGET', '请指定链接列表或登记对象（二选一）');
    return this.service.recheckLinks(
      scope,
      input.owner
        ? { owner: { kind: input.owner.kind, id: input.owner.id } }
        : { urls: input.urls ?? [], organizationId: input.organizationId },
    );
  }

  @Query(() => LinkHistoryDto, { description: '一个单位的一个链接的检查历史' })
  async linkHistory(
    @Args('input') input: LinkHistoryInput,
    @CurrentScope() scope: Scope,
  ): Promise<LinkHistoryDto> {
    const { link, checks } = await this.service.history(
      scope,
      input.organizationId,
      input.url,
      input.limit ?? 50,
    );
    return {
      link,
      checks: checks.map((c) => ({
        id: c.id,
        checkedAt: c.checked_at,
        outcome: c.outcome,
        broken: c.broken,
        statusCode: c.status_code,
        finalUrl: c.final_url,
        redirects: c.redirects,
        responseMs: c.response_ms,
        contentType: c.content_type,
        bytesRead: c.bytes_read,
        truncated: c.truncated,
        contentHash: c.content_hash,
        title: c.title,
        snapshot: c.snapshot,
        problem: c.problem,
        changed: c.changed,
        unchangedSinceFirst: c.unchanged_since_first,
      })),
    };
  }
}

import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ArrayMaxSize, IsOptional, IsUUID } from 'class-validator';
import { ASSESSMENT_LINK_STATES, type AssessmentLinkState } from '@sunshine/shared/domain';

export const AssessmentLinkStateEnum = Object.fromEntries(
  ASSESSMENT_LINK_STATES.map((s) => [s, s]),
) as { [K in AssessmentLinkState]: K };
registerEnumType(AssessmentLinkStateEnum, {
  name: 'AssessmentLinkState',
  description:
    '链接状态：BROKEN 失效（4xx/5xx、域名解析失败、超时、被拦截），PENDING 待检查，UNCHANGED 未变化（整改链接的页面与提出问题时相同），CHANGED 已变化，OK 正常',
});

export enum AssessmentLinkRole {
  LOCATION = 'LOCATION',
  RECTIFICATION = 'RECTIFICATION',
}
registerEnumType(AssessmentLinkRole, {
  name: 'AssessmentLinkRole',
  description: 'LOCATION 问题位置中的链接，RECTIFICATION 整改链接',
});

@ObjectType('AssessmentIssueLink', { description: '问题的一个链接及其最近一次检查' })
export class AssessmentIssueLinkDto {
  @Field(() => AssessmentLinkRole) role!: AssessmentLinkRole;
  @Field(() => ID) linkId!: string;
  @Field(() => ID, { description: '链接所属单位（查询检查历史时用）' }) organizationId!: string;
  @Field(() => String) url!: string;
  @Field(() => AssessmentLinkStateEnum) state!: AssessmentLinkState;
  @Field(() => String, {
    nullable: true,
    description: '检查结果代码（OK、HTTP_ERROR、DNS、TIMEOUT…）',
  })
  outcome!: string | null;
  @Field(() => Int, { nullable: true }) statusCode!: number | null;
  @Field(() => String, { nullable: true, description: '重定向后的最终地址' }) finalUrl!:
    string | null;
  @Field(() => Int, { nullable: true, description: '响应时间（毫秒）' }) responseMs!: number | null;
  @Field(() => String, { nullable: true }) title!: string | null;
  @Field(() => Date, { nullable: true }) checkedAt!: Date | null;
  @Field(() => String, { nullable: true, description: '失效或拦截的原因' }) problem!: string | null;
  @Field(() => Boolean, {
    nullable: true,
    description: '页面内容与提出问题时相同（无法比较时为空）',
  })
  sameAsRaised!: boolean | null;
}

@ObjectType('AssessmentIssueLinks', { description: '问题的链接状态' })
export class AssessmentIssueLinksDto {
  @Field(() => AssessmentLinkStateEnum, { nullable: true, description: '没有链接时为空' })
  state!: AssessmentLinkState | null;
  @Field(() => Date, { nullable: true, description: '最近一次检查时间' }) checkedAt!: Date | null;
  @Field(() => [AssessmentIssueLinkDto]) links!: AssessmentIssueLinkDto[];
}

@InputType('RecheckAssessmentLinksInput', {
  description: '重新检查一个测评批次（可限定单位及其下级，或指定问题）的全部链接',
})
export class RecheckAssessmentLinksInput {
  @Field(() => ID) @IsUUID('all', { message: '编号格式不正确' }) roundId!: string;
  @Field(() => ID, { nullable: true, description: '单位（含下级单位）' })
  @IsOptional()
  @IsUUID('all', { message: '编号格式不正确' })
  organizationId?: string;
  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(500, { message: '一次最多 500 个问题' })
  @IsUUID('all', { each: true, message: '编号格式不正确' })
  issueIds?: string[];
}

@ObjectType('AssessmentLinkRecheck')
export class AssessmentLinkRecheckDto {
  @Field(() => Int, { description: '涉及的问题数' }) issues!: number;
  @Field(() => Int, { description: '排入检查队列的链接数（一分钟内检查过的不重复排队）' })
  queued!: number;
}

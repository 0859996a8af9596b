import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  IsBoolean,
  IsEnum,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { Type } from 'class-transformer';
import { ISO_DAY, ISO_DAY_MESSAGE, UUID_MESSAGE } from '@sunshine/api/core';
import {
  ASSESSMENT_ISSUE_TYPE_CODES,
  ASSESSMENT_LINK_STATES,
  type AssessmentLinkState,
} from '@sunshine/shared/domain';
import { AssessmentLinkStateEnum } from '../links/issue-links.dto';
import { AssessmentIssueStatusEnum, AssessmentSeverityEnum } from './assessment.dto';

const DATE = ISO_DAY;
const DATE_MESSAGE = ISO_DAY_MESSAGE;

@InputType('CreateAssessmentRoundInput')
export class CreateAssessmentRoundInput {
  @Field(() => String)
  @IsString()
  @MinLength(2, { message: '请填写批次名称' })
  @MaxLength(200, { message: '批次名称不能超过 200 字' })
  title!: string;
  @Field(() => String, { description: '测评机构名称' })
  @IsString()
  @MinLength(2, { message: '请填写测评机构' })
  @MaxLength(200, { message: '测评机构名称不能超过 200 字' })
  assessorName!: string;
  @Field(() => String) @Matches(DATE, { message: DATE_MESSAGE }) periodStart!: string;
  @Field(() => String) @Matches(DATE, { message: DATE_MESSAGE }) periodEnd!: string;
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: UUID_MESSAGE })
  indicatorSystemId?: string | null;
  @Field(() => String, {
    nullable: true,
    description: '默认整改期限 YYYY-MM-DD（与 defaultDeadlineWorkingDays 二选一）',
  })
  @IsOptional()
  @Matches(DATE, { message: DATE_MESSAGE })
  defaultDeadline?: string | null;
  @Field(() => Int, {
    nullable: true,
    description: '默认整改期限：发布后 N 个工作日（1–250，按中国法定节假日和调休计算）',
  })
  @IsOptional()
  @IsInt({ message: '工作日数须为整数' })
  @Min(1, { message: '工作日数须为 1 到 250' })
  @Max(250, { message: '工作日数须为 1 到 250' })
  defaultDeadlineWorkingDays?: number | null;
  @Field(() => [ID], { description: '参加测评的单位' })
  @ArrayMaxSize(2000)
  @IsUUID('all', { each: true, message: UUID_MESSAGE })
  bureauIds!: string[];
  @Field(() => [ID], { nullable: true, description: '负责本批次的第三方测评账户' })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true, message: UUID_MESSAGE })
  assessorUserIds?: string[];
}

@InputType('AssessmentRoundVersionInput')
export class AssessmentRoundVersionInput {
  @Field(() => ID) @IsUUID('all', { message: UUID_MESSAGE }) id!: string;
  @Field(() => Int) @IsInt() version!: number;
}

@InputType('AddAssessmentIssueInput')
export class AddAssessmentIssueInput {
  @Field(() => ID) @IsUUID('all', { message: UUID_MESSAGE }) roundId!: string;
  @Field(() => ID, { description: '被测评单位' })
  @IsUUID('all', { message: UUID_MESSAGE })
  organizationId!: string;
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: UUID_MESSAGE })
  indicatorId?: string | null;
  @Field(() => String, { description: '问题类型代码（见 AssessmentIssue.issueType）' })
  @IsIn(ASSESSMENT_ISSUE_TYPE_CODES, { message: '问题类型不正确' })
  issueType!: string;
  @Field(() => String)
  @IsString()
  @MinLength(2, { message: '请填写问题描述' })
  @MaxLength(2000, { message: '问题描述不能超过 2000 字' })
  description!: string;
  @Field(() => String, { nullable: true, description: '网址或栏目路径' })
  @IsOptional()
  @IsString()
  @MaxLength(1000, { message: '问题位置不能超过 1000 字' })
  location?: string;
  @Field(() => AssessmentSeverityEnum, { nullable: true })
  @IsOptional()
  @IsEnum(AssessmentSeverityEnum, { message: '严重程度不正确' })
  severity?: AssessmentSeverityEnum;
  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber({}, { message: '扣分须为数字' })
  @Min(0, { message: '扣分不能为负数' })
  @Max(100, { message: '扣分不能超过 100' })
  pointsDeducted?: number;
  @Field(() => String, { nullable: true, description: '整改期限，默认为批次的默认期限' })
  @IsOptional()
  @Matches(DATE, { message: DATE_MESSAGE })
  deadline?: string | null;
}

@InputType('AssessmentIssueFilter')
export class AssessmentIssueFilterInput {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: UUID_MESSAGE })
  roundId?: string;
  @Field(() => ID, { nullable: true, description: '单位（含下级单位）' })
  @IsOptional()
  @IsUUID('all', { message: UUID_MESSAGE })
  organizationId?: string;
  @Field(() => [AssessmentIssueStatusEnum], { nullable: true })
  @IsOptional()
  @IsEnum(AssessmentIssueStatusEnum, { each: true, message: '状态不正确' })
  statuses?: AssessmentIssueStatusEnum[];
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsIn(ASSESSMENT_ISSUE_TYPE_CODES, { message: '问题类型不正确' })
  issueType?: string;
  @Field(() => Boolean, { nullable: true, description: '只看逾期' })
  @IsOptional()
  @IsBoolean()
  overdue?: boolean;
  @Field(() => [AssessmentLinkStateEnum], { nullable: true, description: '链接状态' })
  @IsOptional()
  @IsIn(ASSESSMENT_LINK_STATES, { each: true, message: '链接状态不正确' })
  linkStates?: AssessmentLinkState[];
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5000)
  limit?: number;
}

@InputType('SaveRectificationInput')
export class SaveRectificationInput {
  @Field(() => ID) @IsUUID('all', { message: UUID_MESSAGE }) id!: string;
  @Field(() => Int) @IsInt() version!: number;
  @Field(() => String, { nullable: true, description: '整改措施' })
  @IsOptional()
  @IsString()
  @MaxLength(4000, { message: '整改措施不能超过 4000 字' })
  measure?: string;
  @Field(() => [String], { nullable: true, description: '整改链接' })
  @IsOptional()
  @ArrayMaxSize(20, { message: '整改链接不能超过 20 个' })
  @IsString({ each: true })
  @MaxLength(1000, { each: true, message: '链接不能超过 1000 字' })
  links?: string[];
}

@InputType('AssessmentIssueActionInput')
export class AssessmentIssueActionInput {
  @Field(() => ID) @IsUUID('all', { message: UUID_MESSAGE }) id!: string;
  @Field(() => Int) @IsInt() version!: number;
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000, { message: '意见不能超过 2000 字' })
  comment?: string;
}

@InputType('ReturnAssessmentIssueInput')
export class ReturnAssessmentIssueInput {
  @Field(() => ID) @IsUUID('all', { message: UUID_MESSAGE }) id!: string;
  @Field(() => Int) @IsInt() version!: number;
  @Field(() => String, { description: '退回理由（必填）' })
  @IsString()
  @MinLength(1, { message: '请填写退回理由' })
  @MaxLength(2000, { message: '退回理由不能超过 2000 字' })
  reason!: string;
  @Field(() => String, { nullable: true, description: '新的整改期限' })
  @IsOptional()
  @Matches(DATE, { message: DATE_MESSAGE })
  newDeadline?: string | null;
}

@InputType('DisputeAssessmentIssueInput')
export class DisputeAssessmentIssueInput {
  @Field(() => ID) @IsUUID('all', { message: UUID_MESSAGE }) id!: string;
  @Field(() => Int) @IsInt() version!: number;
  @Field(() => String, { description: '无需整改的理由' })
  @IsString()
  @MinLength(1, { message: '请填写无需整改的理由' })
  @MaxLength(2000, { message: '理由不能超过 2000 字' })
  reason!: string;
}

@InputType('DecideDisputeInput')
export class DecideDisputeInput {
  @Field(() => ID) @IsUUID('all', { message: UUID_MESSAGE }) id!: string;
  @Field(() => Int) @IsInt() version!: number;
  @Field(() => Boolean, { description: '申诉成立：问题撤销、扣分恢复' })
  @IsBoolean()
  upheld!: boolean;
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000, { message: '意见不能超过 2000 字' })
  comment?: string;
  @Field(() => String, { nullable: true, description: '申诉不成立时的新整改期限' })
  @IsOptional()
  @Matches(DATE, { message: DATE_MESSAGE })
  newDeadline?: string | null;
}

@InputType('IndicatorInput')
export class IndicatorInput {
  @Field(() => String, { description: '指标编号，如 1、1.2、1.2.3' })
  @IsString()
  @MinLength(1)
  @MaxLength(20)
  code!: string;
  @Field(() => String, { nullable: true, description: '上级指标编号' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  parentCode?: string | null;
  @Field(() => Int) @IsInt() @Min(1) @Max(3) level!: number;
  @Field(() => String) @IsString() @MinLength(1) @MaxLength(200) name!: string;
  @Field(() => Float) @IsNumber() @Min(0) @Max(1000) points!: number;
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  standard?: string;
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  deductionRule?: string;
  @Field(() => Boolean, { nullable: true }) @IsOptional() @IsBoolean() veto?: boolean;
}

@InputType('CreateIndicatorSystemInput')
export class CreateIndicatorSystemInput {
  @Field(() => String) @IsString() @MinLength(2) @MaxLength(200) name!: string;
  @Field(() => [IndicatorInput])
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => IndicatorInput)
  indicators!: IndicatorInput[];
}

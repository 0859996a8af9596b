import { Field, Float, ID, InputType, Int, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsEnum,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { PageLimit, PageOffset, UUID_MESSAGE, type PageSize } from '@sunshine/api/core';
import {
  BATCH_DECISION_MAX,
  CompletionState,
  MAX_MEASURE_VALUE,
  REMINDER_MESSAGE_MAX_LENGTH,
  ReportStatus,
} from '@sunshine/shared/domain';
import { ReportDisplayStatusEnum } from './report.dto';

/** Which subordinates' reports an overseer lists (待验收 and its deeper, read-only view). */
export enum SubordinateDepth {
  DIRECT = 'DIRECT',
  DEEPER = 'DEEPER',
}
registerEnumType(SubordinateDepth, {
  name: 'SubordinateDepth',
  description: '下级层级',
  valuesMap: {
    DIRECT: { description: '直接下级单位（由本单位验收）' },
    DEEPER: { description: '更下级单位（由其直接上级单位验收，本单位只读）' },
  },
});

/** What a batch decision does to every report it carries. */
export enum BatchDecision {
  ACCEPT = 'ACCEPT',
  RETURN = 'RETURN',
}
registerEnumType(BatchDecision, {
  name: 'BatchDecision',
  description: '批量处理：验收或退回',
});

/** Page sizes of the lists (the defaults are the services' own). */
export const ASSIGNMENTS_PAGE: PageSize = { default: 100, max: 500 };
export const PROGRESS_REPORTS_PAGE: PageSize = { default: 100, max: 500 };

@InputType('EvidenceUrlInput')
export class EvidenceUrlInput {
  @Field(() => String)
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true },
    { message: '链接须为 http(s) 开头的网址' },
  )
  @MaxLength(500, { message: '链接过长' })
  url!: string;
  @Field(() => String) @IsString() @MaxLength(200, { message: '链接标题过长' }) title!: string;
}

@InputType('SaveProgressReportInput', {
  description: '新建或保存季度进展草稿；修改已有草稿时携带 version',
})
export class SaveProgressReportInput {
  @Field(() => ID) @IsUUID('all', { message: UUID_MESSAGE }) assignmentId!: string;
  @Field(() => Int) @IsInt() @Min(2000) @Max(2100) year!: number;
  @Field(() => Int)
  @IsInt()
  @Min(1, { message: '季度须为 1–4' })
  @Max(4, { message: '季度须为 1–4' })
  quarter!: number;
  @Field(() => Int, { nullable: true, description: '已有草稿的版本号；新建时不填' })
  @IsOptional()
  @IsInt()
  version?: number;
  @Field(() => CompletionState)
  @IsEnum(CompletionState, { message: '完成状态不正确' })
  completionState!: CompletionState;
  @Field(() => Int)
  @IsInt({ message: '完成进度须为整数' })
  @Min(0, { message: '完成进度须在 0–100 之间' })
  @Max(100, { message: '完成进度须在 0–100 之间' })
  percent!: number;
  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber()
  @Min(0, { message: '实际值不能为负' })
  @Max(MAX_MEASURE_VALUE, { message: '实际值过大' })
  actualValue?: number | null;
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(5000, { message: '进展情况不能超过 5000 字' })
  narrative?: string;
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000, { message: '存在问题不能超过 2000 字' })
  problems?: string;
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000, { message: '下步计划不能超过 2000 字' })
  nextSteps?: string;
  @Field(() => [EvidenceUrlInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(50, { message: '链接最多 50 个' })
  @IsObject({ each: true, message: '链接格式不正确' })
  @ValidateNested({ each: true })
  @Type(() => EvidenceUrlInput)
  evidenceUrls?: EvidenceUrlInput[];
}

@InputType('ReportActionInput')
export class ReportActionInput {
  @Field(() => ID) @IsUUID('all', { message: UUID_MESSAGE }) id!: string;
  @Field(() => Int) @IsInt() version!: number;
  @Field(() => String, { nullable: true, description: '意见；退回时必填' })
  @IsOptional()
  @IsString()
  @MaxLength(1000, { message: '意见不能超过 1000 字' })
  comment?: string;
}

@InputType('ReturnReportInput')
export class ReturnReportInput {
  @Field(() => ID) @IsUUID('all', { message: UUID_MESSAGE }) id!: string;
  @Field(() => Int) @IsInt() version!: number;
  @Field(() => String, { description: '退回原因（必填）' })
  @IsString()
  @MinLength(2, { message: '请填写退回原因' })
  @MaxLength(1000, { message: '退回原因不能超过 1000 字' })
  reason!: string;
}

@InputType('ReportVersionInput')
export class ReportVersionInput {
  @Field(() => ID) @IsUUID('all', { message: UUID_MESSAGE }) id!: string;
  @Field(() => Int, { description: '页面读取时的版本号' }) @IsInt() version!: number;
}

@InputType('DecideProgressReportsInput', {
  description: '批量验收或退回直接下级单位已审核的季度进展：全部成功或全部不处理',
})
export class DecideProgressReportsInput {
  @Field(() => BatchDecision) @IsEnum(BatchDecision) decision!: BatchDecision;
  @Field(() => [ReportVersionInput])
  @ArrayMinSize(1, { message: `请选择 1 到 ${BATCH_DECISION_MAX} 条季度进展` })
  @ArrayMaxSize(BATCH_DECISION_MAX, { message: `请选择 1 到 ${BATCH_DECISION_MAX} 条季度进展` })
  @ValidateNested({ each: true })
  @Type(() => ReportVersionInput)
  items!: ReportVersionInput[];
  @Field(() => String, { nullable: true, description: '意见；退回时为退回原因（必填）' })
  @IsOptional()
  @IsString()
  @MaxLength(1000, { message: '意见不能超过 1000 字' })
  comment?: string;
}

@InputType('CopyPreviousReportInput', {
  description: '沿用上季度：以上一季度的进展为本季度新建草稿',
})
export class CopyPreviousReportInput {
  @Field(() => ID) @IsUUID('all', { message: UUID_MESSAGE }) assignmentId!: string;
  @Field(() => Int) @IsInt() @Min(2000) @Max(2100) year!: number;
  @Field(() => Int)
  @IsInt()
  @Min(1, { message: '季度须为 1–4' })
  @Max(4, { message: '季度须为 1–4' })
  quarter!: number;
}

@InputType('AssignmentsFilter')
export class AssignmentsFilterInput {
  @Field(() => ID, { nullable: true, description: '默认为本单位' })
  @IsOptional()
  @IsUUID('all', { message: UUID_MESSAGE })
  organizationId?: string;
  @Field(() => Boolean, { nullable: true, description: '包含下级单位' })
  @IsOptional()
  @IsBoolean()
  includeDescendants?: boolean;
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: UUID_MESSAGE })
  planId?: string;
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: UUID_MESSAGE })
  taskId?: string;
  @Field(() => Int) @IsInt() @Min(2000) @Max(2100) year!: number;
  @Field(() => Int) @IsInt() @Min(1) @Max(4) quarter!: number;
  @Field(() => ReportDisplayStatusEnum, { nullable: true, description: '按本季度报送状态筛选' })
  @IsOptional()
  @IsEnum(ReportDisplayStatusEnum)
  status?: ReportDisplayStatusEnum;
  @Field(() => Boolean, { nullable: true, description: '仅未提交（含未填写）' })
  @IsOptional()
  @IsBoolean()
  missingOnly?: boolean;
  @PageOffset() offset?: number;
  @PageLimit(ASSIGNMENTS_PAGE) limit?: number;
}

@InputType('ProgressReportsFilter')
export class ProgressReportsFilterInput {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: UUID_MESSAGE })
  assignmentId?: string;
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: UUID_MESSAGE })
  organizationId?: string;
  @Field(() => Boolean, { nullable: true }) @IsOptional() @IsBoolean() includeDescendants?: boolean;
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(2000, { message: '年度不正确' })
  @Max(2100, { message: '年度不正确' })
  year?: number;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) @Max(4) quarter?: number;
  @Field(() => ReportStatus, { nullable: true })
  @IsOptional()
  @IsEnum(ReportStatus)
  status?: ReportStatus;
  @Field(() => Boolean, {
    nullable: true,
    description: '仅下级单位的（不含本单位本级，所选单位为下级时含所选单位），如上级待验收',
  })
  @IsOptional()
  @IsBoolean()
  belowOnly?: boolean;
  @Field(() => SubordinateDepth, {
    nullable: true,
    description: '仅直接下级单位的（DIRECT，本单位验收）或更下级单位的（DEEPER，只读）',
  })
  @IsOptional()
  @IsEnum(SubordinateDepth)
  subordinates?: SubordinateDepth;

  @Field(() => Boolean, { nullable: true, description: '仅被退回的草稿' })
  @IsOptional()
  @IsBoolean()
  returnedOnly?: boolean;
  @PageOffset() offset?: number;
  @PageLimit(PROGRESS_REPORTS_PAGE) limit?: number;
}

@InputType('SendRemindersInput')
export class SendRemindersInput {
  @Field(() => Int) @IsInt() @Min(2000) @Max(2100) year!: number;
  @Field(() => Int) @IsInt() @Min(1) @Max(4) quarter!: number;
  @Field(() => ID, { nullable: true, description: '默认为本单位（向其下级单位催办）' })
  @IsOptional()
  @IsUUID('all', { message: UUID_MESSAGE })
  organizationId?: string;
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(REMINDER_MESSAGE_MAX_LENGTH, {
    message: `附言不能超过 ${REMINDER_MESSAGE_MAX_LENGTH} 字`,
  })
  message?: string;
}

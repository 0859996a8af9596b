import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import {
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { ISO_DAY, ISO_DAY_MESSAGE, UUID_MESSAGE } from '@sunshine/api/core';
import type { WorkingDayDeadline } from '@sunshine/shared/domain';
import type { AssessmentFileRow } from '../assessment-attachments.repository';
import type { TrendPoint } from '../assessment-trend';

@ObjectType('AssessmentDeadlineStatus', {
  description: '整改期限按工作日（中国法定节假日和调休）的状态',
})
export class AssessmentDeadlineStatusDto {
  @Field(() => String, {
    description: 'REMAINING（未到期）、DUE_TODAY（今天截止）、OVERDUE（已逾期）',
  })
  state!: string;
  @Field(() => Int, { description: '剩余或已逾期的工作日数' }) workingDays!: number;
  @Field(() => String, { description: '如“剩余 3 个工作日”“已逾期 2 个工作日”' }) label!: string;
  @Field(() => String, {
    nullable: true,
    description: '节假日数据未覆盖期限所在年份时的提醒',
  })
  warning!: string | null;

  static from(d: WorkingDayDeadline, warning: string | null): AssessmentDeadlineStatusDto {
    return Object.assign(new AssessmentDeadlineStatusDto(), { ...d, warning });
  }
}

@ObjectType('AssessmentFile', { description: '测评问题的附件（整改附件或测评佐证）' })
export class AssessmentFileDto {
  @Field(() => ID) id!: string;
  @Field(() => ID) issueId!: string;
  @Field(() => String, { description: 'RECTIFICATION（整改附件）或 EVIDENCE（测评佐证）' })
  kind!: string;
  @Field(() => String) fileName!: string;
  @Field(() => String) mimeType!: string;
  @Field(() => Int) sizeBytes!: number;
  @Field(() => String) sha256!: string;
  @Field(() => String, { description: '上传账户' }) uploadedByName!: string;
  @Field(() => Date) uploadedAt!: Date;
  @Field(() => String, { description: '下载地址（GET，需登录）' }) downloadPath!: string;

  static from(f: AssessmentFileRow): AssessmentFileDto {
    return Object.assign(new AssessmentFileDto(), {
      id: f.id,
      issueId: f.issue_id,
      kind: f.kind,
      fileName: f.file_name,
      mimeType: f.mime_type,
      sizeBytes: f.size_bytes,
      sha256: f.sha256.trim(),
      uploadedByName: f.uploaded_by_name,
      uploadedAt: f.uploaded_at,
      downloadPath: `/files/assessment-files/${f.id}`,
    });
  }
}

@ObjectType('AssessmentMenuCounts', { description: '第三方测评菜单角标' })
export class AssessmentMenuCountsDto {
  @Field(() => Int, { description: '本单位待整改（待整改、整改中）' }) toRectify!: number;
  @Field(() => Int, { description: '本单位被退回' }) returned!: number;
  @Field(() => Int, { description: '待复核（测评机构：其批次；管理员：本单位发起的批次）' })
  toVerify!: number;
}

@ObjectType('AssessmentTrendPoint', { description: '问题整改趋势的一个点（当日或当周末的状态）' })
export class AssessmentTrendPointDto {
  @Field(() => String, { description: '日期 YYYY-MM-DD（按周时为该周最后一天）' }) day!: string;
  @Field(() => Int, { description: '待整改（本单位尚未答复或被退回）' }) open!: number;
  @Field(() => Int, { description: '已整改待复核（含申诉待裁定）' }) rectified!: number;
  @Field(() => Int, { description: '已销号' }) verified!: number;

  static from(p: TrendPoint): AssessmentTrendPointDto {
    return Object.assign(new AssessmentTrendPointDto(), p);
  }
}

@ObjectType('AssessmentTrend', { description: '批次内问题整改趋势' })
export class AssessmentTrendDto {
  @Field(() => String, { description: 'DAY 或 WEEK' }) bucket!: string;
  @Field(() => [AssessmentTrendPointDto]) points!: AssessmentTrendPointDto[];
}

@ObjectType('AssessmentReminderResult', { description: '催办结果' })
export class AssessmentReminderResultDto {
  @Field(() => Int, { description: '收到催办的单位数' }) organizations!: number;
  @Field(() => Int, { description: '涉及的逾期问题数' }) issues!: number;
}

@InputType('SetAssessmentIssueDeadlineInput')
export class SetAssessmentIssueDeadlineInput {
  @Field(() => ID) @IsUUID('all', { message: UUID_MESSAGE }) id!: string;
  @Field(() => Int) @IsInt() version!: number;
  @Field(() => String, { description: '新的整改期限 YYYY-MM-DD' })
  @Matches(ISO_DAY, { message: ISO_DAY_MESSAGE })
  deadline!: string;
}

@InputType('SendBackRectificationInput')
export class SendBackRectificationInput {
  @Field(() => ID) @IsUUID('all', { message: UUID_MESSAGE }) id!: string;
  @Field(() => Int) @IsInt() version!: number;
  @Field(() => String, { description: '退回理由（必填）' })
  @IsString()
  @MinLength(1, { message: '请填写退回理由' })
  @MaxLength(2000, { message: '退回理由不能超过 2000 字' })
  reason!: string;
}

@InputType('RemindOverdueAssessmentIssuesInput')
export class RemindOverdueAssessmentIssuesInput {
  @Field(() => ID) @IsUUID('all', { message: UUID_MESSAGE }) roundId!: string;
  @Field(() => ID, {
    nullable: true,
    description: '只催办该单位（含下级）；不填则催办全部逾期单位',
  })
  @IsOptional()
  @IsUUID('all', { message: UUID_MESSAGE })
  organizationId?: string | null;
}

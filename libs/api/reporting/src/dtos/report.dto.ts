import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { OrganizationDto } from '@sunshine/api/core';
import {
  CompletionState,
  ProgressAction,
  ReportStatus,
  type ReturnStage,
} from '@sunshine/shared/domain';

registerEnumType(CompletionState, {
  name: 'CompletionState',
  description: '完成状态：未开始、推进中、已完成、受阻',
});
registerEnumType(ReportStatus, {
  name: 'ReportStatus',
  description: '报送状态：草稿、已提交、已审核、已验收',
});
registerEnumType(ProgressAction, { name: 'ProgressAction', description: '报送流程动作' });

/** What a 流转记录 entry records: the report's creation (first save) or a workflow action. */
export const ReportEventActionEnum = { CREATE: 'CREATE', ...ProgressAction } as const;
export type ReportEventAction = (typeof ReportEventActionEnum)[keyof typeof ReportEventActionEnum];
registerEnumType(ReportEventActionEnum, {
  name: 'ReportEventAction',
  description: '流转记录动作：创建草稿或报送流程动作',
});

/** Who sent a report back (the values of `ReturnStage`). */
export const ReturnedStageEnum: { readonly [K in ReturnStage]: K } = {
  REVIEWER: 'REVIEWER',
  OVERSEER: 'OVERSEER',
};
registerEnumType(ReturnedStageEnum, {
  name: 'ReturnedStage',
  description: '退回环节',
  valuesMap: {
    REVIEWER: { description: '本单位审核人审核退回' },
    OVERSEER: { description: '上级单位验收时退回' },
  },
});

export enum ReportDisplayStatusEnum {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  APPROVED = 'APPROVED',
  ACCEPTED = 'ACCEPTED',
  RETURNED = 'RETURNED',
}
registerEnumType(ReportDisplayStatusEnum, {
  name: 'ReportDisplayStatus',
  description: '显示状态（含已退回）',
});

@ObjectType('EvidenceUrl')
export class EvidenceUrlDto {
  @Field(() => String) url!: string;
  @Field(() => String) title!: string;
}

@ObjectType('EvidenceFile', { description: '佐证材料文件' })
export class EvidenceFileDto {
  @Field(() => ID) id!: string;
  @Field(() => String) fileName!: string;
  @Field(() => String) mimeType!: string;
  @Field(() => Int) sizeBytes!: number;
  @Field(() => String, { description: 'SHA-256' }) sha256!: string;
  @Field(() => Date) createdAt!: Date;
  @Field(() => String, { description: '下载地址（需携带访问令牌）' }) downloadPath!: string;
}

@ObjectType('ReportEvent', { description: '流转记录' })
export class ReportEventDto {
  @Field(() => ID) id!: string;
  @Field(() => ReportEventActionEnum) action!: ReportEventAction;
  @Field(() => ReportStatus, { nullable: true }) fromStatus!: ReportStatus | null;
  @Field(() => ReportStatus) toStatus!: ReportStatus;
  @Field(() => String, { nullable: true, description: '操作账号' }) username!: string | null;
  @Field(() => String, { nullable: true, description: '操作人姓名（操作时的显示名）' })
  displayName!: string | null;
  @Field(() => String, { nullable: true }) comment!: string | null;
  @Field(() => Date) createdAt!: Date;
}

@ObjectType('TaskSummary', { description: '任务摘要' })
export class TaskSummaryDto {
  @Field(() => ID) id!: string;
  @Field(() => ID) planId!: string;
  @Field(() => String) number!: string;
  @Field(() => String) title!: string;
  @Field(() => String) description!: string;
  @Field(() => String) categoryName!: string;
  @Field(() => String) deadlineText!: string;
  @Field(() => String) dueDate!: string;
  @Field(() => Float) weight!: number;
  @Field(() => String) evidence!: string;
  @Field(() => Float, { nullable: true }) targetValue!: number | null;
  @Field(() => String, { nullable: true }) targetUnit!: string | null;
  @Field(() => Date, { nullable: true }) adjustedAt!: Date | null;
  @Field(() => String, { nullable: true }) adjustmentNote!: string | null;
  @Field(() => Int, {
    nullable: true,
    description: '所属计划的报送窗口：季度结束后第几天为报送截止日',
  })
  dueDaysAfterQuarter!: number | null;
}

@ObjectType('ProgressReport', { description: '季度进展' })
export class ProgressReportDto {
  @Field(() => ID) id!: string;
  @Field(() => ID) assignmentId!: string;
  @Field(() => OrganizationDto) organization!: OrganizationDto;
  @Field(() => TaskSummaryDto) task!: TaskSummaryDto;
  @Field(() => Int) year!: number;
  @Field(() => Int) quarter!: number;
  @Field(() => String, { description: '如 2025年第一季度' }) quarterLabel!: string;
  @Field(() => CompletionState) completionState!: CompletionState;
  @Field(() => Int) percent!: number;
  @Field(() => Float, { nullable: true }) actualValue!: number | null;
  @Field(() => String, { description: '进展情况' }) narrative!: string;
  @Field(() => String, { description: '存在问题' }) problems!: string;
  @Field(() => String, { description: '下步计划' }) nextSteps!: string;
  @Field(() => [EvidenceUrlDto]) evidenceUrls!: EvidenceUrlDto[];
  @Field(() => ReportStatus) status!: ReportStatus;
  @Field(() => ReportDisplayStatusEnum) displayStatus!: ReportDisplayStatusEnum;
  @Field(() => String, { description: '报送截止日期' }) dueDate!: string;
  @Field(() => Boolean, { description: '是否迟报（一经标记不再改变）' }) late!: boolean;
  @Field(() => String, { nullable: true }) returnedReason!: string | null;
  @Field(() => ReturnedStageEnum, { nullable: true }) returnedStage!: ReturnStage | null;
  @Field(() => Date, { nullable: true }) submittedAt!: Date | null;
  @Field(() => Date, { nullable: true }) approvedAt!: Date | null;
  @Field(() => Date, { nullable: true }) acceptedAt!: Date | null;
  @Field(() => Date) updatedAt!: Date;
  @Field(() => Int, { description: '版本号，保存时携带以检测并发修改' }) version!: number;
  @Field(() => [ProgressAction], { description: '当前用户可执行的动作' })
  availableActions!: ProgressAction[];
  /** internal: submitter, for the self-approval rule */
  submittedBy!: string | null;
}

@ObjectType('Assignment', { description: '任务分解（某单位承担的某项任务）' })
export class AssignmentDto {
  @Field(() => ID) id!: string;
  @Field(() => OrganizationDto) organization!: OrganizationDto;
  @Field(() => TaskSummaryDto) task!: TaskSummaryDto;
  @Field(() => Int) year!: number;
  @Field(() => Boolean) active!: boolean;
  @Field(() => String, { nullable: true }) changeReason!: string | null;
  @Field(() => ProgressReportDto, { nullable: true, description: '所查询季度的进展' })
  report!: ProgressReportDto | null;
  @Field(() => Boolean, {
    description: '已完成-持续：本年度此前季度已报“已完成”并验收（可沿用上季度进展）',
  })
  completedEarlier!: boolean;
}

@ObjectType('AssignmentPage')
export class AssignmentPageDto {
  @Field(() => [AssignmentDto]) items!: AssignmentDto[];
  @Field(() => Int) total!: number;
}

@ObjectType('ProgressReportPage')
export class ProgressReportPageDto {
  @Field(() => [ProgressReportDto]) items!: ProgressReportDto[];
  @Field(() => Int) total!: number;
}

@ObjectType('Worklist', { description: '待办数量' })
export class WorklistDto {
  @Field(() => Int, { description: '本季度待填报' }) toFill!: number;
  @Field(() => Int, { description: '待审核' }) toReview!: number;
  @Field(() => Int, {
    description: '待验收：直接下级单位已审核、等待本单位验收的季度进展（各季度）',
  })
  toAccept!: number;
  @Field(() => Int, { description: '被退回' }) returned!: number;
  @Field(() => Int, { description: '未读通知' }) unreadNotifications!: number;
  @Field(() => Int) year!: number;
  @Field(() => Int) quarter!: number;
  @Field(() => String) dueDate!: string;
}

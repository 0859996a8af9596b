import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { assessmentIssueTypeLabel, isAssessmentIssueOverdue } from '@sunshine/shared/domain';
import type { IndicatorRow, IssueRow, RoundRow, EventRow } from '../assessments.repository';

export enum AssessmentRoundStatusEnum {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
  CLOSED = 'CLOSED',
}
registerEnumType(AssessmentRoundStatusEnum, {
  name: 'AssessmentRoundStatus',
  description: '测评批次状态：草稿、已发布（整改中）、已关闭',
});

export enum AssessmentIssueStatusEnum {
  OPEN = 'OPEN',
  RECTIFYING = 'RECTIFYING',
  AWAITING_APPROVAL = 'AWAITING_APPROVAL',
  AWAITING_VERIFICATION = 'AWAITING_VERIFICATION',
  DISPUTED = 'DISPUTED',
  VERIFIED = 'VERIFIED',
  RETURNED = 'RETURNED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(AssessmentIssueStatusEnum, {
  name: 'AssessmentIssueStatus',
  description:
    '测评问题状态：待整改、整改中、待本单位审核、待复核、申诉待裁定、已销号、被退回、已撤销',
});

export enum AssessmentSeverityEnum {
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
}
registerEnumType(AssessmentSeverityEnum, { name: 'AssessmentSeverity', description: '严重程度' });

@ObjectType('AssessmentOrganization', { description: '测评涉及的单位' })
export class AssessmentOrgDto {
  @Field(() => ID) id!: string;
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
}

@ObjectType('AssessmentRound', { description: '测评批次' })
export class AssessmentRoundDto {
  @Field(() => ID) id!: string;
  @Field(() => ID, { description: '发起单位' }) organizationId!: string;
  @Field(() => String) title!: string;
  @Field(() => String, { description: '测评机构' }) assessorName!: string;
  @Field(() => String, { description: '测评期间起 YYYY-MM-DD' }) periodStart!: string;
  @Field(() => String, { description: '测评期间止 YYYY-MM-DD' }) periodEnd!: string;
  @Field(() => ID, { nullable: true }) indicatorSystemId!: string | null;
  @Field(() => String, {
    description: '默认整改期限 YYYY-MM-DD（按工作日计的批次在发布前为预估，发布时按发布日重算）',
  })
  defaultDeadline!: string;
  @Field(() => Int, { nullable: true, description: '默认整改期限：发布后 N 个工作日（中国日历）' })
  defaultDeadlineWorkingDays!: number | null;
  @Field(() => String, {
    nullable: true,
    description: '节假日数据未覆盖期限所在年份时的提醒（工作日按周一至周五计算）',
  })
  deadlineWarning!: string | null;
  @Field(() => AssessmentRoundStatusEnum) status!: AssessmentRoundStatusEnum;
  @Field(() => Date, { nullable: true }) publishedAt!: Date | null;
  @Field(() => Date, { nullable: true }) closedAt!: Date | null;
  @Field(() => Int) version!: number;

  static from(r: RoundRow): AssessmentRoundDto {
    return Object.assign(new AssessmentRoundDto(), {
      id: r.id,
      organizationId: r.organization_id,
      title: r.title,
      assessorName: r.assessor_name,
      periodStart: r.period_start,
      periodEnd: r.period_end,
      indicatorSystemId: r.indicator_system_id,
      defaultDeadline: r.default_deadline,
      defaultDeadlineWorkingDays: r.default_deadline_working_days,
      deadlineWarning: r.deadline_warning || null,
      status: r.status as AssessmentRoundStatusEnum,
      publishedAt: r.published_at,
      closedAt: r.closed_at,
      version: r.version,
    });
  }
}

@ObjectType('AssessmentIssueEvent', { description: '整改流转记录' })
export class AssessmentIssueEventDto {
  @Field(() => ID) id!: string;
  @Field(() => String) action!: string;
  @Field(() => String, { nullable: true }) fromStatus!: string | null;
  @Field(() => String) toStatus!: string;
  @Field(() => String) actorName!: string;
  @Field(() => String) comment!: string;
  @Field(() => Date) at!: Date;

  static from(e: EventRow): AssessmentIssueEventDto {
    return Object.assign(new AssessmentIssueEventDto(), {
      id: e.id,
      action: e.action,
      fromStatus: e.from_status,
      toStatus: e.to_status,
      actorName: e.actor_name,
      comment: e.comment,
      at: e.at,
    });
  }
}

@ObjectType('AssessmentIssue', { description: '测评问题' })
export class AssessmentIssueDto {
  @Field(() => ID) id!: string;
  @Field(() => ID) roundId!: string;
  @Field(() => ID) organizationId!: string;
  @Field(() => ID, { nullable: true }) indicatorId!: string | null;
  @Field(() => String, { description: '问题类型代码' }) issueType!: string;
  @Field(() => String, { description: '问题类型名称' }) issueTypeLabel!: string;
  @Field(() => String) description!: string;
  @Field(() => String, { description: '问题位置：网址或栏目路径' }) location!: string;
  @Field(() => AssessmentSeverityEnum) severity!: AssessmentSeverityEnum;
  @Field(() => Float) pointsDeducted!: number;
  @Field(() => String, { description: '整改期限 YYYY-MM-DD' }) deadline!: string;
  @Field(() => AssessmentIssueStatusEnum) status!: AssessmentIssueStatusEnum;
  @Field(() => Boolean, { description: '已逾期（过期限且未销号）' }) overdue!: boolean;
  @Field(() => String, { description: '整改措施' }) measure!: string;
  @Field(() => [String], { description: '整改链接' }) rectificationLinks!: string[];
  @Field(() => Boolean, { description: '申诉（无需整改）' }) dispute!: boolean;
  @Field(() => String) disputeReason!: string;
  @Field(() => Date, { nullable: true, description: '整改答复时间（审核通过）' })
  answeredAt!: Date | null;
  @Field(() => Boolean, { description: '逾期答复（永久记录）' }) late!: boolean;
  @Field(() => Date, { nullable: true }) verifiedAt!: Date | null;
  @Field(() => Date) updatedAt!: Date;
  @Field(() => Int) version!: number;

  static from(i: IssueRow, today: string): AssessmentIssueDto {
    return Object.assign(new AssessmentIssueDto(), {
      id: i.id,
      roundId: i.round_id,
      organizationId: i.organization_id,
      indicatorId: i.indicator_id,
      issueType: i.issue_type,
      issueTypeLabel: assessmentIssueTypeLabel(i.issue_type),
      description: i.description,
      location: i.location,
      severity: i.severity as AssessmentSeverityEnum,
      pointsDeducted: i.points_deducted,
      deadline: i.deadline,
      status: i.status as AssessmentIssueStatusEnum,
      overdue: isAssessmentIssueOverdue(i.status, i.deadline, today),
      measure: i.measure,
      rectificationLinks: i.rectification_links,
      dispute: i.dispute,
      disputeReason: i.dispute_reason,
      answeredAt: i.answered_at,
      late: i.late,
      verifiedAt: i.verified_at,
      updatedAt: i.updated_at,
      version: i.version,
    });
  }
}

@ObjectType('AssessmentIndicator', { description: '测评指标' })
export class AssessmentIndicatorDto {
  @Field(() => ID) id!: string;
  @Field(() => ID, { nullable: true }) parentId!: string | null;
  @Field(() => Int, { description: '1 一级 / 2 二级 / 3 三级' }) level!: number;
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
  @Field(() => Float) points!: number;
  @Field(() => String, { description: '评价标准' }) standard!: string;
  @Field(() => String, { description: '扣分规则' }) deductionRule!: string;
  @Field(() => Boolean, { description: '单项否决' }) veto!: boolean;

  static from(r: IndicatorRow): AssessmentIndicatorDto {
    return Object.assign(new AssessmentIndicatorDto(), {
      id: r.id,
      parentId: r.parent_id,
      level: r.level,
      code: r.code,
      name: r.name,
      points: r.points,
      standard: r.standard,
      deductionRule: r.deduction_rule,
      veto: r.veto,
    });
  }
}

@ObjectType('IndicatorSystem', { description: '测评指标体系' })
export class IndicatorSystemDto {
  @Field(() => ID) id!: string;
  @Field(() => ID) organizationId!: string;
  @Field(() => String) name!: string;
  @Field(() => Float, { description: '一级指标分值合计' }) totalPoints!: number;
  @Field(() => [AssessmentIndicatorDto]) indicators!: AssessmentIndicatorDto[];
}

@ObjectType('AssessmentOverviewRow', { description: '测评整改概况（每个下级单位一行）' })
export class AssessmentOverviewRowDto {
  @Field(() => AssessmentOrgDto) organization!: AssessmentOrgDto;
  @Field(() => Int, { description: '问题数（不含已撤销）' }) issues!: number;
  @Field(() => Int, { description: '已整改（待复核及已销号）' }) rectified!: number;
  @Field(() => Int, { description: '已销号' }) verified!: number;
  @Field(() => Int, { description: '逾期未销号' }) overdue!: number;
  @Field(() => Float, { description: '扣分（不含已撤销）' }) pointsDeducted!: number;
  @Field(() => Float, { description: '整改率：已销号 / 问题数' }) rectificationRate!: number;
  @Field(() => Float, { description: '按时整改率：按时答复且已销号 / 问题数' }) onTimeRate!: number;
}

@ObjectType('AssessmentTypeRow', { description: '按问题类型统计' })
export class AssessmentTypeRowDto {
  @Field(() => String) issueType!: string;
  @Field(() => String) label!: string;
  @Field(() => Int) issues!: number;
  @Field(() => Int) rectified!: number;
  @Field(() => Int) verified!: number;
  @Field(() => Int) overdue!: number;
  @Field(() => Float) pointsDeducted!: number;
}

@ObjectType('AssessmentOverview', { description: '第三方测评整改概况' })
export class AssessmentOverviewDto {
  @Field(() => AssessmentRoundDto) round!: AssessmentRoundDto;
  @Field(() => AssessmentOrgDto) organization!: AssessmentOrgDto;
  @Field(() => AssessmentOverviewRowDto, { description: '合计' }) total!: AssessmentOverviewRowDto;
  @Field(() => [AssessmentOverviewRowDto]) rows!: AssessmentOverviewRowDto[];
  @Field(() => [AssessmentTypeRowDto]) byType!: AssessmentTypeRowDto[];
}

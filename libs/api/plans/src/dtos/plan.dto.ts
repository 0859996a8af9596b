import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { formatDeadlineZh, OrgLevel } from '@sunshine/shared/domain';
import type { PlanEntity } from '../entities/plan.entity';
import type { PlanTaskEntity } from '../entities/plan-task.entity';

export enum PlanStatusEnum {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
  CLOSED = 'CLOSED',
}
registerEnumType(PlanStatusEnum, {
  name: 'PlanStatus',
  description: '计划状态：草稿、已发布、已关闭',
});

@ObjectType('PlanTask', { description: '具体任务' })
export class PlanTaskDto {
  @Field(() => ID) id!: string;
  @Field(() => ID) planId!: string;
  @Field(() => ID) categoryId!: string;
  @Field(() => String, { description: '序号，如 3.2' }) number!: string;
  @Field(() => String) title!: string;
  @Field(() => String, { description: '具体要求' }) description!: string;
  @Field(() => [String], { description: '牵头部门' }) leadDepartments!: string[];
  @Field(() => [String], { description: '配合部门' }) cooperatingDepartments!: string[];
  @Field(() => String, { description: '完成时限（原文）' }) deadlineText!: string;
  @Field(() => String, { description: '完成时限（规范表述）' }) deadlineLabel!: string;
  @Field(() => String, { description: '最终截止日期 YYYY-MM-DD' }) dueDate!: string;
  @Field(() => [OrgLevel], { description: '适用层级' }) levels!: OrgLevel[];
  @Field(() => Float, { description: '分值' }) weight!: number;
  @Field(() => String, { description: '佐证材料要求' }) evidence!: string;
  @Field(() => Float, { nullable: true, description: '量化目标值' }) targetValue!: number | null;
  @Field(() => String, { nullable: true }) targetUnit!: string | null;
  @Field(() => Date, { nullable: true, description: '发布后调整的时间（任务调整）' })
  adjustedAt!: Date | null;
  @Field(() => String, { nullable: true }) adjustmentNote!: string | null;
  @Field(() => Int) version!: number;

  static from(t: PlanTaskEntity): PlanTaskDto {
    const d = new PlanTaskDto();
    Object.assign(d, {
      id: t.id,
      planId: t.planId,
      categoryId: t.categoryId,
      number: t.number,
      title: t.title,
      description: t.description,
      leadDepartments: t.leadDepartments,
      cooperatingDepartments: t.cooperatingDepartments,
      deadlineText: t.deadlineText,
      deadlineLabel: formatDeadlineZh(t.deadline),
      dueDate: t.dueDate,
      levels: t.levels,
      weight: t.weight,
      evidence: t.evidence,
      targetValue: t.targetValue,
      targetUnit: t.targetUnit,
      adjustedAt: t.adjustedAt,
      adjustmentNote: t.adjustmentNote,
      version: t.version,
    });
    return d;
  }
}

@ObjectType('PlanCategory', { description: '任务类别' })
export class PlanCategoryDto {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => Int) sortOrder!: number;
  @Field(() => [PlanTaskDto]) tasks!: PlanTaskDto[];
}

@ObjectType('Plan', { description: '年度政务公开重点工作任务分工' })
export class PlanDto {
  @Field(() => ID) id!: string;
  @Field(() => ID) organizationId!: string;
  @Field(() => Int) year!: number;
  @Field(() => String) title!: string;
  @Field(() => PlanStatusEnum) status!: PlanStatusEnum;
  @Field(() => Int, { description: '季度结束后第几天为报送截止日' }) dueDaysAfterQuarter!: number;
  @Field(() => Date, { nullable: true }) publishedAt!: Date | null;
  @Field(() => Int) version!: number;

  static from(p: PlanEntity): PlanDto {
    const d = new PlanDto();
    Object.assign(d, {
      id: p.id,
      organizationId: p.organizationId,
      year: p.year,
      title: p.title,
      status: p.status as PlanStatusEnum,
      dueDaysAfterQuarter: p.dueDaysAfterQuarter,
      publishedAt: p.publishedAt,
      version: p.version,
    });
    return d;
  }
}

@ObjectType('PlanStats')
export class PlanStatsDto {
  @Field(() => Int) categories!: number;
  @Field(() => Int) tasks!: number;
  @Field(() => Int) assignments!: number;
  @Field(() => Float) totalWeight!: number;
}

@ObjectType('PublishPlanPayload')
export class PublishPlanPayloadDto {
  @Field(() => PlanDto) plan!: PlanDto;
  @Field(() => Int, { description: '新下达的任务分解条数' }) assignmentsCreated!: number;
}

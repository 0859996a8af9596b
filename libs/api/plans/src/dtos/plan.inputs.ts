import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsEnum,
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
} from 'class-validator';
import { IsOmittable, UUID_MESSAGE } from '@sunshine/api/core';
import {
  DEPARTMENT_MAX_LENGTH,
  DEPARTMENTS_MAX,
  MAX_MEASURE_VALUE,
  OrgLevel,
  TITLE_MAX_LENGTH,
} from '@sunshine/shared/domain';

@InputType('CreatePlanInput')
export class CreatePlanInput {
  @Field(() => Int)
  @IsInt()
  @Min(2000, { message: '年度不正确' })
  @Max(2100, { message: '年度不正确' })
  year!: number;
  @Field(() => String)
  @IsString()
  @MinLength(2, { message: '请填写计划名称' })
  @MaxLength(TITLE_MAX_LENGTH, { message: `计划名称不能超过 ${TITLE_MAX_LENGTH} 字` })
  title!: string;
  @Field(() => Int, { nullable: true, description: '季度结束后第几天为报送截止日，默认 10' })
  @IsOptional()
  @IsInt()
  @Min(1, { message: '截止天数须在 1–60 之间' })
  @Max(60, { message: '截止天数须在 1–60 之间' })
  dueDaysAfterQuarter?: number;
}

@InputType('UpdatePlanInput')
export class UpdatePlanInput {
  @Field(() => ID) @IsUUID('all', { message: UUID_MESSAGE }) id!: string;
  @Field(() => Int) @IsInt({ message: '版本号须为整数' }) version!: number;
  @Field(() => String, { nullable: true })
  @IsOmittable()
  @IsString({ message: '请填写计划名称' })
  @MinLength(2, { message: '请填写计划名称' })
  @MaxLength(TITLE_MAX_LENGTH, { message: `计划名称不能超过 ${TITLE_MAX_LENGTH} 字` })
  title?: string;
  @Field(() => Int, { nullable: true })
  @IsOmittable()
  @IsInt({ message: '截止天数须在 1–60 之间' })
  @Min(1, { message: '截止天数须在 1–60 之间' })
  @Max(60, { message: '截止天数须在 1–60 之间' })
  dueDaysAfterQuarter?: number;
}

@InputType('PlanVersionInput')
export class PlanVersionInput {
  @Field(() => ID) @IsUUID('all', { message: UUID_MESSAGE }) id!: string;
  @Field(() => Int) @IsInt({ message: '版本号须为整数' }) version!: number;
}

@InputType('CategoryInput')
export class CategoryInput {
  @Field(() => ID) @IsUUID('all', { message: UUID_MESSAGE }) planId!: string;
  @Field(() => String)
  @IsString()
  @MinLength(1, { message: '请填写类别名称' })
  @MaxLength(100, { message: '类别名称不能超过 100 字' })
  name!: string;
}

@InputType('TaskInput', { description: '新建或修改任务；修改时携带 id 与 version' })
export class TaskInput {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: UUID_MESSAGE })
  id?: string;
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt({ message: '版本号须为整数' })
  version?: number;
  @Field(() => ID) @IsUUID('all', { message: UUID_MESSAGE }) planId!: string;
  @Field(() => ID) @IsUUID('all', { message: UUID_MESSAGE }) categoryId!: string;
  @Field(() => String)
  @IsString({ message: '序号格式应为 3 或 3.2' })
  @Matches(/^\d{1,3}(\.\d{1,3}){0,2}$/, { message: '序号格式应为 3 或 3.2' })
  number!: string;
  @Field(() => String)
  @IsString()
  @MinLength(2, { message: '请填写工作任务' })
  @MaxLength(TITLE_MAX_LENGTH, { message: `工作任务不能超过 ${TITLE_MAX_LENGTH} 字` })
  title!: string;
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000, { message: '具体要求不能超过 2000 字' })
  description?: string;
  @Field(() => [String])
  @IsString({ each: true, message: '部门名称须为文字' })
  @MaxLength(DEPARTMENT_MAX_LENGTH, {
    each: true,
    message: `部门名称不能超过 ${DEPARTMENT_MAX_LENGTH} 字`,
  })
  @ArrayMinSize(1, { message: '请填写牵头部门' })
  @ArrayMaxSize(DEPARTMENTS_MAX, { message: `牵头部门最多 ${DEPARTMENTS_MAX} 个` })
  leadDepartments!: string[];
  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsString({ each: true, message: '部门名称须为文字' })
  @MaxLength(DEPARTMENT_MAX_LENGTH, {
    each: true,
    message: `部门名称不能超过 ${DEPARTMENT_MAX_LENGTH} 字`,
  })
  @ArrayMaxSize(DEPARTMENTS_MAX, { message: `配合部门最多 ${DEPARTMENTS_MAX} 个` })
  cooperatingDepartments?: string[];
  @Field(() => String, { description: '完成时限，如 2025年6月30日、6月底前、每季度、持续推进' })
  @IsString()
  @MinLength(1, { message: '请填写完成时限' })
  @MaxLength(100, { message: '完成时限不能超过 100 字' })
  deadlineText!: string;
  @Field(() => [OrgLevel])
  @IsEnum(OrgLevel, { each: true, message: '适用层级不正确' })
  @ArrayMinSize(1, { message: '请选择适用层级' })
  @ArrayMaxSize(4, { message: '适用层级最多 4 个' })
  levels!: OrgLevel[];
  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber()
  @Min(0, { message: '分值不能为负' })
  @Max(100, { message: '分值不能超过 100' })
  weight?: number;
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000, { message: '佐证材料要求不能超过 2000 字' })
  evidence?: string;
  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber()
  @Min(0, { message: '目标值不能为负' })
  @Max(MAX_MEASURE_VALUE, { message: '目标值过大' })
  targetValue?: number | null;
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(20, { message: '计量单位不能超过 20 字' })
  targetUnit?: string | null;
  @Field(() => String, { nullable: true, description: '发布后修改时的调整说明' })
  @IsOptional()
  @IsString()
  @MaxLength(500, { message: '调整说明不能超过 500 字' })
  adjustmentNote?: string;
}

@InputType('DeleteTaskInput')
export class DeleteTaskInput {
  @Field(() => ID) @IsUUID('all', { message: UUID_MESSAGE }) id!: string;
}

@InputType('AddAssignmentInput')
export class AddAssignmentInput {
  @Field(() => ID) @IsUUID('all', { message: UUID_MESSAGE }) taskId!: string;
  @Field(() => ID) @IsUUID('all', { message: UUID_MESSAGE }) organizationId!: string;
  @Field(() => String)
  @IsString()
  @MinLength(2, { message: '请填写调整原因' })
  @MaxLength(500, { message: '调整原因不能超过 500 字' })
  reason!: string;
}

@InputType('RemoveAssignmentInput')
export class RemoveAssignmentInput {
  @Field(() => ID) @IsUUID('all', { message: UUID_MESSAGE }) assignmentId!: string;
  @Field(() => String)
  @IsString()
  @MinLength(2, { message: '请填写调整原因' })
  @MaxLength(500, { message: '调整原因不能超过 500 字' })
  reason!: string;
}

import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { OrganizationDto } from '@sunshine/api/core';

@ObjectType('CompletionFigures', {
  description: '完成情况统计；比率为 0–1 的小数，分母为 0 时为 0',
})
export class CompletionFiguresDto {
  @Field(() => Int, { description: '承担任务数（有效任务分解）' }) assigned!: number;
  @Field(() => Int, { description: '截至季度末到期的任务数' }) due!: number;
  @Field(() => Int, { description: '到期任务中已完成且已验收的' }) completed!: number;
  @Field(() => Int, { description: '本季度进展已验收的' }) accepted!: number;
  @Field(() => Int, { description: '本季度已报送（已提交、已审核或已验收）的' }) reported!: number;
  @Field(() => Int, { description: '本季度按时报送的' }) onTime!: number;
  @Field(() => Float, { description: '完成率 = completed / due' }) completionRate!: number;
  @Field(() => Float, { description: '报送率 = reported / assigned' }) reportingRate!: number;
  @Field(() => Float, { description: '按时报送率 = onTime / assigned' }) onTimeRate!: number;
}

@ObjectType('CompletionRow')
export class CompletionRowDto extends CompletionFiguresDto {
  @Field(() => OrganizationDto) organization!: OrganizationDto;
  @Field(() => Int, { description: '下级单位数' }) childCount!: number;
}

@ObjectType('CategoryCompletion')
export class CategoryCompletionDto extends CompletionFiguresDto {
  @Field(() => String) category!: string;
  @Field(() => Int) sortOrder!: number;
}

@ObjectType('CompletionTrendPoint')
export class CompletionTrendPointDto extends CompletionFiguresDto {
  @Field(() => Int) year!: number;
  @Field(() => Int) quarter!: number;
  @Field(() => String) label!: string;
}

@ObjectType('CompletionOverview', { description: '完成情况总览' })
export class CompletionOverviewDto {
  @Field(() => OrganizationDto) organization!: OrganizationDto;
  @Field(() => Int) year!: number;
  @Field(() => Int) quarter!: number;
  @Field(() => String, { description: '本季度报送截止日期' }) dueDate!: string;
  @Field(() => CompletionFiguresDto, { description: '本单位及全部下级合计' })
  total!: CompletionFiguresDto;
  @Field(() => CompletionFiguresDto, { nullable: true, description: '本单位本级承担的任务' })
  own!: CompletionFiguresDto | null;
  @Field(() => [CompletionRowDto], { description: '每个直属下级单位一行（含其全部下级）' })
  rows!: CompletionRowDto[];
  @Field(() => [CategoryCompletionDto]) byCategory!: CategoryCompletionDto[];
  @Field(() => [CompletionTrendPointDto], { description: '本年度各季度趋势' })
  trend!: CompletionTrendPointDto[];
}

@InputType('CompletionOverviewInput')
export class CompletionOverviewInput {
  @Field(() => Int) year!: number;
  @Field(() => Int) quarter!: number;
  @Field(() => ID, { nullable: true }) organizationId?: string;
}

import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { OrganizationDto } from '@sunshine/api/core';

/** What each figure means; shared by `CompletionFigures` and the deprecated flat row fields. */
const FIGURE = {
  assigned: '承担任务数（有效任务分解）',
  due: '截至季度末到期的任务数',
  completed: '到期任务中已完成且已验收的',
  accepted: '本季度进展已验收的',
  reported: '本季度已报送（已提交、已审核或已验收）的',
  onTime: '本季度按时报送的',
  awaitingAcceptance:
    '待验收：本季度直接下级单位已审核、等待本单位验收的（与待办“待验收”同一口径）',
  completionRate: '完成率 = completed / due',
  reportingRate: '报送率 = reported / assigned',
  onTimeRate: '按时报送率 = onTime / assigned',
} as const;

@ObjectType('CompletionFigures', {
  description: '完成情况统计；比率为 0–1 的小数，分母为 0 时为 0',
})
export class CompletionFiguresDto {
  @Field(() => Int, { description: FIGURE.assigned }) assigned!: number;
  @Field(() => Int, { description: FIGURE.due }) due!: number;
  @Field(() => Int, { description: FIGURE.completed }) completed!: number;
  @Field(() => Int, { description: FIGURE.accepted }) accepted!: number;
  @Field(() => Int, { description: FIGURE.reported }) reported!: number;
  @Field(() => Int, { description: FIGURE.onTime }) onTime!: number;
  @Field(() => Int, { description: FIGURE.awaitingAcceptance }) awaitingAcceptance!: number;
  @Field(() => Float, { description: FIGURE.completionRate }) completionRate!: number;
  @Field(() => Float, { description: FIGURE.reportingRate }) reportingRate!: number;
  @Field(() => Float, { description: FIGURE.onTimeRate }) onTimeRate!: number;
}

const FLAT = '改用 figures（与 total、own 同为 CompletionFigures）';

/**
 * The figures spread into a row, as the first clients read them. Rows now carry them whole in
 * `figures`; these stay, deprecated, so that those clients keep working.
 */
@ObjectType({ isAbstract: true })
abstract class FlatCompletionFiguresDto {
  @Field(() => CompletionFiguresDto, { description: '完成情况统计' })
  figures!: CompletionFiguresDto;
  @Field(() => Int, { description: FIGURE.assigned, deprecationReason: FLAT }) assigned!: number;
  @Field(() => Int, { description: FIGURE.due, deprecationReason: FLAT }) due!: number;
  @Field(() => Int, { description: FIGURE.completed, deprecationReason: FLAT }) completed!: number;
  @Field(() => Int, { description: FIGURE.accepted, deprecationReason: FLAT }) accepted!: number;
  @Field(() => Int, { description: FIGURE.reported, deprecationReason: FLAT }) reported!: number;
  @Field(() => Int, { description: FIGURE.onTime, deprecationReason: FLAT }) onTime!: number;
  @Field(() => Float, { description: FIGURE.completionRate, deprecationReason: FLAT })
  completionRate!: number;
  @Field(() => Float, { description: FIGURE.reportingRate, deprecationReason: FLAT })
  reportingRate!: number;
  @Field(() => Float, { description: FIGURE.onTimeRate, deprecationReason: FLAT })
  onTimeRate!: number;
}

@ObjectType('CompletionRow')
export class CompletionRowDto extends FlatCompletionFiguresDto {
  @Field(() => OrganizationDto) organization!: OrganizationDto;
  @Field(() => Int, { description: '下级单位数' }) childCount!: number;
}

@ObjectType('CategoryCompletion')
export class CategoryCompletionDto extends FlatCompletionFiguresDto {
  @Field(() => String) category!: string;
  @Field(() => Int) sortOrder!: number;
}

@ObjectType('CompletionTrendPoint')
export class CompletionTrendPointDto extends FlatCompletionFiguresDto {
  @Field(() => Int) year!: number;
  @Field(() => Int) quarter!: number;
  @Field(() => String) label!: string;
  @Field(() => Boolean, {
    description: '报送期尚未结束（季度进行中或未到报送截止日），数字仍会变化',
  })
  open!: boolean;
}

@ObjectType('LastReminder', { description: '上次催办' })
export class LastReminderDto {
  @Field(() => Date, { description: '催办时间' }) sentAt!: Date;
  @Field(() => String, { nullable: true, description: '催办人姓名' }) sentByName!: string | null;
  @Field(() => Int, { description: '收到催办的单位数' }) organizations!: number;
  @Field(() => Int, { description: '当时未报送的任务数' }) missingReports!: number;
  @Field(() => Date, { nullable: true, description: '可再次催办的时间；为空表示现在即可催办' })
  nextAllowedAt!: Date | null;
}

@ObjectType('CompletionOverview', { description: '完成情况总览' })
export class CompletionOverviewDto {
  @Field(() => OrganizationDto) organization!: OrganizationDto;
  @Field(() => Int) year!: number;
  @Field(() => Int) quarter!: number;
  @Field(() => String, { description: '本季度报送截止日期' }) dueDate!: string;
  @Field(() => String, { description: '数据截至日期（服务器当日，中国时间）' }) asOf!: string;
  @Field(() => Boolean, { description: '本季度报送期尚未结束，数字仍会变化' }) open!: boolean;
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

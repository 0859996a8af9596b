import { Field, Int, ObjectType } from '@nestjs/graphql';
import { OrganizationDto } from '@sunshine/api/core';
import { AnnualReportCellDto } from '../dtos/annual-report.dto';

@ObjectType('AnnualReportSums', {
  description: '一个单位（含其全部下级）已提交报告的表格合计，本年度与上年度',
})
export class AnnualReportSumsDto {
  @Field(() => OrganizationDto) organization!: OrganizationDto;
  @Field(() => Int, { description: '本年度参与合计的报告数（已提交、已审核、已确认）' })
  reports!: number;
  @Field(() => [AnnualReportCellDto], { description: '本年度表二、表三、表四合计（按表格顺序）' })
  cells!: AnnualReportCellDto[];
  @Field(() => Int, { description: '上年度参与合计的报告数' }) previousReports!: number;
  @Field(() => [AnnualReportCellDto], { description: '上年度合计' })
  previousCells!: AnnualReportCellDto[];
}

@ObjectType('AnnualReportAttention', {
  description: '需要关注的年度报告：勾稽关系不平，或被退回',
})
export class AnnualReportAttentionDto {
  @Field(() => OrganizationDto) organization!: OrganizationDto;
  @Field(() => String, { description: '所属市（省级本级为空）', nullable: true })
  cityName!: string | null;
  @Field(() => String, { description: 'DRAFT / SUBMITTED / APPROVED / ACCEPTED / RETURNED' })
  status!: string;
  @Field(() => [String], { description: '不平的勾稽关系（规则编号）' }) failingRules!: string[];
  @Field(() => String, { nullable: true }) returnReason!: string | null;
}

@ObjectType('AnnualReportStatistics', {
  description: '年报统计（省、市）：按直属下级单位的表格合计及同比，和需要关注的报告',
})
export class AnnualReportStatisticsDto {
  @Field(() => Int) year!: number;
  @Field(() => AnnualReportSumsDto, { description: '全辖区' }) total!: AnnualReportSumsDto;
  @Field(() => [AnnualReportSumsDto], { description: '每个直属下级单位（含其下级）' })
  rows!: AnnualReportSumsDto[];
  @Field(() => [AnnualReportAttentionDto]) attention!: AnnualReportAttentionDto[];
}

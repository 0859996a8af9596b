import { Args, ID, Int, Query, Resolver } from '@nestjs/graphql';
import { CurrentScope, type Scope } from '@sunshine/api/core';
import { AnnualReportStatisticsDto } from './annual-report-statistics.dto';
import { AnnualReportStatisticsService } from './annual-report-statistics.service';

@Resolver(() => AnnualReportStatisticsDto)
export class AnnualReportStatisticsResolver {
  constructor(private readonly service: AnnualReportStatisticsService) {}

  @Query(() => AnnualReportStatisticsDto, {
    description: '年报统计：直属下级单位的表格合计（本年度与上年度）及勾稽不平、被退回的报告',
  })
  annualReportStatistics(
    @CurrentScope() scope: Scope,
    @Args('year', { type: () => Int }) year: number,
    @Args('organizationId', { type: () => ID, nullable: true }) organizationId?: string,
  ): Promise<AnnualReportStatisticsDto> {
    return this.service.statistics(scope, year, organizationId ?? undefined);
  }
}

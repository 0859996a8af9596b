import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentScope, Roles, type Scope } from '@sunshine/api/core';
import { Role } from '@sunshine/shared/domain';
import { AnnualReportDto, AnnualReportSummaryDto } from './dtos/annual-report.dto';
import {
  AnnualReportActionInput,
  RemindAnnualReportsInput,
  ReturnAnnualReportInput,
  SaveAnnualReportInput,
} from './dtos/annual-report.inputs';
import { AnnualReportRemindersService } from './annual-report-reminders.service';
import { AnnualReportSummaryService } from './annual-report-summary.service';
import { AnnualReportsService } from './annual-reports.service';

@Resolver(() => AnnualReportDto)
export class AnnualReportsResolver {
  constructor(
    private readonly service: AnnualReportsService,
    private readonly summaryService: AnnualReportSummaryService,
    private readonly reminders: AnnualReportRemindersService,
  ) {}

  @Query(() => AnnualReportDto, {
    description: '政府信息公开工作年度报告（默认本单位）；未保存过时为预填的草稿（id 为空）',
  })
  annualReport(
    @CurrentScope() scope: Scope,
    @Args('year', { type: () => Int }) year: number,
    @Args('organizationId', { type: () => ID, nullable: true }) organizationId?: string,
  ): Promise<AnnualReportDto> {
    return this.service.get(scope, year, organizationId ?? undefined);
  }

  @Query(() => AnnualReportSummaryDto, {
    description: '年报统计：直属下级单位的完成情况及全辖区表格合计',
  })
  annualReportSummary(
    @CurrentScope() scope: Scope,
    @Args('year', { type: () => Int }) year: number,
    @Args('organizationId', { type: () => ID, nullable: true }) organizationId?: string,
  ): Promise<AnnualReportSummaryDto> {
    return this.summaryService.summary(scope, year, organizationId ?? undefined);
  }

  @Roles(Role.EDITOR)
  @Mutation(() => AnnualReportDto, {
    description: '保存年度报告（草稿或退回状态；版本不符时 CONFLICT）',
  })
  saveAnnualReport(
    @CurrentScope() scope: Scope,
    @Args('input') input: SaveAnnualReportInput,
  ): Promise<AnnualReportDto> {
    return this.service.save(scope, input);
  }

  @Roles(Role.EDITOR)
  @Mutation(() => AnnualReportDto, {
    description: '提交年度报告（勾稽关系不平时 BAD_USER_INPUT，列出规则）',
  })
  submitAnnualReport(
    @CurrentScope() scope: Scope,
    @Args('input') input: AnnualReportActionInput,
  ): Promise<AnnualReportDto> {
    return this.service.submit(scope, input.id, input.version);
  }

  @Roles(Role.REVIEWER)
  @Mutation(() => AnnualReportDto, {
    description: '本单位审核人审核通过（不能审核本人提交的报告）',
  })
  approveAnnualReport(
    @CurrentScope() scope: Scope,
    @Args('input') input: AnnualReportActionInput,
  ): Promise<AnnualReportDto> {
    return this.service.approve(scope, input.id, input.version);
  }

  @Roles(Role.REVIEWER, Role.ADMIN)
  @Mutation(() => AnnualReportDto, { description: '直接上级单位确认' })
  acceptAnnualReport(
    @CurrentScope() scope: Scope,
    @Args('input') input: AnnualReportActionInput,
  ): Promise<AnnualReportDto> {
    return this.service.accept(scope, input.id, input.version);
  }

  @Roles(Role.REVIEWER, Role.ADMIN)
  @Mutation(() => AnnualReportDto, {
    description: '退回（须填原因）：已提交的由本单位审核人退回，已审核或已确认的由直接上级单位退回',
  })
  returnAnnualReport(
    @CurrentScope() scope: Scope,
    @Args('input') input: ReturnAnnualReportInput,
  ): Promise<AnnualReportDto> {
    return this.service.returnReport(scope, input.id, input.version, input.reason);
  }

  @Roles(Role.ADMIN, Role.REVIEWER)
  @Mutation(() => Int, { description: '催办：通知下级中尚未提交年度报告的单位，返回通知数' })
  remindAnnualReports(
    @CurrentScope() scope: Scope,
    @Args('input') input: RemindAnnualReportsInput,
  ): Promise<number> {
    return this.reminders.remind(
      scope,
      input.year,
      input.organizationId ?? undefined,
      input.message ?? undefined,
    );
  }
}

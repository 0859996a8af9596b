import {
  Args,
  Field,
  ID,
  Int,
  Mutation,
  ObjectType,
  Parent,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import {
  CurrentRequest,
  CurrentScope,
  loaderFor,
  Roles,
  type RequestContext,
  type Scope,
} from '@sunshine/api/core';
import { Role } from '@sunshine/shared/domain';
import { CompletionOverviewDto } from './dtos/overview.dto';
import {
  AssignmentPageDto,
  EvidenceFileDto,
  ProgressReportDto,
  ProgressReportPageDto,
  ReportEventDto,
  WorklistDto,
} from './dtos/report.dto';
import {
  AssignmentsFilterInput,
  CopyPreviousReportInput,
  DecideProgressReportsInput,
  ProgressReportsFilterInput,
  ReportActionInput,
  ReturnReportInput,
  SaveProgressReportInput,
  SendRemindersInput,
} from './dtos/report.inputs';
import { OverviewService } from './overview.service';
import { RemindersService } from './reminders.service';
import { ReportQueriesService } from './report-queries.service';
import { ReportCopyService } from './report-copy.service';
import { ReportingService } from './reporting.service';

@ObjectType('SendRemindersPayload')
export class SendRemindersPayloadDto {
  @Field(() => Int, { description: '收到催办的单位数' }) organizations!: number;
  @Field(() => Int, { description: '未报送的任务数' }) missingReports!: number;
}

@Resolver(() => ProgressReportDto)
export class ReportingResolver {
  constructor(
    private readonly queries: ReportQueriesService,
    private readonly reporting: ReportingService,
    private readonly overview: OverviewService,
    private readonly reminders: RemindersService,
    private readonly copies: ReportCopyService,
  ) {}

  @Query(() => AssignmentPageDto, { description: '任务分解及所查询季度的进展' })
  assignments(
    @Args('filter') filter: AssignmentsFilterInput,
    @CurrentScope() scope: Scope,
  ): Promise<AssignmentPageDto> {
    return this.queries.assignments(scope, filter);
  }

  @Query(() => ProgressReportPageDto, { description: '季度进展列表' })
  progressReports(
    @CurrentScope() scope: Scope,
    @Args('filter', { type: () => ProgressReportsFilterInput, nullable: true })
    filter?: ProgressReportsFilterInput,
  ): Promise<ProgressReportPageDto> {
    return this.queries.reports(scope, filter ?? {});
  }

  @Query(() => ProgressReportDto)
  progressReport(
    @Args('id', { type: () => ID }) id: string,
    @CurrentScope() scope: Scope,
  ): Promise<ProgressReportDto> {
    return this.queries.report(scope, id);
  }

  @Query(() => WorklistDto, { description: '待办数量（菜单角标）' })
  worklist(@CurrentScope() scope: Scope): Promise<WorklistDto> {
    return this.queries.worklist(scope);
  }

  @Query(() => CompletionOverviewDto, { description: '完成情况总览；默认为本单位' })
  completionOverview(
    @Args('year', { type: () => Int }) year: number,
    @Args('quarter', { type: () => Int }) quarter: number,
    @CurrentScope() scope: Scope,
    @Args('organizationId', { type: () => ID, nullable: true }) organizationId?: string,
  ): Promise<CompletionOverviewDto> {
    return this.overview.completionOverview(scope, year, quarter, organizationId);
  }

  @ResolveField(() => [EvidenceFileDto], { description: '佐证材料文件' })
  evidenceFiles(
    @Parent() report: ProgressReportDto,
    @CurrentScope() scope: Scope,
    @CurrentRequest() ctx: RequestContext,
  ): Promise<EvidenceFileDto[]> {
    return loaderFor<string, EvidenceFileDto[]>(ctx, 'evidence-files', (ids) =>
      this.queries.evidenceFor(scope, ids),
    ).load(report.id);
  }

  @ResolveField(() => [ReportEventDto], { description: '流转记录' })
  history(
    @Parent() report: ProgressReportDto,
    @CurrentScope() scope: Scope,
    @CurrentRequest() ctx: RequestContext,
  ): Promise<ReportEventDto[]> {
    return loaderFor<string, ReportEventDto[]>(ctx, 'report-history', (ids) =>
      this.queries.historyFor(scope, ids),
    ).load(report.id);
  }

  @Roles(Role.EDITOR)
  @Mutation(() => ProgressReportDto, { description: '保存季度进展草稿（新建或修改）' })
  saveProgressReport(
    @Args('input') input: SaveProgressReportInput,
    @CurrentScope() scope: Scope,
  ): Promise<ProgressReportDto> {
    return this.reporting.save(scope, input);
  }

  @Roles(Role.EDITOR)
  @Mutation(() => ProgressReportDto, { description: '提交（填报员）' })
  submitProgressReport(
    @Args('input') input: ReportActionInput,
    @CurrentScope() scope: Scope,
  ): Promise<ProgressReportDto> {
    return this.reporting.submit(scope, input);
  }

  @Roles(Role.REVIEWER)
  @Mutation(() => ProgressReportDto, {
    description: '审核通过（本单位审核人，不能审核本人提交的）',
  })
  approveProgressReport(
    @Args('input') input: ReportActionInput,
    @CurrentScope() scope: Scope,
  ): Promise<ProgressReportDto> {
    return this.reporting.approve(scope, input);
  }

  @Roles(Role.ADMIN)
  @Mutation(() => ProgressReportDto, { description: '验收（上级单位管理员）' })
  acceptProgressReport(
    @Args('input') input: ReportActionInput,
    @CurrentScope() scope: Scope,
  ): Promise<ProgressReportDto> {
    return this.reporting.accept(scope, input);
  }

  @Roles(Role.ADMIN, Role.REVIEWER)
  @Mutation(() => ProgressReportDto, {
    description: '退回（须填写原因）：审核人退回已提交的，上级管理员退回已审核的',
  })
  returnProgressReport(
    @Args('input') input: ReturnReportInput,
    @CurrentScope() scope: Scope,
  ): Promise<ProgressReportDto> {
    return this.reporting.sendBack(scope, input);
  }

  @Roles(Role.ADMIN)
  @Mutation(() => [ProgressReportDto], {
    description:
      '批量验收或退回（上级单位管理员，仅直接下级单位已审核的）：全部成功，或有一项不能处理时全部不处理',
  })
  decideProgressReports(
    @Args('input') input: DecideProgressReportsInput,
    @CurrentScope() scope: Scope,
  ): Promise<ProgressReportDto[]> {
    return this.reporting.decide(scope, input);
  }

  @Roles(Role.EDITOR)
  @Mutation(() => ProgressReportDto, {
    description: '沿用上季度：以上一季度的进展（内容与链接）为本季度新建草稿',
  })
  copyPreviousProgressReport(
    @Args('input') input: CopyPreviousReportInput,
    @CurrentScope() scope: Scope,
  ): Promise<ProgressReportDto> {
    return this.copies.copyPrevious(scope, input);
  }

  @Roles(Role.ADMIN)
  @Mutation(() => SendRemindersPayloadDto, { description: '一键催办：通知所有尚未报送的下级单位' })
  sendReminders(
    @Args('input') input: SendRemindersInput,
    @CurrentScope() scope: Scope,
  ): Promise<SendRemindersPayloadDto> {
    return this.reminders.sendReminders(
      scope,
      input.year,
      input.quarter,
      input.organizationId,
      input.message,
    );
  }
}

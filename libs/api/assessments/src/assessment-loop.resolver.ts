import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  CurrentRequest,
  CurrentScope,
  loaderFor,
  Roles,
  type RequestContext,
  type Scope,
} from '@sunshine/api/core';
import { Role } from '@sunshine/shared/domain';
import { AssessmentIssueDto } from './dtos/assessment.dto';
import {
  AssessmentDeadlineStatusDto,
  AssessmentFileDto,
  AssessmentMenuCountsDto,
  AssessmentReminderResultDto,
  AssessmentTrendDto,
  AssessmentTrendPointDto,
  RemindOverdueAssessmentIssuesInput,
  SendBackRectificationInput,
  SetAssessmentIssueDeadlineInput,
} from './dtos/assessment-loop.dto';
import { AssessmentDeadlinesService } from './assessment-deadlines.service';
import { AssessmentAttachmentsService } from './assessment-attachments.service';
import { AssessmentLoopService } from './assessment-loop.service';
import { AssessmentRemindersService } from './assessment-reminders.service';
import { IssueDeadlineService } from './issue-deadline.service';
import { RectificationService } from './rectification.service';

/**
 * The rectification loop's additions to the assessment API: working-day deadlines, the
 * reviewer's send-back, reminders and 催办, menu counts, the trend, files on an issue.
 */
@Resolver(() => AssessmentIssueDto)
export class AssessmentLoopResolver {
  constructor(
    private readonly deadlines: AssessmentDeadlinesService,
    private readonly issueDeadline: IssueDeadlineService,
    private readonly rectification: RectificationService,
    private readonly reminders: AssessmentRemindersService,
    private readonly loop: AssessmentLoopService,
    private readonly fileService: AssessmentAttachmentsService,
  ) {}

  @ResolveField(() => AssessmentDeadlineStatusDto, {
    description: '整改期限的工作日状态：剩余 N 个工作日 / 今天截止 / 已逾期 N 个工作日',
  })
  async deadlineStatus(@Parent() issue: AssessmentIssueDto): Promise<AssessmentDeadlineStatusDto> {
    const calendar = await this.deadlines.calendar();
    return AssessmentDeadlineStatusDto.from(
      await this.deadlines.standing(issue.deadline),
      calendar.coverageWarning(issue.deadline),
    );
  }

  @ResolveField(() => [AssessmentFileDto], { description: '附件：整改附件和测评佐证' })
  async files(
    @Parent() issue: AssessmentIssueDto,
    @CurrentScope() scope: Scope,
    @CurrentRequest() ctx: RequestContext,
  ): Promise<AssessmentFileDto[]> {
    return loaderFor<string, AssessmentFileDto[]>(ctx, 'assessment-files', async (ids) => {
      const rows = await this.fileService.ofIssues(scope, ids);
      return ids.map((id) =>
        rows.filter((r) => r.issue_id === id).map((r) => AssessmentFileDto.from(r)),
      );
    }).load(issue.id);
  }

  @Roles(Role.ASSESSOR, Role.ADMIN)
  @Mutation(() => AssessmentIssueDto, {
    description: '调整一个问题的整改期限（测评机构或批次发起单位管理员；发布时不再按默认期限重算）',
  })
  async setAssessmentIssueDeadline(
    @Args('input') input: SetAssessmentIssueDeadlineInput,
    @CurrentScope() scope: Scope,
  ): Promise<AssessmentIssueDto> {
    const { issue } = await this.issueDeadline.setIssueDeadline(
      scope,
      input.id,
      input.version,
      input.deadline,
    );
    return AssessmentIssueDto.from(issue, this.deadlines.today());
  }

  @Roles(Role.REVIEWER)
  @Mutation(() => AssessmentIssueDto, {
    description: '本单位审核人将整改情况退回填报员（须填写理由，不能退回本人提交的）',
  })
  async sendBackRectification(
    @Args('input') input: SendBackRectificationInput,
    @CurrentScope() scope: Scope,
  ): Promise<AssessmentIssueDto> {
    return AssessmentIssueDto.from(
      await this.rectification.sendBack(scope, input.id, input.version, input.reason),
      this.deadlines.today(),
    );
  }

  @Roles(Role.ADMIN)
  @Mutation(() => AssessmentReminderResultDto, {
    description: '一键催办：向批次内有逾期未整改问题的单位（或指定单位及其下级）发送催办通知',
  })
  async remindOverdueAssessmentIssues(
    @Args('input') input: RemindOverdueAssessmentIssuesInput,
    @CurrentScope() scope: Scope,
  ): Promise<AssessmentReminderResultDto> {
    return Object.assign(
      new AssessmentReminderResultDto(),
      await this.reminders.remindOverdue(scope, input.roundId, input.organizationId),
    );
  }

  @Query(() => AssessmentMenuCountsDto, {
    description: '第三方测评菜单角标：待整改、被退回（本单位），待复核（测评机构、发起单位）',
  })
  async assessmentMenuCounts(@CurrentScope() scope: Scope): Promise<AssessmentMenuCountsDto> {
    return Object.assign(new AssessmentMenuCountsDto(), await this.loop.menuCounts(scope));
  }

  @Query(() => AssessmentTrendDto, {
    description: '批次内问题整改趋势（待整改、已整改待复核、已销号；按日或按周）',
  })
  async assessmentIssueTrend(
    @Args('roundId', { type: () => ID }) roundId: string,
    @CurrentScope() scope: Scope,
    @Args('organizationId', { type: () => ID, nullable: true }) organizationId?: string,
  ): Promise<AssessmentTrendDto> {
    const t = await this.loop.trend(scope, roundId, organizationId);
    return Object.assign(new AssessmentTrendDto(), {
      bucket: t.bucket,
      points: t.points.map((p) => AssessmentTrendPointDto.from(p)),
    });
  }
}

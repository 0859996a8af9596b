import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  CurrentRequest,
  CurrentScope,
  loaderFor,
  Roles,
  type RequestContext,
  type Scope,
} from '@sunshine/api/core';
import { assessmentIssueTypeLabel, Role } from '@sunshine/shared/domain';
import {
  AssessmentIndicatorDto,
  AssessmentIssueDto,
  AssessmentIssueEventDto,
  AssessmentOrgDto,
  AssessmentOverviewDto,
  AssessmentRoundDto,
  IndicatorSystemDto,
} from './dtos/assessment.dto';
import {
  AddAssessmentIssueInput,
  AssessmentIssueActionInput,
  AssessmentIssueFilterInput,
  AssessmentRoundVersionInput,
  CreateAssessmentRoundInput,
  CreateIndicatorSystemInput,
  DecideDisputeInput,
  DisputeAssessmentIssueInput,
  ReturnAssessmentIssueInput,
  SaveRectificationInput,
} from './dtos/assessment.inputs';
import type { OrgRow } from './assessments.repository';
import { AssessmentsService, type OverviewRow } from './assessments.service';
import { RectificationService } from './rectification.service';

const org = (o: OrgRow): AssessmentOrgDto =>
  Object.assign(new AssessmentOrgDto(), { id: o.id, code: o.code, name: o.name });

const overviewRow = (r: OverviewRow) => ({
  organization: org(r.organization),
  issues: r.issues,
  rectified: r.rectified,
  verified: r.verified,
  overdue: r.overdue,
  pointsDeducted: r.pointsDeducted,
  rectificationRate: r.rectificationRate,
  onTimeRate: r.onTimeRate,
});

@Resolver(() => AssessmentRoundDto)
export class AssessmentRoundsResolver {
  constructor(private readonly service: AssessmentsService) {}

  @Query(() => [AssessmentRoundDto], {
    description: '测评批次（本单位发起、本单位参加或分配给本测评账户的）',
  })
  async assessmentRounds(@CurrentScope() scope: Scope): Promise<AssessmentRoundDto[]> {
    return (await this.service.listRounds(scope)).map((r) => AssessmentRoundDto.from(r));
  }

  @Query(() => AssessmentRoundDto)
  async assessmentRound(
    @Args('id', { type: () => ID }) id: string,
    @CurrentScope() scope: Scope,
  ): Promise<AssessmentRoundDto> {
    return AssessmentRoundDto.from(await this.service.getRound(scope, id));
  }

  @ResolveField(() => [AssessmentOrgDto], { description: '参加测评的单位（调用者可见的）' })
  async bureaus(
    @Parent() round: AssessmentRoundDto,
    @CurrentScope() scope: Scope,
    @CurrentRequest() ctx: RequestContext,
  ): Promise<AssessmentOrgDto[]> {
    const ids = await loaderFor<string, string[]>(ctx, 'assessment-round-bureaus', async (keys) => {
      const scoped = await this.service.scopeOf(scope, keys);
      return keys.map((k) => scoped.find((s) => s.round.id === k)?.bureauIds ?? []);
    }).load(round.id);
    return (await this.service.orgs(scope, ids)).map(org);
  }

  @Roles(Role.ADMIN)
  @Mutation(() => AssessmentRoundDto, { description: '新建测评批次（草稿）' })
  async createAssessmentRound(
    @Args('input') input: CreateAssessmentRoundInput,
    @CurrentScope() scope: Scope,
  ): Promise<AssessmentRoundDto> {
    return AssessmentRoundDto.from(await this.service.createRound(scope, input));
  }

  @Roles(Role.ADMIN)
  @Mutation(() => AssessmentRoundDto, { description: '发布测评批次，问题清单下发各单位整改' })
  async publishAssessmentRound(
    @Args('input') input: AssessmentRoundVersionInput,
    @CurrentScope() scope: Scope,
  ): Promise<AssessmentRoundDto> {
    return AssessmentRoundDto.from(await this.service.publishRound(scope, input.id, input.version));
  }

  @Roles(Role.ADMIN)
  @Mutation(() => AssessmentRoundDto, { description: '关闭测评批次' })
  async closeAssessmentRound(
    @Args('input') input: AssessmentRoundVersionInput,
    @CurrentScope() scope: Scope,
  ): Promise<AssessmentRoundDto> {
    return AssessmentRoundDto.from(await this.service.closeRound(scope, input.id, input.version));
  }
}

@Resolver(() => AssessmentIssueDto)
export class AssessmentIssuesResolver {
  constructor(
    private readonly service: AssessmentsService,
    private readonly rectification: RectificationService,
  ) {}

  private dto(i: Parameters<typeof AssessmentIssueDto.from>[0]): AssessmentIssueDto {
    return AssessmentIssueDto.from(i, this.service.today());
  }

  @Query(() => [AssessmentIssueDto], {
    description: '测评问题（按批次、单位含下级、状态、类型、逾期筛选）',
  })
  async assessmentIssues(
    @CurrentScope() scope: Scope,
    @Args('filter', { nullable: true }) filter?: AssessmentIssueFilterInput,
  ): Promise<AssessmentIssueDto[]> {
    return (await this.service.issues(scope, filter ?? {})).map((i) => this.dto(i));
  }

  @Query(() => AssessmentIssueDto)
  async assessmentIssue(
    @Args('id', { type: () => ID }) id: string,
    @CurrentScope() scope: Scope,
  ): Promise<AssessmentIssueDto> {
    return this.dto(await this.service.issue(scope, id));
  }

  @ResolveField(() => AssessmentOrgDto)
  async organization(
    @Parent() issue: AssessmentIssueDto,
    @CurrentScope() scope: Scope,
    @CurrentRequest() ctx: RequestContext,
  ): Promise<AssessmentOrgDto> {
    const o = await loaderFor<string, OrgRow | null>(ctx, 'assessment-org', async (ids) => {
      const rows = await this.service.orgs(scope, ids);
      return ids.map((id) => rows.find((r) => r.id === id) ?? null);
    }).load(issue.organizationId);
    return o
      ? org(o)
      : Object.assign(new AssessmentOrgDto(), { id: issue.organizationId, code: '', name: '' });
  }

  @ResolveField(() => [AssessmentIssueEventDto], { description: '流转记录' })
  async history(
    @Parent() issue: AssessmentIssueDto,
    @CurrentScope() scope: Scope,
    @CurrentRequest() ctx: RequestContext,
  ): Promise<AssessmentIssueEventDto[]> {
    const events = await loaderFor<string, AssessmentIssueEventDto[]>(
      ctx,
      'assessment-issue-events',
      async (ids) => {
        const rows = await this.service.eventsOf(scope, ids);
        return ids.map((id) =>
          rows.filter((r) => r.issue_id === id).map((r) => AssessmentIssueEventDto.from(r)),
        );
      },
    ).load(issue.id);
    return events;
  }

  @Roles(Role.ASSESSOR, Role.ADMIN)
  @Mutation(() => AssessmentIssueDto, {
    description: '录入一条测评问题（测评机构或批次发起单位管理员）',
  })
  async addAssessmentIssue(
    @Args('input') input: AddAssessmentIssueInput,
    @CurrentScope() scope: Scope,
  ): Promise<AssessmentIssueDto> {
    return this.dto(await this.service.addIssue(scope, input));
  }

  @Roles(Role.EDITOR)
  @Mutation(() => AssessmentIssueDto, { description: '保存整改情况（整改措施、整改链接）' })
  async saveRectification(
    @Args('input') input: SaveRectificationInput,
    @CurrentScope() scope: Scope,
  ): Promise<AssessmentIssueDto> {
    return this.dto(await this.rectification.save(scope, input));
  }

  @Roles(Role.EDITOR)
  @Mutation(() => AssessmentIssueDto, { description: '提交整改情况给本单位审核人' })
  async submitRectification(
    @Args('input') input: SaveRectificationInput,
    @CurrentScope() scope: Scope,
  ): Promise<AssessmentIssueDto> {
    return this.dto(await this.rectification.submit(scope, input));
  }

  @Roles(Role.REVIEWER)
  @Mutation(() => AssessmentIssueDto, {
    description: '本单位审核通过，报送复核（不能审核本人提交的）',
  })
  async approveRectification(
    @Args('input') input: AssessmentIssueActionInput,
    @CurrentScope() scope: Scope,
  ): Promise<AssessmentIssueDto> {
    return this.dto(
      await this.rectification.approve(scope, input.id, input.version, input.comment ?? ''),
    );
  }

  @Roles(Role.ASSESSOR, Role.ADMIN)
  @Mutation(() => AssessmentIssueDto, { description: '复核通过，销号' })
  async verifyAssessmentIssue(
    @Args('input') input: AssessmentIssueActionInput,
    @CurrentScope() scope: Scope,
  ): Promise<AssessmentIssueDto> {
    return this.dto(
      await this.rectification.verify(scope, input.id, input.version, input.comment ?? ''),
    );
  }

  @Roles(Role.ASSESSOR, Role.ADMIN)
  @Mutation(() => AssessmentIssueDto, { description: '复核退回（须填写理由，可给新期限）' })
  async returnAssessmentIssue(
    @Args('input') input: ReturnAssessmentIssueInput,
    @CurrentScope() scope: Scope,
  ): Promise<AssessmentIssueDto> {
    return this.dto(
      await this.rectification.returnIssue(
        scope,
        input.id,
        input.version,
        input.reason,
        input.newDeadline,
      ),
    );
  }

  @Roles(Role.EDITOR)
  @Mutation(() => AssessmentIssueDto, {
    description: '无需整改（申诉），须填写理由，经本单位审核后报批次发起单位裁定',
  })
  async disputeAssessmentIssue(
    @Args('input') input: DisputeAssessmentIssueInput,
    @CurrentScope() scope: Scope,
  ): Promise<AssessmentIssueDto> {
    return this.dto(await this.rectification.dispute(scope, input.id, input.version, input.reason));
  }

  @Roles(Role.ADMIN)
  @Mutation(() => AssessmentIssueDto, {
    description: '裁定申诉：成立则问题撤销、扣分恢复；不成立则退回整改',
  })
  async decideDispute(
    @Args('input') input: DecideDisputeInput,
    @CurrentScope() scope: Scope,
  ): Promise<AssessmentIssueDto> {
    return this.dto(
      await this.rectification.decideDispute(
        scope,
        input.id,
        input.version,
        input.upheld,
        input.comment ?? '',
        input.newDeadline,
      ),
    );
  }
}

@Resolver()
export class AssessmentOverviewResolver {
  constructor(private readonly service: AssessmentsService) {}

  @Query(() => AssessmentOverviewDto, {
    description: '第三方测评整改概况：每个下级单位一行，另按问题类型统计',
  })
  async assessmentOverview(
    @Args('roundId', { type: () => ID }) roundId: string,
    @CurrentScope() scope: Scope,
    @Args('organizationId', { type: () => ID, nullable: true }) organizationId?: string,
  ): Promise<AssessmentOverviewDto> {
    const o = await this.service.overview(scope, roundId, organizationId);
    return {
      round: AssessmentRoundDto.from(o.round),
      organization: org(o.organization),
      total: overviewRow(o.total),
      rows: o.rows.map(overviewRow),
      byType: o.byType.map((t) => ({
        issueType: t.issueType,
        label: assessmentIssueTypeLabel(t.issueType),
        issues: t.issues,
        rectified: t.rectified,
        verified: t.verified,
        overdue: t.overdue,
        pointsDeducted: t.pointsDeducted,
      })),
    };
  }

  @Query(() => [IndicatorSystemDto], { description: '测评指标体系' })
  async indicatorSystems(@CurrentScope() scope: Scope): Promise<IndicatorSystemDto[]> {
    return (await this.service.indicatorSystems(scope)).map(({ system, indicators }) => ({
      id: system.id,
      organizationId: system.organization_id,
      name: system.name,
      totalPoints: indicators.filter((i) => i.level === 1).reduce((s, i) => s + i.points, 0),
      indicators: indicators.map((i) => AssessmentIndicatorDto.from(i)),
    }));
  }

  @Roles(Role.ADMIN)
  @Mutation(() => IndicatorSystemDto, { description: '新建测评指标体系（一级/二级/三级指标）' })
  async createIndicatorSystem(
    @Args('input') input: CreateIndicatorSystemInput,
    @CurrentScope() scope: Scope,
  ): Promise<IndicatorSystemDto> {
    const sys = await this.service.createIndicatorSystem(
      scope,
      input.name,
      input.indicators.map((i) => ({
        key: i.code,
        parentKey: i.parentCode ?? null,
        level: i.level,
        code: i.code,
        name: i.name,
        points: i.points,
        standard: i.standard ?? '',
        deductionRule: i.deductionRule ?? '',
        veto: i.veto ?? false,
      })),
    );
    const all = await this.service.indicatorSystems(scope);
    const found = all.find((s) => s.system.id === sys.id);
    const indicators = found?.indicators ?? [];
    return {
      id: sys.id,
      organizationId: sys.organization_id,
      name: sys.name,
      totalPoints: indicators.filter((i) => i.level === 1).reduce((s, i) => s + i.points, 0),
      indicators: indicators.map((i) => AssessmentIndicatorDto.from(i)),
    };
  }
}

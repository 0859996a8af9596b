import { Args, Int, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import {
  CurrentRequest,
  CurrentScope,
  loaderFor,
  type RequestContext,
  type Scope,
} from '@sunshine/api/core';
import { AssessmentIssueDto, AssessmentOverviewDto } from '../dtos/assessment.dto';
import {
  AssessmentIssueLinksDto,
  AssessmentLinkRecheckDto,
  RecheckAssessmentLinksInput,
} from './issue-links.dto';
import { IssueLinksService } from './issue-links.service';

@Resolver(() => AssessmentIssueDto)
export class AssessmentIssueLinksResolver {
  constructor(private readonly service: IssueLinksService) {}

  @ResolveField(() => AssessmentIssueLinksDto, {
    description: '链接状态（问题位置中的链接和整改链接的最近一次检查；一页问题一次查询）',
  })
  linkStatus(
    @Parent() issue: AssessmentIssueDto,
    @CurrentScope() scope: Scope,
    @CurrentRequest() ctx: RequestContext,
  ): Promise<AssessmentIssueLinksDto> {
    return loaderFor<string, AssessmentIssueLinksDto>(ctx, 'assessment-issue-links', (ids) =>
      this.service.statusOf(scope, ids),
    ).load(issue.id);
  }

  @Mutation(() => AssessmentLinkRecheckDto, {
    description: '重新检查测评问题的链接（排入后台队列，按并发上限检查）',
  })
  async recheckAssessmentLinks(
    @Args('input') input: RecheckAssessmentLinksInput,
    @CurrentScope() scope: Scope,
  ): Promise<AssessmentLinkRecheckDto> {
    return this.service.recheck(scope, input.roundId, input.organizationId, input.issueIds);
  }
}

@Resolver(() => AssessmentOverviewDto)
export class AssessmentOverviewLinksResolver {
  constructor(private readonly service: IssueLinksService) {}

  /** Both counts come from one computation per overview and request. */
  private broken(overview: AssessmentOverviewDto, scope: Scope, ctx: RequestContext) {
    return loaderFor<string, { links: number; issues: number }>(
      ctx,
      'assessment-links-broken',
      (keys) =>
        Promise.all(
          keys.map((k) => {
            const [round, org] = k.split(' ');
            return this.service.brokenNow(scope, round!, org!);
          }),
        ),
    ).load(`${overview.round.id} ${overview.organization.id}`);
  }

  @ResolveField(() => Int, { description: '现在失效的链接数（本批次、本单位及下级单位的问题）' })
  async linksBroken(
    @Parent() overview: AssessmentOverviewDto,
    @CurrentScope() scope: Scope,
    @CurrentRequest() ctx: RequestContext,
  ): Promise<number> {
    return (await this.broken(overview, scope, ctx)).links;
  }

  @ResolveField(() => Int, { description: '有失效链接的问题数' })
  async issuesWithBrokenLinks(
    @Parent() overview: AssessmentOverviewDto,
    @CurrentScope() scope: Scope,
    @CurrentRequest() ctx: RequestContext,
  ): Promise<number> {
    return (await this.broken(overview, scope, ctx)).issues;
  }
}

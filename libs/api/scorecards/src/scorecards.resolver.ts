import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentScope, Roles, type Scope } from '@sunshine/api/core';
import { OrgLevel, Role } from '@sunshine/shared/domain';
import {
  RubricDto,
  ScoreAdjustmentDto,
  ScoreBreakdownDto,
  ScorecardDiffDto,
  ScorecardDto,
  ScorecardPublicationDto,
} from './dtos/scorecard.dto';
import {
  AddScoreAdjustmentInput,
  PublishScorecardInput,
  SaveRubricInput,
} from './dtos/scorecard.inputs';
import { ScorecardAdminService } from './scorecard-admin.service';
import { ScorecardsService } from './scorecards.service';

@Resolver(() => ScorecardDto)
export class ScorecardsResolver {
  constructor(
    private readonly service: ScorecardsService,
    private readonly admin: ScorecardAdminService,
  ) {}

  @Query(() => ScorecardDto, {
    description:
      '考评排名：organizationId（默认本单位）的直属下级单位；没有下级的单位只看到本单位一行（名次取上级定档结果）',
  })
  scorecard(
    @CurrentScope() scope: Scope,
    @Args('year', { type: () => Int }) year: number,
    @Args('quarter', { type: () => Int, nullable: true, description: '截至第几季度；空为年度' })
    quarter?: number | null,
    @Args('organizationId', { type: () => ID, nullable: true }) organizationId?: string | null,
  ): Promise<ScorecardDto> {
    return this.service.scorecard(scope, year, quarter, organizationId);
  }

  @Query(() => ScoreBreakdownDto, { description: '单位得分明细（每一分可追溯到来源记录）' })
  scoreBreakdown(
    @CurrentScope() scope: Scope,
    @Args('year', { type: () => Int }) year: number,
    @Args('organizationId', { type: () => ID }) organizationId: string,
    @Args('quarter', { type: () => Int, nullable: true }) quarter?: number | null,
  ): Promise<ScoreBreakdownDto> {
    return this.service.breakdown(scope, year, quarter, organizationId);
  }

  @Query(() => ScorecardDiffDto, { description: '重新计算的结果与已定档结果的差异' })
  scorecardDiff(
    @CurrentScope() scope: Scope,
    @Args('year', { type: () => Int }) year: number,
    @Args('quarter', { type: () => Int, nullable: true }) quarter?: number | null,
    @Args('organizationId', { type: () => ID, nullable: true }) organizationId?: string | null,
  ): Promise<ScorecardDiffDto> {
    return this.service.diff(scope, year, quarter, organizationId);
  }

  @Query(() => RubricDto, {
    description: '本单位考评该层级单位所用的细则（本单位的、上级的或系统默认）',
  })
  rubric(
    @CurrentScope() scope: Scope,
    @Args('year', { type: () => Int }) year: number,
    @Args('level', { type: () => OrgLevel }) level: OrgLevel,
  ): Promise<RubricDto> {
    return this.service.rubric(scope, year, level);
  }

  @Roles(Role.ADMIN)
  @Mutation(() => RubricDto, { description: '保存考评细则（生成新版本）' })
  saveRubric(
    @CurrentScope() scope: Scope,
    @Args('input') input: SaveRubricInput,
  ): Promise<RubricDto> {
    return this.admin.saveRubric(scope, input);
  }

  @Roles(Role.ADMIN)
  @Mutation(() => ScoreAdjustmentDto, { description: '录入加分、扣分或一票否决（须填理由）' })
  addScoreAdjustment(
    @CurrentScope() scope: Scope,
    @Args('input') input: AddScoreAdjustmentInput,
  ): Promise<ScoreAdjustmentDto> {
    return this.admin.addAdjustment(scope, input);
  }

  @Roles(Role.ADMIN)
  @Mutation(() => ScorecardPublicationDto, { description: '考评结果定档（冻结）' })
  publishScorecard(
    @CurrentScope() scope: Scope,
    @Args('input') input: PublishScorecardInput,
  ): Promise<ScorecardPublicationDto> {
    return this.admin.publish(scope, input);
  }
}

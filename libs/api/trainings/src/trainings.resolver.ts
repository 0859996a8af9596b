import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentScope, Roles, type Scope } from '@sunshine/api/core';
import { Role } from '@sunshine/shared/domain';
import {
  TrainingAttendanceDto,
  TrainingCoverageDto,
  TrainingRequirementDto,
  TrainingSessionDto,
} from './dtos/training.dto';
import {
  RecordAttendanceInput,
  TrainingRequirementInput,
  TrainingSessionFilter,
  TrainingSessionInput,
  UpdateTrainingSessionInput,
} from './dtos/training.inputs';
import { TrainingCoverageService } from './training-coverage.service';
import { TrainingsService } from './trainings.service';

@Resolver(() => TrainingSessionDto)
export class TrainingsResolver {
  constructor(
    private readonly service: TrainingsService,
    private readonly coverageService: TrainingCoverageService,
  ) {}

  @Query(() => [TrainingSessionDto], { description: '培训班（本单位及下级举办的、上级举办的）' })
  trainingSessions(
    @CurrentScope() scope: Scope,
    @Args('filter', { type: () => TrainingSessionFilter, nullable: true })
    filter?: TrainingSessionFilter,
  ): Promise<TrainingSessionDto[]> {
    return this.service.list(scope, filter ?? {});
  }

  @Query(() => TrainingSessionDto)
  trainingSession(
    @CurrentScope() scope: Scope,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<TrainingSessionDto> {
    return this.service.get(scope, id);
  }

  @Query(() => TrainingCoverageDto, { description: '年度（或季度）培训覆盖情况（按直属下级单位）' })
  trainingCoverage(
    @CurrentScope() scope: Scope,
    @Args('year', { type: () => Int }) year: number,
    @Args('organizationId', { type: () => ID, nullable: true }) organizationId?: string,
    @Args('quarter', { type: () => Int, nullable: true, description: '季度 1–4；不填为全年' })
    quarter?: number,
  ): Promise<TrainingCoverageDto> {
    return this.coverageService.coverage(
      scope,
      year,
      organizationId ?? undefined,
      quarter ?? undefined,
    );
  }

  @Roles(Role.ADMIN, Role.ASSESSOR)
  @Mutation(() => TrainingSessionDto)
  createTrainingSession(
    @CurrentScope() scope: Scope,
    @Args('input') input: TrainingSessionInput,
  ): Promise<TrainingSessionDto> {
    return this.service.create(scope, input);
  }

  @Roles(Role.ADMIN, Role.ASSESSOR)
  @Mutation(() => TrainingSessionDto)
  updateTrainingSession(
    @CurrentScope() scope: Scope,
    @Args('input') input: UpdateTrainingSessionInput,
  ): Promise<TrainingSessionDto> {
    return this.service.update(scope, input);
  }

  @Roles(Role.ADMIN, Role.EDITOR, Role.ASSESSOR)
  @Mutation(() => TrainingAttendanceDto)
  recordAttendance(
    @CurrentScope() scope: Scope,
    @Args('input') input: RecordAttendanceInput,
  ): Promise<TrainingAttendanceDto> {
    return this.service.recordAttendance(scope, input);
  }

  @Roles(Role.ADMIN, Role.EDITOR, Role.ASSESSOR)
  @Mutation(() => Boolean)
  removeAttendance(
    @CurrentScope() scope: Scope,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<boolean> {
    return this.service.removeAttendance(scope, id);
  }

  @Roles(Role.ADMIN)
  @Mutation(() => TrainingRequirementDto, { description: '设定年度培训要求（省级）' })
  setTrainingRequirement(
    @CurrentScope() scope: Scope,
    @Args('input') input: TrainingRequirementInput,
  ): Promise<TrainingRequirementDto> {
    return this.coverageService.setRequirement(scope, input);
  }
}

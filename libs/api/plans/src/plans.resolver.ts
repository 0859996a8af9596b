import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  CurrentRequest,
  CurrentScope,
  loaderFor,
  Roles,
  type RequestContext,
  type Scope,
} from '@sunshine/api/core';
import { Role } from '@sunshine/shared/domain';
import {
  PlanCategoryDto,
  PlanDto,
  PlanStatsDto,
  PlanTaskDto,
  PublishPlanPayloadDto,
} from './dtos/plan.dto';
import {
  AddAssignmentInput,
  CategoryInput,
  CreatePlanInput,
  DeleteTaskInput,
  PlanVersionInput,
  RemoveAssignmentInput,
  TaskInput,
  UpdatePlanInput,
} from './dtos/plan.inputs';
import { PlanPublishingService } from './plan-publishing.service';
import { PlansService, type PlanWithContent } from './plans.service';

@Resolver(() => PlanDto)
export class PlansResolver {
  constructor(
    private readonly service: PlansService,
    private readonly publishing: PlanPublishingService,
  ) {}

  @Query(() => [PlanDto], { description: '年度计划（本单位下达的及上级下达的）' })
  async plans(
    @CurrentScope() scope: Scope,
    @Args('year', { type: () => Int, nullable: true }) year?: number,
  ): Promise<PlanDto[]> {
    return (await this.service.list(scope, year)).map((p) => PlanDto.from(p));
  }

  @Query(() => PlanDto)
  async plan(
    @Args('id', { type: () => ID }) id: string,
    @CurrentScope() scope: Scope,
  ): Promise<PlanDto> {
    return PlanDto.from(await this.service.get(scope, id));
  }

  @ResolveField(() => [PlanCategoryDto])
  async categories(
    @Parent() plan: PlanDto,
    @CurrentScope() scope: Scope,
    @CurrentRequest() ctx: RequestContext,
  ): Promise<PlanCategoryDto[]> {
    const content = await this.contentLoader(ctx, scope).load(plan.id);
    return content.map(({ category, tasks }) => ({
      id: category.id,
      name: category.name,
      sortOrder: category.sortOrder,
      tasks: tasks.map((t) => PlanTaskDto.from(t)),
    }));
  }

  @ResolveField(() => PlanStatsDto)
  async stats(
    @Parent() plan: PlanDto,
    @CurrentScope() scope: Scope,
    @CurrentRequest() ctx: RequestContext,
  ): Promise<PlanStatsDto> {
    const content = await this.contentLoader(ctx, scope).load(plan.id);
    const tasks = content.flatMap((c) => c.tasks);
    const assignments = await loaderFor<string, number>(ctx, 'plan-assignment-count', (ids) =>
      this.service.assignmentCounts(scope, ids),
    ).load(plan.id);
    return {
      categories: content.length,
      tasks: tasks.length,
      assignments,
      totalWeight: Math.round(tasks.reduce((s, t) => s + t.weight, 0) * 100) / 100,
    };
  }

  @Roles(Role.ADMIN)
  @Mutation(() => PlanDto, { description: '新建年度计划（草稿）' })
  async createPlan(
    @Args('input') input: CreatePlanInput,
    @CurrentScope() scope: Scope,
  ): Promise<PlanDto> {
    return PlanDto.from(await this.service.create(scope, input));
  }

  @Roles(Role.ADMIN)
  @Mutation(() => PlanDto)
  async updatePlan(
    @Args('input') input: UpdatePlanInput,
    @CurrentScope() scope: Scope,
  ): Promise<PlanDto> {
    return PlanDto.from(await this.service.update(scope, input));
  }

  @Roles(Role.ADMIN)
  @Mutation(() => PublishPlanPayloadDto, { description: '发布计划并分解任务到各适用单位' })
  async publishPlan(
    @Args('input') input: PlanVersionInput,
    @CurrentScope() scope: Scope,
  ): Promise<PublishPlanPayloadDto> {
    const r = await this.publishing.publish(scope, input.id, input.version);
    return { plan: PlanDto.from(r.plan), assignmentsCreated: r.assignmentsCreated };
  }

  @Roles(Role.ADMIN)
  @Mutation(() => PlanDto, { description: '关闭计划' })
  async closePlan(
    @Args('input') input: PlanVersionInput,
    @CurrentScope() scope: Scope,
  ): Promise<PlanDto> {
    return PlanDto.from(await this.publishing.close(scope, input.id, input.version));
  }

  @Roles(Role.ADMIN)
  @Mutation(() => PlanCategoryDto)
  async addPlanCategory(
    @Args('input') input: CategoryInput,
    @CurrentScope() scope: Scope,
  ): Promise<PlanCategoryDto> {
    const c = await this.service.addCategory(scope, input);
    return { id: c.id, name: c.name, sortOrder: c.sortOrder, tasks: [] };
  }

  @Roles(Role.ADMIN)
  @Mutation(() => Boolean)
  deletePlanCategory(
    @Args('id', { type: () => ID }) id: string,
    @CurrentScope() scope: Scope,
  ): Promise<boolean> {
    return this.service.deleteCategory(scope, id);
  }

  @Roles(Role.ADMIN)
  @Mutation(() => PlanTaskDto, {
    description: '新建或修改任务；已发布计划的修改记为任务调整并通知相关单位',
  })
  async savePlanTask(
    @Args('input') input: TaskInput,
    @CurrentScope() scope: Scope,
  ): Promise<PlanTaskDto> {
    return PlanTaskDto.from(await this.service.saveTask(scope, input));
  }

  @Roles(Role.ADMIN)
  @Mutation(() => Boolean)
  deletePlanTask(
    @Args('input') input: DeleteTaskInput,
    @CurrentScope() scope: Scope,
  ): Promise<boolean> {
    return this.service.deleteTask(scope, input.id);
  }

  @Roles(Role.ADMIN)
  @Mutation(() => ID, { description: '为单个单位追加任务分解（须填写原因）' })
  addAssignment(
    @Args('input') input: AddAssignmentInput,
    @CurrentScope() scope: Scope,
  ): Promise<string> {
    return this.publishing.addAssignment(scope, input.taskId, input.organizationId, input.reason);
  }

  @Roles(Role.ADMIN)
  @Mutation(() => Boolean, { description: '取消单个单位的任务分解（须填写原因）' })
  removeAssignment(
    @Args('input') input: RemoveAssignmentInput,
    @CurrentScope() scope: Scope,
  ): Promise<boolean> {
    return this.publishing.removeAssignment(scope, input.assignmentId, input.reason);
  }

  private contentLoader(ctx: RequestContext, scope: Scope) {
    return loaderFor<string, PlanWithContent['categories']>(ctx, 'plan-content', async (ids) => {
      const map = await this.service.contentOf(scope, ids);
      return ids.map((id) => map.get(id) ?? []);
    });
  }
}

import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  AppError,
  AuditTrail,
  NotificationSink,
  TenantDatabase,
  type Scope,
} from '@sunshine/api/core';
import {
  composeTitle,
  deadlineDueDate,
  OrgLevel,
  parseDeadline,
  type ValidDeadline,
} from '@sunshine/shared/domain';
import type { PlanCategoryEntity } from './entities/plan-category.entity';
import type { PlanEntity } from './entities/plan.entity';
import type { PlanTaskEntity } from './entities/plan-task.entity';
import type {
  CategoryInput,
  CreatePlanInput,
  TaskInput,
  UpdatePlanInput,
} from './dtos/plan.inputs';
import { PlansException } from './plans.exception';
import { PlansRepository } from './plans.repository';

const ISSUER_LEVELS: OrgLevel[] = [OrgLevel.NATIONAL, OrgLevel.PROVINCE];

export interface PlanWithContent {
  plan: PlanEntity;
  categories: Array<{ category: PlanCategoryEntity; tasks: PlanTaskEntity[] }>;
}

/** Plans, their categories and tasks: reading for everyone below the issuer, editing by its ADMINs. */
@Injectable()
export class PlansService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly audit: AuditTrail,
    private readonly notifier: NotificationSink,
    private readonly repo: PlansRepository,
  ) {}

  async list(scope: Scope, year?: number): Promise<PlanEntity[]> {
    const plans = await this.db.run(scope, (m) => this.repo.listPlans(m, year));
    const readable = await Promise.all(plans.map((p) => this.readable(scope, p)));
    return plans.filter((_, i) => readable[i]);
  }

  /** A draft is its issuer's (and the issuer's overseers'); below, only released plans are read. */
  private readable(scope: Scope, plan: PlanEntity): Promise<boolean> {
    return this.db.canReadIssued(scope, plan.organizationId, plan.status !== 'DRAFT');
  }

  async get(scope: Scope, id: string): Promise<PlanEntity> {
    return this.db.run(scope, (m) => this.load(m, scope, id));
  }

  /** Categories with their tasks for many plans at once (one query each), for DataLoader. */
  async contentOf(
    scope: Scope,
    planIds: readonly string[],
  ): Promise<Map<string, PlanWithContent['categories']>> {
    return this.db.run(scope, async (m) => {
      const cats = await this.repo.categoriesOf(m, planIds);
      const tasks = await this.repo.tasksOf(m, planIds);
      const out = new Map<string, PlanWithContent['categories']>();
      for (const id of planIds) out.set(id, []);
      const byCat = new Map<string, PlanTaskEntity[]>();
      for (const t of tasks) byCat.set(t.categoryId, [...(byCat.get(t.categoryId) ?? []), t]);
      for (const c of cats) out.get(c.planId)?.push({ category: c, tasks: byCat.get(c.id) ?? [] });
      return out;
    });
  }

  /** Active assignments per plan, for many plans in one query. */
  async assignmentCounts(scope: Scope, planIds: readonly string[]): Promise<number[]> {
    const map = await this.db.run(scope, (m) => this.repo.assignmentCounts(m, planIds));
    return planIds.map((id) => map.get(id) ?? 0);
  }

  async create(scope: Scope, input: CreatePlanInput): Promise<PlanEntity> {
    return this.db.run(scope, async (m) => {
      const level = await this.repo.organizationLevel(m, scope.organizationId);
      if (!level || !ISSUER_LEVELS.includes(level)) throw PlansException.notIssuerLevel();
      if (await this.repo.planExists(m, scope.organizationId, input.year))
        throw PlansException.yearExists(input.year);
      const plan = await this.repo.createPlan(m, {
        organizationId: scope.organizationId,
        year: input.year,
        title: input.title.trim(),
        status: 'DRAFT',
        dueDaysAfterQuarter: input.dueDaysAfterQuarter ?? 10,
        createdBy: scope.userId,
        publishedAt: null,
      });
      await this.audit.record(m, scope, {
        action: 'PLAN_CREATE',
        targetType: 'Plan',
        targetId: plan.id,
        changes: { after: { year: plan.year, title: plan.title } },
      });
      return plan;
    });
  }

  async update(scope: Scope, input: UpdatePlanInput): Promise<PlanEntity> {
    return this.db.run(scope, async (m) => {
      const plan = await this.loadForEdit(m, scope, input.id);
      if (plan.version !== input.version)
        throw PlansException.versionConflict('计划', { version: plan.version, title: plan.title });
      const before = { title: plan.title, dueDaysAfterQuarter: plan.dueDaysAfterQuarter };
      if (input.title !== undefined) plan.title = input.title.trim();
      if (input.dueDaysAfterQuarter !== undefined)
        plan.dueDaysAfterQuarter = input.dueDaysAfterQuarter;
      const saved = await this.repo.savePlan(m, plan);
      await this.audit.record(m, scope, {
        action: 'PLAN_UPDATE',
        targetType: 'Plan',
        targetId: plan.id,
        changes: {
          before,
          after: { title: saved.title, dueDaysAfterQuarter: saved.dueDaysAfterQuarter },
        },
      });
      return saved;
    });
  }

  async addCategory(scope: Scope, input: CategoryInput): Promise<PlanCategoryEntity> {
    return this.db.run(scope, async (m) => {
      const plan = await this.loadForEdit(m, scope, input.planId);
      const count = await this.repo.countCategories(m, plan.id);
      const cat = await this.repo.createCategory(m, {
        planId: plan.id,
        organizationId: plan.organizationId,
        name: input.name.trim(),
        sortOrder: count + 1,
      });
      await this.audit.record(m, scope, {
        action: 'PLAN_CATEGORY_CREATE',
        targetType: 'Plan',
        targetId: plan.id,
        changes: { name: cat.name },
      });
      return cat;
    });
  }

  async deleteCategory(scope: Scope, id: string): Promise<boolean> {
    return this.db.run(scope, async (m) => {
      const cat = await this.repo.findCategory(m, id);
      if (!cat) throw AppError.notFound();
      const plan = await this.loadForEdit(m, scope, cat.planId);
      if (plan.status !== 'DRAFT') throw PlansException.notDraft();
      if (await this.repo.categoryHasTasks(m, id)) throw PlansException.categoryNotEmpty();
      await this.repo.deleteCategory(m, id);
      await this.audit.record(m, scope, {
        action: 'PLAN_CATEGORY_DELETE',
        targetType: 'Plan',
        targetId: plan.id,
        changes: { name: cat.name },
      });
      return true;
    });
  }

  /**
   * Creates or corrects a task. On a published plan a correction is a 任务调整: recorded with its
   * note, flagged on the task, and announced to every bureau it is assigned to.
   */
  async saveTask(scope: Scope, input: TaskInput): Promise<PlanTaskEntity> {
    return this.db.run(scope, async (m) => {
      const plan = await this.loadForEdit(m, scope, input.planId);
      if (plan.status === 'CLOSED') throw PlansException.notDraft();
      const category = await this.repo.findCategory(m, input.categoryId, plan.id);
      if (!category) throw AppError.notFound('CATEGORY_NOT_FOUND', '类别不存在');
      const deadline = parseDeadline(input.deadlineText, plan.year);
      if (deadline.kind === 'INVALID') throw PlansException.badDeadline(deadline.message);
      const clash = await this.repo.findTaskByNumber(m, plan.id, input.number);
      if (clash && clash.id !== input.id) throw PlansException.duplicateNumber(input.number);
      const fields = this.taskFields(input, deadline, plan.year);
      if (!input.id) {
        if (plan.status !== 'DRAFT') throw PlansException.notDraft();
        const count = await this.repo.countTasks(m, plan.id);
        const task = await this.repo.createTask(m, {
          ...fields,
          planId: plan.id,
          organizationId: plan.organizationId,
          sortOrder: count + 1,
          adjustedAt: null,
          adjustmentNote: null,
        });
        await this.audit.record(m, scope, {
          action: 'PLAN_TASK_CREATE',
          targetType: 'PlanTask',
          targetId: task.id,
          changes: { after: fields },
        });
        return task;
      }
      const task = await this.repo.findTask(m, input.id, plan.id);
      if (!task) throw AppError.notFound();
      if (input.version !== task.version)
        throw PlansException.versionConflict('任务', { version: task.version, title: task.title });
      const before = this.taskFields({ ...task, weight: task.weight }, task.deadline, plan.year);
      Object.assign(task, fields);
      if (plan.status === 'PUBLISHED') {
        task.adjustedAt = new Date();
        task.adjustmentNote = input.adjustmentNote?.trim() || '任务内容调整';
      }
      const saved = await this.repo.saveTask(m, task);
      await this.audit.record(m, scope, {
        action: plan.status === 'PUBLISHED' ? 'PLAN_TASK_ADJUST' : 'PLAN_TASK_UPDATE',
        targetType: 'PlanTask',
        targetId: task.id,
        changes: { before, after: fields, note: task.adjustmentNote },
      });
      if (plan.status === 'PUBLISHED') {
        const orgs = await this.repo.assignedOrganizations(m, task.id);
        await this.notifier.notify(
          m,
          orgs.map((organizationId) => ({
            organizationId,
            kind: 'TASK_ADJUSTED' as const,
            title: composeTitle('任务调整：', `${task.number} ${task.title}`),
            body: task.adjustmentNote ?? '',
            link: `/reporting?task=${task.id}`,
          })),
        );
      }
      return saved;
    });
  }

  async deleteTask(scope: Scope, id: string): Promise<boolean> {
    return this.db.run(scope, async (m) => {
      const task = await this.repo.findTask(m, id);
      if (!task) throw AppError.notFound();
      const plan = await this.loadForEdit(m, scope, task.planId);
      if (plan.status !== 'DRAFT') throw PlansException.notDraft();
      await this.repo.deleteTask(m, id);
      await this.audit.record(m, scope, {
        action: 'PLAN_TASK_DELETE',
        targetType: 'PlanTask',
        targetId: id,
        changes: { before: { number: task.number, title: task.title } },
      });
      return true;
    });
  }

  /** Loads a plan visible to the caller, or NOT_FOUND. */
  async load(m: EntityManager, scope: Scope, id: string): Promise<PlanEntity> {
    const plan = await this.repo.findPlan(m, id);
    if (!plan || !(await this.readable(scope, plan))) throw AppError.notFound();
    return plan;
  }

  /** Loads a plan the caller may edit: an ADMIN of the issuing organisation. */
  async loadForEdit(m: EntityManager, scope: Scope, id: string): Promise<PlanEntity> {
    const visible = await this.load(m, scope, id);
    this.db.assertOwnOrg(scope, visible.organizationId, '只有计划下达单位的管理员可以修改计划');
    // Locking also needs the UPDATE policy: a bureau that can only read the plan gets nothing.
    const plan = await this.repo.lockPlan(m, id);
    if (!plan) throw AppError.forbidden('NOT_ISSUER', '只有计划下达单位的管理员可以修改计划');
    return plan;
  }

  private taskFields(
    input: Pick<
      TaskInput,
      | 'categoryId'
      | 'number'
      | 'title'
      | 'description'
      | 'leadDepartments'
      | 'cooperatingDepartments'
      | 'deadlineText'
      | 'levels'
      | 'weight'
      | 'evidence'
      | 'targetValue'
      | 'targetUnit'
    >,
    deadline: ValidDeadline,
    year: number,
  ) {
    return {
      categoryId: input.categoryId,
      number: input.number,
      title: input.title.trim(),
      description: input.description?.trim() ?? '',
      leadDepartments: input.leadDepartments.map((d) => d.trim()).filter(Boolean),
      cooperatingDepartments: (input.cooperatingDepartments ?? [])
        .map((d) => d.trim())
        .filter(Boolean),
      deadline,
      deadlineText: input.deadlineText.trim(),
      dueDate: deadlineDueDate(deadline, year),
      levels: [...new Set(input.levels)],
      weight: input.weight ?? 0,
      evidence: input.evidence?.trim() ?? '',
      targetValue: input.targetValue ?? null,
      targetUnit: input.targetValue == null ? null : input.targetUnit?.trim() || null,
    };
  }
}

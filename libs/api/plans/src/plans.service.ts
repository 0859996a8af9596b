import { Injectable } from '@nestjs/common';
import type { EntityManager, EntityTarget } from 'typeorm';
import {
  AppError,
  AuditTrail,
  NotificationSink,
  TenantDatabase,
  type OrganizationRecord,
  type Scope,
} from '@sunshine/api/core';
import {
  composeTitle,
  deadlineDueDate,
  OrgLevel,
  parseDeadline,
  type ValidDeadline,
} from '@sunshine/shared/domain';
import { PlanCategoryEntity } from './entities/plan-category.entity';
import { PlanEntity } from './entities/plan.entity';
import { PlanTaskEntity } from './entities/plan-task.entity';
import type {
  CategoryInput,
  CreatePlanInput,
  TaskInput,
  UpdatePlanInput,
} from './dtos/plan.inputs';
import { PlansException } from './plans.exception';

/**
 * The organizations feature's entity, reached by name (features do not import each other); to be
 * replaced by a read of the published `org_units` view.
 */
const OrganizationTable: EntityTarget<OrganizationRecord> = 'OrganizationEntity';

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
  ) {}

  list(scope: Scope, year?: number): Promise<PlanEntity[]> {
    return this.db.run(scope, (m) =>
      m
        .getRepository(PlanEntity)
        .find({ where: year ? { year } : {}, order: { year: 'DESC', createdAt: 'DESC' } }),
    );
  }

  async get(scope: Scope, id: string): Promise<PlanEntity> {
    return this.db.run(scope, (m) => this.load(m, id));
  }

  /** Categories with their tasks for many plans at once (one query each), for DataLoader. */
  async contentOf(
    scope: Scope,
    planIds: readonly string[],
  ): Promise<Map<string, PlanWithContent['categories']>> {
    return this.db.run(scope, async (m) => {
      const cats = await m
        .getRepository(PlanCategoryEntity)
        .createQueryBuilder('c')
        .where('c.plan_id = ANY(:ids)', { ids: [...planIds] })
        .orderBy('c.sort_order')
        .getMany();
      const tasks = await m
        .getRepository(PlanTaskEntity)
        .createQueryBuilder('t')
        .where('t.plan_id = ANY(:ids)', { ids: [...planIds] })
        .orderBy('t.sort_order')
        .addOrderBy('t.number')
        .getMany();
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
    const rows = (await this.db.run(scope, (m) =>
      m.query(
        'SELECT plan_id, count(*)::int AS n FROM assignments WHERE plan_id = ANY($1) AND active GROUP BY plan_id',
        [[...planIds]],
      ),
    )) as Array<{ plan_id: string; n: number }>;
    const map = new Map(rows.map((r) => [r.plan_id, r.n]));
    return planIds.map((id) => map.get(id) ?? 0);
  }

  async create(scope: Scope, input: CreatePlanInput): Promise<PlanEntity> {
    return this.db.run(scope, async (m) => {
      const org = await m
        .getRepository(OrganizationTable)
        .findOne({ where: { id: scope.organizationId } });
      if (!org || !ISSUER_LEVELS.includes(org.level)) throw PlansException.notIssuerLevel();
      const repo = m.getRepository(PlanEntity);
      if (await repo.exists({ where: { organizationId: org.id, year: input.year } }))
        throw PlansException.yearExists(input.year);
      const plan = await repo.save(
        repo.create({
          organizationId: org.id,
          year: input.year,
          title: input.title.trim(),
          status: 'DRAFT',
          dueDaysAfterQuarter: input.dueDaysAfterQuarter ?? 10,
          createdBy: scope.userId,
          publishedAt: null,
        }),
      );
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
      const saved = await m.getRepository(PlanEntity).save(plan);
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
      const repo = m.getRepository(PlanCategoryEntity);
      const count = await repo.count({ where: { planId: plan.id } });
      const cat = await repo.save(
        repo.create({
          planId: plan.id,
          organizationId: plan.organizationId,
          name: input.name.trim(),
          sortOrder: count + 1,
        }),
      );
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
      const cat = await m.getRepository(PlanCategoryEntity).findOne({ where: { id } });
      if (!cat) throw AppError.notFound();
      const plan = await this.loadForEdit(m, scope, cat.planId);
      if (plan.status !== 'DRAFT') throw PlansException.notDraft();
      if (await m.getRepository(PlanTaskEntity).exists({ where: { categoryId: id } }))
        throw PlansException.categoryNotEmpty();
      await m.getRepository(PlanCategoryEntity).delete({ id });
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
      const category = await m
        .getRepository(PlanCategoryEntity)
        .findOne({ where: { id: input.categoryId, planId: plan.id } });
      if (!category) throw AppError.notFound('CATEGORY_NOT_FOUND', '类别不存在');
      const deadline = parseDeadline(input.deadlineText, plan.year);
      if (deadline.kind === 'INVALID') throw PlansException.badDeadline(deadline.message);
      const repo = m.getRepository(PlanTaskEntity);
      const clash = await repo.findOne({ where: { planId: plan.id, number: input.number } });
      if (clash && clash.id !== input.id) throw PlansException.duplicateNumber(input.number);
      const fields = this.taskFields(input, deadline, plan.year);
      if (!input.id) {
        if (plan.status !== 'DRAFT') throw PlansException.notDraft();
        const count = await repo.count({ where: { planId: plan.id } });
        const task = await repo.save(
          repo.create({
            ...fields,
            planId: plan.id,
            organizationId: plan.organizationId,
            sortOrder: count + 1,
            adjustedAt: null,
            adjustmentNote: null,
          }),
        );
        await this.audit.record(m, scope, {
          action: 'PLAN_TASK_CREATE',
          targetType: 'PlanTask',
          targetId: task.id,
          changes: { after: fields },
        });
        return task;
      }
      const task = await repo.findOne({ where: { id: input.id, planId: plan.id } });
      if (!task) throw AppError.notFound();
      if (input.version !== task.version)
        throw PlansException.versionConflict('任务', { version: task.version, title: task.title });
      const before = this.taskFields({ ...task, weight: task.weight }, task.deadline, plan.year);
      Object.assign(task, fields);
      if (plan.status === 'PUBLISHED') {
        task.adjustedAt = new Date();
        task.adjustmentNote = input.adjustmentNote?.trim() || '任务内容调整';
      }
      const saved = await repo.save(task);
      await this.audit.record(m, scope, {
        action: plan.status === 'PUBLISHED' ? 'PLAN_TASK_ADJUST' : 'PLAN_TASK_UPDATE',
        targetType: 'PlanTask',
        targetId: task.id,
        changes: { before, after: fields, note: task.adjustmentNote },
      });
      if (plan.status === 'PUBLISHED') {
        const orgs = (await m.query(
          'SELECT organization_id FROM assignments WHERE task_id = $1 AND active',
          [task.id],
        )) as Array<{ organization_id: string }>;
        await this.notifier.notify(
          m,
          orgs.map((o) => ({
            organizationId: o.organization_id,
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
      const task = await m.getRepository(PlanTaskEntity).findOne({ where: { id } });
      if (!task) throw AppError.notFound();
      const plan = await this.loadForEdit(m, scope, task.planId);
      if (plan.status !== 'DRAFT') throw PlansException.notDraft();
      await m.getRepository(PlanTaskEntity).delete({ id });
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
  async load(m: EntityManager, id: string): Promise<PlanEntity> {
    const plan = await m.getRepository(PlanEntity).findOne({ where: { id } });
    if (!plan) throw AppError.notFound();
    return plan;
  }

  /** Loads a plan the caller may edit: an ADMIN of the issuing organisation. */
  async loadForEdit(m: EntityManager, scope: Scope, id: string): Promise<PlanEntity> {
    const visible = await this.load(m, id);
    this.db.assertOwnOrg(scope, visible.organizationId, '只有计划下达单位的管理员可以修改计划');
    // FOR UPDATE also needs the UPDATE policy: a bureau that can only read the plan gets nothing,
    // and concurrent edits of one plan are serialised.
    const plan = await m
      .getRepository(PlanEntity)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
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

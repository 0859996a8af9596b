import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { col, rowShape, select, selectOne } from '@sunshine/api/core';
import { ORG_LEVEL_ORDER, type OrgLevel } from '@sunshine/shared/domain';
import { PlanCategoryEntity } from './entities/plan-category.entity';
import { PlanEntity } from './entities/plan.entity';
import { PlanTaskEntity } from './entities/plan-task.entity';

/** New rows: what the caller supplies (ids, timestamps and versions come from the database). */
export type NewPlan = Omit<PlanEntity, 'id' | 'createdAt' | 'updatedAt' | 'version'>;
export type NewCategory = Omit<PlanCategoryEntity, 'id'>;
export type NewTask = Omit<PlanTaskEntity, 'id' | 'createdAt' | 'updatedAt' | 'version'>;

const OrgLevelRow = rowShape({ level: col.oneOf(ORG_LEVEL_ORDER) });
const CountRow = rowShape({ plan_id: col.uuid, n: col.int });
const OrgIdRow = rowShape({ organization_id: col.uuid });

/**
 * Plans, their categories and tasks (the plans feature's own tables, mapped by their TypeORM
 * entities), plus the organisation facts plans need, read from the published `org_units` view.
 * Every method runs in the caller's transaction.
 */
@Injectable()
export class PlansRepository {
  listPlans(m: EntityManager, year?: number): Promise<PlanEntity[]> {
    return m
      .getRepository(PlanEntity)
      .find({ where: year ? { year } : {}, order: { year: 'DESC', createdAt: 'DESC' } });
  }

  findPlan(m: EntityManager, id: string): Promise<PlanEntity | null> {
    return m.getRepository(PlanEntity).findOne({ where: { id } });
  }

  /**
   * The plan locked FOR UPDATE. That also needs the UPDATE policy: a bureau that can only read
   * the plan gets null, and concurrent edits of one plan are serialised.
   */
  lockPlan(m: EntityManager, id: string): Promise<PlanEntity | null> {
    return m
      .getRepository(PlanEntity)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  planExists(m: EntityManager, organizationId: string, year: number): Promise<boolean> {
    return m.getRepository(PlanEntity).exists({ where: { organizationId, year } });
  }

  createPlan(m: EntityManager, plan: NewPlan): Promise<PlanEntity> {
    const repo = m.getRepository(PlanEntity);
    return repo.save(repo.create(plan));
  }

  /** Saves a changed plan (its version is raised). */
  savePlan(m: EntityManager, plan: PlanEntity): Promise<PlanEntity> {
    return m.getRepository(PlanEntity).save(plan);
  }

  /** Categories of many plans, in their order. */
  categoriesOf(m: EntityManager, planIds: readonly string[]): Promise<PlanCategoryEntity[]> {
    return m
      .getRepository(PlanCategoryEntity)
      .createQueryBuilder('c')
      .where('c.plan_id = ANY(:ids)', { ids: [...planIds] })
      .orderBy('c.sort_order')
      .getMany();
  }

  /** Tasks of many plans, in their order. */
  tasksOf(m: EntityManager, planIds: readonly string[]): Promise<PlanTaskEntity[]> {
    return m
      .getRepository(PlanTaskEntity)
      .createQueryBuilder('t')
      .where('t.plan_id = ANY(:ids)', { ids: [...planIds] })
      .orderBy('t.sort_order')
      .addOrderBy('t.number')
      .getMany();
  }

  findCategory(m: EntityManager, id: string, planId?: string): Promise<PlanCategoryEntity | null> {
    return m.getRepository(PlanCategoryEntity).findOne({ where: planId ? { id, planId } : { id } });
  }

  countCategories(m: EntityManager, planId: string): Promise<number> {
    return m.getRepository(PlanCategoryEntity).count({ where: { planId } });
  }

  createCategory(m: EntityManager, category: NewCategory): Promise<PlanCategoryEntity> {
    const repo = m.getRepository(PlanCategoryEntity);
    return repo.save(repo.create(category));
  }

  async deleteCategory(m: EntityManager, id: string): Promise<void> {
    await m.getRepository(PlanCategoryEntity).delete({ id });
  }

  categoryHasTasks(m: EntityManager, categoryId: string): Promise<boolean> {
    return m.getRepository(PlanTaskEntity).exists({ where: { categoryId } });
  }

  findTask(m: EntityManager, id: string, planId?: string): Promise<PlanTaskEntity | null> {
    return m.getRepository(PlanTaskEntity).findOne({ where: planId ? { id, planId } : { id } });
  }

  findTaskByNumber(
    m: EntityManager,
    planId: string,
    number: string,
  ): Promise<PlanTaskEntity | null> {
    return m.getRepository(PlanTaskEntity).findOne({ where: { planId, number } });
  }

  countTasks(m: EntityManager, planId: string): Promise<number> {
    return m.getRepository(PlanTaskEntity).count({ where: { planId } });
  }

  createTask(m: EntityManager, task: NewTask): Promise<PlanTaskEntity> {
    const repo = m.getRepository(PlanTaskEntity);
    return repo.save(repo.create(task));
  }

  /** Saves a changed task (its version is raised). */
  saveTask(m: EntityManager, task: PlanTaskEntity): Promise<PlanTaskEntity> {
    return m.getRepository(PlanTaskEntity).save(task);
  }

  async deleteTask(m: EntityManager, id: string): Promise<void> {
    await m.getRepository(PlanTaskEntity).delete({ id });
  }

  /** Active assignments per plan, for many plans in one statement. */
  async assignmentCounts(
    m: EntityManager,
    planIds: readonly string[],
  ): Promise<Map<string, number>> {
    const rows = await select(
      m,
      CountRow,
      'SELECT plan_id, count(*)::int AS n FROM assignments WHERE plan_id = ANY($1) AND active GROUP BY plan_id',
      [[...planIds]],
    );
    return new Map(rows.map((r) => [r.plan_id, r.n]));
  }

  /** Organisations a task is actively assigned to. */
  async assignedOrganizations(m: EntityManager, taskId: string): Promise<string[]> {
    const rows = await select(
      m,
      OrgIdRow,
      'SELECT organization_id FROM assignments WHERE task_id = $1 AND active',
      [taskId],
    );
    return rows.map((r) => r.organization_id);
  }

  /** The level of a visible organisation, or null (from the organisations' published view). */
  async organizationLevel(m: EntityManager, organizationId: string): Promise<OrgLevel | null> {
    const row = await selectOne(m, OrgLevelRow, 'SELECT level FROM org_units WHERE id = $1', [
      organizationId,
    ]);
    return row?.level ?? null;
  }
}

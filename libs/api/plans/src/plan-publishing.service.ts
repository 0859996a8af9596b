import { Injectable } from '@nestjs/common';
import type { EntityTarget } from 'typeorm';
import {
  AppError,
  AuditTrail,
  NotificationSink,
  TenantDatabase,
  type OrganizationRecord,
  type Scope,
} from '@sunshine/api/core';
import { composeTitle } from '@sunshine/shared/domain';
import { PlanEntity } from './entities/plan.entity';
import { PlanTaskEntity } from './entities/plan-task.entity';
import { PlansException } from './plans.exception';
import { PlansService } from './plans.service';

/**
 * The organizations feature's entity, reached by name (features do not import each other); to be
 * replaced by a read of the published `org_units` view.
 */
const OrganizationTable: EntityTarget<OrganizationRecord> = 'OrganizationEntity';

/** Publishing (任务分解), closing, and single-assignment changes after publication. */
@Injectable()
export class PlanPublishingService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly plans: PlansService,
    private readonly audit: AuditTrail,
    private readonly notifier: NotificationSink,
  ) {}

  /** Assigns every task to every organisation of its levels below the issuer, in one statement. */
  async publish(
    scope: Scope,
    id: string,
    version: number,
  ): Promise<{ plan: PlanEntity; assignmentsCreated: number }> {
    return this.db.run(scope, async (m) => {
      const plan = await this.plans.loadForEdit(m, scope, id);
      if (plan.version !== version)
        throw PlansException.versionConflict('计划', {
          version: plan.version,
          status: plan.status,
        });
      if (plan.status !== 'DRAFT') throw PlansException.notDraft();
      const taskCount = await m.getRepository(PlanTaskEntity).count({ where: { planId: plan.id } });
      if (taskCount === 0) throw PlansException.empty();
      const created = (await m.query(
        `INSERT INTO assignments(plan_id, task_id, organization_id, year)
         SELECT t.plan_id, t.id, o.id, $2
         FROM plan_tasks t
         JOIN org_closure c ON c.ancestor_id = $3 AND c.depth > 0
         JOIN organizations o ON o.id = c.descendant_id AND o.level = ANY (t.levels)
         WHERE t.plan_id = $1
         ON CONFLICT (task_id, organization_id) DO NOTHING
         RETURNING organization_id`,
        [plan.id, plan.year, plan.organizationId],
      )) as Array<{ organization_id: string }>;
      plan.status = 'PUBLISHED';
      plan.publishedAt = new Date();
      const saved = await m.getRepository(PlanEntity).save(plan);
      const perOrg = new Map<string, number>();
      for (const r of created)
        perOrg.set(r.organization_id, (perOrg.get(r.organization_id) ?? 0) + 1);
      await this.notifier.notify(
        m,
        [...perOrg].map(([organizationId, n]) => ({
          organizationId,
          kind: 'ASSIGNMENT' as const,
          title: composeTitle('', plan.title, '已下达'),
          body: `本单位承担 ${n} 项任务，请按季度报送工作进展。`,
          link: '/reporting',
          dedupeKey: `assign:${plan.id}`,
        })),
      );
      await this.audit.record(m, scope, {
        action: 'PLAN_PUBLISH',
        targetType: 'Plan',
        targetId: plan.id,
        changes: { assignments: created.length, organizations: perOrg.size },
      });
      return { plan: saved, assignmentsCreated: created.length };
    });
  }

  async close(scope: Scope, id: string, version: number): Promise<PlanEntity> {
    return this.db.run(scope, async (m) => {
      const plan = await this.plans.loadForEdit(m, scope, id);
      if (plan.version !== version)
        throw PlansException.versionConflict('计划', {
          version: plan.version,
          status: plan.status,
        });
      if (plan.status !== 'PUBLISHED') throw PlansException.notPublished();
      plan.status = 'CLOSED';
      const saved = await m.getRepository(PlanEntity).save(plan);
      await this.audit.record(m, scope, {
        action: 'PLAN_CLOSE',
        targetType: 'Plan',
        targetId: plan.id,
      });
      return saved;
    });
  }

  async addAssignment(
    scope: Scope,
    taskId: string,
    organizationId: string,
    reason: string,
  ): Promise<string> {
    await this.db.assertVisible(scope, organizationId);
    return this.db.run(scope, async (m) => {
      const task = await m.getRepository(PlanTaskEntity).findOne({ where: { id: taskId } });
      if (!task) throw AppError.notFound();
      const plan = await this.plans.loadForEdit(m, scope, task.planId);
      if (plan.status !== 'PUBLISHED') throw PlansException.notPublished();
      const org = await m
        .getRepository(OrganizationTable)
        .findOne({ where: { id: organizationId } });
      if (!org || org.id === plan.organizationId) throw PlansException.assignmentLevel();
      const [row] = (await m.query(
        `INSERT INTO assignments(plan_id, task_id, organization_id, year, change_reason)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (task_id, organization_id) DO UPDATE SET active = true, change_reason = EXCLUDED.change_reason, updated_at = now()
         RETURNING id`,
        [plan.id, task.id, org.id, plan.year, reason],
      )) as Array<{ id: string }>;
      await this.notifier.notify(m, [
        {
          organizationId: org.id,
          kind: 'ASSIGNMENT',
          title: composeTitle('新增任务：', `${task.number} ${task.title}`),
          body: reason,
          link: '/reporting',
        },
      ]);
      await this.audit.record(m, scope, {
        action: 'ASSIGNMENT_ADD',
        targetType: 'Assignment',
        targetId: row.id,
        organizationId: org.id,
        changes: { task: task.number, reason },
      });
      return row.id;
    });
  }

  async removeAssignment(scope: Scope, assignmentId: string, reason: string): Promise<boolean> {
    return this.db.run(scope, async (m) => {
      const [a] = (await m.query(
        'SELECT id, plan_id, task_id, organization_id FROM assignments WHERE id = $1',
        [assignmentId],
      )) as Array<{
        id: string;
        plan_id: string;
        task_id: string;
        organization_id: string;
      }>;
      if (!a) throw AppError.notFound();
      await this.plans.loadForEdit(m, scope, a.plan_id);
      const res = (await m.query(
        `UPDATE assignments SET active = false, change_reason = $2, updated_at = now() WHERE id = $1 AND active`,
        [a.id, reason],
      )) as [unknown[], number];
      if (res[1] === 0) throw AppError.notFound('ASSIGNMENT_INACTIVE', '该任务分解已取消');
      await this.audit.record(m, scope, {
        action: 'ASSIGNMENT_REMOVE',
        targetType: 'Assignment',
        targetId: a.id,
        organizationId: a.organization_id,
        changes: { reason },
      });
      return true;
    });
  }
}

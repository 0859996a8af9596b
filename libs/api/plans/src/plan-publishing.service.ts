import { Injectable } from '@nestjs/common';
import {
  AppError,
  AuditTrail,
  NotificationSink,
  TenantDatabase,
  type Scope,
} from '@sunshine/api/core';
import { composeTitle } from '@sunshine/shared/domain';
import { AssignmentsRepository } from './assignments.repository';
import type { PlanEntity } from './entities/plan.entity';
import { PlansException } from './plans.exception';
import { PlansRepository } from './plans.repository';
import { PlansService } from './plans.service';

/** Publishing (任务分解), closing, and single-assignment changes after publication. */
@Injectable()
export class PlanPublishingService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly plans: PlansService,
    private readonly audit: AuditTrail,
    private readonly notifier: NotificationSink,
    private readonly repo: PlansRepository,
    private readonly assignments: AssignmentsRepository,
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
      if ((await this.repo.countTasks(m, plan.id)) === 0) throw PlansException.empty();
      const created = await this.assignments.assignAll(m, plan);
      plan.status = 'PUBLISHED';
      plan.publishedAt = new Date();
      const saved = await this.repo.savePlan(m, plan);
      const perOrg = new Map<string, number>();
      for (const orgId of created) perOrg.set(orgId, (perOrg.get(orgId) ?? 0) + 1);
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
      const saved = await this.repo.savePlan(m, plan);
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
      const task = await this.repo.findTask(m, taskId);
      if (!task) throw AppError.notFound();
      const plan = await this.plans.loadForEdit(m, scope, task.planId);
      if (plan.status !== 'PUBLISHED') throw PlansException.notPublished();
      const level = await this.repo.organizationLevel(m, organizationId);
      if (!level || organizationId === plan.organizationId) throw PlansException.assignmentLevel();
      const id = await this.assignments.upsert(m, {
        planId: plan.id,
        taskId: task.id,
        organizationId,
        year: plan.year,
        reason,
      });
      await this.notifier.notify(m, [
        {
          organizationId,
          kind: 'ASSIGNMENT',
          title: composeTitle('新增任务：', `${task.number} ${task.title}`),
          body: reason,
          link: '/reporting',
        },
      ]);
      await this.audit.record(m, scope, {
        action: 'ASSIGNMENT_ADD',
        targetType: 'Assignment',
        targetId: id,
        organizationId,
        changes: { task: task.number, reason },
      });
      return id;
    });
  }

  async removeAssignment(scope: Scope, assignmentId: string, reason: string): Promise<boolean> {
    return this.db.run(scope, async (m) => {
      const a = await this.assignments.find(m, assignmentId);
      if (!a) throw AppError.notFound();
      await this.plans.loadForEdit(m, scope, a.plan_id);
      if (!(await this.assignments.deactivate(m, a.id, reason)))
        throw AppError.notFound('ASSIGNMENT_INACTIVE', '该任务分解已取消');
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

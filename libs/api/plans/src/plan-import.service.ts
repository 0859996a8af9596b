import { Injectable } from '@nestjs/common';
import { AppError, AuditTrail, TenantDatabase, type Scope } from '@sunshine/api/core';
import { parseChecklistWorkbook, type ImportProblem } from '@sunshine/api/plan-excel';
import { deadlineDueDate } from '@sunshine/shared/domain';
import { ChecklistRepository, type ChecklistTaskRow } from './checklist.repository';
import { PlansException } from './plans.exception';
import { PlansService } from './plans.service';

export type ImportOutcome =
  { ok: true; categories: number; tasks: number } | { ok: false; errors: ImportProblem[] };

/** Replaces a draft plan's checklist with an Excel file's, all or nothing. */
@Injectable()
export class PlanImportService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly plans: PlansService,
    private readonly audit: AuditTrail,
    private readonly checklist: ChecklistRepository,
  ) {}

  async importChecklist(
    scope: Scope,
    planId: string,
    file: Buffer,
    fileName: string,
    onProgress?: (phase: 'PARSE' | 'SAVE', done: number, total: number) => void,
  ): Promise<ImportOutcome> {
    const plan = await this.plans.get(scope, planId);
    this.db.assertOwnOrg(scope, plan.organizationId, '只有计划下达单位的管理员可以导入任务清单');
    if (plan.status !== 'DRAFT') throw PlansException.notDraft();
    const parsed = await parseChecklistWorkbook(file, {
      planYear: plan.year,
      onProgress: (done, total) => onProgress?.('PARSE', done, total),
    });
    if (!parsed.ok) return { ok: false, errors: parsed.errors };
    return this.db.run(scope, async (m) => {
      const locked = await this.plans.loadForEdit(m, scope, planId);
      if (locked.status !== 'DRAFT') throw PlansException.notDraft();
      await this.checklist.clear(m, planId);
      const categoryIds = new Map<string, string>();
      for (const c of parsed.categories) {
        const id = await this.checklist.insertCategory(m, {
          planId,
          organizationId: locked.organizationId,
          name: c.name,
          sortOrder: c.order,
        });
        categoryIds.set(c.name, id);
      }
      const total = parsed.tasks.length;
      const BATCH = 500;
      for (let i = 0; i < total; i += BATCH) {
        const batch = parsed.tasks.slice(i, i + BATCH).map((t, j): ChecklistTaskRow => {
          const category = categoryIds.get(t.categoryName);
          if (!category) throw AppError.badInput('IMPORT_CATEGORY', `第 ${t.row} 行的类别无法识别`);
          return {
            categoryId: category,
            number: t.number,
            title: t.title,
            description: t.description,
            leadDepartments: t.leadDepartments,
            cooperatingDepartments: t.cooperatingDepartments,
            deadline: t.deadline,
            deadlineText: t.deadlineText,
            dueDate: deadlineDueDate(t.deadline, locked.year),
            levels: t.levels,
            weight: t.weight,
            evidence: t.evidence,
            sortOrder: i + j + 1,
            targetValue: t.target?.value ?? null,
            targetUnit: t.target?.unit ?? null,
          };
        });
        await this.checklist.insertTasks(
          m,
          { id: planId, organizationId: locked.organizationId },
          batch,
        );
        onProgress?.('SAVE', Math.min(i + BATCH, total), total);
      }
      await this.audit.record(m, scope, {
        action: 'PLAN_IMPORT',
        targetType: 'Plan',
        targetId: planId,
        changes: {
          fileName: fileName.slice(0, 200),
          categories: parsed.categories.length,
          tasks: total,
        },
      });
      return { ok: true as const, categories: parsed.categories.length, tasks: total };
    });
  }
}

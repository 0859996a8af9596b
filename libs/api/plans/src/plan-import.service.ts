import { Injectable } from '@nestjs/common';
import { AppError, AuditTrail, TenantDatabase, type Scope } from '@sunshine/api/core';
import { parseChecklistWorkbook, type ImportProblem } from '@sunshine/api/plan-excel';
import { deadlineDueDate } from '@sunshine/shared/domain';
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
      await m.query('DELETE FROM plan_tasks WHERE plan_id = $1', [planId]);
      await m.query('DELETE FROM plan_categories WHERE plan_id = $1', [planId]);
      const categoryIds = new Map<string, string>();
      for (const c of parsed.categories) {
        const [row] = (await m.query(
          'INSERT INTO plan_categories(plan_id, organization_id, name, sort_order) VALUES ($1, $2, $3, $4) RETURNING id',
          [planId, locked.organizationId, c.name, c.order],
        )) as Array<{ id: string }>;
        categoryIds.set(c.name, row.id);
      }
      const total = parsed.tasks.length;
      const BATCH = 500;
      for (let i = 0; i < total; i += BATCH) {
        const batch = parsed.tasks.slice(i, i + BATCH);
        const cols = 15;
        const values: unknown[] = [];
        const tuples = batch.map((t, j) => {
          const category = categoryIds.get(t.categoryName);
          if (!category) throw AppError.badInput('IMPORT_CATEGORY', `第 ${t.row} 行的类别无法识别`);
          values.push(
            planId,
            category,
            locked.organizationId,
            t.number,
            t.title,
            t.description,
            t.leadDepartments,
            t.cooperatingDepartments,
            JSON.stringify(t.deadline),
            t.deadlineText,
            deadlineDueDate(t.deadline, locked.year),
            t.levels,
            t.weight,
            t.evidence,
            i + j + 1,
          );
          const o = j * cols;
          const p = Array.from({ length: cols }, (_, k) => `$${o + k + 1}`);
          p[6] += '::text[]';
          p[7] += '::text[]';
          p[8] += '::jsonb';
          p[10] += '::date';
          p[11] += '::text[]';
          return `(${p.join(', ')}, $${batch.length * cols + 2 * j + 1}::numeric, $${batch.length * cols + 2 * j + 2})`;
        });
        for (const t of batch) values.push(t.target?.value ?? null, t.target?.unit ?? null);
        await m.query(
          `INSERT INTO plan_tasks(plan_id, category_id, organization_id, number, title, description, lead_departments,
             cooperating_departments, deadline, deadline_text, due_date, levels, weight, evidence, sort_order,
             target_value, target_unit)
           VALUES ${tuples.join(', ')}`,
          values,
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

import { Injectable } from '@nestjs/common';
import { AppError, AuditTrail, TenantDatabase, type Scope } from '@sunshine/api/core';
import {
  parseChecklistWorkbook,
  type ChecklistLayout,
  type ChecklistParseResult,
  type ColumnMapping,
  type ImportProblem,
  type ImportWarning,
} from '@sunshine/api/plan-excel';
import { deadlineDueDate } from '@sunshine/shared/domain';
import { ChecklistRepository, type ChecklistTaskRow } from './checklist.repository';
import { PlansException } from './plans.exception';
import { PlansService } from './plans.service';

export type ImportOutcome =
  | { ok: true; categories: number; tasks: number; warnings: ImportWarning[] }
  | { ok: false; errors: ImportProblem[]; warnings: ImportWarning[] };

/** At most this many tasks are listed in a preview (the counts are always complete). */
export const PREVIEW_TASK_LIMIT = 2000;

export interface PreviewTask {
  row: number;
  number: string;
  category: string;
  title: string;
  description: string;
  lead: string[];
  cooperating: string[];
  deadline: string;
  levels: string[];
  weight: number;
}

/** What the import would write, and every guess, before anything is written. */
export interface ImportPreview {
  ok: boolean;
  layout: ChecklistLayout | null;
  categories: Array<{ name: string; tasks: number }>;
  taskCount: number;
  tasks: PreviewTask[];
  warnings: ImportWarning[];
  errors: ImportProblem[];
}

type Progress = (phase: 'PARSE' | 'SAVE', done: number, total: number) => void;

/** Replaces a draft plan's checklist with an Excel file's, all or nothing. */
@Injectable()
export class PlanImportService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly plans: PlansService,
    private readonly audit: AuditTrail,
    private readonly checklist: ChecklistRepository,
  ) {}

  /** Reads the file as the import would, with the user's column mapping if given; writes nothing. */
  async previewChecklist(
    scope: Scope,
    planId: string,
    file: Buffer,
    mapping: ColumnMapping | undefined,
    onProgress?: Progress,
  ): Promise<ImportPreview> {
    const parsed = await this.parse(scope, planId, file, mapping, onProgress);
    if (!parsed.ok) {
      return {
        ok: false,
        layout: parsed.layout,
        categories: [],
        taskCount: 0,
        tasks: [],
        warnings: parsed.warnings,
        errors: parsed.errors,
      };
    }
    const counts = new Map<string, number>();
    for (const t of parsed.tasks) counts.set(t.categoryName, (counts.get(t.categoryName) ?? 0) + 1);
    return {
      ok: true,
      layout: parsed.layout,
      categories: parsed.categories.map((c) => ({ name: c.name, tasks: counts.get(c.name) ?? 0 })),
      taskCount: parsed.tasks.length,
      tasks: parsed.tasks.slice(0, PREVIEW_TASK_LIMIT).map((t) => ({
        row: t.row,
        number: t.number,
        category: t.categoryName,
        title: t.title,
        description: t.description,
        lead: t.leadDepartments,
        cooperating: t.cooperatingDepartments,
        deadline: t.deadlineText,
        levels: t.levels,
        weight: t.weight,
      })),
      warnings: parsed.warnings,
      errors: [],
    };
  }

  private async parse(
    scope: Scope,
    planId: string,
    file: Buffer,
    mapping: ColumnMapping | undefined,
    onProgress?: Progress,
  ): Promise<ChecklistParseResult & { planYear: number }> {
    const plan = await this.plans.get(scope, planId);
    this.db.assertOwnOrg(scope, plan.organizationId, '只有计划下达单位的管理员可以导入任务清单');
    if (plan.status !== 'DRAFT') throw PlansException.notDraft();
    const parsed = await parseChecklistWorkbook(file, {
      planYear: plan.year,
      mapping,
      onProgress: (done, total) => onProgress?.('PARSE', done, total),
    });
    return { ...parsed, planYear: plan.year };
  }

  async importChecklist(
    scope: Scope,
    planId: string,
    file: Buffer,
    fileName: string,
    onProgress?: Progress,
    mapping?: ColumnMapping,
  ): Promise<ImportOutcome> {
    const parsed = await this.parse(scope, planId, file, mapping, onProgress);
    if (!parsed.ok) return { ok: false, errors: parsed.errors, warnings: parsed.warnings };
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
          warnings: parsed.warnings.length,
          mapped: mapping !== undefined,
        },
      });
      return {
        ok: true as const,
        categories: parsed.categories.length,
        tasks: total,
        warnings: parsed.warnings,
      };
    });
  }
}

import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { col, execute, rowShape, selectOne } from '@sunshine/api/core';
import type { OrgLevel, ValidDeadline } from '@sunshine/shared/domain';

const IdRow = rowShape({ id: col.uuid });

/** One imported task, ready to insert. */
export interface ChecklistTaskRow {
  categoryId: string;
  number: string;
  title: string;
  description: string;
  leadDepartments: readonly string[];
  cooperatingDepartments: readonly string[];
  deadline: ValidDeadline;
  deadlineText: string;
  dueDate: string;
  levels: readonly OrgLevel[];
  weight: number;
  evidence: string;
  sortOrder: number;
  targetValue: number | null;
  targetUnit: string | null;
}

const TASK_COLUMNS = 15;

/** Bulk writes of a plan's checklist (categories and tasks), for the Excel import. */
@Injectable()
export class ChecklistRepository {
  /** Removes every task and category of a plan. */
  async clear(m: EntityManager, planId: string): Promise<void> {
    await execute(m, 'DELETE FROM plan_tasks WHERE plan_id = $1', [planId]);
    await execute(m, 'DELETE FROM plan_categories WHERE plan_id = $1', [planId]);
  }

  async insertCategory(
    m: EntityManager,
    c: { planId: string; organizationId: string; name: string; sortOrder: number },
  ): Promise<string> {
    const row = await selectOne(
      m,
      IdRow,
      'INSERT INTO plan_categories(plan_id, organization_id, name, sort_order) VALUES ($1, $2, $3, $4) RETURNING id',
      [c.planId, c.organizationId, c.name, c.sortOrder],
    );
    if (!row) throw new Error('INSERT ... RETURNING answered no row');
    return row.id;
  }

  /** Inserts tasks in one multi-row statement (the caller keeps batches to a few hundred rows). */
  async insertTasks(
    m: EntityManager,
    plan: { id: string; organizationId: string },
    tasks: readonly ChecklistTaskRow[],
  ): Promise<void> {
    if (tasks.length === 0) return;
    const values: unknown[] = [];
    const tuples = tasks.map((t, j) => {
      values.push(
        plan.id,
        t.categoryId,
        plan.organizationId,
        t.number,
        t.title,
        t.description,
        t.leadDepartments,
        t.cooperatingDepartments,
        JSON.stringify(t.deadline),
        t.deadlineText,
        t.dueDate,
        t.levels,
        t.weight,
        t.evidence,
        t.sortOrder,
      );
      const o = j * TASK_COLUMNS;
      const p = Array.from({ length: TASK_COLUMNS }, (_, k) => `$${o + k + 1}`);
      p[6] += '::text[]';
      p[7] += '::text[]';
      p[8] += '::jsonb';
      p[10] += '::date';
      p[11] += '::text[]';
      const target = tasks.length * TASK_COLUMNS + 2 * j;
      return `(${p.join(', ')}, $${target + 1}::numeric, $${target + 2})`;
    });
    for (const t of tasks) values.push(t.targetValue, t.targetUnit);
    await execute(
      m,
      `INSERT INTO plan_tasks(plan_id, category_id, organization_id, number, title, description, lead_departments,
         cooperating_departments, deadline, deadline_text, due_date, levels, weight, evidence, sort_order,
         target_value, target_unit)
       VALUES ${tuples.join(', ')}`,
      values,
    );
  }
}

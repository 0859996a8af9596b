import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { col, execute, rowShape, select, selectOne, type RowOf } from '@sunshine/api/core';

const CreatedRow = rowShape({ organization_id: col.uuid });
const IdRow = rowShape({ id: col.uuid });
const AssignmentRow = rowShape({
  id: col.uuid,
  plan_id: col.uuid,
  task_id: col.uuid,
  organization_id: col.uuid,
});
export type AssignmentRow = RowOf<typeof AssignmentRow>;

/** Assignments (任务分解): a task given to one bureau. Every method runs in the caller's transaction. */
@Injectable()
export class AssignmentsRepository {
  /**
   * Assigns every task of a plan to every organisation strictly below the issuer whose level the
   * task applies to, in one statement; existing pairs are kept. Answers one organisation id per
   * assignment created. The subtree is read from the organisations' `org_units` view.
   */
  async assignAll(
    m: EntityManager,
    plan: { id: string; year: number; organizationId: string },
  ): Promise<string[]> {
    const rows = await select(
      m,
      CreatedRow,
      `WITH RECURSIVE below AS (
         SELECT id, level FROM org_units WHERE parent_id = $3
         UNION ALL
         SELECT u.id, u.level FROM org_units u JOIN below b ON u.parent_id = b.id
       )
       INSERT INTO assignments(plan_id, task_id, organization_id, year)
       SELECT t.plan_id, t.id, o.id, $2
       FROM plan_tasks t
       JOIN below o ON o.level = ANY (t.levels)
       WHERE t.plan_id = $1
       ON CONFLICT (task_id, organization_id) DO NOTHING
       RETURNING organization_id`,
      [plan.id, plan.year, plan.organizationId],
    );
    return rows.map((r) => r.organization_id);
  }

  /** Adds (or re-activates) one assignment and answers its id. */
  async upsert(
    m: EntityManager,
    a: { planId: string; taskId: string; organizationId: string; year: number; reason: string },
  ): Promise<string> {
    const row = await selectOne(
      m,
      IdRow,
      `INSERT INTO assignments(plan_id, task_id, organization_id, year, change_reason)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (task_id, organization_id) DO UPDATE SET active = true, change_reason = EXCLUDED.change_reason, updated_at = now()
       RETURNING id`,
      [a.planId, a.taskId, a.organizationId, a.year, a.reason],
    );
    if (!row) throw new Error('INSERT ... RETURNING answered no row');
    return row.id;
  }

  find(m: EntityManager, id: string): Promise<AssignmentRow | null> {
    return selectOne(
      m,
      AssignmentRow,
      'SELECT id, plan_id, task_id, organization_id FROM assignments WHERE id = $1',
      [id],
    );
  }

  /** Deactivates an active assignment; false when it was not active. */
  async deactivate(m: EntityManager, id: string, reason: string): Promise<boolean> {
    const n = await execute(
      m,
      `UPDATE assignments SET active = false, change_reason = $2, updated_at = now() WHERE id = $1 AND active`,
      [id, reason],
    );
    return n > 0;
  }
}

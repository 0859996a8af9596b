import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { col, execute, rowShape, select, selectOne, type RowOf } from '@sunshine/api/core';
import { CompletionState, OrgLevel, ReportStatus } from '@sunshine/shared/domain';

const CreatedRow = rowShape({ organization_id: col.uuid });
const IdRow = rowShape({ id: col.uuid });
const AssignmentRow = rowShape({
  id: col.uuid,
  plan_id: col.uuid,
  task_id: col.uuid,
  organization_id: col.uuid,
});
export type AssignmentRow = RowOf<typeof AssignmentRow>;

const ExportRow = rowShape({
  task_number: col.text,
  code: col.text,
  name: col.text,
  level: col.oneOf(Object.values(OrgLevel)),
  year: col.int.nullable,
  quarter: col.quarter.nullable,
  completion_state: col.oneOf(Object.values(CompletionState)).nullable,
  percent: col.int.nullable,
  status: col.oneOf(Object.values(ReportStatus)).nullable,
  late: col.bool.nullable,
});
export type AssignmentExportRow = RowOf<typeof ExportRow>;

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

  /**
   * A plan's active assignments with each one's latest quarterly report (read through reporting's
   * `report_quarters` view), in checklist order, for the Excel export.
   */
  exportRows(m: EntityManager, planId: string): Promise<AssignmentExportRow[]> {
    return select(
      m,
      ExportRow,
      `SELECT t.number AS task_number, o.code, o.name, o.level, r.year, r.quarter, r.completion_state, r.percent, r.status, r.late
       FROM assignments a
       JOIN plan_tasks t ON t.id = a.task_id
       JOIN org_units o ON o.id = a.organization_id
       LEFT JOIN LATERAL (
         SELECT year, quarter, completion_state, percent, status, late FROM report_quarters
         WHERE assignment_id = a.id ORDER BY year DESC, quarter DESC LIMIT 1
       ) r ON true
       WHERE a.plan_id = $1 AND a.active
       ORDER BY t.sort_order, o.code`,
      [planId],
    );
  }
}

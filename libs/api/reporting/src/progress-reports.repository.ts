import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { col, execute, rowShape, select, selectOne, type RowOf } from '@sunshine/api/core';
import type { CompletionState, ReportStatus, ReturnStage } from '@sunshine/shared/domain';
import { ProgressReportEntity, type EvidenceUrl } from './entities/progress-report.entity';

/**
 * The write side of quarterly reports: `progress_reports` and the completion rollup
 * `assignment_completion` (both reporting's), and what a write needs to know of the assignment
 * and its task, read through the plans feature's published views.
 */

const AssignmentInfo = rowShape({
  id: col.uuid,
  organization_id: col.uuid,
  plan_id: col.uuid,
  task_id: col.uuid,
  year: col.int,
  plan_status: col.text.nullable,
  due_days: col.int.nullable,
  task_number: col.text.nullable,
  task_title: col.text.nullable,
  target_value: col.number.nullable,
});
export type AssignmentInfo = RowOf<typeof AssignmentInfo>;

const TaskRef = rowShape({ number: col.text, title: col.text });
export type TaskRef = RowOf<typeof TaskRef>;

const Id = rowShape({ id: col.uuid });

/** The editable content of a draft. */
export interface ReportContentRow {
  completionState: CompletionState;
  percent: number;
  actualValue: number | null;
  narrative: string;
  problems: string;
  nextSteps: string;
  evidenceUrls: EvidenceUrl[];
}

/** A workflow step as stored: the new status and who did what (null clears a stage). */
export interface ReportTransitionRow {
  id: string;
  expectedVersion: number;
  action: string;
  status: ReportStatus;
  late: boolean;
  dueDate: string;
  at: Date;
  submittedBy: string | null;
  approvedBy: string | null;
  acceptedBy: string | null;
  returned: { stage: ReturnStage; reason: string; userId: string } | null;
}

/**
 * The deadline's hot path (save, submit and the workflow steps): named statements, planned once
 * per connection, because planning the row-level-security policies that expand into them costs
 * as much as running them (docs/benchmarks.md, deadline spike).
 */
export const HOT = { prepared: true } as const;

@Injectable()
export class ProgressReportsRepository {
  /** An active assignment with its plan's status and window and its task's target (assigned_tasks). */
  activeAssignment(m: EntityManager, id: string): Promise<AssignmentInfo | null> {
    return selectOne(
      m,
      AssignmentInfo,
      `SELECT a.assignment_id AS id, a.organization_id, a.plan_id, a.task_id, a.year, a.plan_status,
              a.due_days_after_quarter AS due_days, a.task_number, a.task_title, a.target_value
       FROM assigned_tasks a WHERE a.assignment_id = $1 AND a.active`,
      [id],
      HOT,
    );
  }

  /** Any assignment (active or not) with the same fields, for a report's workflow step. */
  assignment(m: EntityManager, id: string): Promise<AssignmentInfo | null> {
    return selectOne(
      m,
      AssignmentInfo,
      `SELECT a.assignment_id AS id, a.organization_id, a.plan_id, a.task_id, a.year, a.plan_status,
              a.due_days_after_quarter AS due_days, a.task_number, a.task_title, a.target_value
       FROM assigned_tasks a WHERE a.assignment_id = $1`,
      [id],
      HOT,
    );
  }

  /** Number and title of a task (task_refs), for messages. */
  taskRef(m: EntityManager, taskId: string): Promise<TaskRef | null> {
    return selectOne(m, TaskRef, 'SELECT number, title FROM task_refs WHERE task_id = $1', [
      taskId,
    ]);
  }

  find(m: EntityManager, id: string): Promise<ProgressReportEntity | null> {
    return m.getRepository(ProgressReportEntity).findOne({ where: { id } });
  }

  /** The report, locked for update until the transaction ends. */
  lock(m: EntityManager, id: string): Promise<ProgressReportEntity | null> {
    return m
      .getRepository(ProgressReportEntity)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** The report of an assignment and quarter, locked for update. */
  lockForPeriod(
    m: EntityManager,
    assignmentId: string,
    year: number,
    quarter: number,
  ): Promise<ProgressReportEntity | null> {
    return m.getRepository(ProgressReportEntity).findOne({
      where: { assignmentId, year, quarter },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** The assignment's latest report of the year before the quarter (沿用上季度), locked. */
  latestBefore(
    m: EntityManager,
    assignmentId: string,
    year: number,
    quarter: number,
  ): Promise<ProgressReportEntity | null> {
    return m
      .getRepository(ProgressReportEntity)
      .createQueryBuilder('r')
      .setLock('pessimistic_write')
      .where('r.assignmentId = :assignmentId AND r.year = :year AND r.quarter < :quarter', {
        assignmentId,
        year,
        quarter,
      })
      .orderBy('r.quarter', 'DESC')
      .getOne();
  }

  /** Creates the draft; null when another editor created it first. */
  async create(
    m: EntityManager,
    a: AssignmentInfo,
    period: { year: number; quarter: number; dueDate: string },
    c: ReportContentRow,
  ): Promise<string | null> {
    const rows = await select(
      m,
      Id,
      `INSERT INTO progress_reports(assignment_id, organization_id, plan_id, task_id, year, quarter, due_date,
         completion_state, percent, actual_value, narrative, problems, next_steps, evidence_urls)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::jsonb)
       ON CONFLICT (assignment_id, year, quarter) DO NOTHING RETURNING id`,
      [
        a.id,
        a.organization_id,
        a.plan_id,
        a.task_id,
        period.year,
        period.quarter,
        period.dueDate,
        c.completionState,
        c.percent,
        c.actualValue,
        c.narrative,
        c.problems,
        c.nextSteps,
        JSON.stringify(c.evidenceUrls),
      ],
      HOT,
    );
    return rows[0]?.id ?? null;
  }

  async updateContent(m: EntityManager, id: string, c: ReportContentRow): Promise<void> {
    await execute(
      m,
      `UPDATE progress_reports SET completion_state = $2, percent = $3, actual_value = $4, narrative = $5, problems = $6,
         next_steps = $7, evidence_urls = $8::jsonb, version = version + 1, updated_at = now() WHERE id = $1`,
      [
        id,
        c.completionState,
        c.percent,
        c.actualValue,
        c.narrative,
        c.problems,
        c.nextSteps,
        JSON.stringify(c.evidenceUrls),
      ],
    );
  }

  /** Stores a workflow step if the version still matches; answers the number of rows changed. */
  applyTransition(m: EntityManager, t: ReportTransitionRow): Promise<number> {
    return execute(
      m,
      `UPDATE progress_reports SET status = $2, late = $3, due_date = $13,
         submitted_by = $4, submitted_at = CASE WHEN $9 = 'SUBMIT' THEN $8::timestamptz WHEN $4::uuid IS NULL THEN NULL ELSE submitted_at END,
         approved_by = $5, approved_at = CASE WHEN $9 = 'APPROVE' THEN $8::timestamptz WHEN $5::uuid IS NULL THEN NULL ELSE approved_at END,
         accepted_by = $6, accepted_at = CASE WHEN $9 = 'ACCEPT' THEN $8::timestamptz WHEN $6::uuid IS NULL THEN NULL ELSE accepted_at END,
         returned_stage = $7, returned_reason = $10, returned_by = $11,
         returned_at = CASE WHEN $7::varchar IS NOT NULL AND $9 IN ('RETURN', 'REJECT_BY_REVIEWER') THEN $8::timestamptz WHEN $7::varchar IS NULL THEN NULL ELSE returned_at END,
         version = version + 1, updated_at = now()
       WHERE id = $1 AND version = $12`,
      [
        t.id,
        t.status,
        t.late,
        t.submittedBy,
        t.approvedBy,
        t.acceptedBy,
        t.returned?.stage ?? null,
        t.at,
        t.action,
        t.returned?.reason ?? null,
        t.returned?.userId ?? null,
        t.expectedVersion,
        t.dueDate,
      ],
      HOT,
    );
  }

  /** A change of the evidence counts as a change of the report (optimistic locking). */
  async bumpVersion(m: EntityManager, id: string): Promise<void> {
    await execute(
      m,
      'UPDATE progress_reports SET version = version + 1, updated_at = now() WHERE id = $1',
      [id],
    );
  }

  /**
   * The completion rollup: the quarter key of the first accepted report saying COMPLETED. An
   * earlier quarter accepted later lowers the key; a later one leaves it.
   */
  async recordCompletion(
    m: EntityManager,
    assignmentId: string,
    organizationId: string,
    key: number,
  ): Promise<void> {
    await execute(
      m,
      `INSERT INTO assignment_completion(assignment_id, organization_id, completed_key) VALUES ($1, $2, $3)
       ON CONFLICT (assignment_id) DO UPDATE
         SET completed_key = LEAST(assignment_completion.completed_key, EXCLUDED.completed_key)`,
      [assignmentId, organizationId, key],
    );
  }
}

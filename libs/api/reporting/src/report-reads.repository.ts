import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { col, rowShape, select, selectOne, type RowOf } from '@sunshine/api/core';
import {
  CompletionState,
  OrgLevel,
  ReportStatus,
  type Quarter,
  type ReturnStage,
} from '@sunshine/shared/domain';
import type { EvidenceUrl } from './entities/progress-report.entity';
import { HOT } from './progress-reports.repository';

/**
 * Reads of quarterly reports with their organisation and task, for lists, worklists and the
 * report page. Tables: reporting's own `progress_reports`, and the views other features publish
 * (`assigned_tasks` from plans, `org_units` from organizations, `unread_notification_counts` from
 * notifications). Subtrees arrive as id lists (from the cached hierarchy), never as a join on the
 * hierarchy table.
 */

const REPORT_STATUSES = Object.values(ReportStatus);
const RETURN_STAGES: readonly ReturnStage[] = ['REVIEWER', 'OVERSEER'];

function isEvidenceUrls(v: unknown): v is EvidenceUrl[] {
  return (
    Array.isArray(v) &&
    v.every(
      (x) =>
        typeof x === 'object' &&
        x !== null &&
        typeof (x as EvidenceUrl).url === 'string' &&
        typeof (x as EvidenceUrl).title === 'string',
    )
  );
}

/** The organisation (o_*) and task (t_*) of a row; `a` is assigned_tasks, `o` org_units. */
const ORG_TASK_COLUMNS = `
  o.id AS o_id, o.code AS o_code, o.name AS o_name, o.level AS o_level, o.parent_id AS o_parent_id,
  a.task_id AS t_id, a.plan_id AS t_plan_id, a.task_number AS t_number, a.task_title AS t_title,
  a.task_description AS t_description, a.category_name AS t_category, a.deadline_text AS t_deadline_text,
  a.task_due_date AS t_due_date, a.weight AS t_weight, a.evidence AS t_evidence,
  a.target_value AS t_target_value, a.target_unit AS t_target_unit,
  a.adjusted_at AS t_adjusted_at, a.adjustment_note AS t_adjustment_note,
  a.due_days_after_quarter AS t_due_days`;

const REPORT_COLUMNS = `
  r.id AS r_id, r.assignment_id AS r_assignment_id, r.year AS r_year, r.quarter AS r_quarter,
  r.completion_state AS r_completion_state, r.percent AS r_percent, r.actual_value AS r_actual_value,
  r.narrative AS r_narrative, r.problems AS r_problems, r.next_steps AS r_next_steps, r.evidence_urls AS r_evidence_urls,
  r.status AS r_status, r.due_date AS r_due_date, r.late AS r_late,
  r.returned_stage AS r_returned_stage, r.returned_reason AS r_returned_reason, r.returned_by AS r_returned_by,
  r.submitted_by AS r_submitted_by, r.submitted_at AS r_submitted_at, r.approved_by AS r_approved_by,
  r.approved_at AS r_approved_at, r.accepted_by AS r_accepted_by, r.accepted_at AS r_accepted_at,
  r.updated_at AS r_updated_at, r.version AS r_version`;

const orgTaskColumns = {
  o_id: col.uuid,
  o_code: col.text,
  o_name: col.text,
  o_level: col.oneOf(Object.values(OrgLevel)),
  o_parent_id: col.uuid.nullable,
  t_id: col.uuid,
  t_plan_id: col.uuid,
  t_number: col.text,
  t_title: col.text,
  t_description: col.text,
  t_category: col.text,
  t_deadline_text: col.text,
  t_due_date: col.day,
  t_weight: col.number,
  t_evidence: col.text,
  t_target_value: col.number.nullable,
  t_target_unit: col.text.nullable,
  t_adjusted_at: col.date.nullable,
  t_adjustment_note: col.text.nullable,
  t_due_days: col.int.nullable,
};

const reportColumns = {
  r_id: col.uuid,
  r_assignment_id: col.uuid,
  r_year: col.int,
  r_quarter: col.int,
  r_completion_state: col.oneOf(Object.values(CompletionState)),
  r_percent: col.int,
  r_actual_value: col.number.nullable,
  r_narrative: col.text,
  r_problems: col.text,
  r_next_steps: col.text,
  r_evidence_urls: col.json('evidence url list', isEvidenceUrls),
  r_status: col.oneOf(REPORT_STATUSES),
  r_due_date: col.day,
  r_late: col.bool,
  r_returned_stage: col.oneOf(RETURN_STAGES).nullable,
  r_returned_reason: col.text.nullable,
  r_returned_by: col.uuid.nullable,
  r_submitted_by: col.uuid.nullable,
  r_submitted_at: col.date.nullable,
  r_approved_by: col.uuid.nullable,
  r_approved_at: col.date.nullable,
  r_accepted_by: col.uuid.nullable,
  r_accepted_at: col.date.nullable,
  r_updated_at: col.date,
  r_version: col.int,
};

/** A report with its organisation and task. */
export const ReportListRow = rowShape({ ...orgTaskColumns, ...reportColumns });
export type ReportListRow = RowOf<typeof ReportListRow>;

/** An assignment with its organisation and task; its quarter's report, when there is one, is parsed as a ReportListRow. */
const AssignmentListRow = rowShape({
  ...orgTaskColumns,
  a_id: col.uuid,
  a_year: col.int,
  a_active: col.bool,
  a_change_reason: col.text.nullable,
  a_completed_earlier: col.bool,
  r_id: col.uuid.nullable,
  total: col.int,
});
export type AssignmentListRow = RowOf<typeof AssignmentListRow>;

const Total = rowShape({ total: col.int });

/**
 * A report is visible above its bureau from its first submission on (`isVisibleAbove` in
 * shared/domain); `$n` is the caller's own organisation, which sees its drafts.
 */
const VISIBLE_TO = (own: string): string =>
  `(r.organization_id = ${own} OR r.status <> 'DRAFT' OR r.returned_stage IS NOT NULL)`;

export interface AssignmentPageQuery {
  /** Organisations whose assignments are listed (already limited to what the caller may see). */
  orgIds: readonly string[];
  /** The caller's organisation: the drafts of the others are left out. */
  ownOrgId: string;
  year: number;
  quarter: number;
  planId: string | null;
  taskId: string | null;
  /** A display status: RETURNED and DRAFT are told apart by `returned_stage`; DRAFT includes "no report yet". */
  status: string | null;
  missingOnly: boolean;
  limit: number;
  offset: number;
}

export interface ReportPageQuery {
  orgIds: readonly string[];
  /** The caller's organisation: the drafts of the others are left out. */
  ownOrgId: string;
  assignmentId: string | null;
  year: number | null;
  quarter: number | null;
  status: ReportStatus | null;
  returnedOnly: boolean;
  /** Leave out this organisation's own reports (those of the subtree below it only). */
  excludeOrgId: string | null;
  limit: number;
  offset: number;
}

const WorklistCounts = rowShape({
  to_fill: col.int,
  to_review: col.int,
  to_accept: col.int,
  returned: col.int,
  unread: col.int,
});
export type WorklistCounts = RowOf<typeof WorklistCounts>;

const PlanWindow = rowShape({ year: col.int, due_days: col.int.nullable });
export type PlanWindow = RowOf<typeof PlanWindow>;

@Injectable()
export class ReportReadsRepository {
  async assignmentsPage(
    m: EntityManager,
    q: AssignmentPageQuery,
  ): Promise<Array<{ row: AssignmentListRow; report: ReportListRow | null }>> {
    const raw: unknown = await m.query(
      `SELECT a.assignment_id AS a_id, a.year AS a_year, a.active AS a_active, a.change_reason AS a_change_reason,
              coalesce(ac.completed_key < $2 * 10 + $3, false) AS a_completed_earlier,
              ${ORG_TASK_COLUMNS}, ${REPORT_COLUMNS}, count(*) OVER ()::int AS total
       FROM assigned_tasks a
       JOIN org_units o ON o.id = a.organization_id
       LEFT JOIN assignment_completion ac ON ac.assignment_id = a.assignment_id
       LEFT JOIN progress_reports r ON r.assignment_id = a.assignment_id AND r.year = a.year AND r.quarter = $3
         AND ${VISIBLE_TO('$10::uuid')}
       WHERE a.organization_id = ANY($1::uuid[]) AND a.year = $2 AND a.active
         AND ($4::uuid IS NULL OR a.plan_id = $4)
         AND ($5::uuid IS NULL OR a.task_id = $5)
         AND (NOT $6::boolean OR r.id IS NULL OR r.status = 'DRAFT')
         AND ($7::text IS NULL
              OR ($7 = 'RETURNED' AND r.status = 'DRAFT' AND r.returned_stage IS NOT NULL)
              OR ($7 = 'DRAFT' AND (r.id IS NULL OR (r.status = 'DRAFT' AND r.returned_stage IS NULL)))
              OR ($7 NOT IN ('RETURNED', 'DRAFT') AND r.status = $7))
       ORDER BY o.code, a.task_sort_order, a.task_number
       LIMIT $8 OFFSET $9`,
      [
        q.orgIds,
        q.year,
        q.quarter,
        q.planId,
        q.taskId,
        q.missingOnly,
        q.status,
        q.limit,
        q.offset,
        q.ownOrgId,
      ],
    );
    const rows = AssignmentListRow.parseAll(raw);
    const raws = raw as unknown[];
    return rows.map((row, i) => ({
      row,
      report: row.r_id ? ReportListRow.parse(raws[i]) : null,
    }));
  }

  async reportsPage(
    m: EntityManager,
    q: ReportPageQuery,
  ): Promise<{ rows: ReportListRow[]; total: number }> {
    const raw: unknown = await m.query(
      `SELECT ${ORG_TASK_COLUMNS}, ${REPORT_COLUMNS}, count(*) OVER ()::int AS total
       FROM progress_reports r
       JOIN assigned_tasks a ON a.assignment_id = r.assignment_id
       JOIN org_units o ON o.id = r.organization_id
       WHERE r.organization_id = ANY($1::uuid[])
         AND ($2::uuid IS NULL OR r.assignment_id = $2)
         AND ($3::int IS NULL OR r.year = $3)
         AND ($4::int IS NULL OR r.quarter = $4)
         AND ($5::text IS NULL OR r.status = $5)
         AND (NOT $6::boolean OR (r.status = 'DRAFT' AND r.returned_stage IS NOT NULL))
         AND ($7::uuid IS NULL OR r.organization_id <> $7)
         AND ${VISIBLE_TO('$10::uuid')}
       ORDER BY r.year DESC, r.quarter DESC, o.code, a.task_sort_order
       LIMIT $8 OFFSET $9`,
      [
        q.orgIds,
        q.assignmentId,
        q.year,
        q.quarter,
        q.status,
        q.returnedOnly,
        q.excludeOrgId,
        q.limit,
        q.offset,
        q.ownOrgId,
      ],
    );
    const rows = ReportListRow.parseAll(raw);
    return { rows, total: rows.length ? Total.parse((raw as unknown[])[0]).total : 0 };
  }

  reportById(m: EntityManager, id: string): Promise<ReportListRow | null> {
    return selectOne(
      m,
      ReportListRow,
      `SELECT ${ORG_TASK_COLUMNS}, ${REPORT_COLUMNS}
       FROM progress_reports r
       JOIN assigned_tasks a ON a.assignment_id = r.assignment_id
       JOIN org_units o ON o.id = r.organization_id
       WHERE r.id = $1`,
      [id],
      HOT,
    );
  }

  /**
   * The windows (due days after the quarter) of the plans an organisation reports under in the
   * given years, one row per year and distinct window.
   */
  planWindows(m: EntityManager, orgId: string, years: readonly number[]): Promise<PlanWindow[]> {
    return select(
      m,
      PlanWindow,
      `SELECT DISTINCT a.year, a.due_days_after_quarter AS due_days
       FROM assigned_tasks a
       WHERE a.organization_id = $1 AND a.year = ANY($2::int[]) AND a.active`,
      [orgId, years],
    );
  }

  /**
   * The menu counts of an organisation: its assignments without a submitted report for the
   * quarter, its reports to review, the approved reports it has to accept (待验收: those of
   * `childIds`, its direct subordinates), its returned drafts and its unread notifications.
   */
  async worklistCounts(
    m: EntityManager,
    orgId: string,
    quarter: Quarter,
    childIds: readonly string[],
  ): Promise<WorklistCounts> {
    const row = await selectOne(
      m,
      WorklistCounts,
      `SELECT
         (SELECT count(*) FROM assigned_tasks a
            LEFT JOIN progress_reports r ON r.assignment_id = a.assignment_id AND r.year = $2 AND r.quarter = $3
            WHERE a.organization_id = $1 AND a.year = $2 AND a.active AND (r.id IS NULL OR r.status = 'DRAFT'))::int AS to_fill,
         (SELECT count(*) FROM progress_reports WHERE organization_id = $1 AND status = 'SUBMITTED')::int AS to_review,
         (SELECT count(*) FROM progress_reports r
            WHERE r.organization_id = ANY($4::uuid[]) AND r.status = 'APPROVED')::int AS to_accept,
         (SELECT count(*) FROM progress_reports WHERE organization_id = $1 AND status = 'DRAFT' AND returned_stage IS NOT NULL)::int AS returned,
         coalesce((SELECT unread FROM unread_notification_counts WHERE organization_id = $1), 0)::int AS unread`,
      [orgId, quarter.year, quarter.quarter, childIds],
      // Named: the menu's counts are read on every page; five policy-laden subqueries to plan.
      HOT,
    );
    if (!row) throw new Error('worklist counts: no row');
    return row;
  }
}

import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { col, rowShape, select, selectOne, type RowOf } from '@sunshine/api/core';
import { ASSESSMENT_ISSUE_STATUSES, ORG_LEVEL_ORDER } from '@sunshine/shared/domain';

export const BureauRow = rowShape({
  id: col.uuid,
  code: col.text,
  name: col.text,
  level: col.oneOf(ORG_LEVEL_ORDER),
});
export type BureauRow = RowOf<typeof BureauRow>;

const BelowRow = rowShape({ below: col.bool });

export const UnsentReportRow = rowShape({
  task_number: col.text,
  task_title: col.text,
  due_days_after_quarter: col.int.nullable,
  quarter: col.quarter,
});
export type UnsentReportRow = RowOf<typeof UnsentReportRow>;

export const OpenIssueRow = rowShape({
  issue_type: col.text,
  description: col.text,
  deadline: col.day,
  status: col.oneOf(ASSESSMENT_ISSUE_STATUSES),
});
export type OpenIssueRow = RowOf<typeof OpenIssueRow>;

export const TrainingRow = rowShape({
  province_attendees: col.int,
  person_hours: col.number,
});
export const RequirementRow = rowShape({
  min_province_attendees: col.int,
  min_hours: col.number,
});

/**
 * What a reminder letter lists, read only through the views the owners publish: `org_units`
 * (organizations), `assigned_tasks` and `report_quarters` (plans, reporting),
 * `assessment_issue_facts` (assessments), `training_bureau_years` and
 * `training_requirement_levels` (trainings). All are security_invoker: the caller's row-level
 * security applies.
 */
@Injectable()
export class LetterFactsRepository {
  bureau(m: EntityManager, id: string): Promise<BureauRow | null> {
    return selectOne(m, BureauRow, `SELECT id, code, name, level FROM org_units WHERE id = $1`, [
      id,
    ]);
  }

  /**
   * Whether `ancestor` lies strictly above `id`, walking `id`'s parents in the caller's view of
   * the tree (so the answer holds with row-level security alone: the walk sees only rows the
   * caller may see, and the caller's subtree is all of the way up to the caller).
   */
  async isStrictlyBelow(m: EntityManager, id: string, ancestor: string): Promise<boolean> {
    const row = await selectOne(
      m,
      BelowRow,
      `WITH RECURSIVE up AS (
         SELECT id, parent_id, 0 AS depth FROM org_units WHERE id = $1
         UNION ALL
         SELECT o.id, o.parent_id, up.depth + 1 FROM org_units o JOIN up ON o.id = up.parent_id
         WHERE up.depth < 32
       )
       SELECT EXISTS (SELECT 1 FROM up WHERE parent_id = $2) AS below`,
      [id, ancestor],
    );
    return row?.below ?? false;
  }

  /**
   * The quarters 1..`upto` of the year in which an active assignment of a released plan has no
   * sent report (none, or a draft), with the plan's window to judge the due date by.
   */
  unsentReports(
    m: EntityManager,
    organizationId: string,
    year: number,
    upto: number,
  ): Promise<UnsentReportRow[]> {
    return select(
      m,
      UnsentReportRow,
      `SELECT a.task_number, a.task_title, a.due_days_after_quarter, q.quarter
       FROM assigned_tasks a
       CROSS JOIN generate_series(1, $3::int) AS q(quarter)
       LEFT JOIN report_quarters r
         ON r.assignment_id = a.assignment_id AND r.year = a.year AND r.quarter = q.quarter
       WHERE a.organization_id = $1 AND a.year = $2 AND a.active
         AND a.plan_status IN ('PUBLISHED', 'CLOSED')
         AND (r.report_id IS NULL OR r.status = 'DRAFT')
       ORDER BY q.quarter, a.category_sort_order, a.task_sort_order, a.task_number`,
      [organizationId, year, upto],
    );
  }

  /** The bureau's problems of released rounds that are neither closed nor withdrawn. */
  openIssues(m: EntityManager, organizationId: string): Promise<OpenIssueRow[]> {
    return select(
      m,
      OpenIssueRow,
      `SELECT issue_type, description, deadline, status
       FROM assessment_issue_facts
       WHERE organization_id = $1 AND status NOT IN ('VERIFIED', 'WITHDRAWN')
       ORDER BY deadline, issue_id`,
      [organizationId],
    );
  }

  /** The bureau's training of the year; null: nobody attended. */
  training(
    m: EntityManager,
    organizationId: string,
    year: number,
  ): Promise<RowOf<typeof TrainingRow> | null> {
    return selectOne(
      m,
      TrainingRow,
      `SELECT province_attendees, person_hours FROM training_bureau_years
       WHERE organization_id = $1 AND year = $2`,
      [organizationId, year],
    );
  }

  /** The year's requirement for a level: the first one set (as the coverage and scorecard read it). */
  requirement(
    m: EntityManager,
    year: number,
    level: string,
  ): Promise<RowOf<typeof RequirementRow> | null> {
    return selectOne(
      m,
      RequirementRow,
      `SELECT min_province_attendees, min_hours FROM training_requirement_levels
       WHERE year = $1 AND level = $2 ORDER BY updated_at LIMIT 1`,
      [year, level],
    );
  }
}

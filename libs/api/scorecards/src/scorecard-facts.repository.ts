import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { col, rowShape, select, type RowOf } from '@sunshine/api/core';
import { ORG_LEVEL_ORDER } from '@sunshine/shared/domain';

export const OrgRow = rowShape({
  id: col.uuid,
  code: col.text,
  name: col.text,
  level: col.oneOf(ORG_LEVEL_ORDER),
  parent_id: col.uuid.nullable,
});
export type OrgRow = RowOf<typeof OrgRow>;

export const TaskRow = rowShape({
  assignment_id: col.uuid,
  organization_id: col.uuid,
  task_number: col.text,
  task_title: col.text,
  weight: col.number,
  due_days_after_quarter: col.int.nullable,
});
export type TaskRow = RowOf<typeof TaskRow>;

export const QuarterReportRow = rowShape({
  report_id: col.uuid,
  assignment_id: col.uuid,
  organization_id: col.uuid,
  quarter: col.quarter,
  completion_state: col.text,
  percent: col.int,
  status: col.text,
  late: col.bool,
});
export type QuarterReportRow = RowOf<typeof QuarterReportRow>;

export const IssueFactRow = rowShape({
  issue_id: col.uuid,
  organization_id: col.uuid,
  issue_type: col.text,
  description: col.text,
  status: col.text,
  points_deducted: col.number,
  deadline: col.day,
  late: col.bool,
  returned_count: col.int,
});
export type IssueFactRow = RowOf<typeof IssueFactRow>;

export const TrainingYearRow = rowShape({
  organization_id: col.uuid,
  trainees: col.int,
  person_hours: col.number,
  province_attendees: col.int,
});
export type TrainingYearRow = RowOf<typeof TrainingYearRow>;

export const RequirementRow = rowShape({
  level: col.oneOf(ORG_LEVEL_ORDER),
  min_province_attendees: col.int,
  min_hours: col.number,
});
export type RequirementRow = RowOf<typeof RequirementRow>;

/**
 * The facts a scorecard is computed from, read only through the views their owners publish
 * (org_units, assigned_tasks, report_quarters: core's published views; assessment_issue_facts:
 * api-assessments; training_bureau_years, training_requirement_levels: api-trainings). One
 * statement per source for a whole set of bureaus.
 */
@Injectable()
export class ScorecardFactsRepository {
  orgs(m: EntityManager, ids: readonly string[]): Promise<OrgRow[]> {
    return select(
      m,
      OrgRow,
      `SELECT id, code, name, level, parent_id FROM org_units WHERE id = ANY($1) ORDER BY code`,
      [[...ids]],
    );
  }

  /** Active assignments of released plans of the year. */
  tasks(m: EntityManager, orgIds: readonly string[], year: number): Promise<TaskRow[]> {
    return select(
      m,
      TaskRow,
      `SELECT assignment_id, organization_id, task_number, task_title, weight, due_days_after_quarter
       FROM assigned_tasks
       WHERE organization_id = ANY($1) AND year = $2 AND active AND plan_status IN ('PUBLISHED', 'CLOSED')
       ORDER BY organization_id, task_sort_order, task_number`,
      [[...orgIds], year],
    );
  }

  reports(
    m: EntityManager,
    orgIds: readonly string[],
    year: number,
    uptoQuarter: number,
  ): Promise<QuarterReportRow[]> {
    return select(
      m,
      QuarterReportRow,
      `SELECT report_id, assignment_id, organization_id, quarter, completion_state, percent, status, late
       FROM report_quarters
       WHERE organization_id = ANY($1) AND year = $2 AND quarter <= $3
       ORDER BY organization_id, assignment_id, quarter`,
      [[...orgIds], year, uptoQuarter],
    );
  }

  /** Problems of released rounds whose period ends within the year, up to `periodEnd`. */
  issues(
    m: EntityManager,
    orgIds: readonly string[],
    year: number,
    periodEnd: string,
  ): Promise<IssueFactRow[]> {
    return select(
      m,
      IssueFactRow,
      `SELECT issue_id, organization_id, issue_type, description, status, points_deducted, deadline,
              late, returned_count
       FROM assessment_issue_facts
       WHERE organization_id = ANY($1) AND round_period_end BETWEEN make_date($2, 1, 1) AND $3::date
       ORDER BY organization_id, deadline, issue_id`,
      [[...orgIds], year, periodEnd],
    );
  }

  training(m: EntityManager, orgIds: readonly string[], year: number): Promise<TrainingYearRow[]> {
    return select(
      m,
      TrainingYearRow,
      `SELECT organization_id, trainees, person_hours, province_attendees
       FROM training_bureau_years WHERE organization_id = ANY($1) AND year = $2`,
      [[...orgIds], year],
    );
  }

  /** The year's requirements, the first set per level first (as in the training coverage). */
  requirements(m: EntityManager, year: number): Promise<RequirementRow[]> {
    return select(
      m,
      RequirementRow,
      `SELECT level, min_province_attendees, min_hours FROM training_requirement_levels
       WHERE year = $1 ORDER BY updated_at`,
      [year],
    );
  }
}

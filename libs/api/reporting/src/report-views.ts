import { OrganizationDto } from '@sunshine/api/core';
import {
  formatQuarterZh,
  reportDisplayStatus,
  type CompletionState,
  type OrgLevel,
  type QuarterNumber,
  type ReportStatus,
  type ReturnStage,
} from '@sunshine/shared/domain';
import {
  ReportDisplayStatusEnum,
  type ProgressReportDto,
  type TaskSummaryDto,
} from './dtos/report.dto';
import type { EvidenceUrl } from './entities/progress-report.entity';

/** Columns for the organisation and task of a row (aliases o_*, t_*), shared by the read queries. */
export const ORG_TASK_COLUMNS = `
  o.id AS o_id, o.code AS o_code, o.name AS o_name, o.level AS o_level, o.parent_id AS o_parent_id,
  t.id AS t_id, t.plan_id AS t_plan_id, t.number AS t_number, t.title AS t_title, t.description AS t_description,
  c.name AS t_category, t.deadline_text AS t_deadline_text, to_char(t.due_date, 'YYYY-MM-DD') AS t_due_date,
  t.weight AS t_weight, t.evidence AS t_evidence, t.target_value AS t_target_value, t.target_unit AS t_target_unit,
  t.adjusted_at AS t_adjusted_at, t.adjustment_note AS t_adjustment_note`;

export const REPORT_COLUMNS = `
  r.id AS r_id, r.assignment_id AS r_assignment_id, r.year AS r_year, r.quarter AS r_quarter,
  r.completion_state AS r_completion_state, r.percent AS r_percent, r.actual_value AS r_actual_value,
  r.narrative AS r_narrative, r.problems AS r_problems, r.next_steps AS r_next_steps, r.evidence_urls AS r_evidence_urls,
  r.status AS r_status, to_char(r.due_date, 'YYYY-MM-DD') AS r_due_date, r.late AS r_late,
  r.returned_stage AS r_returned_stage, r.returned_reason AS r_returned_reason, r.returned_by AS r_returned_by,
  r.submitted_by AS r_submitted_by, r.submitted_at AS r_submitted_at, r.approved_by AS r_approved_by,
  r.approved_at AS r_approved_at, r.accepted_by AS r_accepted_by, r.accepted_at AS r_accepted_at,
  r.updated_at AS r_updated_at, r.version AS r_version`;

export interface OrgTaskRow {
  o_id: string;
  o_code: string;
  o_name: string;
  o_level: OrgLevel;
  o_parent_id: string | null;
  t_id: string;
  t_plan_id: string;
  t_number: string;
  t_title: string;
  t_description: string;
  t_category: string;
  t_deadline_text: string;
  t_due_date: string;
  t_weight: string;
  t_evidence: string;
  t_target_value: string | null;
  t_target_unit: string | null;
  t_adjusted_at: Date | null;
  t_adjustment_note: string | null;
}

export interface ReportRow {
  r_id: string | null;
  r_assignment_id: string;
  r_year: number;
  r_quarter: QuarterNumber;
  r_completion_state: CompletionState;
  r_percent: number;
  r_actual_value: string | null;
  r_narrative: string;
  r_problems: string;
  r_next_steps: string;
  r_evidence_urls: EvidenceUrl[];
  r_status: ReportStatus;
  r_due_date: string;
  r_late: boolean;
  r_returned_stage: ReturnStage | null;
  r_returned_reason: string | null;
  r_returned_by: string | null;
  r_submitted_by: string | null;
  r_submitted_at: Date | null;
  r_approved_by: string | null;
  r_approved_at: Date | null;
  r_accepted_by: string | null;
  r_accepted_at: Date | null;
  r_updated_at: Date;
  r_version: number;
}

export function orgFromRow(row: OrgTaskRow): OrganizationDto {
  return OrganizationDto.from({
    id: row.o_id,
    code: row.o_code,
    name: row.o_name,
    level: row.o_level,
    parentId: row.o_parent_id,
  });
}

export function taskFromRow(row: OrgTaskRow): TaskSummaryDto {
  return {
    id: row.t_id,
    planId: row.t_plan_id,
    number: row.t_number,
    title: row.t_title,
    description: row.t_description,
    categoryName: row.t_category,
    deadlineText: row.t_deadline_text,
    dueDate: row.t_due_date,
    weight: Number(row.t_weight),
    evidence: row.t_evidence,
    targetValue: row.t_target_value === null ? null : Number(row.t_target_value),
    targetUnit: row.t_target_unit,
    adjustedAt: row.t_adjusted_at,
    adjustmentNote: row.t_adjustment_note,
  };
}

/** Maps a joined row to the DTO; availableActions is filled by the caller, who knows the actor. */
export function reportFromRow(row: OrgTaskRow & ReportRow): ProgressReportDto {
  const returned = row.r_returned_stage
    ? {
        stage: row.r_returned_stage,
        userId: row.r_returned_by ?? '',
        reason: row.r_returned_reason ?? '',
      }
    : null;
  const display = reportDisplayStatus({
    status: row.r_status,
    submittedBy: row.r_submitted_by,
    approvedBy: row.r_approved_by,
    acceptedBy: row.r_accepted_by,
    returned,
  });
  return {
    id: row.r_id ?? '',
    assignmentId: row.r_assignment_id,
    organization: orgFromRow(row),
    task: taskFromRow(row),
    year: row.r_year,
    quarter: row.r_quarter,
    quarterLabel: formatQuarterZh({ year: row.r_year, quarter: row.r_quarter }),
    completionState: row.r_completion_state,
    percent: row.r_percent,
    actualValue: row.r_actual_value === null ? null : Number(row.r_actual_value),
    narrative: row.r_narrative,
    problems: row.r_problems,
    nextSteps: row.r_next_steps,
    evidenceUrls: row.r_evidence_urls ?? [],
    status: row.r_status,
    displayStatus: display as ReportDisplayStatusEnum,
    dueDate: row.r_due_date,
    late: row.r_late,
    returnedReason: row.r_returned_reason,
    returnedStage: row.r_returned_stage,
    submittedAt: row.r_submitted_at,
    approvedAt: row.r_approved_at,
    acceptedAt: row.r_accepted_at,
    updatedAt: row.r_updated_at,
    version: row.r_version,
    availableActions: [],
    submittedBy: row.r_submitted_by,
  };
}

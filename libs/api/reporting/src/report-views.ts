import { OrganizationDto, type OrganizationRecord } from '@sunshine/api/core';
import { formatQuarterZh, makeQuarter, reportDisplayStatus } from '@sunshine/shared/domain';
import {
  ReportDisplayStatusEnum,
  type EvidenceFileDto,
  type ProgressReportDto,
  type ReportEventDto,
  type TaskSummaryDto,
} from './dtos/report.dto';
import type { EvidenceFileRow } from './evidence-files.repository';
import type { ReportEventRow } from './report-events.repository';
import type { AssignmentListRow, ReportListRow } from './report-reads.repository';

/** Mapping of checked rows (see the repositories) to GraphQL DTOs. No SQL here. */

type OrgTaskRow = Pick<
  AssignmentListRow,
  Extract<keyof AssignmentListRow, `o_${string}` | `t_${string}`>
>;

export function orgDto(o: {
  id: string;
  code: string;
  name: string;
  level: OrganizationRecord['level'];
  parent_id: string | null;
}): OrganizationDto {
  return OrganizationDto.from({
    id: o.id,
    code: o.code,
    name: o.name,
    level: o.level,
    parentId: o.parent_id,
  });
}

export function orgFromRow(row: OrgTaskRow): OrganizationDto {
  return orgDto({
    id: row.o_id,
    code: row.o_code,
    name: row.o_name,
    level: row.o_level,
    parent_id: row.o_parent_id,
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
    weight: row.t_weight,
    evidence: row.t_evidence,
    targetValue: row.t_target_value,
    targetUnit: row.t_target_unit,
    adjustedAt: row.t_adjusted_at,
    adjustmentNote: row.t_adjustment_note,
    dueDaysAfterQuarter: row.t_due_days,
  };
}

/** Maps a joined row to the DTO; availableActions is filled by the caller, who knows the actor. */
export function reportFromRow(row: ReportListRow): ProgressReportDto {
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
  const quarter = makeQuarter(row.r_year, row.r_quarter);
  return {
    id: row.r_id,
    assignmentId: row.r_assignment_id,
    organization: orgFromRow(row),
    task: taskFromRow(row),
    year: quarter.year,
    quarter: quarter.quarter,
    quarterLabel: formatQuarterZh(quarter),
    completionState: row.r_completion_state,
    percent: row.r_percent,
    actualValue: row.r_actual_value,
    narrative: row.r_narrative,
    problems: row.r_problems,
    nextSteps: row.r_next_steps,
    evidenceUrls: row.r_evidence_urls,
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

export function evidenceDto(r: EvidenceFileRow): EvidenceFileDto {
  return {
    id: r.id,
    fileName: r.file_name,
    mimeType: r.mime_type,
    sizeBytes: r.size_bytes,
    sha256: r.sha256.trim(),
    createdAt: r.created_at,
    downloadPath: `/files/evidence/${r.id}`,
  };
}

export function eventDto(r: ReportEventRow): ReportEventDto {
  return {
    id: r.id,
    action: r.action,
    fromStatus: r.from_status,
    toStatus: r.to_status,
    username: r.username,
    displayName: r.display_name,
    comment: r.comment,
    createdAt: r.created_at,
  };
}

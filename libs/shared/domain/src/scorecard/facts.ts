/**
 * From the owners' rows to the engine's facts: which report decides a task, which quarters are
 * due, how an assessment problem counts. Pure, so that the server and any check share one rule.
 */
import { ASSESSMENT_ISSUE_TYPES } from '../assessment-workflow';
import { compareDates, makeQuarter } from '../period';
import { CompletionState, ReportStatus } from '../progress-workflow';
import { ReportingCalendar } from '../reporting-calendar';
import { meetsRequirement, type TrainingRequirementRule } from '../training';
import type { AdjustmentFact, IssueFact, QuarterFact, ScoreFacts, TaskFact } from './engine';

const QUARTER_NAMES = ['', '第一季度', '第二季度', '第三季度', '第四季度'];

export interface AssignmentRow {
  assignmentId: string;
  taskNumber: string;
  taskTitle: string;
  weight: number;
}

export interface ReportRow {
  reportId: string;
  assignmentId: string;
  quarter: number;
  completionState: string;
  percent: number;
  status: string;
  late: boolean;
}

/**
 * A task counts by its last accepted report up to `uptoQuarter`: completed when that report says
 * completed; its percent gives partial credit.
 */
export function taskFacts(
  assignments: readonly AssignmentRow[],
  reports: readonly ReportRow[],
  uptoQuarter: number,
): TaskFact[] {
  const lastAccepted = new Map<string, ReportRow>();
  for (const r of reports) {
    if (r.quarter > uptoQuarter || r.status !== ReportStatus.ACCEPTED) continue;
    const seen = lastAccepted.get(r.assignmentId);
    if (!seen || seen.quarter < r.quarter) lastAccepted.set(r.assignmentId, r);
  }
  return [...assignments]
    .sort((a, b) => a.taskNumber.localeCompare(b.taskNumber, 'zh', { numeric: true }))
    .map((a) => {
      const r = lastAccepted.get(a.assignmentId);
      return {
        source: r
          ? { type: 'ProgressReport', id: r.reportId }
          : { type: 'Assignment', id: a.assignmentId },
        label: `${a.taskNumber} ${a.taskTitle}`,
        weight: a.weight,
        completed: r?.completionState === CompletionState.COMPLETED,
        percent: r ? (r.completionState === CompletionState.COMPLETED ? 100 : r.percent) : 0,
      };
    });
}

const ON_TIME_STATUSES: readonly string[] = [
  ReportStatus.SUBMITTED,
  ReportStatus.APPROVED,
  ReportStatus.ACCEPTED,
];

/**
 * Each due quarter: every active assignment owes a report; on time = submitted (and not taken
 * back) without the late mark, as in the completion figures.
 */
export function quarterFacts(
  year: number,
  dueQuarters: readonly number[],
  assignments: readonly AssignmentRow[],
  reports: readonly ReportRow[],
): QuarterFact[] {
  const ids = new Set(assignments.map((a) => a.assignmentId));
  return dueQuarters.map((q) => ({
    source: { type: 'ReportingQuarter', id: `${year}Q${q}` },
    label: `${year}年${QUARTER_NAMES[q] ?? ''}`,
    due: ids.size,
    onTime: reports.filter(
      (r) =>
        r.quarter === q &&
        ids.has(r.assignmentId) &&
        ON_TIME_STATUSES.includes(r.status) &&
        !r.late,
    ).length,
  }));
}

export interface IssueRow {
  issueId: string;
  issueType: string;
  issueTypeLabel: string;
  description: string;
  status: string;
  pointsDeducted: number;
  /** YYYY-MM-DD */
  deadline: string;
  late: boolean;
  returnedCount: number;
}

/** An assessment problem as the engine counts it, at the period's end date (YYYY-MM-DD). */
export function issueFact(row: IssueRow, periodEnd: string): IssueFact {
  const short = row.description.length > 24 ? `${row.description.slice(0, 24)}…` : row.description;
  return {
    source: { type: 'AssessmentIssue', id: row.issueId },
    label: `${row.issueTypeLabel}：${short}`,
    issueType: row.issueType,
    pointsDeducted: row.pointsDeducted,
    withdrawn: row.status === 'WITHDRAWN',
    disputePending: row.status === 'DISPUTED',
    due: row.deadline <= periodEnd,
    rectifiedOnTime: row.status === 'VERIFIED' && !row.late,
    returnedCount: row.returnedCount,
  };
}

export interface TrainingYear {
  trainees: number;
  personHours: number;
  provinceAttendees: number;
}

/** Everything one bureau's scorecard is computed from, as read from the owners' views. */
export interface BureauFactRows {
  year: number;
  /** Quarters counted (4 for the final result). */
  uptoQuarter: number;
  /** Today, YYYY-MM-DD (China time): a quarter counts once its reports were due. */
  today: string;
  /** The day problems are judged at: the period's end, or today if earlier. */
  asOf: string;
  tasks: ReadonlyArray<AssignmentRow & { dueDaysAfterQuarter: number | null }>;
  reports: readonly ReportRow[];
  issues: readonly IssueRow[];
  training: TrainingYear | null;
  /** The year's requirement for the bureau's level; none: the training component is off. */
  requirement: TrainingRequirementRule | undefined;
  adjustments: readonly AdjustmentFact[];
}

/** The engine's facts for one bureau. */
export function bureauFacts(i: BureauFactRows): ScoreFacts {
  const calendar = ReportingCalendar.forPlans(
    i.tasks.map((t) => ({ dueDaysAfterQuarter: t.dueDaysAfterQuarter })),
  );
  const dueQuarters = [1, 2, 3, 4].filter(
    (q) =>
      q <= i.uptoQuarter && compareDates(calendar.dueDate(makeQuarter(i.year, q)), i.today) < 0,
  );
  const t = i.training ?? { trainees: 0, personHours: 0, provinceAttendees: 0 };
  return {
    tasks: taskFacts(i.tasks, i.reports, i.uptoQuarter),
    quarters: quarterFacts(i.year, dueQuarters, i.tasks, i.reports),
    issues: i.issues.map((row) => issueFact(row, i.asOf)),
    training: i.requirement
      ? {
          source: { type: 'TrainingCoverage', id: String(i.year) },
          requirementMet: meetsRequirement({ ...t, trained: t.trainees > 0 }, i.requirement),
          trainees: t.trainees,
          personHours: t.personHours,
        }
      : undefined,
    adjustments: i.adjustments.map((a) => ({ ...a })),
  };
}

/** The label of an issue type code (the code itself for an unknown one). */
export function issueTypeLabel(code: string): string {
  return (ASSESSMENT_ISSUE_TYPES as Record<string, string>)[code] ?? code;
}

import {
  checkSavable,
  checkSubmittable,
  COMPLETION_STATE_LABEL,
  isQuarter,
  percentForState as domainPercentForState,
  percentRange as domainPercentRange,
  quarterKey,
  ReportingCalendar,
  type CompletionState as DomainState,
  type ReportFieldProblem,
} from '@sunshine/shared/domain';
import type {
  CompletionState,
  ReportFieldsFragment,
  SaveProgressReportInput,
} from '@sunshine/web/graphql';

/** The editable fields of a quarterly report, as the form holds them. */
export interface ReportFormValues {
  completionState: CompletionState;
  percent: number;
  actualValue: number | null;
  narrative: string;
  problems: string;
  nextSteps: string;
  evidenceUrls: Array<{ title: string; url: string }>;
}

export const COMPLETION_OPTIONS: ReadonlyArray<{ value: CompletionState; label: string }> = (
  ['NOT_STARTED', 'IN_PROGRESS', 'COMPLETED', 'BLOCKED'] as const
).map((value) => ({ value, label: COMPLETION_STATE_LABEL[value as DomainState] }));

/** The percent range a completion state allows (the shared rule, also enforced by the API). */
export function percentRange(state: CompletionState): {
  min: number;
  max: number;
  locked: boolean;
} {
  return domainPercentRange(state);
}

/** Brings the percent into the state's range (a state change moves the slider with it). */
export function percentForState(state: CompletionState, percent: number): number {
  return domainPercentForState(state, percent);
}

/** The shared rule (also enforced by the API): a message when state and percent disagree. */
export function completionProblem(state: CompletionState, percent: number): string | null {
  return checkSavable({ completionState: state, percent })[0]?.message ?? null;
}

/**
 * What stops the form from being submitted, per field (the shared rule the API enforces too):
 * a narrative, the actual value of a completed task with a target, a percent that fits the state.
 */
export function submitProblems(
  values: ReportFormValues,
  task: { targetValue?: number | null },
): ReportFieldProblem[] {
  return checkSubmittable(
    {
      completionState: values.completionState,
      percent: values.percent,
      actualValue: values.actualValue,
      narrative: values.narrative,
    },
    task,
  );
}

/** Values of a new report, or of an existing one. */
export function formValuesFrom(report: ReportFieldsFragment | null | undefined): ReportFormValues {
  if (!report) {
    return {
      completionState: 'IN_PROGRESS',
      percent: 0,
      actualValue: null,
      narrative: '',
      problems: '',
      nextSteps: '',
      evidenceUrls: [],
    };
  }
  return {
    completionState: report.completionState,
    percent: report.percent,
    actualValue: report.actualValue,
    narrative: report.narrative,
    problems: report.problems,
    nextSteps: report.nextSteps,
    evidenceUrls: report.evidenceUrls.map((u) => ({ title: u.title, url: u.url })),
  };
}

export interface SaveTarget {
  assignmentId: string;
  year: number;
  quarter: number;
  /** The version last read; absent for a report not created yet. */
  version: number | null;
}

/** The mutation input for saving a draft: trimmed texts, links without empty rows. */
export function toSaveInput(values: ReportFormValues, target: SaveTarget): SaveProgressReportInput {
  return {
    assignmentId: target.assignmentId,
    year: target.year,
    quarter: target.quarter,
    version: target.version,
    completionState: values.completionState,
    percent: percentForState(values.completionState, values.percent),
    actualValue: values.actualValue ?? null,
    narrative: values.narrative.trim(),
    problems: values.problems.trim(),
    nextSteps: values.nextSteps.trim(),
    evidenceUrls: (values.evidenceUrls ?? [])
      .map((u) => ({ title: (u.title ?? '').trim(), url: (u.url ?? '').trim() }))
      .filter((u) => u.url !== '')
      .map((u) => ({ title: u.title || u.url, url: u.url })),
  };
}

/** 目标 ≥16 条 for a task with a quantitative target; null otherwise. */
export function targetLabel(
  value: number | null | undefined,
  unit: string | null | undefined,
): string | null {
  if (value === null || value === undefined) return null;
  return `目标 ≥${value}${unit ? ` ${unit}` : ''}`;
}

export interface QuarterRef {
  year: number;
  quarter: number;
}

function quarterIndex(q: QuarterRef): number {
  return isQuarter(q) ? quarterKey(q) : q.year * 10 + q.quarter;
}

/**
 * Overdue: not submitted and its reporting window has closed. The window of the quarter being
 * reported now (the worklist's) is still open by definition; any earlier quarter's has closed.
 * Judged against the server's reporting quarter, never the browser's clock.
 */
export function isOverdue(
  report: QuarterRef & { status?: string | null },
  reporting: QuarterRef,
): boolean {
  const unsent = !report.status || report.status === 'DRAFT';
  return unsent && quarterIndex(report) < quarterIndex(reporting);
}

/** Which panel a report page shows the current user. */
export type ReportMode = 'edit' | 'review' | 'accept' | 'read';

export function reportMode(
  actions: readonly string[] | null | undefined,
  canCreate: boolean,
): ReportMode {
  if (!actions) return canCreate ? 'edit' : 'read';
  if (actions.includes('SAVE') || actions.includes('SUBMIT')) return 'edit';
  if (actions.includes('APPROVE') || actions.includes('REJECT_BY_REVIEWER')) return 'review';
  if (actions.includes('ACCEPT') || actions.includes('RETURN')) return 'accept';
  return 'read';
}

/** Evidence file rules, shared with the assessment loop's files (web-reporting-ui). */
export {
  EVIDENCE_ACCEPT,
  EVIDENCE_MAX_BYTES,
  evidenceFileProblem,
} from '@sunshine/web/reporting-ui';

/**
 * The due date of a report not created yet: the worklist's for the quarter being reported now,
 * otherwise the plan's reporting calendar (default window: the 10th day after the quarter ends).
 */
export function expectedDueDate(
  period: QuarterRef,
  reporting: (QuarterRef & { dueDate: string }) | null | undefined,
  plan?: { dueDaysAfterQuarter?: number | null } | null,
): string | null {
  if (reporting && reporting.year === period.year && reporting.quarter === period.quarter)
    return reporting.dueDate;
  const q = { year: period.year, quarter: period.quarter };
  return isQuarter(q) ? ReportingCalendar.forPlan(plan).dueDate(q) : null;
}

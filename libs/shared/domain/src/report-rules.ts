/**
 * What a quarterly report must hold to be saved and to be submitted. The form shows these
 * problems at its fields and the API refuses the same input (BAD_USER_INPUT with the same
 * per-field messages), so neither can accept what the other refuses.
 */
import { checkCompletion, CompletionState } from './progress-workflow';

/** A completion state as the enum or as its string value (GraphQL clients send the string). */
export type CompletionStateValue = CompletionState | `${CompletionState}`;

/** The fields of a report the rules look at. */
export interface ReportContent {
  completionState: CompletionStateValue;
  percent: number;
  actualValue?: number | null;
  narrative?: string | null;
}

/** What the rules need of the task: whether it has a quantitative target. */
export interface ReportTaskTarget {
  targetValue?: number | null;
}

export type ReportField = 'completionState' | 'percent' | 'actualValue' | 'narrative';

export interface ReportFieldProblem {
  field: ReportField;
  message: string;
}

export const REPORT_NARRATIVE_REQUIRED = '提交前请填写进展情况';
export const REPORT_ACTUAL_REQUIRED = '任务已完成时请填写实际完成值';

/** The percent range a completion state allows: 0 when not started, 100 when completed, below 100 otherwise. */
export function percentRange(state: CompletionStateValue): {
  min: number;
  max: number;
  locked: boolean;
} {
  switch (state) {
    case CompletionState.NOT_STARTED:
      return { min: 0, max: 0, locked: true };
    case CompletionState.COMPLETED:
      return { min: 100, max: 100, locked: true };
    default:
      return { min: 0, max: 99, locked: false };
  }
}

/** Brings a percent into the state's range (a change of state moves the percent with it). */
export function percentForState(state: CompletionStateValue, percent: number): number {
  const { min, max } = percentRange(state);
  const whole = Number.isFinite(percent) ? Math.round(percent) : 0;
  return Math.min(max, Math.max(min, whole));
}

/** Problems that prevent saving a draft: the percent must agree with the completion state. */
export function checkSavable(report: ReportContent): ReportFieldProblem[] {
  const problem = checkCompletion(report.completionState as CompletionState, report.percent);
  return problem ? [{ field: 'percent', message: problem }] : [];
}

/**
 * Problems that prevent submitting: those of saving, a narrative (进展情况) is required, and a
 * task with a target needs the actual value once it is completed. Empty when it may be submitted.
 */
export function checkSubmittable(
  report: ReportContent,
  task: ReportTaskTarget,
): ReportFieldProblem[] {
  const problems: ReportFieldProblem[] = [];
  if (!report.narrative?.trim())
    problems.push({ field: 'narrative', message: REPORT_NARRATIVE_REQUIRED });
  if (
    task.targetValue !== null &&
    task.targetValue !== undefined &&
    report.completionState === CompletionState.COMPLETED &&
    (report.actualValue === null || report.actualValue === undefined)
  )
    problems.push({ field: 'actualValue', message: REPORT_ACTUAL_REQUIRED });
  return [...problems, ...checkSavable(report)];
}

/** 催办 message: at most this many characters. */
export const REMINDER_MESSAGE_MAX_LENGTH = 200;

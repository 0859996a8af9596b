import { type CalendarDate, daysUntilDue, isLate, toCalendarDate } from './period';
import { type ReminderKind, REMINDER_DUE_SOON_DAYS } from './reporting-calendar';

/**
 * The annual disclosure report's workflow, pure so that server and form agree:
 *
 *   DRAFT ──submit (EDITOR; no failing hard rule)──▶ SUBMITTED
 *   SUBMITTED ──approve (bureau REVIEWER, not the submitter)──▶ APPROVED
 *   APPROVED ──accept (overseeing bureau)──▶ ACCEPTED
 *   SUBMITTED / APPROVED / ACCEPTED ──return (overseeing bureau for APPROVED/ACCEPTED, the
 *     bureau's REVIEWER for SUBMITTED; reason required)──▶ RETURNED
 *   RETURNED behaves like DRAFT (saved and submitted again).
 */
export const ANNUAL_REPORT_STATUSES = [
  'DRAFT',
  'SUBMITTED',
  'APPROVED',
  'ACCEPTED',
  'RETURNED',
] as const;
export type AnnualReportStatus = (typeof ANNUAL_REPORT_STATUSES)[number];

export const ANNUAL_REPORT_STATUS_LABELS: Record<AnnualReportStatus, string> = {
  DRAFT: '草稿',
  SUBMITTED: '已提交待审核',
  APPROVED: '已审核待上级确认',
  ACCEPTED: '上级已确认',
  RETURNED: '已退回',
};

export type AnnualReportAction = 'SAVE' | 'SUBMIT' | 'APPROVE' | 'ACCEPT' | 'RETURN';

/** Who may act: the bureau's EDITOR/REVIEWER, or the overseeing (parent) bureau's REVIEWER/ADMIN. */
export type AnnualReportActor = 'BUREAU_EDITOR' | 'BUREAU_REVIEWER' | 'OVERSEER';

const MOVES: Record<
  AnnualReportAction,
  {
    from: readonly AnnualReportStatus[];
    to: AnnualReportStatus | null;
    by: readonly AnnualReportActor[];
  }
> = {
  SAVE: { from: ['DRAFT', 'RETURNED'], to: null, by: ['BUREAU_EDITOR'] },
  SUBMIT: { from: ['DRAFT', 'RETURNED'], to: 'SUBMITTED', by: ['BUREAU_EDITOR'] },
  APPROVE: { from: ['SUBMITTED'], to: 'APPROVED', by: ['BUREAU_REVIEWER'] },
  ACCEPT: { from: ['APPROVED'], to: 'ACCEPTED', by: ['OVERSEER'] },
  RETURN: {
    from: ['SUBMITTED', 'APPROVED', 'ACCEPTED'],
    to: 'RETURNED',
    by: ['BUREAU_REVIEWER', 'OVERSEER'],
  },
};

/** The status after the action, or null when the action is not allowed from `from`. */
export function annualReportMove(
  from: AnnualReportStatus,
  action: AnnualReportAction,
): AnnualReportStatus | null {
  const move = MOVES[action];
  if (!move.from.includes(from)) return null;
  return move.to ?? from;
}

/** May this actor take this action on a report in this status? */
export function canActOnAnnualReport(
  status: AnnualReportStatus,
  action: AnnualReportAction,
  actor: AnnualReportActor,
): boolean {
  if (annualReportMove(status, action) === null) return false;
  if (action === 'RETURN' && status === 'SUBMITTED') return actor === 'BUREAU_REVIEWER';
  if (action === 'RETURN') return actor === 'OVERSEER';
  return MOVES[action].by.includes(actor);
}

export const ANNUAL_REPORT_ACTION_LABELS: Record<AnnualReportAction, string> = {
  SAVE: '保存',
  SUBMIT: '提交',
  APPROVE: '审核通过',
  ACCEPT: '上级确认',
  RETURN: '退回',
};

/** Reports of `year` are due on 31 January of the next year (条例 第49条); that day is on time. */
export function annualReportDeadline(year: number): CalendarDate {
  return toCalendarDate(year + 1, 1, 31);
}

/** A report first submitted at `submittedAt` (or still unsent at `now`) after the deadline. */
export function isAnnualReportLate(year: number, submittedAt: Date | null, now: Date): boolean {
  return isLate(submittedAt ?? now, annualReportDeadline(year));
}

/** The reminder for an unsent report at `now`: a week ahead, the day before, once overdue. */
export function annualReportReminder(year: number, now: Date): ReminderKind | null {
  const days = daysUntilDue(now, annualReportDeadline(year));
  if (days < 0) return 'OVERDUE';
  if (days <= 1) return 'DUE_TOMORROW';
  if (days <= REMINDER_DUE_SOON_DAYS) return 'DUE_SOON';
  return null;
}

/** Statuses that count as submitted in the province's completion figures. */
export function isAnnualReportSubmitted(status: AnnualReportStatus): boolean {
  return status === 'SUBMITTED' || status === 'APPROVED' || status === 'ACCEPTED';
}

/**
 * Rectification deadlines of the third-party assessment counted in working days on the Chinese
 * calendar: the one place that says "剩余 N 个工作日" / "已逾期 N 个工作日", which reminder is due,
 * and what a round's default deadline is. The server (lists, reminders, publication) and the
 * dashboard (lists, worklist) call these with the same `WorkingDayCalendar`.
 */
import { addDays, compareDates, isCalendarDate, type CalendarDate } from './period';
import type { AssessmentIssueStatus } from './assessment-workflow';
import type { WorkingDayCalendar } from './working-days';

/** Statuses in which the bureau still owes an answer (reminders go to these only). */
const OWED: readonly AssessmentIssueStatus[] = [
  'OPEN',
  'RECTIFYING',
  'RETURNED',
  'AWAITING_APPROVAL',
];

/** The bureau still owes the assessor an answer to the issue. */
export function bureauOwesAnswer(status: AssessmentIssueStatus): boolean {
  return OWED.includes(status);
}

export type AssessmentDeadlineReminder = 'DUE_SOON' | 'DUE_TOMORROW' | 'OVERDUE';

/** Working days ahead that count as "due soon" (临期): the deadline is within 3 working days. */
export const ASSESSMENT_DUE_SOON_WORKING_DAYS = 3;

/**
 * The deadline reminder an issue calls for today, or null: OVERDUE once the deadline has passed;
 * DUE_TOMORROW when it is today or the next working day (a Monday deadline is "tomorrow" on the
 * Friday before); DUE_SOON when it is within 3 working days. Only while the bureau owes an answer.
 */
export function assessmentDeadlineReminder(
  calendar: WorkingDayCalendar,
  today: CalendarDate,
  due: CalendarDate,
  status: AssessmentIssueStatus,
): AssessmentDeadlineReminder | null {
  if (!bureauOwesAnswer(status)) return null;
  if (compareDates(due, today) < 0) return 'OVERDUE';
  if (compareDates(due, calendar.addWorkingDays(today, 1)) <= 0) return 'DUE_TOMORROW';
  if (compareDates(due, calendar.addWorkingDays(today, ASSESSMENT_DUE_SOON_WORKING_DAYS)) <= 0)
    return 'DUE_SOON';
  return null;
}

/** A round's default rectification deadline: a fixed date, or N working days from publication. */
export type RoundDeadlineRule =
  { kind: 'DATE'; date: CalendarDate } | { kind: 'WORKING_DAYS'; workingDays: number };

/** The most working days a round may give (about a year). */
export const MAX_ROUND_WORKING_DAYS = 250;

/**
 * The round's default deadline when it is published on `publishedOn` (China date), with the
 * calendar's coverage warning (a year without official holiday data is counted Monday to Friday).
 */
export function roundDeadline(
  calendar: WorkingDayCalendar,
  rule: RoundDeadlineRule,
  publishedOn: CalendarDate,
): { date: CalendarDate; warning: string | null } {
  if (rule.kind === 'DATE') {
    if (!isCalendarDate(rule.date)) throw new RangeError(`无效日期：${rule.date}`);
    return { date: rule.date, warning: calendar.coverageWarning(rule.date) };
  }
  const n = rule.workingDays;
  if (!Number.isInteger(n) || n < 1 || n > MAX_ROUND_WORKING_DAYS)
    throw new RangeError(`工作日数必须为 1 到 ${MAX_ROUND_WORKING_DAYS} 的整数：${n}`);
  return calendar.deadlineAfter(publishedOn, n);
}

/** The day after `date` (for "明天截止" wording). */
export function isTomorrow(today: CalendarDate, due: CalendarDate): boolean {
  return addDays(today, 1) === due;
}

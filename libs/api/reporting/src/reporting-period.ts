import {
  chinaDateOf,
  compareDates,
  defaultDueDate,
  previousQuarter,
  quarterOf,
  type CalendarDate,
  type Quarter,
} from '@sunshine/shared/domain';

/**
 * The quarter bureaus are reporting on at `now`: the previous quarter while its window is still
 * open (up to its due date), otherwise the current one, which may be filled in as it goes.
 */
export function reportingQuarter(
  now: Date,
  dueDays: number,
): { quarter: Quarter; dueDate: CalendarDate } {
  const today = chinaDateOf(now);
  const prev = previousQuarter(quarterOf(now));
  const prevDue = defaultDueDate(prev, dueDays);
  if (compareDates(today, prevDue) <= 0) return { quarter: prev, dueDate: prevDue };
  const current = quarterOf(now);
  return { quarter: current, dueDate: defaultDueDate(current, dueDays) };
}

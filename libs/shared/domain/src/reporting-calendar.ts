/**
 * The reporting calendar of a plan: from the plan's window (`dueDaysAfterQuarter`, default 10)
 * derive every due date, the late flag, the reminder windows, the quarter bureaus are reporting
 * on and the overview's header. Server and dashboard use this one object, so they cannot
 * disagree about a deadline.
 *
 * How the days of the window are counted is a strategy (`DayCounting`): calendar days today.
 * A deadline given in working days on the Chinese calendar (statutory holidays and make-up
 * working days, 调休) is `workingDays(table)` with the official table (`loadChineseWorkingDays()`,
 * working-days.ts); nothing else changes.
 * The reminder windows ("due in 7 days", "due tomorrow", "overdue") are counted in calendar days
 * whatever the strategy: people read them as dates.
 */
import {
  addDays,
  chinaDateOf,
  compareDates,
  daysUntilDue,
  DEFAULT_DUE_DAYS_AFTER_QUARTER_END,
  isLate,
  previousQuarter,
  quarterEnd,
  quarterOf,
  type CalendarDate,
  type Quarter,
} from './period';
import { WorkingDayCalendar, type WorkingDayTable } from './working-days';

/** How the days of a reporting window are counted. */
export interface DayCounting {
  readonly kind: 'CALENDAR_DAYS' | 'WORKING_DAYS';
  /** The `n`-th counted day after `from` (`from` itself not counted; n = 0 gives `from`). */
  dayAfter(from: CalendarDate, n: number): CalendarDate;
}

/** Every day counts (自然日). */
export const CALENDAR_DAYS: DayCounting = {
  kind: 'CALENDAR_DAYS',
  dayAfter: (from, n) => addDays(from, n),
};

/**
 * Working days (工作日): Monday to Friday, except holidays, plus make-up working days, counted by
 * the one `WorkingDayCalendar`. The official Chinese table: `(await loadChineseWorkingDays()).counting`.
 */
export function workingDays(table: WorkingDayTable | WorkingDayCalendar): DayCounting {
  return (table instanceof WorkingDayCalendar ? table : new WorkingDayCalendar(table)).counting;
}

/** The reminder the deadline sweep writes: a week ahead, the day before (or the day itself), once overdue. */
export type ReminderKind = 'DUE_SOON' | 'DUE_TOMORROW' | 'OVERDUE';

/** "Due soon" reminders start this many calendar days before the due date. */
export const REMINDER_DUE_SOON_DAYS = 7;

/** What the calendar needs of a plan. */
export interface ReportingPlan {
  dueDaysAfterQuarter?: number | null;
}

export class ReportingCalendar {
  private constructor(
    /** The window: the due date is the n-th counted day after the quarter ends. */
    readonly dueDaysAfterQuarter: number,
    readonly counting: DayCounting,
  ) {}

  /** The calendar of a plan (default window: 10 days) with the given way of counting days. */
  static forPlan(
    plan: ReportingPlan | null | undefined,
    counting: DayCounting = CALENDAR_DAYS,
  ): ReportingCalendar {
    const days = plan?.dueDaysAfterQuarter ?? DEFAULT_DUE_DAYS_AFTER_QUARTER_END;
    if (!Number.isInteger(days) || days < 0) {
      throw new RangeError(`截止天数必须为非负整数：${days}`);
    }
    return new ReportingCalendar(days, counting);
  }

  /**
   * One calendar for several plans read together (a bureau's worklist, an overview over a year):
   * the window stays open until the last plan's closes. No plan gives the default calendar.
   */
  static forPlans(
    plans: readonly ReportingPlan[],
    counting: DayCounting = CALENDAR_DAYS,
  ): ReportingCalendar {
    const windows = plans.map((p) => p.dueDaysAfterQuarter ?? DEFAULT_DUE_DAYS_AFTER_QUARTER_END);
    return ReportingCalendar.forPlan(
      windows.length ? { dueDaysAfterQuarter: Math.max(...windows) } : null,
      counting,
    );
  }

  /** The due date of a quarter's report (last day on time). */
  dueDate(q: Quarter): CalendarDate {
    return this.counting.dayAfter(quarterEnd(q), this.dueDaysAfterQuarter);
  }

  /** Submitted at `at`, is the quarter's report late? The due day itself, in China time, is on time. */
  isLate(q: Quarter, at: Date): boolean {
    return isLate(at, this.dueDate(q));
  }

  /** Calendar days from today to the due date: 0 on the due day, negative once past. */
  daysLeft(q: Quarter, now: Date): number {
    return daysUntilDue(now, this.dueDate(q));
  }

  /** True while the quarter's window has not closed (up to and including the due day). */
  isOpen(q: Quarter, now: Date): boolean {
    return compareDates(chinaDateOf(now), this.dueDate(q)) <= 0;
  }

  /**
   * The quarter whose window closes next or closed last: the previous calendar quarter (a window
   * is shorter than a quarter, so it always ends in the following one). The deadline sweep
   * reminds about it.
   */
  reminderQuarter(now: Date): Quarter {
    return previousQuarter(quarterOf(now));
  }

  /** The reminder due at `now` for a quarter's unsent reports, or null. */
  reminder(q: Quarter, now: Date): ReminderKind | null {
    const days = this.daysLeft(q, now);
    if (days < 0) return 'OVERDUE';
    if (days <= 1) return 'DUE_TOMORROW';
    if (days <= REMINDER_DUE_SOON_DAYS) return 'DUE_SOON';
    return null;
  }

  /**
   * The quarter bureaus are reporting on at `now`: the previous quarter while its window is open,
   * otherwise the current one (which may be filled in as it goes).
   */
  reportingPeriod(now: Date): { quarter: Quarter; dueDate: CalendarDate } {
    return reportingPeriodAt(now, () => this);
  }
}

/**
 * `reportingPeriod` when the two quarters involved may belong to different plans (around the new
 * year): `calendarFor(year)` gives the calendar of that year's plans.
 */
export function reportingPeriodAt(
  now: Date,
  calendarFor: (year: number) => ReportingCalendar,
): { quarter: Quarter; dueDate: CalendarDate } {
  const current = quarterOf(now);
  const prev = previousQuarter(current);
  const prevCalendar = calendarFor(prev.year);
  if (prevCalendar.isOpen(prev, now)) return { quarter: prev, dueDate: prevCalendar.dueDate(prev) };
  return { quarter: current, dueDate: calendarFor(current.year).dueDate(current) };
}

/**
 * Working days (工作日) on the Chinese calendar: Monday to Friday, except statutory holidays
 * (法定节假日), plus the make-up working days on weekends (调休上班). One implementation serves
 * the reporting calendar's `workingDays()` strategy, assessment deadlines ("5个工作日内") and
 * "剩余 N 个工作日".
 *
 * The official table comes from the `chinese-days` package (`loadChineseWorkingDays()`, loaded
 * lazily so the dashboard's first page does not carry it). The State Council publishes a year's
 * arrangement late in the previous year, so the table covers a known range of years; a date
 * outside it is counted Monday to Friday and `coverageWarning` says so.
 */
import {
  addDays,
  compareDates,
  isCalendarDate,
  parseCalendarDate,
  type CalendarDate,
} from './period';
import type { DayCounting } from './reporting-calendar';

/** A year's official arrangement: days off (法定节假日, weekends inside a holiday included) and make-up working days (调休上班). */
export interface WorkingDayTable {
  holidays: readonly CalendarDate[];
  workdays: readonly CalendarDate[];
  /** Years the table is authoritative for; default: the years its dates fall in. */
  years?: readonly number[];
}

/** The years a table covers, as a closed range (null when it covers none). */
export interface WorkingDayCoverage {
  firstYear: number;
  lastYear: number;
  /** Every covered year (a range may have gaps in a hand-made table). */
  years: readonly number[];
}

/** Counting more than this many working days in one call is refused (about 40 years). */
const MAX_WORKING_DAYS = 10_000;

function yearOf(date: CalendarDate): number {
  const parts = parseCalendarDate(date);
  if (!parts) throw new RangeError(`无效日期：${date}`);
  return parts.year;
}

function checkDate(date: CalendarDate): void {
  if (!isCalendarDate(date)) throw new RangeError(`无效日期：${date}`);
}

export class WorkingDayCalendar {
  private readonly off: ReadonlySet<CalendarDate>;
  private readonly on: ReadonlySet<CalendarDate>;
  private readonly coveredYears: ReadonlySet<number>;
  readonly coverage: WorkingDayCoverage | null;

  constructor(table: WorkingDayTable) {
    this.off = new Set(table.holidays);
    this.on = new Set(table.workdays);
    const years = new Set<number>(
      table.years ?? [...table.holidays, ...table.workdays].map((d) => yearOf(d)),
    );
    this.coveredYears = years;
    const sorted = [...years].sort((a, b) => a - b);
    const first = sorted[0];
    const last = sorted[sorted.length - 1];
    this.coverage =
      first === undefined || last === undefined
        ? null
        : { firstYear: first, lastYear: last, years: sorted };
  }

  /** Is the day a working day (a make-up day counts, a holiday does not)? */
  isWorkingDay(date: CalendarDate): boolean {
    if (this.on.has(date)) return true;
    if (this.off.has(date)) return false;
    const parts = parseCalendarDate(date);
    if (!parts) throw new RangeError(`无效日期：${date}`);
    const weekday = new Date(Date.UTC(parts.year, parts.month - 1, parts.day)).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  }

  /** A statutory day off on what would be a working weekday, or inside a holiday period. */
  isHoliday(date: CalendarDate): boolean {
    return this.off.has(date);
  }

  /** A weekend day that is a working day by the official arrangement (调休上班). */
  isMakeUpWorkday(date: CalendarDate): boolean {
    return this.on.has(date);
  }

  /**
   * The `n`-th working day after `date` (`date` itself not counted; n = 0 gives `date`; a
   * negative n counts backwards). "5个工作日内" from a notice published on `date` ends on
   * `addWorkingDays(date, 5)`.
   */
  addWorkingDays(date: CalendarDate, n: number): CalendarDate {
    checkDate(date);
    if (!Number.isInteger(n) || Math.abs(n) > MAX_WORKING_DAYS) {
      throw new RangeError(`工作日数必须为整数且不超过 ${MAX_WORKING_DAYS}：${n}`);
    }
    const step = n < 0 ? -1 : 1;
    let day = date;
    for (let counted = 0; counted < Math.abs(n);) {
      day = addDays(day, step);
      if (this.isWorkingDay(day)) counted += 1;
    }
    return day;
  }

  /**
   * Working days after `from` up to and including `to` (negative when `to` is before `from`):
   * the inverse of `addWorkingDays`, so `workingDaysBetween(d, addWorkingDays(d, n)) === n`.
   */
  workingDaysBetween(from: CalendarDate, to: CalendarDate): number {
    checkDate(from);
    checkDate(to);
    const order = compareDates(from, to);
    if (order === 0) return 0;
    const [start, end, sign] = order < 0 ? [from, to, 1] : [to, from, -1];
    let count = 0;
    for (let day = addDays(start, 1); compareDates(day, end) <= 0; day = addDays(day, 1)) {
      if (this.isWorkingDay(day)) count += 1;
    }
    return sign * count;
  }

  /**
   * "剩余 N 个工作日": the working days from `today` through the due date, both included (on a
   * working due day itself, 1); 0 once the due date has passed (overdue is shown apart).
   */
  remainingWorkingDays(today: CalendarDate, due: CalendarDate): number {
    checkDate(today);
    checkDate(due);
    if (compareDates(due, today) < 0) return 0;
    return this.workingDaysBetween(addDays(today, -1), due);
  }

  /**
   * A deadline of `n` working days from `from` ("5个工作日内" from the day of publication), with
   * the coverage warning when the count runs through a year the table does not cover.
   */
  deadlineAfter(from: CalendarDate, n: number): { date: CalendarDate; warning: string | null } {
    const date = this.addWorkingDays(from, n);
    return { date, warning: this.coverageWarning(from, date) };
  }

  /** Does the table know the official arrangement of this year (or of the year of this date)? */
  covers(yearOrDate: number | CalendarDate): boolean {
    const year = typeof yearOrDate === 'number' ? yearOrDate : yearOf(yearOrDate);
    return this.coveredYears.has(year);
  }

  /**
   * A Chinese warning when a date (or any year between two dates, e.g. publication and deadline)
   * lies in a year the holiday table does not cover; null when covered.
   */
  coverageWarning(date: CalendarDate, until?: CalendarDate): string | null {
    checkDate(date);
    if (until !== undefined) checkDate(until);
    const a = yearOf(date);
    const b = until === undefined ? a : yearOf(until);
    const missing: number[] = [];
    for (let y = Math.min(a, b); y <= Math.max(a, b); y++) if (!this.covers(y)) missing.push(y);
    if (!missing.length) return null;
    const range = this.coverage
      ? `${this.coverage.firstYear}–${this.coverage.lastYear} 年`
      : '（无）';
    return `节假日数据仅覆盖 ${range}，${missing.join('、')} 年的放假安排尚未收录，工作日按周一至周五计算，请人工核对截止日期。`;
  }

  /** The reporting calendar's day-counting strategy backed by this table. */
  get counting(): DayCounting {
    return {
      kind: 'WORKING_DAYS',
      dayAfter: (from, n) => {
        if (!Number.isInteger(n) || n < 0) throw new RangeError(`天数必须为非负整数：${n}`);
        return this.addWorkingDays(from, n);
      },
    };
  }
}

let chinese: Promise<WorkingDayCalendar> | null = null;

/**
 * The official Chinese table (holidays and make-up working days from the `chinese-days` package),
 * loaded once and lazily: the data stays out of the bundle of pages that never count working days.
 */
export function loadChineseWorkingDays(): Promise<WorkingDayCalendar> {
  chinese ??= import('./chinese-calendar').then((m) => m.chineseWorkingDays());
  return chinese;
}

export type WorkingDayDeadlineState = 'REMAINING' | 'DUE_TODAY' | 'OVERDUE';

export interface WorkingDayDeadline {
  state: WorkingDayDeadlineState;
  /**
   * REMAINING: working days from today through the due date, both included; DUE_TODAY: 1 (or 0
   * when today is a day off); OVERDUE: working days after the due date up to and including today
   * (0 on the weekend right after a Friday deadline).
   */
  workingDays: number;
  /** "剩余 N 个工作日", "今天截止", "已逾期 N 个工作日" (or "已逾期" within the first day off). */
  label: string;
}

/** Where a deadline stands today, in working days, with its Chinese label. */
export function workingDayDeadline(
  calendar: WorkingDayCalendar,
  today: CalendarDate,
  due: CalendarDate,
): WorkingDayDeadline {
  const order = compareDates(due, today);
  if (order < 0) {
    const late = calendar.workingDaysBetween(due, today);
    return {
      state: 'OVERDUE',
      workingDays: late,
      label: late > 0 ? `已逾期 ${late} 个工作日` : '已逾期',
    };
  }
  const left = calendar.remainingWorkingDays(today, due);
  if (order === 0) return { state: 'DUE_TODAY', workingDays: left, label: '今天截止' };
  if (left === 0) return { state: 'REMAINING', workingDays: 0, label: '截止日前无工作日' };
  return { state: 'REMAINING', workingDays: left, label: `剩余 ${left} 个工作日` };
}

/**
 * The Chinese label of a deadline counted in working days: "剩余 N 个工作日", "今天截止",
 * "已逾期 N 个工作日" (see `workingDayDeadline`).
 */
export function remainingWorkingDaysLabel(
  calendar: WorkingDayCalendar,
  today: CalendarDate,
  due: CalendarDate,
): string {
  return workingDayDeadline(calendar, today, due).label;
}

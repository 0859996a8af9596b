/**
 * Reporting periods (quarters), calendar dates and deadlines in China time.
 *
 * Date representation: a calendar day is a plain string 'YYYY-MM-DD' (`CalendarDate`), never a
 * `Date`. A `Date` is an instant; turning it into a day depends on the time zone, and the server
 * runs in UTC while every deadline is meant in China (Asia/Shanghai, UTC+8 all year, no daylight
 * saving since 1991). So:
 * - days (quarter starts and ends, due dates, deadlines) are `CalendarDate` strings, which sort
 *   correctly as strings, survive JSON and map one-to-one onto a SQL `date` column;
 * - instants (submission time, "now") are `Date`s, and are converted to a China calendar day with
 *   `chinaDateOf` before they are compared with a day;
 * - a due date "2024年4月10日" ends at 2024-04-11T00:00+08:00 = 2024-04-10T16:00Z (exclusive).
 * Nothing here reads the host time zone.
 */

/** A calendar day written 'YYYY-MM-DD' (four-digit year 1000–9999), meant in China time. */
export type CalendarDate = string;

export interface DateParts {
  year: number;
  month: number;
  day: number;
}

export type QuarterNumber = 1 | 2 | 3 | 4;

export type Quarter = { year: number; quarter: QuarterNumber };

/** Offset of China Standard Time from UTC (Asia/Shanghai has no daylight saving). */
export const CHINA_UTC_OFFSET_MINUTES = 8 * 60;

/** Default reporting window: the report is due on the 10th day after the quarter ends. */
export const DEFAULT_DUE_DAYS_AFTER_QUARTER_END = 10;

/** A due date this many days away or fewer (but not passed) counts as "due soon". */
export const DUE_SOON_DAYS = 7;

const MIN_YEAR = 1000;
const MAX_YEAR = 9999;
const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = CHINA_UTC_OFFSET_MINUTES * 60_000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const QUARTER_KEY_PATTERN = /^(\d{4})Q([1-4])$/i;
const QUARTER_ZH = ['一', '二', '三', '四'] as const;

// ---------------------------------------------------------------------------------------------
// Calendar dates
// ---------------------------------------------------------------------------------------------

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days in a month (month 1–12). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** True when the three numbers name a real day (2025-02-30 does not exist, 2024-02-29 does). */
export function isValidDateParts(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    year >= MIN_YEAR &&
    year <= MAX_YEAR &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

/** Splits 'YYYY-MM-DD' into numbers; null when the text is not exactly that form or not a real day. */
export function parseCalendarDate(value: string): DateParts | null {
  const match = DATE_PATTERN.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return isValidDateParts(year, month, day) ? { year, month, day } : null;
}

export function isCalendarDate(value: unknown): value is CalendarDate {
  return typeof value === 'string' && parseCalendarDate(value) !== null;
}

/** Builds 'YYYY-MM-DD'; throws a RangeError for a day that does not exist. */
export function toCalendarDate(year: number, month: number, day: number): CalendarDate {
  if (!isValidDateParts(year, month, day)) {
    throw new RangeError(`无效日期：${year}年${month}月${day}日`);
  }
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}

function requireDate(date: CalendarDate): DateParts {
  const parts = parseCalendarDate(date);
  if (!parts) throw new RangeError(`无效日期：${date}`);
  return parts;
}

function requireInstant(instant: Date): number {
  const time = instant.getTime();
  if (Number.isNaN(time)) throw new RangeError('无效时间');
  return time;
}

/** Days since 1970-01-01 (used only for arithmetic; UTC is just a neutral calendar here). */
function epochDay(date: CalendarDate): number {
  const { year, month, day } = requireDate(date);
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

function fromEpochDay(days: number): CalendarDate {
  const d = new Date(days * DAY_MS);
  return toCalendarDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** The day `days` days after `date` (negative to go back). */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  if (!Number.isInteger(days)) throw new RangeError(`天数必须为整数：${days}`);
  return fromEpochDay(epochDay(date) + days);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function diffDays(to: CalendarDate, from: CalendarDate): number {
  return epochDay(to) - epochDay(from);
}

/** -1, 0 or 1, for sorting. */
export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return Math.sign(diffDays(a, b));
}

/** The China calendar day an instant falls on (2024-03-31T16:30Z is 2024-04-01 in China). */
export function chinaDateOf(instant: Date): CalendarDate {
  const shifted = new Date(requireInstant(instant) + CHINA_OFFSET_MS);
  return toCalendarDate(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate());
}

/**
 * The instants a China calendar day spans: `start` inclusive, `end` exclusive
 * (2024-04-10 → 2024-04-09T16:00Z … 2024-04-10T16:00Z). Use these for database range queries.
 */
export function chinaDayBounds(date: CalendarDate): { start: Date; end: Date } {
  const startMs = epochDay(date) * DAY_MS - CHINA_OFFSET_MS;
  return { start: new Date(startMs), end: new Date(startMs + DAY_MS) };
}

/** '2024-04-10' → '2024年4月10日'; an instant is shown as its China calendar day. */
export function formatDateZh(date: CalendarDate | Date): string {
  const { year, month, day } = requireDate(typeof date === 'string' ? date : chinaDateOf(date));
  return `${year}年${month}月${day}日`;
}

// ---------------------------------------------------------------------------------------------
// Quarters
// ---------------------------------------------------------------------------------------------

export function isQuarter(value: unknown): value is Quarter {
  if (typeof value !== 'object' || value === null) return false;
  const { year, quarter } = value as { year?: unknown; quarter?: unknown };
  return (
    typeof year === 'number' &&
    Number.isInteger(year) &&
    year >= MIN_YEAR &&
    year <= MAX_YEAR &&
    (quarter === 1 || quarter === 2 || quarter === 3 || quarter === 4)
  );
}

/** Builds a quarter from loose numbers; throws a RangeError when it is not one. */
export function makeQuarter(year: number, quarter: number): Quarter {
  const value = { year, quarter };
  if (!isQuarter(value)) throw new RangeError(`无效季度：${year}年第${quarter}季度`);
  return value;
}

function requireQuarter(q: Quarter): Quarter {
  if (!isQuarter(q)) throw new RangeError(`无效季度：${JSON.stringify(q)}`);
  return q;
}

/** '2024Q1' (also '2024q1', surrounding spaces ignored) → { year: 2024, quarter: 1 }; else null. */
export function parseQuarterKey(key: string): Quarter | null {
  const match = QUARTER_KEY_PATTERN.exec(key.trim());
  if (!match) return null;
  const value = { year: Number(match[1]), quarter: Number(match[2]) };
  return isQuarter(value) ? value : null;
}

/** { year: 2024, quarter: 1 } → '2024Q1' (stable key for URLs, database columns and maps). */
export function formatQuarterKey(q: Quarter): string {
  requireQuarter(q);
  return `${q.year}Q${q.quarter}`;
}

/** { year: 2024, quarter: 1 } → '2024年第一季度'. */
export function formatQuarterZh(q: Quarter): string {
  requireQuarter(q);
  return `${q.year}年第${QUARTER_ZH[q.quarter - 1]}季度`;
}

/** The quarter a day belongs to; an instant is taken in China time. */
export function quarterOf(date: CalendarDate | Date): Quarter {
  const { year, month } = requireDate(typeof date === 'string' ? date : chinaDateOf(date));
  return makeQuarter(year, Math.ceil(month / 3));
}

/** First day of the quarter (2024Q2 → '2024-04-01'). */
export function quarterStart(q: Quarter): CalendarDate {
  requireQuarter(q);
  return toCalendarDate(q.year, q.quarter * 3 - 2, 1);
}

/** Last day of the quarter (2024Q1 → '2024-03-31', 2024Q4 → '2024-12-31'). */
export function quarterEnd(q: Quarter): CalendarDate {
  requireQuarter(q);
  const month = q.quarter * 3;
  return toCalendarDate(q.year, month, daysInMonth(q.year, month));
}

/** The due date of a quarter's report: the n-th day after it ends (2024Q1 → '2024-04-10', 2024Q4 → '2025-01-10'). */
export function defaultDueDate(
  q: Quarter,
  daysAfterEnd: number = DEFAULT_DUE_DAYS_AFTER_QUARTER_END,
): CalendarDate {
  if (!Number.isInteger(daysAfterEnd) || daysAfterEnd < 0) {
    throw new RangeError(`截止天数必须为非负整数：${daysAfterEnd}`);
  }
  return addDays(quarterEnd(q), daysAfterEnd);
}

export function previousQuarter(q: Quarter): Quarter {
  requireQuarter(q);
  return q.quarter === 1 ? makeQuarter(q.year - 1, 4) : makeQuarter(q.year, q.quarter - 1);
}

export function nextQuarter(q: Quarter): Quarter {
  requireQuarter(q);
  return q.quarter === 4 ? makeQuarter(q.year + 1, 1) : makeQuarter(q.year, q.quarter + 1);
}

/**
 * The one numeric key of a quarter, year × 10 + quarter (2024Q1 → 20241). Keys sort like the
 * quarters, read well in SQL and logs, and are what database columns store (e.g. the completion
 * rollup's `completed_key`). Use this everywhere a quarter becomes a number.
 */
export function quarterKey(q: Quarter): number {
  requireQuarter(q);
  return q.year * 10 + q.quarter;
}

/** The quarter of a key made by `quarterKey` (20241 → 2024Q1); throws a RangeError otherwise. */
export function quarterFromKey(key: number): Quarter {
  if (!Number.isInteger(key)) throw new RangeError(`无效季度编号：${key}`);
  return makeQuarter(Math.floor(key / 10), key % 10);
}

/** Negative, zero or positive, for sorting. */
export function compareQuarters(a: Quarter, b: Quarter): number {
  return Math.sign(quarterKey(a) - quarterKey(b));
}

export function isSameQuarter(a: Quarter, b: Quarter): boolean {
  return compareQuarters(a, b) === 0;
}

/** Q1–Q4 of a year. */
export function quartersOfYear(year: number): Quarter[] {
  return ([1, 2, 3, 4] as const).map((quarter) => makeQuarter(year, quarter));
}

/** Year to date: Q1 of the same year up to and including `q` (2024Q3 → 2024Q1, 2024Q2, 2024Q3). */
export function quartersUpTo(q: Quarter): Quarter[] {
  requireQuarter(q);
  return quartersOfYear(q.year).filter((item) => item.quarter <= q.quarter);
}

// ---------------------------------------------------------------------------------------------
// Due dates
// ---------------------------------------------------------------------------------------------

export type DueStatus = 'OVERDUE' | 'DUE_TOMORROW' | 'DUE_SOON' | 'OPEN';

export const DUE_STATUS_LABEL: Record<DueStatus, string> = {
  OVERDUE: '已逾期',
  DUE_TOMORROW: '明天截止',
  DUE_SOON: '即将截止',
  OPEN: '未到期',
};

/**
 * Late = submitted after the due day has ended in China time. The due day itself is included:
 * for '2024-04-10', 2024-04-10T15:59:59.999Z (23:59:59.999 in Beijing) is on time, 16:00Z is late.
 */
export function isLate(submittedAt: Date, dueDate: CalendarDate): boolean {
  return requireInstant(submittedAt) >= chinaDayBounds(dueDate).end.getTime();
}

/** Whole China calendar days from today to the due date: 0 on the due day, negative once past. */
export function daysUntilDue(now: Date, dueDate: CalendarDate): number {
  return diffDays(dueDate, chinaDateOf(now));
}

/**
 * Deadline state on the China calendar day of `now`:
 * - OVERDUE: the due day has ended;
 * - DUE_TOMORROW: the due day is tomorrow;
 * - DUE_SOON: the due day is today or 2…`soonDays` days away (use `daysUntilDue` to say "今天截止");
 * - OPEN: further away.
 * Whether the item has already been submitted is the caller's concern.
 */
export function dueStatus(
  now: Date,
  dueDate: CalendarDate,
  soonDays: number = DUE_SOON_DAYS,
): DueStatus {
  const days = daysUntilDue(now, dueDate);
  if (days < 0) return 'OVERDUE';
  if (days === 1) return 'DUE_TOMORROW';
  if (days <= soonDays) return 'DUE_SOON';
  return 'OPEN';
}

/**
 * Deadlines (完成时限) as written in real Chinese task checklists, parsed into a structured value.
 *
 * Forms without a year ('6月底前', '年底前', '上半年', '三季度末') are resolved against the plan year.
 * '…前' ('6月30日前') is read inclusively, as it is meant in official documents: the task is due
 * by the end of that day. A bare 'N月前' is ambiguous (before June starts, or by the end of June?)
 * and is rejected with a hint. Dates are `CalendarDate` strings ('YYYY-MM-DD'), see period.ts.
 */
import {
  CalendarDate,
  daysInMonth,
  formatDateZh,
  isCalendarDate,
  isValidDateParts,
  quarterEnd,
  quartersOfYear,
  toCalendarDate,
} from './period';

export type Recurrence = 'MONTH' | 'QUARTER' | 'HALF_YEAR' | 'YEAR';

export type DateDeadline = { kind: 'DATE'; date: CalendarDate };
export type RecurringDeadline = { kind: 'RECURRING'; every: Recurrence };
/** 持续推进 / 长期坚持 / 全年: due by the end of the year, but progress is evaluated every quarter. */
export type ContinuousDeadline = { kind: 'CONTINUOUS' };
export type InvalidDeadline = { kind: 'INVALID'; message: string };

export type ValidDeadline = DateDeadline | RecurringDeadline | ContinuousDeadline;
export type Deadline = ValidDeadline | InvalidDeadline;

export const RECURRENCE_LABEL: Record<Recurrence, string> = {
  MONTH: '每月',
  QUARTER: '每季度',
  HALF_YEAR: '每半年',
  YEAR: '每年',
};

export const CONTINUOUS_LABEL = '持续推进';

/** How far an explicit year may be from the plan year. */
export const DEADLINE_YEAR_TOLERANCE = 1;

const RECURRENCE_WORDS: ReadonlyArray<readonly [RegExp, Recurrence]> = [
  [/^(?:每个?月|按月|逐月)(?:度)?(?:底|末)?$/, 'MONTH'],
  [/^(?:每个?季度?|按季度?|逐季度?)(?:底|末)?$/, 'QUARTER'],
  [/^(?:每半年|按半年)(?:度)?(?:底|末)?$/, 'HALF_YEAR'],
  [/^(?:每年|按年|逐年)(?:度)?(?:底|末)?$/, 'YEAR'],
];

const CONTINUOUS_PATTERN =
  /^(?:全年|长期|持续|常态化|常年)+(?:推进|坚持|开展|实施|落实|进行)?(?:中)?$/;

// Month / day / quarter numbers may be written in digits or Chinese numerals (六月底, 三季度).
const NUM = '(\\d{1,2}|[一二三四五六七八九十]{1,3})';
const YEAR = '(?:(\\d{4})年)?';
const FULL_DATE_ZH = new RegExp(`^(\\d{4})年${NUM}月${NUM}[日号]?$`);
const FULL_DATE_SEP = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/;
const YEAR_MONTH = new RegExp(`^${YEAR}${NUM}月(底|末|份)?$`);
const MONTH_DAY = new RegExp(`^${NUM}月${NUM}[日号]?$`);
const YEAR_END = /^(?:(\d{4})年)?(?:年底|年末|年内|年度内|底|末|内)$/;
const YEAR_ONLY = /^(\d{4})年度?$/;
const HALF = new RegExp(`^${YEAR}(上|下)半年(?:底|末)?$`);
const QUARTER = new RegExp(`^${YEAR}第?${NUM}季度?(底|末)?$`);

const PREFIX = /^(?:截止到|截止至|截至|截止|最迟于|最迟|于|在)/;
// Relative years, as in '次年1月31日前' (annual reports) or '当年底'.
const NEXT_YEAR_PREFIX = /^(?:次年|明年|翌年|下一年|下年)/;
const THIS_YEAR_PREFIX = /^(?:当年|本年度|本年|今年)/;
const TRAILING_PUNCTUATION = /[。.，,；;、]+$/;
const SUFFIX_DONE = /(?:完成|办结|到位)$/;
const SUFFIX_BEFORE = /(?:之前|以前|前)$/;

/** '六' → 6, '十二' → 12, '三十一' → 31, '12' → 12; null for anything else. */
function parseSmallNumber(text: string): number | null {
  if (/^\d{1,2}$/.test(text)) return Number(text);
  const digits = '一二三四五六七八九';
  const match = /^([一二三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(text);
  if (!match || text === '') return null;
  const [, tens, ten, ones] = match;
  if (!ten) return ones ? null : digits.indexOf(tens ?? '') + 1 || null;
  return (tens ? digits.indexOf(tens) + 1 : 1) * 10 + (ones ? digits.indexOf(ones) + 1 : 0);
}

/** A capture group the pattern always fills when it matches. */
function group(match: RegExpExecArray, index: number): string {
  const text = match[index];
  if (text === undefined) throw new Error(`deadline pattern group ${index} did not capture`);
  return text;
}

function invalid(message: string): InvalidDeadline {
  return { kind: 'INVALID', message };
}

function unrecognised(input: string): InvalidDeadline {
  return invalid(`无法识别的完成时限：${input}`);
}

/**
 * Parses a deadline as written in a checklist. `planYear` is the year of the plan; forms without a
 * year resolve to it, and an explicit year must be within one year of it.
 */
export function parseDeadline(text: string, planYear: number): Deadline {
  if (!Number.isInteger(planYear) || planYear < 1001 || planYear > 9998) {
    throw new RangeError(`无效的计划年度：${planYear}`);
  }
  const original = text.trim();
  if (original === '') return invalid('完成时限不能为空');

  // Full-width digits and punctuation (２０２５／６／３０) become ASCII; spaces are dropped.
  let body = original.normalize('NFKC').replace(/\s+/g, '');
  body = body.replace(TRAILING_PUNCTUATION, '').replace(PREFIX, '').replace(SUFFIX_DONE, '');
  const before = SUFFIX_BEFORE.test(body);
  body = body.replace(SUFFIX_BEFORE, '');
  if (body === '') return unrecognised(original);
  body = body
    .replace(NEXT_YEAR_PREFIX, `${planYear + 1}年`)
    .replace(THIS_YEAR_PREFIX, `${planYear}年`);

  for (const [pattern, every] of RECURRENCE_WORDS) {
    if (pattern.test(body)) return { kind: 'RECURRING', every };
  }
  if (CONTINUOUS_PATTERN.test(body)) return { kind: 'CONTINUOUS' };

  const resolveYear = (written: string | undefined): number =>
    written === undefined ? planYear : Number(written);

  const date = (year: number, month: number | null, day: number | null): Deadline => {
    if (month === null || day === null || month < 1 || month > 12) return unrecognised(original);
    if (Math.abs(year - planYear) > DEADLINE_YEAR_TOLERANCE) {
      return invalid(
        `完成时限“${original}”的年份（${year}年）应在计划年度${planYear}年的前后一年内`,
      );
    }
    if (!isValidDateParts(year, month, day))
      return invalid(`日期不存在：${year}年${month}月${day}日`);
    return { kind: 'DATE', date: toCalendarDate(year, month, day) };
  };
  const monthEnd = (year: number, month: number | null): Deadline =>
    month === null || month < 1 || month > 12
      ? unrecognised(original)
      : date(year, month, daysInMonth(year, month));

  let m = FULL_DATE_ZH.exec(body);
  if (m) {
    return date(Number(group(m, 1)), parseSmallNumber(group(m, 2)), parseSmallNumber(group(m, 3)));
  }

  m = FULL_DATE_SEP.exec(body);
  if (m) return date(Number(group(m, 1)), Number(group(m, 3)), Number(group(m, 4)));

  m = MONTH_DAY.exec(body);
  if (m) return date(planYear, parseSmallNumber(group(m, 1)), parseSmallNumber(group(m, 2)));

  m = YEAR_MONTH.exec(body);
  if (m) {
    const month = parseSmallNumber(group(m, 2));
    if (
      before &&
      (m[3] === undefined || m[3] === '份') &&
      month !== null &&
      month >= 1 &&
      month <= 12
    ) {
      return invalid(
        `完成时限“${original}”含义不明确，请写明具体日期，如“${month}月底前”或“${month}月${daysInMonth(
          resolveYear(m[1]),
          month,
        )}日前”`,
      );
    }
    return monthEnd(resolveYear(m[1]), month);
  }

  m = YEAR_END.exec(body);
  // A lone '底' / '末' / '内' only makes sense after a year ('2025年底').
  if (m && (m[1] !== undefined || body.startsWith('年'))) return date(resolveYear(m[1]), 12, 31);

  m = YEAR_ONLY.exec(body);
  if (m) return date(Number(group(m, 1)), 12, 31);

  m = HALF.exec(body);
  if (m) return monthEnd(resolveYear(m[1]), m[2] === '上' ? 6 : 12);

  m = QUARTER.exec(body);
  if (m) {
    const quarter = parseSmallNumber(group(m, 2));
    if (quarter === null || quarter < 1 || quarter > 4) return unrecognised(original);
    if (before && m[3] === undefined) {
      return invalid(`完成时限“${original}”含义不明确，请写明具体日期，如“${m[2]}季度末前”`);
    }
    return monthEnd(resolveYear(m[1]), quarter * 3);
  }

  return unrecognised(original);
}

/**
 * The final date a deadline falls due in the given (plan) year: the date itself, or the year end
 * for recurring and continuous tasks. Null for an invalid deadline.
 */
export function deadlineDueDate(deadline: ValidDeadline, year: number): CalendarDate;
export function deadlineDueDate(deadline: Deadline, year: number): CalendarDate | null;
export function deadlineDueDate(deadline: Deadline, year: number): CalendarDate | null {
  switch (deadline.kind) {
    case 'DATE':
      return deadline.date;
    case 'RECURRING':
    case 'CONTINUOUS':
      return toCalendarDate(year, 12, 31);
    case 'INVALID':
      return null;
  }
}

/**
 * Every date in the year by which progress is expected: one for a dated task, each period end for
 * a recurring one, each quarter end for a continuous one. Empty for an invalid deadline.
 */
export function deadlineCheckpoints(deadline: Deadline, year: number): CalendarDate[] {
  switch (deadline.kind) {
    case 'DATE':
      return [deadline.date];
    case 'CONTINUOUS':
      return quartersOfYear(year).map(quarterEnd);
    case 'INVALID':
      return [];
    case 'RECURRING': {
      const months: Record<Recurrence, number[]> = {
        MONTH: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
        QUARTER: [3, 6, 9, 12],
        HALF_YEAR: [6, 12],
        YEAR: [12],
      };
      return months[deadline.every].map((month) =>
        toCalendarDate(year, month, daysInMonth(year, month)),
      );
    }
  }
}

/** Chinese text for a deadline: '2025年6月30日', '每季度', '持续推进'; the error message if invalid. */
export function formatDeadlineZh(deadline: Deadline): string {
  switch (deadline.kind) {
    case 'DATE':
      return formatDateZh(deadline.date);
    case 'RECURRING':
      return RECURRENCE_LABEL[deadline.every];
    case 'CONTINUOUS':
      return CONTINUOUS_LABEL;
    case 'INVALID':
      return deadline.message;
  }
}

/** Checks a stored value (e.g. JSON from the database) is a well-formed valid deadline. */
export function isValidDeadline(value: unknown): value is ValidDeadline {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { kind?: unknown; date?: unknown; every?: unknown };
  switch (v.kind) {
    case 'DATE':
      return isCalendarDate(v.date);
    case 'RECURRING':
      return (
        typeof v.every === 'string' &&
        Object.prototype.hasOwnProperty.call(RECURRENCE_LABEL, v.every)
      );
    case 'CONTINUOUS':
      return true;
    default:
      return false;
  }
}

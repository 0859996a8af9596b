import { AppError } from '@sunshine/api/core';
import { chinaDateOf, quarterOf } from '@sunshine/shared/domain';

const YEAR = /^\d{4}$/;
const QUARTER = /^[1-4]$/;

/** A year from a query string or path (2000–2100), BAD_USER_INPUT otherwise. */
export function parseYear(raw: unknown): number {
  const year = typeof raw === 'string' && YEAR.test(raw) ? Number(raw) : Number.NaN;
  if (!(year >= 2000 && year <= 2100))
    throw AppError.badInput('BAD_YEAR', '年度应为 2000–2100 的四位数字');
  return year;
}

/** A quarter 1–4 from a query string, BAD_USER_INPUT otherwise; absent: `fallback`. */
export function parseQuarter(raw: unknown, fallback: number | null): number | null {
  if (raw === undefined || raw === '') return fallback;
  if (typeof raw !== 'string' || !QUARTER.test(raw))
    throw AppError.badInput('BAD_QUARTER', '季度应为 1–4');
  return Number(raw);
}

/**
 * `?year=&quarter=` of a letter: both optional, defaulting to the business day's quarter; a past
 * year without a quarter means its fourth quarter.
 */
export function letterPeriod(
  query: { year?: unknown; quarter?: unknown },
  now: Date,
): { year: number; quarter: number } {
  const current = quarterOf(chinaDateOf(now));
  const year = query.year === undefined || query.year === '' ? current.year : parseYear(query.year);
  const fallback = year === current.year ? current.quarter : 4;
  return { year, quarter: parseQuarter(query.quarter, fallback) ?? fallback };
}

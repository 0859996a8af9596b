/** Longest title the product stores: plans, tasks and notifications (varchar(200)). */
export const TITLE_MAX_LENGTH = 200;

export const ELLIPSIS = '…';

/** Length in characters (code points), as PostgreSQL counts varchar. */
export function textLength(text: string): number {
  return [...text].length;
}

/**
 * Fits a text into `max` characters: unchanged when it fits, otherwise cut on a character boundary
 * and ended with an ellipsis (the ellipsis counts toward `max`).
 */
export function clipTitle(text: string, max: number = TITLE_MAX_LENGTH): string {
  if (max <= 0) return '';
  const chars = [...text];
  if (chars.length <= max) return text;
  return chars.slice(0, max - 1).join('') + ELLIPSIS;
}

/**
 * A generated title `prefix + subject + suffix` that fits `max` characters: the fixed parts are
 * kept and the subject (a plan or task title, which may itself be at its maximum) is clipped.
 */
export function composeTitle(
  prefix: string,
  subject: string,
  suffix = '',
  max: number = TITLE_MAX_LENGTH,
): string {
  const room = max - textLength(prefix) - textLength(suffix);
  if (room <= 0) return clipTitle(prefix + subject + suffix, max);
  return prefix + clipTitle(subject, room) + suffix;
}

/** Largest target or actual value a task or report stores (numeric(12,2)). */
export const MAX_MEASURE_VALUE = 9_999_999_999.99;

/** Longest name of one lead or cooperating department of a task. */
export const DEPARTMENT_MAX_LENGTH = 50;

/** Most lead or cooperating departments of one task. */
export const DEPARTMENTS_MAX = 20;

import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { ORG_LEVEL_LABEL, ROLE_LABEL, type OrgLevel, type Role } from '@sunshine/shared/domain';

export type DateInput = string | number | Date | null | undefined;

// Chinese month and weekday names for dayjs and for antd's date pickers, which use this dayjs.
dayjs.locale('zh-cn');

const EMPTY = '—';
const QUARTER_NAMES = ['第一季度', '第二季度', '第三季度', '第四季度'] as const;

function toDayjs(value: DateInput): dayjs.Dayjs | null {
  if (value === null || value === undefined || value === '') return null;
  const parsed = dayjs(value);
  return parsed.isValid() ? parsed : null;
}

/** 2024年4月10日 (local time). */
export function formatDate(value: DateInput, fallback = EMPTY): string {
  return toDayjs(value)?.format('YYYY年M月D日') ?? fallback;
}

/** 2024年4月10日 09:05 (local time). */
export function formatDateTime(value: DateInput, fallback = EMPTY): string {
  return toDayjs(value)?.format('YYYY年M月D日 HH:mm') ?? fallback;
}

/** 2024年4月10日 09:05:07, for audit records. */
export function formatDateTimeSeconds(value: DateInput, fallback = EMPTY): string {
  return toDayjs(value)?.format('YYYY年M月D日 HH:mm:ss') ?? fallback;
}

/** '2024Q1' or (2024, 1) -> 2024年第一季度. Returns the input unchanged when it is not a quarter. */
export function formatQuarter(period: string): string;
export function formatQuarter(year: number, quarter: number): string;
export function formatQuarter(periodOrYear: string | number, quarter?: number): string {
  let year: number;
  let q: number;
  if (typeof periodOrYear === 'number') {
    year = periodOrYear;
    q = quarter ?? 0;
  } else {
    const match = /^(\d{4})-?Q([1-4])$/i.exec(periodOrYear.trim());
    if (!match) return periodOrYear;
    year = Number(match[1]);
    q = Number(match[2]);
  }
  const name = QUARTER_NAMES[q - 1];
  return name ? `${year}年${name}` : String(periodOrYear);
}

/** 省级 / 市级 / 县级 (and 国家 for a national root). Unknown levels are shown as sent. */
export function orgLevelLabel(level: string): string {
  return (ORG_LEVEL_LABEL as Record<string, string | undefined>)[level] ?? level;
}

/** 管理员, 领导, 填报员, 审核人, 第三方测评, 审计管理员. */
export function roleLabel(role: string): string {
  return (ROLE_LABEL as Record<string, string | undefined>)[role] ?? role;
}

export function roleLabels(roles: readonly string[]): string[] {
  return roles.map(roleLabel);
}

export function isOrgLevel(value: string): value is OrgLevel {
  return value in ORG_LEVEL_LABEL;
}

export function isRole(value: string): value is Role {
  return value in ROLE_LABEL;
}

/** 1234 -> 1,234 (Chinese grouping as used in official reports). */
export function formatCount(value: number | null | undefined, fallback = EMPTY): string {
  if (value === null || value === undefined || Number.isNaN(value)) return fallback;
  return value.toLocaleString('zh-CN');
}

/** A 0–1 ratio as a percentage with one decimal: 0.5914 -> 59.1%. */
export function formatPercent(rate: number | null | undefined, fallback = EMPTY): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return fallback;
  return `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

/** A ratio as a percentage number with one decimal, for progress bars: 0.5914 -> 59.1. */
export function percentValue(rate: number | null | undefined): number {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return 0;
  return Math.min(100, Math.max(0, Math.round(rate * 1000) / 10));
}

/** Numerator and denominator with Chinese grouping: 958 / 1,620. */
export function formatFraction(numerator: number, denominator: number): string {
  return `${formatCount(numerator)} / ${formatCount(denominator)}`;
}

/**
 * A calendar day sent as 'YYYY-MM-DD' (a due date, a deadline) in Chinese form, read as written:
 * no time zone is involved. Other values go through formatDate.
 */
export function formatDay(value: string | null | undefined, fallback = EMPTY): string {
  if (!value) return fallback;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return formatDate(value, fallback);
  return `${Number(match[1])}年${Number(match[2])}月${Number(match[3])}日`;
}

/** Whether a deadline's own text already names its due date (2026年4月30日, 2026-04-30, 2026.4.30). */
export function deadlineNamesDate(
  text: string | null | undefined,
  dueDate: string | null | undefined,
): boolean {
  const due = dueDate ? /^(\d{4})-(\d{2})-(\d{2})/.exec(dueDate) : null;
  if (!text || !due) return false;
  const named = /(\d{4})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})/.exec(text);
  return (
    !!named &&
    Number(named[1]) === Number(due[1]) &&
    Number(named[2]) === Number(due[2]) &&
    Number(named[3]) === Number(due[3])
  );
}

/**
 * A task's deadline as written, with its due date when the text does not already say it:
 * 年底前（2025年12月31日）, but 2026年4月30日 once, never 2026年4月30日（2026年4月30日）.
 */
export function formatDeadline(
  text: string | null | undefined,
  dueDate: string | null | undefined,
): string {
  const written = text?.trim() ?? '';
  if (!dueDate) return written || EMPTY;
  if (!written) return formatDay(dueDate);
  return deadlineNamesDate(written, dueDate) ? written : `${written}（${formatDay(dueDate)}）`;
}

/** 1536 -> 1.5 KB; bytes below 1 KB as 字节. */
export function formatFileSize(bytes: number | null | undefined, fallback = EMPTY): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes) || bytes < 0)
    return fallback;
  if (bytes < 1024) return `${bytes} 字节`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value >= 100 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

import { type AnnualReportFormat, annualCell } from './annual-report-format';

/**
 * The identity engine of the annual disclosure report (勾稽关系): pure, run by the form as the user
 * types and by the server before a report may be submitted. Every rule has a stable id
 * `<FAMILY>:<scope>`; a failed rule names its cells and says what is wrong in Chinese.
 */

/** A report's table values by cell key; a missing or null cell counts as 0 in the sums. */
export type AnnualCellValues = Readonly<Record<string, number | null | undefined>>;

export type AnnualCheckSeverity = 'ERROR' | 'WARNING';

export interface AnnualCheck {
  rule: string;
  cells: string[];
  message: string;
  severity: AnnualCheckSeverity;
}

/** A sum identity: the terms add up to the total. */
export interface AnnualSumRule {
  id: string;
  family: 'T3_RESULT_SUM' | 'T3_BALANCE' | 'T3_ROW_SUM' | 'T4_SUM';
  /** Left side of the identity. */
  left: string[];
  /** Right side of the identity. */
  right: string[];
  describe: (left: number, right: number) => string;
}

export const ANNUAL_RULE_FAMILIES = {
  T3_RESULT_SUM: '表三每列：各项办理结果之和等于（七）总计',
  T3_BALANCE: '表三每列：本年新收＋上年结转＝办理结果总计＋结转下年度',
  T3_ROW_SUM: '表三每行：自然人与法人或其他组织五项之和等于总计',
  T4_SUM: '表四：结果维持＋结果纠正＋其他结果＋尚未审结＝总计',
  CARRIED_IN: '表三本年上年结转等于上年度报告的结转下年度继续办理',
  COUNT_INTEGER: '件数为非负整数',
  AMOUNT_CENTS: '金额为非负数，最多两位小数',
} as const;
export type AnnualRuleFamily = keyof typeof ANNUAL_RULE_FAMILIES;

const RESULT_ROWS = [
  'disclosed',
  'partial',
  ...[1, 2, 3, 4, 5, 6, 7, 8].map((i) => `withheld${i}`),
  ...[1, 2, 3].map((i) => `unavailable${i}`),
  ...[1, 2, 3, 4, 5].map((i) => `rejected${i}`),
  ...[1, 2, 3].map((i) => `otherHandling${i}`),
];

const memo = new WeakMap<AnnualReportFormat, AnnualSumRule[]>();

/** The sum identities of a format, in the order of the printed tables. */
export function annualSumRules(format: AnnualReportFormat): AnnualSumRule[] {
  const known = memo.get(format);
  if (known) return known;
  const rules: AnnualSumRule[] = [];
  const t3 = format.table3;
  const parts = t3.columns.filter((c) => c.key !== 'total');
  for (const col of t3.columns) {
    const name = col.group ? `${col.group}·${col.label}` : col.label;
    rules.push({
      id: `T3_RESULT_SUM:${col.key}`,
      family: 'T3_RESULT_SUM',
      left: RESULT_ROWS.map((row) => `t3.${row}.${col.key}`),
      right: [`t3.resultTotal.${col.key}`],
      describe: (l, rt) =>
        `表三「${name}」列：予以公开、部分公开、不予公开、无法提供、不予处理、其他处理之和为 ${l}，与（七）总计 ${rt} 不符`,
    });
  }
  for (const col of t3.columns) {
    const name = col.group ? `${col.group}·${col.label}` : col.label;
    rules.push({
      id: `T3_BALANCE:${col.key}`,
      family: 'T3_BALANCE',
      left: [`t3.received.${col.key}`, `t3.carriedIn.${col.key}`],
      right: [`t3.resultTotal.${col.key}`, `t3.carriedOut.${col.key}`],
      describe: (l, rt) =>
        `表三「${name}」列：本年新收＋上年结转为 ${l}，与办理结果总计＋结转下年度继续办理 ${rt} 不符`,
    });
  }
  for (const row of t3.rows.filter((x) => !x.heading)) {
    rules.push({
      id: `T3_ROW_SUM:${row.key}`,
      family: 'T3_ROW_SUM',
      left: parts.map((c) => `t3.${row.key}.${c.key}`),
      right: [`t3.${row.key}.total`],
      describe: (l, rt) =>
        `表三「${row.number}${shortLabel(row.label)}」行：自然人与法人或其他组织各项之和为 ${l}，与总计 ${rt} 不符`,
    });
  }
  for (const group of format.table4.groups) {
    const name = group.parent ? `${group.parent}·${group.label}` : group.label;
    rules.push({
      id: `T4_SUM:${group.key}`,
      family: 'T4_SUM',
      left: ['upheld', 'corrected', 'other', 'pending'].map((c) => `t4.${group.key}.${c}`),
      right: [`t4.${group.key}.total`],
      describe: (l, rt) =>
        `表四「${name}」：结果维持、结果纠正、其他结果、尚未审结之和为 ${l}，与总计 ${rt} 不符`,
    });
  }
  memo.set(format, rules);
  return rules;
}

function shortLabel(label: string): string {
  const i = label.indexOf('（');
  return i > 0 ? label.slice(0, i) : label;
}

/**
 * The number of concrete rules a report of this format is checked against (hard rules only):
 * every sum identity, the carried-over check per 表三 column, and one value rule per cell.
 */
export function annualRuleCount(format: AnnualReportFormat): {
  identities: number;
  carriedIn: number;
  values: number;
  total: number;
} {
  const identities = annualSumRules(format).length;
  const carriedIn = format.table3.columns.length;
  const values = format.cells.length;
  return { identities, carriedIn, values, total: identities + carriedIn + values };
}

export function cellValue(values: AnnualCellValues, key: string): number {
  const v = values[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

/** Whole cents of an amount (万元 with two decimals), robust to binary fractions (0.1 + 0.2). */
export function amountCents(value: number): number {
  return Math.round(value * 100);
}

/** True when the amount has at most two decimals. */
export function hasAtMostTwoDecimals(value: number): boolean {
  return Math.abs(value * 100 - Math.round(value * 100)) < 1e-6;
}

/** An amount rounded to two decimals (for display and for sums of amounts). */
export function roundAmount(value: number): number {
  return amountCents(value) / 100;
}

/** The hard value rules: counts are non-negative integers, amounts non-negative with 2 decimals. */
export function checkAnnualValues(
  format: AnnualReportFormat,
  values: AnnualCellValues,
): AnnualCheck[] {
  const checks: AnnualCheck[] = [];
  for (const cell of format.cells) {
    const v = values[cell.key];
    if (v === null || v === undefined) continue;
    if (cell.kind === 'count') {
      if (!Number.isInteger(v) || v < 0) {
        checks.push({
          rule: `COUNT_INTEGER:${cell.key}`,
          cells: [cell.key],
          message: `${cell.label}：应填写非负整数（当前为 ${v}）`,
          severity: 'ERROR',
        });
      }
    } else if (!Number.isFinite(v) || v < 0 || !hasAtMostTwoDecimals(v)) {
      checks.push({
        rule: `AMOUNT_CENTS:${cell.key}`,
        cells: [cell.key],
        message: `${cell.label}：应填写非负金额，最多保留两位小数（当前为 ${v}）`,
        severity: 'ERROR',
      });
    }
  }
  return checks;
}

/** The sum identities that fail. */
export function checkAnnualIdentities(
  format: AnnualReportFormat,
  values: AnnualCellValues,
): AnnualCheck[] {
  const checks: AnnualCheck[] = [];
  for (const rule of annualSumRules(format)) {
    const l = rule.left.reduce((s, k) => s + cellValue(values, k), 0);
    const rt = rule.right.reduce((s, k) => s + cellValue(values, k), 0);
    if (l !== rt) {
      checks.push({
        rule: rule.id,
        cells: [...rule.left, ...rule.right],
        message: rule.describe(l, rt),
        severity: 'ERROR',
      });
    }
  }
  return checks;
}

/** This year's 上年结转 as prefilled from last year's 结转下年度继续办理. */
export function carriedInFromPrevious(
  format: AnnualReportFormat,
  previous: AnnualCellValues,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const col of format.table3.columns)
    out[`t3.carriedIn.${col.key}`] = cellValue(previous, `t3.carriedOut.${col.key}`);
  return out;
}

/** 上年结转 differing from last year's 结转下年度 (only when last year's report exists). */
export function checkCarriedIn(
  format: AnnualReportFormat,
  values: AnnualCellValues,
  previous: AnnualCellValues | null | undefined,
): AnnualCheck[] {
  if (!previous) return [];
  const checks: AnnualCheck[] = [];
  for (const col of format.table3.columns) {
    const key = `t3.carriedIn.${col.key}`;
    const expected = cellValue(previous, `t3.carriedOut.${col.key}`);
    const actual = cellValue(values, key);
    if (actual !== expected) {
      const name = col.group ? `${col.group}·${col.label}` : col.label;
      checks.push({
        rule: `CARRIED_IN:${col.key}`,
        cells: [key],
        message: `表三「${name}」列：上年结转 ${actual} 与上年度报告的结转下年度继续办理 ${expected} 不一致`,
        severity: 'ERROR',
      });
    }
  }
  return checks;
}

/** The cell keys of the format that appear in the values map with a key the format lacks. */
export function unknownAnnualCells(
  format: AnnualReportFormat,
  values: Record<string, unknown>,
): string[] {
  return Object.keys(values).filter((k) => !annualCell(format, k));
}

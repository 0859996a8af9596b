import {
  type AnnualReportFormat,
  NO_APPLICATIONS_SENTENCE,
  annualTableKeys,
} from './annual-report-format';
import {
  type AnnualCellValues,
  type AnnualCheck,
  amountCents,
  cellValue,
  checkAnnualIdentities,
  checkAnnualValues,
  checkCarriedIn,
} from './annual-report-rules';

/** The text sections of a report: 一 总体情况, 五 存在的主要问题及改进情况, 六 其他需要报告的事项. */
export interface AnnualSections {
  overview: string;
  problems: string;
  other: string;
}

export interface AnnualCheckInput {
  format: AnnualReportFormat;
  values: AnnualCellValues;
  sections?: AnnualSections | null;
  /** Last year's report's values, when there is one. */
  previous?: AnnualCellValues | null;
}

/** Every check of a report: hard rules (ERROR) first, then the warnings. */
export function checkAnnualReport(input: AnnualCheckInput): AnnualCheck[] {
  const { format, values, sections, previous } = input;
  return [
    ...checkAnnualValues(format, values),
    ...checkAnnualIdentities(format, values),
    ...checkCarriedIn(format, values, previous),
    ...checkTextNumbers(values, sections),
    ...checkAllZero(format, values, sections),
    ...checkYearOnYear(format, values, previous),
  ];
}

export function failingRules(checks: readonly AnnualCheck[]): AnnualCheck[] {
  return checks.filter((c) => c.severity === 'ERROR');
}

/** Cell key → the messages of the checks naming it (for highlighting a grid). */
export function checksByCell(checks: readonly AnnualCheck[]): Map<string, AnnualCheck[]> {
  const map = new Map<string, AnnualCheck[]>();
  for (const check of checks) {
    for (const cell of check.cells) map.set(cell, [...(map.get(cell) ?? []), check]);
  }
  return map;
}

const CN_DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** 3, 12, 三, 十二, 二十, 二十三 → number; anything else → null. */
export function parseQuotedNumber(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  if (!/^[零〇一二两三四五六七八九十]+$/.test(text)) return null;
  const ten = text.indexOf('十');
  if (ten < 0) return text.length === 1 ? (CN_DIGITS[text] ?? null) : null;
  const tens = ten === 0 ? 1 : CN_DIGITS[text.slice(0, ten)];
  const ones = ten === text.length - 1 ? 0 : CN_DIGITS[text.slice(ten + 1)];
  return tens === undefined || ones === undefined ? null : tens * 10 + ones;
}

const NUM = '(\\d+|[零〇一二两三四五六七八九十]+)';

/** Phrases a report's text quotes numbers with, and the table cells they should agree with. */
const QUOTES: { what: string; pattern: RegExp; cells: string[] }[] = [
  {
    what: '收到政府信息公开申请',
    pattern: new RegExp(
      `(?:收到|新收|受理)[^。；，,\\d]{0,8}申请[^。；，,\\d]{0,6}?${NUM}\\s*[件份个条]`,
      'g',
    ),
    cells: ['t3.received.total'],
  },
  {
    what: '予以公开',
    pattern: new RegExp(`予以公开[^。；，,\\d]{0,4}?${NUM}\\s*[件份个条]`, 'g'),
    cells: ['t3.disclosed.total'],
  },
  {
    what: '行政复议',
    pattern: new RegExp(`行政复议[^。；，,\\d]{0,6}?${NUM}\\s*[件起个]`, 'g'),
    cells: ['t4.reconsideration.total'],
  },
  {
    what: '行政诉讼',
    pattern: new RegExp(`行政诉讼[^。；，,\\d]{0,6}?${NUM}\\s*[件起个]`, 'g'),
    cells: ['t4.litigationDirect.total', 't4.litigationAfter.total'],
  },
  {
    what: '制发行政规范性文件',
    pattern: new RegExp(
      `(?:制发|印发|出台)[^。；，,\\d]{0,6}规范性文件[^。；，,\\d]{0,4}?${NUM}\\s*[件份个]`,
      'g',
    ),
    cells: ['t2.normative.issued'],
  },
];

/** Numbers quoted in the text sections that differ from the tables (a warning, not an error). */
export function checkTextNumbers(
  values: AnnualCellValues,
  sections: AnnualSections | null | undefined,
): AnnualCheck[] {
  if (!sections) return [];
  const text = [sections.overview, sections.problems, sections.other].join('\n');
  const checks: AnnualCheck[] = [];
  for (const quote of QUOTES) {
    const table = quote.cells.reduce((s, k) => s + cellValue(values, k), 0);
    const seen = new Set<number>();
    for (const match of text.matchAll(quote.pattern)) {
      const quoted = parseQuotedNumber(match[1] ?? '');
      if (quoted === null || quoted === table || seen.has(quoted)) continue;
      seen.add(quoted);
      checks.push({
        rule: `TEXT_MISMATCH:${quote.cells[0]}`,
        cells: quote.cells,
        message: `正文“${match[0]}”与表格（${quote.what} ${table}）不一致，请核对（正文如含备案等其他口径可忽略）`,
        severity: 'WARNING',
      });
    }
  }
  const received = cellValue(values, 't3.received.total');
  if (text.includes('未收到政府信息公开申请') && received > 0) {
    checks.push({
      rule: 'TEXT_MISMATCH:t3.received.total',
      cells: ['t3.received.total'],
      message: `正文称“未收到政府信息公开申请”，但表三本年新收为 ${received}`,
      severity: 'WARNING',
    });
  }
  return checks;
}

/** 表三 all zero: offers the sentence for a year without applications. */
export function checkAllZero(
  format: AnnualReportFormat,
  values: AnnualCellValues,
  sections: AnnualSections | null | undefined,
): AnnualCheck[] {
  const keys = annualTableKeys(format, 'table3');
  if (keys.some((k) => cellValue(values, k) !== 0)) return [];
  if (sections && sections.overview.includes(NO_APPLICATIONS_SENTENCE.replace('。', ''))) return [];
  return [
    {
      rule: 'ALL_ZERO:table3',
      cells: [],
      message: `表三全部为零：可在总体情况中一键填入“${NO_APPLICATIONS_SENTENCE.replace('。', '')}”`,
      severity: 'WARNING',
    },
  ];
}

/** The cells compared year on year: 表二 and the totals of 表三 and 表四. */
function yearOnYearCells(format: AnnualReportFormat): string[] {
  return [
    ...annualTableKeys(format, 'table2'),
    't3.received.total',
    't3.resultTotal.total',
    ...format.table4.groups.map((g) => `t4.${g.key}.total`),
  ];
}

/**
 * A change of more than ×3 against last year. Small numbers are left alone: the smaller value
 * counts as at least 1, so 0 → 3 passes and 0 → 4 or 1 → 4 is flagged.
 */
export function checkYearOnYear(
  format: AnnualReportFormat,
  values: AnnualCellValues,
  previous: AnnualCellValues | null | undefined,
): AnnualCheck[] {
  if (!previous) return [];
  const checks: AnnualCheck[] = [];
  for (const key of yearOnYearCells(format)) {
    const now = cellValue(values, key);
    const before = cellValue(previous, key);
    const hi = Math.max(now, before);
    const lo = Math.max(Math.min(now, before), 1);
    if (hi > 3 * lo) {
      const cell = format.cells.find((c) => c.key === key);
      checks.push({
        rule: `YEAR_ON_YEAR:${key}`,
        cells: [key],
        message: `${cell?.label ?? key}：本年 ${now}，上年 ${before}，变化超过 3 倍，请核对`,
        severity: 'WARNING',
      });
    }
  }
  return checks;
}

/** Every cell of the format set to 0 (the one-click fill of an all-zero year). */
export function zeroAnnualValues(format: AnnualReportFormat): Record<string, number> {
  return Object.fromEntries(format.cells.map((c) => [c.key, 0]));
}

/** The cell-by-cell sum of several reports; amounts are summed in whole cents. */
export function sumAnnualValues(
  format: AnnualReportFormat,
  reports: readonly AnnualCellValues[],
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const cell of format.cells) {
    if (cell.kind === 'amount') {
      out[cell.key] = reports.reduce((s, v) => s + amountCents(cellValue(v, cell.key)), 0) / 100;
    } else {
      out[cell.key] = reports.reduce((s, v) => s + cellValue(v, cell.key), 0);
    }
  }
  return out;
}

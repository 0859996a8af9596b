/** Pure helpers of the 年报统计 page (tested without a browser). */

export interface CellEntry {
  key: string;
  value: number | null;
}

/** The API's cell list as the layout's value map. */
export function cellMap(cells: readonly CellEntry[] | null | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of cells ?? []) out[c.key] = c.value ?? 0;
  return out;
}

/** The figures compared city by city, year on year. */
export const KEY_FIGURES: ReadonlyArray<{ label: string; keys: readonly string[] }> = [
  { label: '新收申请', keys: ['t3.received.total'] },
  { label: '予以公开', keys: ['t3.disclosed.total'] },
  { label: '结转下年度', keys: ['t3.carriedOut.total'] },
  { label: '行政复议', keys: ['t4.reconsideration.total'] },
  { label: '行政诉讼', keys: ['t4.litigationDirect.total', 't4.litigationAfter.total'] },
  { label: '制发规范性文件', keys: ['t2.normative.issued'] },
];

export function figure(values: Record<string, number>, keys: readonly string[]): number {
  return keys.reduce((s, k) => s + (values[k] ?? 0), 0);
}

/** Year on year as shown next to a figure: +2, −1, 持平; '' without last year's reports. */
export function yearOnYear(now: number, before: number | null): string {
  if (before === null) return '';
  const d = now - before;
  if (d === 0) return '持平';
  return d > 0 ? `+${d}` : `−${-d}`;
}

export interface CompletionCounts {
  expected: number;
  submitted: number;
  accepted: number;
  late: number;
  failingChecks: number;
  returned: number;
}

/** Reports not submitted yet (drafts, returned, never started). */
export function missing(c: CompletionCounts): number {
  return Math.max(0, c.expected - c.submitted);
}

/** 已提交 of 应报 as a percentage with no decimals; 0 when nothing is expected. */
export function submittedRate(c: CompletionCounts): number {
  return c.expected === 0 ? 0 : Math.round((c.submitted / c.expected) * 100);
}

const RULE_FAMILY_LABELS: Record<string, string> = {
  T3_RESULT_SUM: '表三办理结果合计',
  T3_BALANCE: '表三收支平衡',
  T3_ROW_SUM: '表三申请人合计',
  T4_SUM: '表四合计',
  CARRIED_IN: '上年结转',
  COUNT_INTEGER: '件数',
  AMOUNT_CENTS: '金额',
};

/** Failing rules named by family, with counts: "表三收支平衡 ×2、表四合计". */
export function describeRules(rules: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const r of rules) {
    const family = r.split(':')[0] ?? r;
    const label = RULE_FAMILY_LABELS[family] ?? family;
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return [...counts].map(([l, n]) => (n > 1 ? `${l} ×${n}` : l)).join('、');
}

import {
  ANNUAL_REPORT_STATUS_LABELS,
  NO_APPLICATIONS_SENTENCE,
  zeroAnnualValues,
  type AnnualCheck,
  type AnnualReportFormat,
  type AnnualReportStatus,
  type AnnualRow,
} from '@sunshine/shared/domain';

/** A report's table values as the form edits them: cell key → number, blank as null. */
export type FormValues = Record<string, number | null>;

export interface CellItem {
  key: string;
  value?: number | null;
}

export function valuesFromCells(...lists: ReadonlyArray<readonly CellItem[]>): FormValues {
  const out: FormValues = {};
  for (const list of lists) for (const c of list) out[c.key] = c.value ?? null;
  return out;
}

/** The save input's cell list: every cell of the format, blank ones as null. */
export function cellsInput(
  format: AnnualReportFormat,
  values: FormValues,
): Array<{ key: string; value: number | null }> {
  return format.cells.map((c) => ({ key: c.key, value: values[c.key] ?? null }));
}

/** Blank cells filled with 0, typed ones kept (the one-click fill of a quiet year). */
export function fillZeros(format: AnnualReportFormat, values: FormValues): FormValues {
  const out: FormValues = { ...zeroAnnualValues(format) };
  for (const [k, v] of Object.entries(values)) if (v !== null && v !== undefined) out[k] = v;
  return out;
}

/** The overview with the no-application sentence appended (once). */
export function withNoApplications(overview: string): string {
  if (overview.includes(NO_APPLICATIONS_SENTENCE.replace('。', ''))) return overview;
  const text = overview.trimEnd();
  return text
    ? `${text}${/[。！？]$/.test(text) ? '' : '。'}${NO_APPLICATIONS_SENTENCE}`
    : NO_APPLICATIONS_SENTENCE;
}

export interface CellProblem {
  severity: 'ERROR' | 'WARNING';
  messages: string[];
}

/** Cell key → its worst severity and every message naming it. */
export function cellProblems(checks: readonly AnnualCheck[]): Map<string, CellProblem> {
  const out = new Map<string, CellProblem>();
  for (const check of checks) {
    for (const key of check.cells) {
      const p = out.get(key) ?? { severity: check.severity, messages: [] };
      if (check.severity === 'ERROR') p.severity = 'ERROR';
      if (!p.messages.includes(check.message)) p.messages.push(check.message);
      out.set(key, p);
    }
  }
  return out;
}

/** A label cell of 表三's three label columns, with its spans (the national template's merges). */
export interface LabelCell {
  text: string;
  rowSpan: number;
  colSpan: number;
  heading?: boolean;
}

export interface Table3RowPlan {
  row: AnnualRow;
  labels: LabelCell[];
}

/**
 * 表三 as the national template lays it out: three label columns; 三、本年度办理结果 spans the
 * result rows in the first column; (三)…(六) span their numbered reasons in the second column.
 */
export function table3Plan(format: AnnualReportFormat): Table3RowPlan[] {
  const rows = format.table3.rows;
  const plan: Table3RowPlan[] = [];
  let pendingResults: AnnualRow | null = null;
  let pendingGroup: AnnualRow | null = null;
  const resultsSpan = (i: number): number => {
    let n = 0;
    for (let j = i + 1; j < rows.length && rows[j]!.level > 0; j++) if (!rows[j]!.heading) n++;
    return n;
  };
  const groupSpan = (i: number): number => {
    let n = 0;
    for (let j = i + 1; j < rows.length && rows[j]!.level === 2; j++) n++;
    return n;
  };
  const spans = new Map<string, number>();
  rows.forEach((r, i) => {
    if (r.heading && r.level === 0) spans.set(r.key, resultsSpan(i));
    if (r.heading && r.level === 1) spans.set(r.key, groupSpan(i));
  });
  for (const row of rows) {
    if (row.heading) {
      if (row.level === 0) pendingResults = row;
      else pendingGroup = row;
      continue;
    }
    const labels: LabelCell[] = [];
    if (pendingResults) {
      labels.push({
        text: `${pendingResults.number}${pendingResults.label}`,
        rowSpan: spans.get(pendingResults.key) ?? 1,
        colSpan: 1,
        heading: true,
      });
      pendingResults = null;
    }
    if (row.level === 0) {
      labels.push({ text: `${row.number}${row.label}`, rowSpan: 1, colSpan: 3 });
    } else if (row.level === 1) {
      labels.push({ text: `${row.number}${row.label}`, rowSpan: 1, colSpan: 2 });
    } else {
      if (pendingGroup) {
        labels.push({
          text: `${pendingGroup.number}${pendingGroup.label}`,
          rowSpan: spans.get(pendingGroup.key) ?? 1,
          colSpan: 1,
          heading: true,
        });
        pendingGroup = null;
      }
      labels.push({ text: `${row.number}${row.label}`, rowSpan: 1, colSpan: 1 });
    }
    plan.push({ row, labels });
  }
  return plan;
}

export const STATUS_COLOR: Record<AnnualReportStatus, string> = {
  DRAFT: 'default',
  SUBMITTED: 'processing',
  APPROVED: 'cyan',
  ACCEPTED: 'success',
  RETURNED: 'error',
};

export function statusLabel(status: string): string {
  return ANNUAL_REPORT_STATUS_LABELS[status as AnnualReportStatus] ?? status;
}

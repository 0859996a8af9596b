/**
 * Reads the annual report's tables from a workbook in the national template's layout. Each table
 * is found by its labels wherever it sits (any sheet, any offset: a title row more or less, the
 * tables pasted from Word onto one sheet), then every value cell is read at its place in the
 * layout. Pure: the workbook arrives already read by the guarded reader (`readWorkbook`).
 */
import { columnLetter, type Sheet } from '@sunshine/api/plan-excel';
import {
  annualCell,
  annualTableLayouts,
  hasAtMostTwoDecimals,
  placeCells,
  roundAmount,
  type AnnualReportFormat,
  type PlacedCell,
  type TableLayout,
} from '@sunshine/shared/domain';

export type SheetProblemCode =
  | 'TABLE_NOT_FOUND'
  | 'LABEL_CHANGED'
  | 'NOT_A_NUMBER'
  | 'NEGATIVE'
  | 'NOT_INTEGER'
  | 'ROUNDED'
  | 'DASH_AS_ZERO'
  | 'BLANK_AS_ZERO';

export interface SheetProblem {
  severity: 'ERROR' | 'WARNING';
  code: SheetProblemCode;
  table: TableLayout['id'];
  /** The format's cell key, when the problem is one value cell. */
  cell: string | null;
  /** 工作表「表三 依申请公开」D7, or '' for a whole table. */
  address: string;
  message: string;
}

export interface SheetRead {
  values: Record<string, number>;
  problems: SheetProblem[];
  /** Where each table was found: sheet name and its top-left cell. */
  found: Partial<Record<TableLayout['id'], { sheet: string; at: string }>>;
}

const TABLE_NAMES: Record<TableLayout['id'], string> = {
  table2: '表二（主动公开政府信息情况）',
  table3: '表三（收到和处理政府信息公开申请情况）',
  table4: '表四（政府信息公开行政复议、行政诉讼情况）',
};

/** Labels compared without spaces, punctuation and width: 一、本年新收 ≈ 一.本年新收. */
export function normaliseLabel(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s\p{P}\p{S}]/gu, '')
    .toLowerCase();
}

/** Cells searched for a table's labels, per sheet. */
const SEARCH_ROWS = 200;
const SEARCH_COLUMNS = 40;

interface Origin {
  sheet: Sheet;
  row: number;
  column: number;
  votes: number;
}

/** The sheet position where most of the layout's labels sit at their places. */
function locate(sheets: readonly Sheet[], labels: readonly PlacedCell[]): Origin | null {
  const byText = new Map<string, PlacedCell[]>();
  for (const p of labels) {
    const k = normaliseLabel(p.cell.text);
    if (k === '') continue;
    byText.set(k, [...(byText.get(k) ?? []), p]);
  }
  let best: Origin | null = null;
  for (const sheet of sheets) {
    const votes = new Map<string, number>();
    for (const row of sheet.rowNumbers()) {
      if (row > SEARCH_ROWS) break;
      for (const { column, value } of sheet.cells(row)) {
        if (column > SEARCH_COLUMNS || value.kind !== 'text') continue;
        for (const p of byText.get(normaliseLabel(value.text)) ?? []) {
          const r = row - p.row;
          const c = column - p.column;
          if (r < 1 || c < 1) continue;
          const k = `${r}:${c}`;
          votes.set(k, (votes.get(k) ?? 0) + 1);
        }
      }
    }
    for (const [k, n] of votes) {
      if (best !== null && n <= best.votes) continue;
      const [r, c] = k.split(':').map(Number) as [number, number];
      best = { sheet, row: r, column: c, votes: n };
    }
  }
  return best;
}

const address = (sheet: Sheet, row: number, column: number): string =>
  `工作表「${sheet.name}」${columnLetter(column)}${row}`;

const DASHES = new Set(['-', '—', '－', '–', '/', '／', '无', '——']);

/** Reads one table's values (blank = 0), with its problems. */
function readTable(
  format: AnnualReportFormat,
  layout: TableLayout,
  sheets: readonly Sheet[],
  out: SheetRead,
): void {
  const placed = placeCells(layout);
  const labels = placed.filter((p) => p.cell.key === undefined && p.cell.text !== '');
  const origin = locate(sheets, labels);
  const name = TABLE_NAMES[layout.id];
  if (origin === null || origin.votes < Math.ceil(labels.length / 2)) {
    out.problems.push({
      severity: 'ERROR',
      code: 'TABLE_NOT_FOUND',
      table: layout.id,
      cell: null,
      address: '',
      message: `未找到${name}：请使用下载的模板，或保持国家模板的表头和行名称不变`,
    });
    return;
  }
  const { sheet } = origin;
  out.found[layout.id] = {
    sheet: sheet.name,
    at: `${columnLetter(origin.column)}${origin.row}`,
  };
  for (const p of labels) {
    const row = origin.row + p.row;
    const column = origin.column + p.column;
    const v = sheet.value(row, column);
    const text = v.kind === 'empty' ? '' : v.text;
    if (normaliseLabel(text) === normaliseLabel(p.cell.text)) continue;
    out.problems.push({
      severity: 'WARNING',
      code: 'LABEL_CHANGED',
      table: layout.id,
      cell: null,
      address: address(sheet, row, column),
      message: `${address(sheet, row, column)}：应为「${p.cell.text}」，实为「${text || '空白'}」，请核对是否错行错列`,
    });
  }
  let blanks = 0;
  for (const p of placed) {
    const key = p.cell.key;
    if (key === undefined) continue;
    const row = origin.row + p.row;
    const first = origin.column + p.column;
    // A value cell merged across columns may be typed in any of them when the merge was undone.
    let column = first;
    for (let c = first; c < first + (p.cell.colSpan ?? 1); c += 1)
      if (sheet.value(row, c).kind !== 'empty') {
        column = c;
        break;
      }
    const at = address(sheet, row, column);
    const label = annualCell(format, key)?.label ?? key;
    const problem = (
      severity: SheetProblem['severity'],
      code: SheetProblemCode,
      message: string,
    ): void => {
      out.problems.push({
        severity,
        code,
        table: layout.id,
        cell: key,
        address: at,
        message: `${at}（${label}）：${message}`,
      });
    };
    const v = sheet.value(row, column);
    let n: number;
    if (v.kind === 'empty') {
      blanks += 1;
      out.values[key] = 0;
      continue;
    } else if (v.kind === 'number') {
      n = v.value;
    } else if (v.kind === 'date') {
      problem('ERROR', 'NOT_A_NUMBER', `「${v.text}」是日期，应填写数字`);
      continue;
    } else {
      const text = v.text.normalize('NFKC').replace(/[,\s]/g, '');
      if (DASHES.has(text)) {
        problem('WARNING', 'DASH_AS_ZERO', `「${v.text}」按 0 计`);
        out.values[key] = 0;
        continue;
      }
      if (!/^-?\d+(\.\d+)?$/.test(text)) {
        problem('ERROR', 'NOT_A_NUMBER', `「${v.text.slice(0, 40)}」不是数字`);
        continue;
      }
      n = Number(text);
    }
    if (n < 0) {
      problem('ERROR', 'NEGATIVE', `${n} 为负数，应填写非负数`);
      continue;
    }
    if (p.cell.amount) {
      if (!hasAtMostTwoDecimals(n)) {
        problem('WARNING', 'ROUNDED', `${n} 已按两位小数取为 ${roundAmount(n).toFixed(2)}`);
        n = roundAmount(n);
      }
    } else if (!Number.isInteger(n)) {
      problem('ERROR', 'NOT_INTEGER', `${n} 不是整数，件数应填写非负整数`);
      continue;
    }
    out.values[key] = n;
  }
  if (blanks > 0)
    out.problems.push({
      severity: 'WARNING',
      code: 'BLANK_AS_ZERO',
      table: layout.id,
      cell: null,
      address: `工作表「${sheet.name}」`,
      message: `${name}有 ${blanks} 个空白单元格，按 0 计`,
    });
}

/** Every table of the format read from the workbook's sheets. */
export function readAnnualReportSheets(
  format: AnnualReportFormat,
  sheets: readonly Sheet[],
): SheetRead {
  const out: SheetRead = { values: {}, problems: [], found: {} };
  for (const layout of annualTableLayouts(format)) readTable(format, layout, sheets, out);
  return out;
}

/**
 * The 整改链接表 (rectification link table) in the official shape: 序号, 问题, 整改措施, 整改链接,
 * 整改时间, 状态 — per bureau (one sheet) or per round (one sheet per bureau, and a 汇总 sheet
 * first). Every text cell is made formula-safe when the file is written (plan-excel's `toBuffer`
 * runs `neutraliseFormulaText`): a problem or a measure typed as "=HYPERLINK(…)" stays text.
 * Only http(s) links become clickable.
 */
import {
  addTitleRow,
  CENTER,
  freezeHeader,
  stampWorkbook,
  styleBodyRow,
  styleHeaderRow,
  toBuffer,
} from '@sunshine/api/plan-excel';
import { formatDateZh } from '@sunshine/shared/domain';
import { Workbook, type CellValue, type Worksheet } from 'exceljs';

export const RECTIFICATION_COLUMNS = [
  { header: '序号', width: 6 },
  { header: '问题', width: 48 },
  { header: '整改措施', width: 40 },
  { header: '整改链接', width: 40 },
  { header: '整改时间', width: 16 },
  { header: '状态', width: 10 },
] as const;

export interface RectificationRow {
  unit: { code: string; name: string };
  /** 序号 as shown; by default the row's position in its bureau's sheet. */
  number?: string | number;
  /** The problem as the assessor wrote it. */
  problem: string;
  /** Indicator path, shown before the problem ('政策解读 > 解读发布'), optional. */
  indicator?: string;
  /** Location (URL or column path), shown under the problem, optional. */
  location?: string;
  /** 整改措施, or the explanation ("本单位无此类信息，无需公开"); '' when not answered. */
  measure: string;
  /** 整改链接: the corrected pages. */
  links: readonly string[];
  /** 整改时间: 'YYYY-MM-DD' (China calendar) or an instant; null when not rectified. */
  rectifiedAt: string | Date | null;
  /** 状态 as shown ('待整改', '已整改', '已销号', '被退回'…). */
  status: string;
}

export interface RectificationTableOptions {
  /** Title above each sheet's table, e.g. '2025年度全省审计机关政务公开第三方评估整改链接表'. */
  title?: string;
  /** Add a 汇总 sheet (problems and statuses per bureau) when there are several bureaus (default true). */
  summary?: boolean;
}

const FORBIDDEN_SHEET_CHARS = /[[\]:*?/\\]/g;

/** A sheet name Excel accepts: no []:*?/\, at most 31 characters, unique (case-insensitive). */
export function safeSheetName(name: string, taken: Set<string>): string {
  const base = [
    ...(name
      .replace(FORBIDDEN_SHEET_CHARS, '_')
      .replace(/^'+|'+$/g, '')
      .trim() || '工作表'),
  ]
    .slice(0, 31)
    .join('');
  let candidate = base;
  for (
    let n = 2;
    taken.has(candidate.toLowerCase()) || candidate.toLowerCase() === 'history';
    n += 1
  ) {
    const suffix = `(${n})`;
    candidate = [...base].slice(0, 31 - suffix.length).join('') + suffix;
  }
  taken.add(candidate.toLowerCase());
  return candidate;
}

function dateText(value: string | Date | null): string {
  if (value === null) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : formatDateZh(value);
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDateZh(value) : value;
}

function isWebLink(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function problemText(row: RectificationRow): string {
  const lines = [row.indicator ? `【${row.indicator}】${row.problem}` : row.problem];
  if (row.location) lines.push(`问题位置：${row.location}`);
  return lines.join('\n');
}

function linksValue(links: readonly string[]): CellValue {
  const clean = links.map((l) => l.trim()).filter((l) => l !== '');
  if (clean.length === 1 && clean[0] !== undefined && isWebLink(clean[0])) {
    return { text: clean[0], hyperlink: clean[0] };
  }
  return clean.join('\n');
}

function addTableSheet(
  workbook: Workbook,
  name: string,
  unitName: string,
  rows: readonly RectificationRow[],
  title: string | undefined,
): Worksheet {
  const sheet = workbook.addWorksheet(name);
  const count = RECTIFICATION_COLUMNS.length;
  sheet.columns = RECTIFICATION_COLUMNS.map((c) => ({ width: c.width }));
  let headerRow = 1;
  if (title) {
    addTitleRow(sheet, 1, count, title);
    headerRow = 2;
  }
  const unitRow = sheet.getRow(headerRow);
  unitRow.getCell(1).value = `单位：${unitName}`;
  sheet.mergeCells(headerRow, 1, headerRow, count);
  headerRow += 1;
  const header = sheet.getRow(headerRow);
  header.values = RECTIFICATION_COLUMNS.map((c) => c.header);
  styleHeaderRow(header, count);
  rows.forEach((row, index) => {
    const excelRow = sheet.getRow(headerRow + 1 + index);
    excelRow.values = [
      row.number ?? index + 1,
      problemText(row),
      row.measure,
      linksValue(row.links),
      dateText(row.rectifiedAt),
      row.status,
    ];
    styleBodyRow(excelRow, count);
    excelRow.getCell(1).alignment = CENTER;
    excelRow.getCell(6).alignment = CENTER;
  });
  freezeHeader(sheet, headerRow, count, rows.length > 0);
  return sheet;
}

/**
 * The 整改链接表 as an .xlsx: one sheet per bureau (in the order the rows first name them; rows
 * keep their order within a bureau), and a 汇总 sheet first when there are several bureaus.
 */
export async function writeRectificationTable(
  rows: readonly RectificationRow[],
  options: RectificationTableOptions = {},
): Promise<Buffer> {
  const workbook = new Workbook();
  stampWorkbook(workbook, options.title ?? '整改链接表');
  const byUnit = new Map<string, { name: string; rows: RectificationRow[] }>();
  for (const row of rows) {
    const entry = byUnit.get(row.unit.code) ?? { name: row.unit.name, rows: [] };
    entry.rows.push(row);
    byUnit.set(row.unit.code, entry);
  }
  const taken = new Set<string>();
  if (byUnit.size > 1 && options.summary !== false) {
    const summary = workbook.addWorksheet(safeSheetName('汇总', taken));
    const statuses = [...new Set(rows.map((r) => r.status))];
    const headers = ['序号', '单位', '问题数', ...statuses];
    summary.columns = headers.map((h, i) => ({
      width: i === 1 ? 28 : Math.max(10, h.length * 2 + 4),
    }));
    let at = 1;
    if (options.title) {
      addTitleRow(summary, 1, headers.length, options.title);
      at = 2;
    }
    const header = summary.getRow(at);
    header.values = headers;
    styleHeaderRow(header, headers.length);
    [...byUnit.values()].forEach((unit, index) => {
      const row = summary.getRow(at + 1 + index);
      row.values = [
        index + 1,
        unit.name,
        unit.rows.length,
        ...statuses.map((s) => unit.rows.filter((r) => r.status === s).length),
      ];
      styleBodyRow(row, headers.length);
    });
    freezeHeader(summary, at, headers.length, false);
  }
  if (byUnit.size === 0) {
    addTableSheet(workbook, safeSheetName('整改链接表', taken), '', [], options.title);
  }
  for (const unit of byUnit.values()) {
    addTableSheet(workbook, safeSheetName(unit.name, taken), unit.name, unit.rows, options.title);
  }
  return toBuffer(workbook);
}

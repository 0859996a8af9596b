/**
 * The annual report as an official document (GB/T 9704 via `@sunshine/api/official-docs`): the
 * title "<单位><年>年政府信息公开工作年度报告", the six sections, and 表二/表三/表四 laid out as
 * the national template (merged header cells, numbered rows) from the same layout as the Excel
 * template and the HTML preview.
 */
import type { OfficialBlock, OfficialCell, OfficialDocument } from '@sunshine/api/official-docs';
import {
  ANNUAL_REPORT_SECTION_TITLES,
  annualTableLayouts,
  formatAnnualCell,
  type AnnualCellValues,
  type AnnualReportFormat,
  type LayoutCell,
  type TableLayout,
} from '@sunshine/shared/domain';

export interface AnnualReportDocumentInput {
  organizationName: string;
  year: number;
  format: AnnualReportFormat;
  sections: { overview: string; problems: string; other: string };
  values: AnnualCellValues;
  /** The day the report was submitted (成文日期), if it was. */
  date?: Date | string | null;
}

function toCell(
  cell: LayoutCell,
  values: AnnualCellValues,
): Exclude<OfficialCell, string | number> {
  const { key } = cell;
  const label = key === undefined;
  return {
    text: key === undefined ? cell.text : formatAnnualCell(values[key], cell.amount === true),
    ...(cell.colSpan ? { colSpan: cell.colSpan } : {}),
    ...(cell.rowSpan ? { rowSpan: cell.rowSpan } : {}),
    align: cell.align === 'left' ? 'left' : 'center',
    // Column headings and 表二's block headings are bold; row labels and numbers are not.
    ...(label && cell.align !== 'left' ? { bold: true } : {}),
  };
}

/**
 * A table of the report. 表三 and 表四 repeat their header rows on every page; 表二 is four
 * blocks with their own headings, so nothing of it repeats (its first block heading would
 * otherwise head the later blocks on the next page).
 */
function tableBlock(layout: TableLayout, values: AnnualCellValues): OfficialBlock {
  const rows = (list: LayoutCell[][]) => list.map((row) => row.map((c) => toCell(c, values)));
  const repeat = layout.id !== 'table2';
  return {
    kind: 'table',
    header: repeat ? rows(layout.header) : [],
    rows: repeat ? rows(layout.rows) : rows([...layout.header, ...layout.rows]),
    columnWidths: layout.widths,
    fontSize: layout.columns > 4 ? 'small' : 'normal',
  };
}

/** "<单位><年>年政府信息公开工作年度报告", over two lines when it does not fit one (about 20 characters). */
export function annualReportTitle(organizationName: string, year: number): string {
  const rest = `${year}年政府信息公开工作年度报告`;
  return organizationName.length + rest.length > 20
    ? `${organizationName}\n${rest}`
    : `${organizationName}${rest}`;
}

/** A section's text as paragraphs (one per line; blank lines dropped), or a placeholder. */
function paragraphs(text: string, empty: string): OfficialBlock[] {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  return (lines.length > 0 ? lines : [empty]).map((l) => ({
    kind: 'paragraph',
    text: l,
    indent: true,
  }));
}

/** The six sections with the three tables, ready for `renderOfficialDocument`. */
export function annualReportDocument(input: AnnualReportDocumentInput): OfficialDocument {
  const [t2, t3, t4] = annualTableLayouts(input.format) as [TableLayout, TableLayout, TableLayout];
  const [s1, s2, s3, s4, s5, s6] = ANNUAL_REPORT_SECTION_TITLES;
  const heading = (text: string): OfficialBlock => ({ kind: 'heading', level: 1, text });
  return {
    title: annualReportTitle(input.organizationName, input.year),
    blocks: [
      heading(s1),
      ...paragraphs(input.sections.overview, '（未填写）'),
      heading(s2),
      tableBlock(t2, input.values),
      heading(s3),
      tableBlock(t3, input.values),
      heading(s4),
      tableBlock(t4, input.values),
      heading(s5),
      ...paragraphs(input.sections.problems, '（未填写）'),
      heading(s6),
      ...paragraphs(input.sections.other, '（未填写）'),
    ],
    issuer: input.organizationName,
    ...(input.date ? { date: input.date } : {}),
    pageNumbers: true,
  };
}

/** The file name of a bureau's report: 某某审计局2025年政府信息公开工作年度报告.docx. */
export function annualReportFileName(organizationName: string, year: number): string {
  return `${organizationName}${year}年政府信息公开工作年度报告.docx`;
}

import type { AnnualReportFormat, AnnualRow } from './annual-report-format';

/**
 * The national template's printed layout of the annual report's tables (国办公开办函〔2021〕30号):
 * header rows with merged cells, row labels with merged cells and numbered rows, and the value
 * cells named by the format's cell keys. One layout feeds the Excel template and its reader, the
 * .docx and the HTML preview, so the four always agree.
 */

/** One printed cell, as in an HTML table: cells covered by another's span are left out. */
export interface LayoutCell {
  text: string;
  colSpan?: number;
  rowSpan?: number;
  /** A value cell: the format's cell key; label cells have none. */
  key?: string;
  /** Amounts (万元) print with two decimals; counts are integers. */
  amount?: boolean;
  align?: 'left' | 'center';
}

export interface TableLayout {
  id: 'table2' | 'table3' | 'table4';
  /** 表二 … as the document's section names it. */
  caption: string;
  columns: number;
  /** Relative column widths (the .docx and the Excel template). */
  widths: number[];
  header: LayoutCell[][];
  rows: LayoutCell[][];
}

/** A cell with its grid position (0-based within the table: header rows first). */
export interface PlacedCell {
  row: number;
  column: number;
  cell: LayoutCell;
  header: boolean;
}

/** Places HTML-style rows on a grid, honouring row and column spans. */
export function placeCells(layout: TableLayout): PlacedCell[] {
  const taken = new Set<string>();
  const out: PlacedCell[] = [];
  const all = [
    ...layout.header.map((r) => [r, true] as const),
    ...layout.rows.map((r) => [r, false] as const),
  ];
  all.forEach(([cells, header], row) => {
    let column = 0;
    for (const cell of cells) {
      while (taken.has(`${row}:${column}`)) column += 1;
      out.push({ row, column, cell, header });
      for (let r = 0; r < (cell.rowSpan ?? 1); r += 1)
        for (let c = 0; c < (cell.colSpan ?? 1); c += 1) taken.add(`${row + r}:${column + c}`);
      column += cell.colSpan ?? 1;
    }
  });
  return out;
}

/** Every value cell of the layout, in reading order. */
export function layoutKeys(layout: TableLayout): string[] {
  return placeCells(layout)
    .filter((p) => p.cell.key !== undefined)
    .map((p) => p.cell.key as string);
}

const head = (text: string, colSpan = 1, rowSpan = 1): LayoutCell => ({
  text,
  ...(colSpan > 1 ? { colSpan } : {}),
  ...(rowSpan > 1 ? { rowSpan } : {}),
  align: 'center',
});
const label = (text: string, colSpan = 1, rowSpan = 1): LayoutCell => ({
  ...head(text, colSpan, rowSpan),
  align: 'left',
});
const value = (key: string, colSpan = 1, amount = false): LayoutCell => ({
  text: '',
  key,
  ...(colSpan > 1 ? { colSpan } : {}),
  ...(amount ? { amount } : {}),
  align: 'center',
});

/** 表二: four blocks (第二十条第（一）（五）（六）（八）项), each with its own 信息内容 header row. */
export function table2Layout(format: AnnualReportFormat): TableLayout {
  const width = Math.max(...format.table2.blocks.map((b) => b.columns.length)) + 1;
  const rows: LayoutCell[][] = [];
  format.table2.blocks.forEach((block, i) => {
    if (i > 0) rows.push([head(block.heading, width)]);
    const span = (j: number): number =>
      j === block.columns.length - 1 ? width - block.columns.length : 1;
    rows.push([head('信息内容'), ...block.columns.map((c, j) => head(c.label, span(j)))]);
    for (const row of block.rows)
      rows.push([
        label(row.label),
        ...block.columns.map((c, j) =>
          value(`t2.${row.key}.${c.key}`, span(j), c.kind === 'amount'),
        ),
      ]);
  });
  return {
    id: 'table2',
    caption: format.table2.title,
    columns: width,
    widths: [3, ...Array.from({ length: width - 1 }, () => 2)],
    header: [[head(format.table2.blocks[0]?.heading ?? '', width)]],
    rows,
  };
}

/** 表三 with its three header rows, numbered rows and merged row labels (3 label columns). */
export function table3Layout(format: AnnualReportFormat): TableLayout {
  const { columns, rows } = format.table3;
  const values = (row: string): LayoutCell[] => columns.map((c) => value(`t3.${row}.${c.key}`));
  const out: LayoutCell[][] = [];
  const text = (r: AnnualRow): string => `${r.number}${r.label}`;
  /** Rows printed with cells under heading i (the headings' row spans). */
  const spanOf = (i: number): number => {
    const level = (rows[i] as AnnualRow).level;
    let n = 0;
    for (let j = i + 1; j < rows.length && (rows[j] as AnnualRow).level > level; j += 1)
      if (!(rows[j] as AnnualRow).heading) n += 1;
    return n;
  };
  // Heading cells wait for the first printed row below them, which carries them in front.
  let waiting: LayoutCell[] = [];
  rows.forEach((row, i) => {
    if (row.heading) {
      waiting.push(label(text(row), 1, spanOf(i)));
      return;
    }
    const span = row.level === 0 ? 3 : row.level === 1 ? 2 : 1;
    out.push([...waiting, label(text(row), span), ...values(row.key)]);
    waiting = [];
  });
  const groups: LayoutCell[] = [];
  for (const c of columns) {
    const last = groups[groups.length - 1];
    if (c.group && last && last.text === c.group) last.colSpan = (last.colSpan ?? 1) + 1;
    else groups.push(c.group ? head(c.group) : head(c.label, 1, 2));
  }
  return {
    id: 'table3',
    caption: format.table3.title,
    columns: columns.length + 3,
    widths: [1.5, 2, 4, ...columns.map(() => 1)],
    header: [
      [
        head('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', 3, 3),
        head(format.table3.header, columns.length),
      ],
      groups,
      columns.filter((c) => c.group).map((c) => head(c.label)),
    ],
    rows: out,
  };
}

/** 表四: 行政复议 and 行政诉讼 (未经复议直接起诉, 复议后起诉), five outcome columns each, one value row. */
export function table4Layout(format: AnnualReportFormat): TableLayout {
  const { groups, columns } = format.table4;
  const top: LayoutCell[] = [];
  const middle: LayoutCell[] = [];
  const bottom: LayoutCell[] = [];
  for (const g of groups) {
    if (g.parent === undefined) {
      top.push(head(g.label, columns.length));
      middle.push(...columns.map((c) => head(c.label, 1, 2)));
      continue;
    }
    const last = top[top.length - 1];
    if (last && last.text === g.parent) last.colSpan = (last.colSpan ?? 1) + columns.length;
    else top.push(head(g.parent, columns.length));
    middle.push(head(g.label, columns.length));
    bottom.push(...columns.map((c) => head(c.label)));
  }
  return {
    id: 'table4',
    caption: format.table4.title,
    columns: groups.length * columns.length,
    widths: Array.from({ length: groups.length * columns.length }, () => 1),
    header: [top, middle, bottom],
    rows: [groups.flatMap((g) => columns.map((c) => value(`t4.${g.key}.${c.key}`)))],
  };
}

/** The three tables of a format, in the order of the document. */
export function annualTableLayouts(format: AnnualReportFormat): TableLayout[] {
  return [table2Layout(format), table3Layout(format), table4Layout(format)];
}

export interface ValueCellPlace {
  table: TableLayout['id'];
  /** 0-based grid position within the table (header rows counted). */
  row: number;
  column: number;
  amount: boolean;
}

/** Where each value cell sits in its table's grid (the format's cells name them for messages). */
export function valueCellPlaces(layout: TableLayout): Map<string, ValueCellPlace> {
  const out = new Map<string, ValueCellPlace>();
  for (const p of placeCells(layout)) {
    if (p.cell.key === undefined) continue;
    out.set(p.cell.key, {
      table: layout.id,
      row: p.row,
      column: p.column,
      amount: p.cell.amount === true,
    });
  }
  return out;
}

/** A value as printed: counts as integers, amounts (万元) with two decimals; missing is 0. */
export function formatAnnualCell(value: number | null | undefined, amount: boolean): string {
  const n = typeof value === 'number' && Number.isFinite(value) ? value : 0;
  return amount ? (Math.round(n * 100) / 100).toFixed(2) : String(n);
}

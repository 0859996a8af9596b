import {
  formatAnnualCell,
  type AnnualCellValues,
  type LayoutCell,
  type TableLayout,
} from '@sunshine/shared/domain';

/** The printed look of the national tables: thin black rules, 仿宋/宋体, compact cells. */
export const LAYOUT_TABLE_CSS = `
.annual-layout-table { border-collapse: collapse; width: 100%; table-layout: fixed;
  font-family: 'FangSong', 'STFangsong', 'SimSun', 'Songti SC', serif; font-size: 13px; color: #000; }
.annual-layout-table th, .annual-layout-table td { border: 1px solid #000; padding: 3px 4px;
  line-height: 1.35; word-break: break-all; }
.annual-layout-table th { font-weight: 600; text-align: center; background: #fafafa; }
.annual-layout-table td.num { text-align: center; font-variant-numeric: tabular-nums; }
.annual-layout-table td.nonzero { font-weight: 600; }
.annual-layout-table td.flagged { background: #fff1f0; outline: 2px solid #cf1322; outline-offset: -2px; }
@media print { .annual-layout-table th { background: none; } }
`;

function cellOf(
  cell: LayoutCell,
  i: number,
  values: AnnualCellValues,
  flagged: ReadonlySet<string>,
  header: boolean,
) {
  const span = { colSpan: cell.colSpan, rowSpan: cell.rowSpan };
  if (cell.key === undefined) {
    const Tag = header || cell.align === 'center' ? 'th' : 'td';
    return (
      <Tag key={i} {...span} style={{ textAlign: cell.align === 'left' ? 'left' : 'center' }}>
        {cell.text}
      </Tag>
    );
  }
  const v = values[cell.key];
  const classes = ['num'];
  if (typeof v === 'number' && v !== 0) classes.push('nonzero');
  if (flagged.has(cell.key)) classes.push('flagged');
  return (
    <td key={i} {...span} className={classes.join(' ')} data-cell={cell.key}>
      {formatAnnualCell(v, cell.amount === true)}
    </td>
  );
}

/** One of 表二/表三/表四 as in the national template, with the values filled in. */
export function LayoutTable({
  layout,
  values,
  flagged = new Set<string>(),
}: {
  layout: TableLayout;
  values: AnnualCellValues;
  flagged?: ReadonlySet<string>;
}) {
  const total = layout.widths.reduce((s, w) => s + w, 0);
  return (
    <table className="annual-layout-table" aria-label={layout.caption}>
      <colgroup>
        {layout.widths.map((w, i) => (
          <col key={i} style={{ width: `${(w / total) * 100}%` }} />
        ))}
      </colgroup>
      <thead>
        {layout.header.map((row, r) => (
          <tr key={r}>{row.map((c, i) => cellOf(c, i, values, flagged, true))}</tr>
        ))}
      </thead>
      <tbody>
        {layout.rows.map((row, r) => (
          <tr key={r}>{row.map((c, i) => cellOf(c, i, values, flagged, false))}</tr>
        ))}
      </tbody>
    </table>
  );
}

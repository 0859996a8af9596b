import { ANNUAL_FORMAT_2021 as FORMAT } from '../annual-report-format';
import {
  annualTableLayouts,
  formatAnnualCell,
  placeCells,
  valueCellPlaces,
  type TableLayout,
} from '../annual-report-layout';

const [t2, t3, t4] = annualTableLayouts(FORMAT) as [TableLayout, TableLayout, TableLayout];

/** Each grid row's columns, counting the cells that cover it from above. */
function coverage(layout: TableLayout): number[][] {
  const rows = layout.header.length + layout.rows.length;
  const grid = Array.from({ length: rows }, () => Array.from({ length: layout.columns }, () => 0));
  for (const p of placeCells(layout))
    for (let r = p.row; r < p.row + (p.cell.rowSpan ?? 1); r += 1)
      for (let c = p.column; c < p.column + (p.cell.colSpan ?? 1); c += 1) grid[r]![c]! += 1;
  return grid;
}

describe('the national layout of the annual report tables', () => {
  it('places every cell of the format exactly once, in its own table', () => {
    const keys = annualTableLayouts(FORMAT).flatMap((l) => [...valueCellPlaces(l).keys()]);
    expect(keys.sort()).toEqual(FORMAT.cells.map((c) => c.key).sort());
    for (const l of annualTableLayouts(FORMAT))
      for (const [key, place] of valueCellPlaces(l))
        expect(key.startsWith(`t${place.table.slice(5)}.`)).toBe(true);
  });

  it('covers every grid position exactly once (no gaps, no overlapping spans)', () => {
    for (const l of [t2, t3, t4])
      for (const row of coverage(l)) expect(row.every((n) => n === 1)).toBe(true);
  });

  it('lays out 表三 as the national template: 3 header rows and 25 rows (22 results), merged result labels', () => {
    expect(t3.columns).toBe(10);
    expect(t3.header).toHaveLength(3);
    expect(t3.rows).toHaveLength(25);
    const placed = placeCells(t3);
    const at = (text: string) => placed.find((p) => p.cell.text === text)!;
    expect(at('申请人情况').cell.colSpan).toBe(7);
    expect(at('法人或其他组织').cell.colSpan).toBe(5);
    expect(at('自然人').cell.rowSpan).toBe(2);
    expect(at('三、本年度办理结果').cell.rowSpan).toBe(22);
    expect(at('（三）不予公开').cell.rowSpan).toBe(8);
    expect(at('（七）总计')).toMatchObject({ row: 26, column: 1, cell: { colSpan: 2 } });
    expect(at('四、结转下年度继续办理')).toMatchObject({
      row: 27,
      column: 0,
      cell: { colSpan: 3 },
    });
    expect(valueCellPlaces(t3).get('t3.withheld1.business')).toMatchObject({ row: 7, column: 4 });
  });

  it('lays out 表二 in four blocks and 表四 under 行政复议 / 行政诉讼', () => {
    expect(t2.rows.filter((r) => r[0]?.text === '信息内容')).toHaveLength(4);
    expect(valueCellPlaces(t2).get('t2.fees.amount')).toMatchObject({ row: 13, amount: true });
    expect(t4.header[0]!.map((c) => [c.text, c.colSpan])).toEqual([
      ['行政复议', 5],
      ['行政诉讼', 10],
    ]);
    expect(t4.header[1]!.map((c) => c.text).slice(5)).toEqual(['未经复议直接起诉', '复议后起诉']);
  });

  it('prints counts as integers and amounts with two decimals', () => {
    expect(formatAnnualCell(3, false)).toBe('3');
    expect(formatAnnualCell(null, false)).toBe('0');
    expect(formatAnnualCell(12.5, true)).toBe('12.50');
    expect(formatAnnualCell(0.1 + 0.2, true)).toBe('0.30');
    expect(formatAnnualCell(undefined, true)).toBe('0.00');
  });
});

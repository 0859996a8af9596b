import { ANNUAL_FORMAT_2021 as FORMAT } from '@sunshine/shared/domain';
import {
  outcomeCounts,
  outcomeGroups,
  outcomesChartOption,
} from '../lib/statistics/statistics-charts';

describe('the outcomes chart of the annual reports', () => {
  it('groups 表三 rows as the form does: the numbered reasons summed under their heading', () => {
    expect(outcomeGroups(FORMAT).map((g) => [g.label, g.rows.length])).toEqual([
      ['予以公开', 1],
      ['部分公开', 1],
      ['不予公开', 8],
      ['无法提供', 3],
      ['不予处理', 5],
      ['其他处理', 3],
      ['结转下年度', 1],
    ]);
  });

  it('counts the 总计 column of each group', () => {
    const values = {
      't3.disclosed.total': 4,
      't3.withheld1.total': 1,
      't3.withheld8.total': 2,
      't3.unavailable1.natural': 9, // not the 总计 column: ignored
      't3.carriedOut.total': 1,
    };
    expect(outcomeCounts(FORMAT, values)).toEqual([
      { label: '予以公开', count: 4 },
      { label: '部分公开', count: 0 },
      { label: '不予公开', count: 3 },
      { label: '无法提供', count: 0 },
      { label: '不予处理', count: 0 },
      { label: '其他处理', count: 0 },
      { label: '结转下年度', count: 1 },
    ]);
  });

  it('draws this year against last year, or this year alone', () => {
    const option = outcomesChartOption(
      FORMAT,
      2025,
      { 't3.disclosed.total': 4 },
      {
        't3.disclosed.total': 1,
      },
    );
    const series = option.series as Array<{ name: string; data: number[] }>;
    expect(series.map((s) => s.name)).toEqual(['2025年', '2024年']);
    expect(series[0]!.data[0]).toBe(4);
    expect(series[1]!.data[0]).toBe(1);
    const alone = outcomesChartOption(FORMAT, 2025, {}, null).series as unknown[];
    expect(alone).toHaveLength(1);
  });
});

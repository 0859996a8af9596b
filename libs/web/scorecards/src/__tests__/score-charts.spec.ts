jest.mock('@sunshine/web/ui', () => ({
  ...jest.requireActual('../../../ui/src/lib/escape-html'),
}));

import { changeOption, rankingOption, trendOption } from '../lib/charts/score-charts';
import type { ScoreRow } from '../lib/scorecard-model';

type Formatter = (params: unknown) => string;
type Bar = { value: number; itemStyle: { color: string } };

const row = (
  code: string,
  score: number,
  rank: number,
  extra: Partial<ScoreRow> = {},
): ScoreRow => ({
  organization: { id: `id-${code}`, code, name: `${code}市审计局` },
  score,
  grade: score >= 90 ? 'EXCELLENT' : 'FAIL',
  gradeLabel: score >= 90 ? '优秀' : '不合格',
  rank,
  vetoed: false,
  change: null,
  reasons: [],
  ...extra,
});

describe('rankingOption', () => {
  const rows = [row('b', 50, 2, { vetoed: true }), row('a', 95.5, 1, { change: 2 })];
  const { option, ids } = rankingOption(rows, 72.75, 100);
  const series = (
    option.series as Array<{ data: Bar[]; markLine: { data: Array<{ xAxis: number }> } }>
  )[0]!;

  it('draws best first, coloured by grade, with the average line; ids follow the bars', () => {
    expect(ids).toEqual(['id-a', 'id-b']);
    expect(series.data.map((d) => d.value)).toEqual([95.5, 50]);
    expect(series.data[0]!.itemStyle.color).not.toBe(series.data[1]!.itemStyle.color);
    expect(series.markLine.data[0]!.xAxis).toBe(72.75);
    expect((option.yAxis as { data: string[] }).data).toEqual(['1  a市', '2  b市']);
  });

  it('escapes the tooltip and names the veto', () => {
    const evil = rankingOption(
      [row('<x>', 10, 1, { organization: { id: 'x', code: 'x', name: '<img onerror=1>' } })],
      null,
      100,
    );
    const html = (evil.option.tooltip as { formatter: Formatter }).formatter([{ dataIndex: 0 }]);
    expect(html).not.toContain('<img');
    expect((option.tooltip as { formatter: Formatter }).formatter([{ dataIndex: 1 }])).toContain(
      '一票否决',
    );
    expect(evil.option.series).toHaveLength(1);
    expect((evil.option.series as Array<{ markLine?: unknown }>)[0]!.markLine).toBeUndefined();
  });
});

describe('trendOption and changeOption', () => {
  it('draws the average and the selected bureau per quarter', () => {
    const option = trendOption(
      { average: [80, 81, null, null], bureau: [70, 75, null, null] },
      '合肥市审计局',
    );
    const series = option.series as Array<{ name: string; data: Array<number | null> }>;
    expect(series.map((s) => s.name)).toEqual(['平均得分', '合肥市']);
    expect(series[1]!.data).toEqual([70, 75, null, null]);
    expect((option.yAxis as { min: number }).min).toBe(60);
  });

  it('sorts changes largest gain first and leaves out bureaus without last year', () => {
    const { option, ids } = changeOption([
      row('a', 90, 1, { change: -1 }),
      row('b', 80, 2, { change: 3 }),
      row('c', 70, 3),
    ]);
    expect(ids).toEqual(['id-b', 'id-a']);
    const data = (option.series as Array<{ data: Bar[] }>)[0]!.data;
    expect(data.map((d) => d.value)).toEqual([3, -1]);
    expect(data[0]!.itemStyle.color).not.toBe(data[1]!.itemStyle.color);
  });
});

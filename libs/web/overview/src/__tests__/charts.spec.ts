jest.mock('@sunshine/web/ui', () => ({
  ...jest.requireActual('../../../ui/src/lib/tree'),
  ...jest.requireActual('../../../ui/src/lib/format'),
  ...jest.requireActual('../../../ui/src/lib/escape-html'),
}));

import { rankingChartHeight, rankingChartOption } from '../lib/charts/ranking-option';
import { trendChartOption } from '../lib/charts/trend-option';
import type { TrendPoint } from '../lib/overview-model';

type Series = {
  type: string;
  name: string;
  data: Array<number | { value: number; itemStyle: { color: string } }>;
  markLine?: { data: Array<{ xAxis: number }>; label: { formatter: string } };
};
type Formatter = (params: unknown) => string;

const items = [
  {
    id: 'hf',
    name: '合肥市审计局',
    completionRate: 0.189,
    reportingRate: 0.2,
    completed: 32,
    due: 169,
  },
  {
    id: 'tl',
    name: '铜陵市审计局',
    completionRate: 0.446,
    reportingRate: 0.25,
    completed: 29,
    due: 65,
  },
  {
    id: 'bb',
    name: '蚌埠市审计局',
    completionRate: 0.3615,
    reportingRate: 0.21,
    completed: 47,
    due: 130,
  },
];

describe('rankingChartOption', () => {
  const { option, ids } = rankingChartOption(items, 0.251);
  const series = option.series as Series[];
  const yAxis = option.yAxis as { data: string[]; inverse: boolean };

  it('ranks the best first on an inverted category axis with short names', () => {
    expect(ids).toEqual(['tl', 'bb', 'hf']);
    expect(yAxis.inverse).toBe(true);
    expect(yAxis.data).toEqual(['铜陵市', '蚌埠市', '合肥市']);
  });

  it('draws percentages with one decimal and marks bars below the average', () => {
    const data = series[0]!.data as Array<{ value: number; itemStyle: { color: string } }>;
    expect(data.map((d) => d.value)).toEqual([44.6, 36.2, 18.9]);
    expect(data[2]!.itemStyle.color).not.toBe(data[0]!.itemStyle.color);
    expect(series[0]?.markLine?.data).toEqual([{ xAxis: 25.1 }]);
    expect(series[0]?.markLine?.label.formatter).toBe('平均 25.1%');
  });

  it('explains a bar in its tooltip with the numerator and denominator', () => {
    const tooltip = option.tooltip as { formatter: Formatter };
    const text = tooltip.formatter([{ dataIndex: 2 }]);
    expect(text).toContain('合肥市审计局');
    expect(text).toContain('完成率：18.9%（32 / 169）');
  });

  it('uses only bar series and gives each bar room', () => {
    expect(series.map((s) => s.type)).toEqual(['bar']);
    expect(rankingChartHeight(16)).toBe(16 * 24 + 56);
    expect(rankingChartHeight(1)).toBe(240);
  });
});

describe('trendChartOption', () => {
  const rates = (completionRate: number, reportingRate: number, onTimeRate: number) => ({
    figures: {
      ...{
        assigned: 0,
        due: 0,
        completed: 0,
        accepted: 0,
        reported: 0,
        onTime: 0,
        awaitingAcceptance: 0,
      },
      completionRate,
      reportingRate,
      onTimeRate,
    },
  });
  const points: TrendPoint[] = [
    {
      year: 2025,
      quarter: 2,
      label: '2025年第二季度',
      open: false,
      ...rates(0.251, 0.219, 0.2),
    },
    {
      year: 2025,
      quarter: 1,
      label: '2025年第一季度',
      open: false,
      ...rates(0.484, 0.8, 0.72),
    },
  ];
  const option = trendChartOption(points);
  const series = option.series as Series[];

  it('draws three lines in quarter order, in percent', () => {
    expect((option.xAxis as { data: string[] }).data).toEqual(['第一季度', '第二季度']);
    expect(series.map((s) => [s.type, s.name])).toEqual([
      ['line', '完成率'],
      ['line', '报送率'],
      ['line', '按时报送率'],
      ['line', '完成率'],
      ['line', '报送率'],
      ['line', '按时报送率'],
    ]);
    expect(series[0]?.data).toEqual([48.4, 25.1]);
    expect(series[2]?.data).toEqual([72, 20]);
    // All quarters closed: nothing dashed.
    expect(series.slice(3).every((s) => (s.data as unknown[]).every((v) => v === null))).toBe(true);
  });

  it('shows all three rates of a quarter in the tooltip', () => {
    const tooltip = option.tooltip as { formatter: Formatter };
    const text = tooltip.formatter([
      { dataIndex: 1, seriesIndex: 0, marker: '' },
      { dataIndex: 1, seriesIndex: 1, marker: '' },
    ]);
    expect(text).toContain('2025年第二季度');
    expect(text).toContain('完成率：25.1%');
    expect(text).toContain('报送率：21.9%');
  });

  it('draws a still-open quarter as 进行中: dashed from the last closed one, labelled 截至 …', () => {
    const withOpen = points.map((p) => (p.quarter === 2 ? { ...p, open: true } : p));
    const opt = trendChartOption(withOpen, '2025-05-20');
    const all = opt.series as Array<Series & { lineStyle?: { type?: string } }>;
    const solid = all.slice(0, 3);
    const dashed = all.slice(3);
    // The solid line stops at the last closed quarter; the open one is not drawn as final.
    expect(solid[0]?.data).toEqual([48.4, null]);
    expect(dashed.every((s) => s.lineStyle?.type === 'dashed')).toBe(true);
    expect(dashed[1]?.data).toEqual([{ value: 80, symbol: 'none' }, 21.9]);
    expect((opt.xAxis as { data: string[] }).data).toEqual([
      '第一季度',
      '第二季度\n进行中 · 截至5月20日',
    ]);
    const tooltip = opt.tooltip as { formatter: Formatter };
    const text = tooltip.formatter([
      { dataIndex: 1, seriesIndex: 3, marker: '' },
      { dataIndex: 1, seriesIndex: 4, marker: '' },
    ]);
    expect(text).toContain('进行中，截至5月20日');
    expect(text).toContain('完成率：25.1%');
  });

  it('keeps the value axis at 0–100 %', () => {
    expect(option.yAxis).toMatchObject({ min: 0, max: 100 });
  });
});

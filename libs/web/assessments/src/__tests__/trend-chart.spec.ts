jest.mock('@sunshine/web/ui', () => ({
  ...jest.requireActual('../../../ui/src/lib/format'),
  ...jest.requireActual('../../../ui/src/lib/escape-html'),
}));

import { trendAxisLabel, trendOption, TREND_SERIES } from '../lib/charts/trend-chart';
import { assessmentBadge } from '../lib/use-assessment-menu-counts';

const points = [
  { day: '2025-05-19', open: 10, rectified: 0, verified: 0 },
  { day: '2025-05-20', open: 7, rectified: 2, verified: 1 },
];

describe('the trend chart of a round', () => {
  it('draws one line per state with the counts of each day', () => {
    const o = trendOption(points, 'DAY');
    const series = o.series as Array<{ name: string; data: number[]; type: string }>;
    expect(series.map((s) => [s.type, s.name, s.data])).toEqual([
      ['line', '待整改', [10, 7]],
      ['line', '已整改待复核', [0, 2]],
      ['line', '已销号', [0, 1]],
    ]);
    expect((o.xAxis as { data: string[] }).data).toEqual(['5月19日', '5月20日']);
    expect(o.color).toEqual(TREND_SERIES.map((s) => s.color));
  });

  it('says a week by its last day, and writes the tooltip in full', () => {
    expect(trendAxisLabel('2025-05-25', 'WEEK')).toBe('5月25日止');
    const o = trendOption(points, 'WEEK');
    const format = (o.tooltip as { formatter: (p: unknown) => string }).formatter;
    const text = format([{ dataIndex: 1 }]);
    expect(text).toContain('按周');
    expect(text).toContain('待整改 7');
    expect(text).toContain('已销号 1');
    expect(format([{ dataIndex: 9 }])).toBe('');
  });

  it('shows the points of a short round and hides them on a long one', () => {
    const long = Array.from({ length: 40 }, (_, i) => ({
      ...points[0]!,
      day: `2025-06-${String((i % 28) + 1).padStart(2, '0')}`,
    }));
    const s = (o: ReturnType<typeof trendOption>) =>
      (o.series as Array<{ showSymbol: boolean }>)[0]!.showSymbol;
    expect(s(trendOption(points, 'DAY'))).toBe(true);
    expect(s(trendOption(long, 'DAY'))).toBe(false);
  });
});

describe('the 第三方测评 menu badge', () => {
  it('adds what waits for the user, and shows nothing before the counts arrive', () => {
    expect(assessmentBadge(null)).toBe(0);
    expect(assessmentBadge({ toRectify: 3, returned: 1, toVerify: 0 })).toBe(4);
    expect(assessmentBadge({ toRectify: 0, returned: 0, toVerify: 12 })).toBe(12);
  });
});

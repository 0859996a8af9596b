import { escapeHtml, formatDay } from '@sunshine/web/ui';
import type { LineSeriesOption } from 'echarts/charts';
import type {
  GridComponentOption,
  LegendComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import type { ComposeOption } from 'echarts/core';

export type TrendChartOption = ComposeOption<
  LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

export interface TrendPoint {
  day: string;
  open: number;
  rectified: number;
  verified: number;
}

const FONT =
  "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif";

/** The three lines, in drawing order: what the bureau still owes, what awaits 复核, what is closed. */
export const TREND_SERIES = [
  { key: 'open', name: '待整改', color: '#e39a3b' },
  { key: 'rectified', name: '已整改待复核', color: '#3f8fd2' },
  { key: 'verified', name: '已销号', color: '#1d4f91' },
] as const;

/** "5月20日" for a day, "5月20日当周" for a week's last day. */
export function trendAxisLabel(day: string, bucket: string): string {
  const [, m, d] = day.split('-');
  const label = `${Number(m)}月${Number(d)}日`;
  return bucket === 'WEEK' ? `${label}止` : label;
}

/**
 * The trend of a round's problems over its life: one line per state, by day or by week (the
 * server chooses), the axis labelled in Chinese dates; the tooltip gives the date in full and the
 * three counts.
 */
export function trendOption(points: readonly TrendPoint[], bucket: string): TrendChartOption {
  return {
    textStyle: { fontFamily: FONT },
    animationDuration: 300,
    color: TREND_SERIES.map((s) => s.color),
    grid: { left: 8, right: 16, top: 36, bottom: 4, containLabel: true },
    legend: { top: 0, right: 0, data: TREND_SERIES.map((s) => s.name) },
    tooltip: {
      trigger: 'axis',
      formatter: (params: unknown) => {
        const first = (Array.isArray(params) ? params[0] : params) as { dataIndex: number };
        const p = points[first.dataIndex];
        if (!p) return '';
        const head = bucket === 'WEEK' ? `截至 ${formatDay(p.day)}（按周）` : formatDay(p.day);
        return [
          `<strong>${escapeHtml(head)}</strong>`,
          ...TREND_SERIES.map((s) => `${s.name} ${p[s.key]}`),
        ].join('<br/>');
      },
    },
    xAxis: {
      type: 'category',
      boundaryGap: false,
      data: points.map((p) => trendAxisLabel(p.day, bucket)),
      axisLabel: { color: 'rgba(0,0,0,0.45)', hideOverlap: true },
    },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { color: 'rgba(0,0,0,0.45)' } },
    series: TREND_SERIES.map((s): LineSeriesOption => ({
      type: 'line',
      name: s.name,
      data: points.map((p) => p[s.key]),
      showSymbol: points.length <= 31,
      smooth: false,
      ...(s.key === 'open' ? { areaStyle: { opacity: 0.12 } } : {}),
    })),
  };
}

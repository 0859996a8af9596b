import { escapeHtml, formatPercent, percentValue } from '@sunshine/web/ui';
import type { TrendPoint } from '../overview-model';
import { CHART_COLORS, CHART_FONT, type ChartOption } from './chart-types';

const SERIES = [
  { key: 'completionRate', name: '完成率', color: CHART_COLORS.completion },
  { key: 'reportingRate', name: '报送率', color: CHART_COLORS.reporting },
  { key: 'onTimeRate', name: '按时报送率', color: CHART_COLORS.onTime },
] as const;

/** 2025年第二季度 -> 第二季度 (the year is in the card title). */
function quarterAxisLabel(label: string): string {
  return label.replace(/^\d{4}年/, '');
}

/** Lines of the year's quarterly completion, reporting and on-time rates, in percent. */
export function trendChartOption(points: readonly TrendPoint[]): ChartOption {
  const sorted = [...points].sort((a, b) => a.year - b.year || a.quarter - b.quarter);
  return {
    textStyle: { fontFamily: CHART_FONT },
    animationDuration: 300,
    color: SERIES.map((s) => s.color),
    legend: { top: 0, left: 0, itemWidth: 14, itemHeight: 8, icon: 'roundRect' },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      formatter: (params: unknown) => {
        const list = (Array.isArray(params) ? params : [params]) as Array<{
          dataIndex: number;
          seriesIndex: number;
          marker: string;
        }>;
        const point = sorted[list[0]?.dataIndex ?? -1];
        if (!point) return '';
        // The tooltip is HTML: every text in it is escaped (`marker` is ECharts' own markup).
        return [
          `<strong>${escapeHtml(point.label)}</strong>`,
          ...list.flatMap((p) => {
            const s = SERIES[p.seriesIndex];
            if (!s) return [];
            return `${p.marker}${escapeHtml(s.name)}：${escapeHtml(formatPercent(point.figures[s.key]))}`;
          }),
        ].join('<br/>');
      },
    },
    xAxis: {
      type: 'category',
      boundaryGap: true,
      data: sorted.map((p) => quarterAxisLabel(p.label)),
      axisTick: { show: false },
      axisLine: { lineStyle: { color: '#d9d9d9' } },
      axisLabel: { color: CHART_COLORS.axis },
    },
    yAxis: {
      type: 'value',
      min: 0,
      max: 100,
      interval: 25,
      axisLabel: { formatter: '{value}%', color: CHART_COLORS.axis },
      splitLine: { lineStyle: { color: CHART_COLORS.split } },
    },
    series: SERIES.map((s) => ({
      type: 'line' as const,
      name: s.name,
      smooth: false,
      symbol: 'circle',
      symbolSize: 7,
      lineStyle: { width: 2 },
      data: sorted.map((p) => percentValue(p.figures[s.key])),
    })),
  };
}

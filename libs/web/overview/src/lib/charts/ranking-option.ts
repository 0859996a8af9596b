import { escapeHtml, formatFraction, formatPercent, percentValue } from '@sunshine/web/ui';
import { rankByCompletion, shortOrgName } from '../overview-model';
import { CHART_COLORS, CHART_FONT, type ChartOption } from './chart-types';

export interface RankingItem {
  id: string;
  name: string;
  completionRate: number;
  reportingRate: number;
  completed: number;
  due: number;
}

/** Height that gives every bar room for its label: 24 px a row plus the axis. */
export function rankingChartHeight(count: number): number {
  return Math.max(240, count * 24 + 56);
}

/**
 * Horizontal bars of the subordinates' completion rates, best first, with the overall rate as a
 * reference line; bars below it are drawn in amber. Returns the ids in drawn order, so a click on
 * bar i opens ids[i].
 */
export function rankingChartOption(
  items: readonly RankingItem[],
  overallRate: number,
): { option: ChartOption; ids: string[] } {
  const ranked = rankByCompletion(items);
  const average = percentValue(overallRate);
  const option: ChartOption = {
    textStyle: { fontFamily: CHART_FONT },
    animationDuration: 300,
    grid: { left: 8, right: 56, top: 28, bottom: 4, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const first = (Array.isArray(params) ? params[0] : params) as { dataIndex: number };
        const item = ranked[first.dataIndex];
        if (!item) return '';
        // The tooltip is HTML: every text in it is escaped (organisation names are user data).
        return [
          `<strong>${escapeHtml(item.name)}</strong>`,
          `完成率：${escapeHtml(formatPercent(item.completionRate))}（${escapeHtml(formatFraction(item.completed, item.due))}）`,
          `报送率：${escapeHtml(formatPercent(item.reportingRate))}`,
        ].join('<br/>');
      },
    },
    xAxis: {
      type: 'value',
      min: 0,
      max: 100,
      splitNumber: 5,
      axisLabel: { formatter: '{value}%', color: CHART_COLORS.axis },
      splitLine: { lineStyle: { color: CHART_COLORS.split } },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: ranked.map((r) => shortOrgName(r.name)),
      axisTick: { show: false },
      axisLine: { lineStyle: { color: '#d9d9d9' } },
      axisLabel: { color: 'rgba(0,0,0,0.75)' },
    },
    series: [
      {
        type: 'bar',
        name: '完成率',
        barMaxWidth: 14,
        cursor: 'pointer',
        data: ranked.map((r) => {
          const value = percentValue(r.completionRate);
          return {
            value,
            itemStyle: {
              color: value < average ? CHART_COLORS.below : CHART_COLORS.completion,
              borderRadius: [0, 2, 2, 0],
            },
          };
        }),
        label: {
          show: true,
          position: 'right',
          color: 'rgba(0,0,0,0.65)',
          formatter: (p: unknown) => `${(p as { value: number }).value.toFixed(1)}%`,
        },
        markLine: {
          symbol: 'none',
          silent: true,
          lineStyle: { color: '#8c8c8c', type: 'dashed' },
          label: {
            formatter: `平均 ${average.toFixed(1)}%`,
            // The category axis is inverted, so the line's start is at the top.
            position: 'start',
            color: 'rgba(0,0,0,0.55)',
          },
          data: [{ xAxis: average }],
        },
      },
    ],
  };
  return { option, ids: ranked.map((r) => r.id) };
}

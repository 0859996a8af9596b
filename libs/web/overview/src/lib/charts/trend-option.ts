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

/** 2025-05-20 -> 5月20日 (the year is in the card title). */
export function asOfLabel(asOf: string | null | undefined): string | null {
  const m = asOf ? /^\d{4}-(\d{2})-(\d{2})/.exec(asOf) : null;
  return m ? `${Number(m[1])}月${Number(m[2])}日` : null;
}

/**
 * Lines of the year's quarterly completion, reporting and on-time rates, in percent. A quarter
 * whose reporting window is still open (`open`) is not final: its segment is dashed, its point is
 * hollow, and its axis label (进行中 · 截至 <asOf>) and tooltip say so. Each rate is drawn as two
 * series of the same name (one legend entry): the solid line over closed quarters and the dashed
 * one from the last closed quarter on.
 */
export function trendChartOption(points: readonly TrendPoint[], asOf?: string | null): ChartOption {
  const sorted = [...points].sort((a, b) => a.year - b.year || a.quarter - b.quarter);
  const open = sorted.map((p) => p.open === true);
  const firstOpen = open.indexOf(true);
  const asOfText = asOfLabel(asOf);
  const openNote = asOfText ? `进行中，截至${asOfText}` : '进行中';
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
        const index = list[0]?.dataIndex ?? -1;
        const point = sorted[index];
        if (!point) return '';
        const seen = new Set<number>();
        // The tooltip is HTML: every text in it is escaped (`marker` is ECharts' own markup).
        return [
          `<strong>${escapeHtml(point.label)}</strong>${open[index] ? `（${escapeHtml(openNote)}）` : ''}`,
          ...list.flatMap((p) => {
            const k = p.seriesIndex % SERIES.length;
            const s = SERIES[k];
            if (!s || seen.has(k)) return [];
            seen.add(k);
            return `${p.marker}${escapeHtml(s.name)}：${escapeHtml(formatPercent(point.figures[s.key]))}`;
          }),
        ].join('<br/>');
      },
    },
    xAxis: {
      type: 'category',
      boundaryGap: true,
      data: sorted.map(
        (p, i) =>
          `${quarterAxisLabel(p.label)}${open[i] ? `\n进行中${asOfText ? ` · 截至${asOfText}` : ''}` : ''}`,
      ),
      axisTick: { show: false },
      axisLine: { lineStyle: { color: '#d9d9d9' } },
      axisLabel: { color: CHART_COLORS.axis, lineHeight: 16 },
    },
    yAxis: {
      type: 'value',
      min: 0,
      max: 100,
      interval: 25,
      axisLabel: { formatter: '{value}%', color: CHART_COLORS.axis },
      splitLine: { lineStyle: { color: CHART_COLORS.split } },
    },
    series: [
      // Solid: the closed quarters.
      ...SERIES.map((s) => ({
        type: 'line' as const,
        name: s.name,
        smooth: false,
        symbol: 'circle',
        symbolSize: 7,
        lineStyle: { width: 2 },
        data: sorted.map((p, i) => (open[i] ? null : percentValue(p.figures[s.key]))),
      })),
      // Dashed: from the last closed quarter into the open ones.
      ...SERIES.map((s) => ({
        type: 'line' as const,
        name: s.name,
        smooth: false,
        symbol: 'emptyCircle',
        symbolSize: 8,
        lineStyle: { width: 2, type: 'dashed' as const },
        data: sorted.map((p, i) => {
          const value = percentValue(p.figures[s.key]);
          if (firstOpen < 0 || i < firstOpen - 1) return null;
          // The last closed quarter keeps its solid line's point; the dashed line starts there.
          return open[i] ? value : { value, symbol: 'none' };
        }),
      })),
    ],
  };
}

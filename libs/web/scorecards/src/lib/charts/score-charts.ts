import { escapeHtml } from '@sunshine/web/ui';
import {
  formatChange,
  formatScore,
  GRADE_COLORS,
  rankedRows,
  shortOrgName,
  type ScoreRow,
  type TrendSeries,
} from '../scorecard-model';
import { AXIS_COLOR, CHART_FONT, SPLIT_COLOR, type ChartOption } from './chart-types';

/** Height giving every bar room for its label. */
export function barChartHeight(count: number): number {
  return Math.max(220, count * 22 + 48);
}

/**
 * The ranking as horizontal bars, best first, coloured by grade, with the average as a reference
 * line. Returns the ids in drawn order: a click on bar i opens ids[i].
 */
export function rankingOption(
  rows: readonly ScoreRow[],
  average: number | null,
  maxScore: number,
): { option: ChartOption; ids: string[] } {
  const ranked = rankedRows(rows);
  const option: ChartOption = {
    textStyle: { fontFamily: CHART_FONT },
    animationDuration: 300,
    grid: { left: 8, right: 48, top: 24, bottom: 4, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const first = (Array.isArray(params) ? params[0] : params) as { dataIndex: number };
        const r = ranked[first.dataIndex];
        if (!r) return '';
        return [
          `<strong>${escapeHtml(r.organization.name)}</strong>`,
          `得分：${escapeHtml(formatScore(r.score))}（${escapeHtml(r.gradeLabel)}${r.vetoed ? '，一票否决' : ''}）`,
          `名次：${r.rank ?? '—'}`,
          `较上年同期：${escapeHtml(formatChange(r.change))}`,
        ].join('<br/>');
      },
    },
    xAxis: {
      type: 'value',
      min: 0,
      max: maxScore,
      axisLabel: { color: AXIS_COLOR },
      splitLine: { lineStyle: { color: SPLIT_COLOR } },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: ranked.map((r) => `${r.rank ?? '—'}  ${shortOrgName(r.organization.name)}`),
      axisTick: { show: false },
      axisLine: { lineStyle: { color: '#d9d9d9' } },
      axisLabel: { color: 'rgba(0,0,0,0.75)' },
    },
    series: [
      {
        type: 'bar',
        name: '得分',
        barMaxWidth: 14,
        cursor: 'pointer',
        data: ranked.map((r) => ({
          value: r.score,
          itemStyle: { color: GRADE_COLORS[r.grade] ?? '#8c8c8c', borderRadius: [0, 2, 2, 0] },
        })),
        label: {
          show: true,
          position: 'right',
          color: 'rgba(0,0,0,0.65)',
          formatter: (p: unknown) => formatScore((p as { value: number }).value),
        },
        ...(average === null
          ? {}
          : {
              markLine: {
                symbol: 'none',
                silent: true,
                lineStyle: { color: '#8c8c8c', type: 'dashed' as const },
                label: {
                  formatter: `平均 ${formatScore(average)}`,
                  position: 'start' as const,
                  color: 'rgba(0,0,0,0.55)',
                },
                data: [{ xAxis: average }],
              },
            }),
      },
    ],
  };
  return { option, ids: ranked.map((r) => r.organization.id) };
}

const QUARTER_LABELS = ['第一季度', '上半年', '前三季度', '全年'];

/** Year-to-date score after each quarter: the average, and the selected bureau when there is one. */
export function trendOption(trend: TrendSeries, bureauName: string | null): ChartOption {
  const series: NonNullable<ChartOption['series']> = [
    {
      type: 'line',
      name: '平均得分',
      data: trend.average,
      connectNulls: false,
      symbolSize: 7,
      lineStyle: { color: '#1d4f91' },
      itemStyle: { color: '#1d4f91' },
      label: {
        show: true,
        color: 'rgba(0,0,0,0.65)',
        formatter: (p: unknown) => formatScore((p as { value: number }).value),
      },
    },
  ];
  if (trend.bureau && bureauName)
    series.push({
      type: 'line',
      name: shortOrgName(bureauName),
      data: trend.bureau,
      symbolSize: 7,
      lineStyle: { color: '#e39a3b' },
      itemStyle: { color: '#e39a3b' },
    });
  const values = [...trend.average, ...(trend.bureau ?? [])].filter((v): v is number => v !== null);
  const min = values.length ? Math.max(0, Math.floor(Math.min(...values) / 10) * 10 - 10) : 0;
  return {
    textStyle: { fontFamily: CHART_FONT },
    animationDuration: 300,
    grid: { left: 8, right: 16, top: 36, bottom: 4, containLabel: true },
    legend: { top: 0, right: 0, itemWidth: 14, itemHeight: 8 },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v: unknown) => (typeof v === 'number' ? formatScore(v) : '—'),
    },
    xAxis: {
      type: 'category',
      data: QUARTER_LABELS,
      axisLabel: { color: AXIS_COLOR },
      axisLine: { lineStyle: { color: '#d9d9d9' } },
    },
    yAxis: {
      type: 'value',
      min,
      axisLabel: { color: AXIS_COLOR },
      splitLine: { lineStyle: { color: SPLIT_COLOR } },
    },
    series,
  };
}

/**
 * Year-on-year change per bureau, largest gain first; gains in teal, losses in amber. Bureaus
 * without last year's figure are left out. Returns the ids in drawn order.
 */
export function changeOption(rows: readonly ScoreRow[]): { option: ChartOption; ids: string[] } {
  const withChange = rows
    .filter((r): r is ScoreRow & { change: number } => r.change !== null && r.change !== undefined)
    .sort((a, b) => b.change - a.change || a.organization.code.localeCompare(b.organization.code));
  const option: ChartOption = {
    textStyle: { fontFamily: CHART_FONT },
    animationDuration: 300,
    grid: { left: 8, right: 48, top: 8, bottom: 4, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const first = (Array.isArray(params) ? params[0] : params) as { dataIndex: number };
        const r = withChange[first.dataIndex];
        return r
          ? `<strong>${escapeHtml(r.organization.name)}</strong><br/>较上年同期：${escapeHtml(formatChange(r.change))}`
          : '';
      },
    },
    xAxis: {
      type: 'value',
      axisLabel: { color: AXIS_COLOR },
      splitLine: { lineStyle: { color: SPLIT_COLOR } },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: withChange.map((r) => shortOrgName(r.organization.name)),
      axisTick: { show: false },
      axisLabel: { color: 'rgba(0,0,0,0.75)' },
    },
    series: [
      {
        type: 'bar',
        name: '较上年同期',
        barMaxWidth: 12,
        cursor: 'pointer',
        data: withChange.map((r) => ({
          value: r.change,
          itemStyle: { color: r.change >= 0 ? '#13a8a8' : '#e39a3b' },
        })),
        label: {
          show: true,
          position: 'right',
          color: 'rgba(0,0,0,0.65)',
          formatter: (p: unknown) => formatChange((p as { value: number }).value),
        },
      },
    ],
  };
  return { option, ids: withChange.map((r) => r.organization.id) };
}

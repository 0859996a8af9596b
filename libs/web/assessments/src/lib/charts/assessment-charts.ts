import { escapeHtml, formatPercent } from '@sunshine/web/ui';
import type { BarSeriesOption } from 'echarts/charts';
import type {
  GridComponentOption,
  LegendComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { shortName, type Figures } from '../assessment-model';

export type ChartOption = ComposeOption<
  BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

const FONT =
  "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif";
const COLORS = {
  verified: '#1d4f91',
  open: '#e39a3b',
  overdue: '#cf1322',
  axis: 'rgba(0,0,0,0.45)',
};

export function chartHeight(count: number): number {
  return Math.max(220, count * 24 + 64);
}

/**
 * Problems per subordinate as stacked horizontal bars (已销号 / 未销号), most problems first.
 * Returns the organisation ids in drawn order, so a click on bar i opens ids[i].
 */
export function byOrganizationOption(rows: readonly Figures[]): {
  option: ChartOption;
  ids: string[];
} {
  const ranked = [...rows].sort(
    (a, b) => b.issues - a.issues || a.organization.code.localeCompare(b.organization.code),
  );
  const option: ChartOption = {
    textStyle: { fontFamily: FONT },
    animationDuration: 300,
    grid: { left: 8, right: 48, top: 32, bottom: 4, containLabel: true },
    legend: { top: 0, right: 0, data: ['已销号', '未销号'] },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const first = (Array.isArray(params) ? params[0] : params) as { dataIndex: number };
        const r = ranked[first.dataIndex];
        if (!r) return '';
        return [
          `<strong>${escapeHtml(r.organization.name)}</strong>`,
          `问题 ${r.issues}，已销号 ${r.verified}，逾期 ${r.overdue}`,
          `整改率 ${escapeHtml(formatPercent(r.rectificationRate))}，按时整改率 ${escapeHtml(formatPercent(r.onTimeRate))}`,
        ].join('<br/>');
      },
    },
    xAxis: { type: 'value', minInterval: 1, axisLabel: { color: COLORS.axis } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: ranked.map((r) => shortName(r.organization.name)),
      axisTick: { show: false },
    },
    series: [
      {
        type: 'bar',
        name: '已销号',
        stack: 'issues',
        barMaxWidth: 14,
        cursor: 'pointer',
        itemStyle: { color: COLORS.verified },
        data: ranked.map((r) => r.verified),
      },
      {
        type: 'bar',
        name: '未销号',
        stack: 'issues',
        barMaxWidth: 14,
        cursor: 'pointer',
        itemStyle: { color: COLORS.open },
        label: {
          show: true,
          position: 'right',
          formatter: (p) => String(ranked[p.dataIndex]?.issues ?? ''),
        },
        data: ranked.map((r) => r.issues - r.verified),
      },
    ],
  };
  return { option, ids: ranked.map((r) => r.organization.id) };
}

export interface TypeRow {
  issueType: string;
  label: string;
  issues: number;
  verified: number;
  overdue: number;
}

/** Problems per issue type, most frequent first; returns the type codes in drawn order. */
export function byTypeOption(rows: readonly TypeRow[]): { option: ChartOption; types: string[] } {
  const ranked = [...rows].filter((r) => r.issues > 0).sort((a, b) => b.issues - a.issues);
  const option: ChartOption = {
    textStyle: { fontFamily: FONT },
    animationDuration: 300,
    grid: { left: 8, right: 40, top: 8, bottom: 4, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const first = (Array.isArray(params) ? params[0] : params) as { dataIndex: number };
        const r = ranked[first.dataIndex];
        if (!r) return '';
        return `<strong>${escapeHtml(r.label)}</strong><br/>问题 ${r.issues}，已销号 ${r.verified}，逾期 ${r.overdue}`;
      },
    },
    xAxis: { type: 'value', minInterval: 1, axisLabel: { color: COLORS.axis } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: ranked.map((r) => r.label),
      axisTick: { show: false },
    },
    series: [
      {
        type: 'bar',
        name: '问题数',
        barMaxWidth: 14,
        cursor: 'pointer',
        itemStyle: { color: COLORS.verified },
        label: { show: true, position: 'right' },
        data: ranked.map((r) => r.issues),
      },
    ],
  };
  return { option, types: ranked.map((r) => r.issueType) };
}

import type { BarSeriesOption } from 'echarts/charts';
import type {
  GridComponentOption,
  LegendComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { cellValue, type AnnualCellValues, type AnnualReportFormat } from '@sunshine/shared/domain';

export type StatisticsChartOption = ComposeOption<
  BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

export interface OutcomeGroup {
  label: string;
  /** The 表三 rows summed (总计 column). */
  rows: string[];
}

/**
 * 表三's outcome groups: （一）予以公开, （二）部分公开, then each heading (（三）不予公开 …) with the
 * numbered reasons under it summed, and 结转下年度继续办理.
 */
export function outcomeGroups(format: AnnualReportFormat): OutcomeGroup[] {
  const groups: OutcomeGroup[] = [];
  let current: OutcomeGroup | null = null;
  for (const row of format.table3.rows) {
    if (row.level === 1) {
      current = { label: row.label.replace(/（.*）$/, ''), rows: row.heading ? [] : [row.key] };
      if (row.key !== 'resultTotal') groups.push(current);
    } else if (row.level === 2 && current) current.rows.push(row.key);
    else if (row.key === 'carriedOut') groups.push({ label: '结转下年度', rows: [row.key] });
  }
  return groups;
}

export function outcomeCounts(
  format: AnnualReportFormat,
  values: AnnualCellValues,
): Array<{ label: string; count: number }> {
  return outcomeGroups(format).map((g) => ({
    label: g.label,
    count: g.rows.reduce((s, r) => s + cellValue(values, `t3.${r}.total`), 0),
  }));
}

const FONT =
  "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif";

/** 办理结果 of the subtree's applications, this year against last year, as grouped bars. */
export function outcomesChartOption(
  format: AnnualReportFormat,
  year: number,
  values: AnnualCellValues,
  previous: AnnualCellValues | null,
): StatisticsChartOption {
  const now = outcomeCounts(format, values);
  const before = previous ? outcomeCounts(format, previous) : null;
  const series: BarSeriesOption[] = [
    {
      type: 'bar',
      name: `${year}年`,
      barMaxWidth: 22,
      itemStyle: { color: '#1d4f91' },
      label: { show: true, position: 'top' },
      data: now.map((o) => o.count),
    },
  ];
  if (before)
    series.push({
      type: 'bar',
      name: `${year - 1}年`,
      barMaxWidth: 22,
      itemStyle: { color: '#b0bfd6' },
      data: before.map((o) => o.count),
    });
  return {
    textStyle: { fontFamily: FONT },
    animationDuration: 300,
    grid: { left: 8, right: 8, top: 36, bottom: 4, containLabel: true },
    legend: { top: 0, right: 0 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: {
      type: 'category',
      data: now.map((o) => o.label),
      axisTick: { show: false },
      axisLabel: { interval: 0 },
    },
    yAxis: { type: 'value', minInterval: 1, name: '件' },
    series,
  };
}

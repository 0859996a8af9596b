import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type {
  GridComponentOption,
  LegendComponentOption,
  MarkLineComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import type { ComposeOption } from 'echarts/core';

/** The options our charts may use: bar and line series with grid, legend, tooltip, mark lines. */
export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | MarkLineComponentOption
  | TooltipComponentOption
>;

export const CHART_COLORS = {
  completion: '#1d4f91',
  reporting: '#5b8ccf',
  onTime: '#13a8a8',
  below: '#e39a3b',
  axis: 'rgba(0,0,0,0.45)',
  split: '#f0f0f0',
} as const;

export const CHART_FONT =
  "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif";

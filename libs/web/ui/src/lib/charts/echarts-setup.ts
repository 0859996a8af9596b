import { BarChart, LineChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
} from 'echarts/components';
import { init, use, type EChartsType } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

// Only what the dashboards draw: bars, lines, their grid, tooltips, legends and reference lines.
use([
  BarChart,
  LineChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  CanvasRenderer,
]);

/** Creates a chart in the element; loaded on demand so ECharts stays out of the first pages. */
export function initChart(element: HTMLElement): EChartsType {
  return init(element, undefined, { renderer: 'canvas', locale: 'ZH' });
}

import type { MapSeriesOption } from 'echarts/charts';
import type { TooltipComponentOption, VisualMapComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { escapeHtml } from '../escape-html';

/** The options a region map may use: one map series, a visual map (colour scale) and tooltips. */
export type MapChartOption = ComposeOption<
  MapSeriesOption | VisualMapComponentOption | TooltipComponentOption
>;

/** A region of a registered map: its division code (the map's `nameProperty`) and its name. */
export interface MapRegion {
  code: string;
  name: string;
}

/** What one region shows: its value (null: no figure), a label and extra tooltip lines. */
export interface MapDatum {
  code: string;
  value: number | null;
  /** Extra tooltip lines (plain text; escaped here). */
  details?: readonly string[];
}

/** A band of the colour scale, e.g. a grade: [min, max) coloured `color`, named `label`. */
export interface MapBand {
  min: number;
  max?: number;
  label: string;
  color: string;
}

export interface MapOptionInput {
  /** The registered map's name (see `ensureRegionMap`). */
  map: string;
  regions: readonly MapRegion[];
  data: readonly MapDatum[];
  /** Name of the value in the tooltip, e.g. 得分. */
  valueName: string;
  /** Bands (grades) instead of a continuous scale; bands are checked from the first. */
  bands?: readonly MapBand[];
  /** Continuous scale bounds when no bands are given (default: the data's min and max). */
  range?: { min: number; max: number };
  /** Digits shown for values (default 1). */
  digits?: number;
  /** Region names as labels on the map (default true; off for dense county maps). */
  showLabels?: boolean;
  /** The code of a region drawn highlighted (the current selection). */
  selectedCode?: string | null;
}

/** The continuous ramp, light to dark: low scores pale amber, high scores the brand's blue. */
export const MAP_RAMP = ['#f6d7a7', '#e9eef6', '#9fbbe0', '#4f7fc0', '#1d4f91'] as const;
/** Regions without a figure. */
export const MAP_NO_DATA = '#f0f0f0';

const FONT =
  "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif";

/** The colour of a value on the bands; null when no band holds it. */
export function bandColor(value: number, bands: readonly MapBand[]): string | null {
  const band = bands.find((b) => value >= b.min && (b.max === undefined || value < b.max));
  return band?.color ?? null;
}

/** Shortens an organisation or region name for a label: 合肥市审计局 → 合肥市, 肥西县审计局 → 肥西县. */
export function shortRegionName(name: string): string {
  return name.replace(/审计(局|厅|署)$/, '');
}

function scaleBounds(
  values: number[],
  range: MapOptionInput['range'],
): { min: number; max: number } {
  if (range) return range;
  if (values.length === 0) return { min: 0, max: 100 };
  const min = Math.floor(Math.min(...values));
  const max = Math.ceil(Math.max(...values));
  return min === max ? { min: min - 1, max: max + 1 } : { min, max };
}

/**
 * A region map coloured by value: one data item per region of the map (regions without a figure
 * drawn grey and named 暂无数据 in the tooltip), a colour scale (grade bands or a continuous ramp),
 * an HTML tooltip whose every text is escaped. Items are keyed by division code (the registered
 * map's `nameProperty`), so a click reports the code: `onItemClick(({ name }) => drill(name))`.
 */
export function regionMapOption(input: MapOptionInput): MapChartOption {
  const digits = input.digits ?? 1;
  const byCode = new Map(input.data.map((d) => [d.code, d]));
  const names = new Map(input.regions.map((r) => [r.code, r.name]));
  const values = input.data.flatMap((d) => (d.value === null ? [] : [d.value]));
  const visualMap: VisualMapComponentOption = input.bands
    ? {
        type: 'piecewise',
        left: 8,
        bottom: 8,
        itemWidth: 14,
        itemHeight: 10,
        textStyle: { color: 'rgba(0,0,0,0.65)', fontSize: 12 },
        pieces: input.bands.map((b) => ({
          min: b.min,
          ...(b.max === undefined ? {} : { lt: b.max }),
          label: b.label,
          color: b.color,
        })),
        outOfRange: { color: MAP_NO_DATA },
      }
    : {
        type: 'continuous',
        ...scaleBounds(values, input.range),
        left: 8,
        bottom: 8,
        itemHeight: 100,
        calculable: false,
        text: ['高', '低'],
        textStyle: { color: 'rgba(0,0,0,0.65)', fontSize: 12 },
        inRange: { color: [...MAP_RAMP] },
        outOfRange: { color: MAP_NO_DATA },
      };
  return {
    textStyle: { fontFamily: FONT },
    animationDuration: 300,
    tooltip: {
      trigger: 'item',
      formatter: (params: unknown) => {
        const p = params as { name?: string };
        const code = p.name ?? '';
        const datum = byCode.get(code);
        const title = escapeHtml(names.get(code) ?? code);
        if (!datum || datum.value === null) return `<strong>${title}</strong><br/>暂无数据`;
        return [
          `<strong>${title}</strong>`,
          `${escapeHtml(input.valueName)}：${escapeHtml(datum.value.toFixed(digits))}`,
          ...(datum.details ?? []).map((line) => escapeHtml(line)),
        ].join('<br/>');
      },
    },
    visualMap,
    series: [
      {
        type: 'map',
        map: input.map,
        nameProperty: 'code',
        roam: false,
        selectedMode: false,
        cursor: 'pointer',
        layoutCenter: ['50%', '50%'],
        layoutSize: '95%',
        label: {
          show: input.showLabels ?? true,
          fontSize: 11,
          color: 'rgba(0,0,0,0.75)',
          formatter: (p: unknown) => shortRegionName(names.get((p as { name: string }).name) ?? ''),
        },
        itemStyle: { borderColor: '#ffffff', borderWidth: 1, areaColor: MAP_NO_DATA },
        emphasis: {
          label: { show: true, color: '#000000' },
          itemStyle: { areaColor: '#ffd666' },
        },
        data: input.regions.map((region) => {
          const datum = byCode.get(region.code);
          const value = datum?.value ?? null;
          const selected = input.selectedCode === region.code;
          return {
            name: region.code,
            // ECharts draws NaN as "no data" (outOfRange colour); null would break the scale.
            value: value ?? Number.NaN,
            ...(selected ? { itemStyle: { borderColor: '#000000', borderWidth: 2 } } : {}),
          };
        }),
      },
    ],
  };
}

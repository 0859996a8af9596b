import {
  bandColor,
  MAP_NO_DATA,
  regionMapOption,
  shortRegionName,
  type MapBand,
} from '../lib/maps/map-option';

type MapItem = { name: string; value: number; itemStyle?: { borderWidth: number } };
type Series = {
  type: string;
  map: string;
  nameProperty: string;
  data: MapItem[];
  label: { show: boolean; formatter: (p: unknown) => string };
};
type Formatter = (params: unknown) => string;

const regions = [
  { code: '3401', name: '合肥市' },
  { code: '3402', name: '芜湖市' },
  { code: '3403', name: '蚌埠市' },
];
const grades: MapBand[] = [
  { min: 90, label: '优秀', color: '#1d4f91' },
  { min: 80, max: 90, label: '良好', color: '#5b8ccf' },
  { min: 60, max: 80, label: '合格', color: '#9fbbe0' },
  { min: 0, max: 60, label: '不合格', color: '#e39a3b' },
];

function build(extra: Partial<Parameters<typeof regionMapOption>[0]> = {}) {
  return regionMapOption({
    map: 'anhui-cities',
    regions,
    data: [
      { code: '3401', value: 92.345, details: ['等次：优秀', '排名：第 1 名'] },
      { code: '3402', value: 71 },
      { code: '9999', value: 50 },
    ],
    valueName: '得分',
    ...extra,
  });
}

function seriesOf(option: ReturnType<typeof build>): Series {
  return (option.series as Series[])[0] as Series;
}

describe('regionMapOption', () => {
  it('draws one item per region of the map, keyed by division code', () => {
    const series = seriesOf(build());
    expect(series.type).toBe('map');
    expect(series.map).toBe('anhui-cities');
    expect(series.nameProperty).toBe('code');
    expect(series.data.map((d) => d.name)).toEqual(['3401', '3402', '3403']);
    expect(series.data[0]?.value).toBeCloseTo(92.345);
    // A region without a figure is NaN, drawn in the no-data colour; unknown codes are dropped.
    expect(Number.isNaN(series.data[2]?.value)).toBe(true);
  });

  it('scales continuously from the data unless a range or bands are given', () => {
    const continuous = build().visualMap as { type: string; min: number; max: number };
    expect(continuous).toMatchObject({ type: 'continuous', min: 50, max: 93 });
    expect(build({ range: { min: 0, max: 100 } }).visualMap).toMatchObject({ min: 0, max: 100 });
    const banded = build({ bands: grades }).visualMap as {
      type: string;
      pieces: Array<{ min: number; lt?: number; label: string }>;
      outOfRange: { color: string };
    };
    expect(banded.type).toBe('piecewise');
    expect(banded.pieces[0]).toEqual({ min: 90, label: '优秀', color: '#1d4f91' });
    expect(banded.pieces[1]).toMatchObject({ min: 80, lt: 90 });
    expect(banded.outOfRange.color).toBe(MAP_NO_DATA);
  });

  it('says 暂无数据 for a region without a figure and escapes every text of the tooltip', () => {
    const option = regionMapOption({
      map: 'm',
      regions: [
        { code: '1', name: '<b>甲</b>' },
        { code: '2', name: '乙' },
      ],
      data: [{ code: '1', value: 80, details: ['原因：<img src=x onerror=alert(1)>'] }],
      valueName: '得分',
    });
    const format = (option.tooltip as { formatter: Formatter }).formatter;
    const html = format({ name: '1' });
    expect(html).toContain('&lt;b&gt;甲&lt;/b&gt;');
    expect(html).toContain('得分：80.0');
    expect(html).not.toContain('<img');
    expect(format({ name: '2' })).toBe('<strong>乙</strong><br/>暂无数据');
  });

  it('labels regions by their short name, and marks the selected one', () => {
    const series = seriesOf(build({ selectedCode: '3402', showLabels: false }));
    expect(series.label.show).toBe(false);
    expect(series.label.formatter({ name: '3402' })).toBe('芜湖市');
    expect(series.data[1]?.itemStyle?.borderWidth).toBe(2);
    expect(series.data[0]?.itemStyle).toBeUndefined();
  });
});

describe('bandColor and shortRegionName', () => {
  it('finds the band of a value, first match wins, none outside', () => {
    expect(bandColor(95, grades)).toBe('#1d4f91');
    expect(bandColor(90, grades)).toBe('#1d4f91');
    expect(bandColor(89.9, grades)).toBe('#5b8ccf');
    expect(bandColor(0, grades)).toBe('#e39a3b');
    expect(bandColor(-1, grades)).toBeNull();
  });
  it('drops the bureau suffix', () => {
    expect(shortRegionName('合肥市审计局')).toBe('合肥市');
    expect(shortRegionName('安徽省审计厅')).toBe('安徽省');
    expect(shortRegionName('肥西县')).toBe('肥西县');
  });
});

const registered: string[] = [];
jest.mock('echarts/core', () => ({
  use: jest.fn(),
  registerMap: (name: string) => registered.push(name),
}));
jest.mock('echarts/charts', () => ({ MapChart: {} }));
jest.mock('echarts/components', () => ({ TooltipComponent: {}, VisualMapComponent: {} }));

import { ensureRegionMap, regionMapName } from '../lib/maps/region-maps';

describe('ensureRegionMap', () => {
  it('registers the 16 cities once, keyed by their 4-digit division codes', async () => {
    const first = await ensureRegionMap({ level: 'cities' });
    const again = await ensureRegionMap({ level: 'cities' });
    expect(again).toBe(first);
    expect(registered.filter((n) => n === 'anhui-cities')).toHaveLength(1);
    expect(first.regions).toHaveLength(16);
    expect(first.regions).toContainEqual({ code: '3401', name: '合肥市' });
    expect(first.regions).toContainEqual({ code: '3418', name: '宣城市' });
  });

  it('registers the counties of one city apart from the province-wide county map', async () => {
    const all = await ensureRegionMap({ level: 'counties' });
    const anqing = await ensureRegionMap({ level: 'counties', cityCode: '3408' });
    expect(all.map).toBe('anhui-counties');
    expect(all.regions).toHaveLength(104);
    expect(anqing.map).toBe(regionMapName({ level: 'counties', cityCode: '3408' }));
    expect(anqing.regions.length).toBeGreaterThan(5);
    expect(anqing.regions.every((r) => r.code.startsWith('3408'))).toBe(true);
    expect(anqing.regions).toContainEqual({ code: '340802', name: '迎江区' });
  });
});

import { MapChart } from 'echarts/charts';
import { TooltipComponent, VisualMapComponent } from 'echarts/components';
import { registerMap, use } from 'echarts/core';
import type { MapRegion } from './map-option';

// Loaded on demand (a chunk of its own, with the city boundaries): the map chart and its scale.
use([MapChart, VisualMapComponent, TooltipComponent]);

/** Which map: the province's cities, all its counties, or the counties of one city (its code). */
export type RegionMapKind =
  { level: 'cities' } | { level: 'counties' } | { level: 'counties'; cityCode: string };

interface GeoFeature {
  id?: string;
  type: 'Feature';
  properties: Record<string, unknown>;
  geometry: unknown;
}
interface GeoCollection {
  type: 'FeatureCollection';
  features: GeoFeature[];
  UTF8Encoding?: boolean;
}

export interface RegisteredMap {
  /** The name to pass as the option's `map`. */
  map: string;
  regions: MapRegion[];
}

const registered = new Map<string, Promise<RegisteredMap>>();

/** The registered name of a map. */
export function regionMapName(kind: RegionMapKind): string {
  if (kind.level === 'cities') return 'anhui-cities';
  return 'cityCode' in kind ? `anhui-counties-${kind.cityCode}` : 'anhui-counties';
}

function register(name: string, geo: GeoCollection): RegisteredMap {
  // ECharts' typings want its own GeoJSON type; the file is GeoJSON in its compressed or plain form.
  registerMap(name, geo as unknown as Parameters<typeof registerMap>[1]);
  return {
    map: name,
    regions: geo.features.map((f) => ({
      code: String(f.properties['code']),
      name: String(f.properties['name']),
    })),
  };
}

async function load(kind: RegionMapKind): Promise<RegisteredMap> {
  const name = regionMapName(kind);
  if (kind.level === 'cities') {
    const geo = (await import('./data/anhui-cities.geo.json')).default as unknown as GeoCollection;
    // The city file (ECharts' own) names features by id 340100; divisions use the 4-digit code.
    return register(name, {
      ...geo,
      features: geo.features.map((f) => ({
        ...f,
        properties: { ...f.properties, code: String(f.id ?? '').slice(0, 4) },
      })),
    });
  }
  // 1.4 MB (0.26 MB compressed): fetched only when a county map is first shown.
  const geo = (await import('./data/anhui-counties.geo.json')).default as unknown as GeoCollection;
  if (!('cityCode' in kind)) return register(name, geo);
  return register(name, {
    ...geo,
    features: geo.features.filter((f) => f.properties['cityCode'] === kind.cityCode),
  });
}

/** Registers a map with ECharts once (later calls share the first); answers its name and regions. */
export function ensureRegionMap(kind: RegionMapKind): Promise<RegisteredMap> {
  const name = regionMapName(kind);
  let entry = registered.get(name);
  if (!entry) {
    entry = load(kind);
    entry.catch(() => registered.delete(name));
    registered.set(name, entry);
  }
  return entry;
}

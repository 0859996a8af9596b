import { useEffect, useMemo, useState } from 'react';
import { Spin } from 'antd';
import { EChart } from '../charts/echart';
import { regionMapOption, type MapBand, type MapDatum, type MapRegion } from './map-option';
import type { RegionMapKind } from './region-maps';

export interface RegionMapProps {
  kind: RegionMapKind;
  data: readonly MapDatum[];
  valueName: string;
  bands?: readonly MapBand[];
  range?: { min: number; max: number };
  height: number;
  ariaLabel: string;
  showLabels?: boolean;
  selectedCode?: string | null;
  /** A click on a region: its division code. */
  onRegionClick?: (code: string) => void;
  /** The regions of the map once loaded (e.g. to list the units that have no boundary). */
  onRegions?: (regions: readonly MapRegion[]) => void;
}

type Loaded = { key: string; map: string; regions: MapRegion[] } | { key: string; failed: true };

function kindKey(kind: RegionMapKind): string {
  return 'cityCode' in kind ? `${kind.level}:${kind.cityCode}` : kind.level;
}

/**
 * The province map coloured by value. The map chart and the boundaries are a chunk of their own,
 * loaded on first use and registered with ECharts once; county boundaries load only when a county
 * map is first shown.
 */
export function RegionMap(props: RegionMapProps) {
  const { kind, onRegions } = props;
  const key = kindKey(kind);
  const [loaded, setLoaded] = useState<Loaded | null>(null);

  useEffect(() => {
    let cancelled = false;
    import('./region-maps')
      .then(({ ensureRegionMap }) => ensureRegionMap(kind))
      .then((registered) => {
        if (cancelled) return;
        setLoaded({ key, ...registered });
        onRegions?.(registered.regions);
      })
      .catch(() => {
        if (!cancelled) setLoaded({ key, failed: true });
      });
    return () => {
      cancelled = true;
    };
    // `kind` is identified by its key; a new object with the same key is the same map.
  }, [key]);

  const ready = loaded && loaded.key === key && !('failed' in loaded) ? loaded : null;
  const option = useMemo(
    () =>
      ready
        ? regionMapOption({
            map: ready.map,
            regions: ready.regions,
            data: props.data,
            valueName: props.valueName,
            bands: props.bands,
            range: props.range,
            showLabels: props.showLabels,
            selectedCode: props.selectedCode,
          })
        : null,
    [
      ready,
      props.data,
      props.valueName,
      props.bands,
      props.range,
      props.showLabels,
      props.selectedCode,
    ],
  );

  if (loaded && loaded.key === key && 'failed' in loaded)
    return (
      <div style={{ height: props.height, ...CENTRED }} role="alert">
        地图加载失败，请刷新页面后重试
      </div>
    );
  if (!option)
    return (
      <div style={{ height: props.height, ...CENTRED }}>
        <Spin />
      </div>
    );
  return (
    <EChart
      option={option}
      height={props.height}
      ariaLabel={props.ariaLabel}
      onItemClick={props.onRegionClick ? ({ name }) => props.onRegionClick?.(name) : undefined}
    />
  );
}

const CENTRED = {
  display: 'flex',
  alignItems: 'center',
  justifyContent: 'center',
  color: 'rgba(0,0,0,0.45)',
} as const;

import { useMemo, useState } from 'react';
import { Card, Tag, Typography } from 'antd';
import { RegionMap, type MapRegion, type RegionMapKind } from '@sunshine/web/ui';
import { formatScore, shortOrgName, type ScoreRow } from '../scorecard-model';

export interface MapCardProps {
  title: string;
  kind: RegionMapKind;
  rows: readonly ScoreRow[];
  height: number;
  onRegion: (organizationId: string) => void;
  selectedId?: string | null;
}

/**
 * The province map coloured by score. Units whose division has no boundary on the map
 * (development zones) are listed under it, clickable like the map.
 */
export function MapCard({ title, kind, rows, height, onRegion, selectedId }: MapCardProps) {
  const [regions, setRegions] = useState<readonly MapRegion[] | null>(null);
  const byCode = useMemo(() => new Map(rows.map((r) => [r.organization.code, r])), [rows]);
  const data = useMemo(
    () =>
      rows.map((r) => ({
        code: r.organization.code,
        value: r.score,
        details: [
          `等次：${r.gradeLabel}${r.vetoed ? '（一票否决）' : ''}`,
          `名次：${r.rank ?? '—'}`,
        ],
      })),
    [rows],
  );
  const codes = new Set(regions?.map((r) => r.code) ?? []);
  const offMap = regions ? rows.filter((r) => !codes.has(r.organization.code)) : [];
  const selectedCode = rows.find((r) => r.organization.id === selectedId)?.organization.code;
  return (
    <Card title={title} size="small" style={{ height: '100%' }}>
      <div data-testid="score-map">
        <RegionMap
          kind={kind}
          data={data}
          valueName="得分"
          height={height}
          ariaLabel={`${title}：各单位得分地图`}
          showLabels={kind.level === 'cities' || 'cityCode' in kind}
          selectedCode={selectedCode ?? null}
          onRegions={setRegions}
          onRegionClick={(code) => {
            const row = byCode.get(code);
            if (row) onRegion(row.organization.id);
          }}
        />
      </div>
      {offMap.length > 0 ? (
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6, alignItems: 'center' }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            地图无边界的单位：
          </Typography.Text>
          {offMap.map((r) => (
            <Tag
              key={r.organization.id}
              style={{ cursor: 'pointer', marginInlineEnd: 0 }}
              onClick={() => onRegion(r.organization.id)}
            >
              {shortOrgName(r.organization.name)} {formatScore(r.score)}
            </Tag>
          ))}
        </div>
      ) : null}
    </Card>
  );
}

import { useMemo } from 'react';
import { Card } from 'antd';
import { EChart, EmptyState } from '@sunshine/web/ui';
import { trendChartOption } from '../charts/trend-option';
import type { TrendPoint } from '../overview-model';

/** Quarterly completion, reporting and on-time rates of the year up to the selected quarter. */
export function TrendCard({
  points,
  year,
  height = 200,
  fill = false,
  asOf,
}: {
  points: TrendPoint[];
  year: number;
  height?: number;
  /** Stretch to the row's height (beside the ranking chart). */
  fill?: boolean;
  /** The day the figures are from (server time); labels an open quarter 截至 …. */
  asOf?: string | null;
}) {
  const option = useMemo(() => trendChartOption(points, asOf), [points, asOf]);
  return (
    <Card
      title={`${year}年季度趋势`}
      extra={
        points.some((p) => p.open) ? (
          <span style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>
            虚线：报送期未结束，数据仍在变化
          </span>
        ) : null
      }
      styles={{ body: { padding: '8px 16px 4px' } }}
      style={fill ? { height: '100%' } : { marginBottom: 16 }}
    >
      {points.length === 0 ? (
        <EmptyState compact title="本年度暂无数据" />
      ) : (
        <EChart
          option={option}
          height={height}
          ariaLabel={`${year}年各季度完成率、报送率和按时报送率折线图`}
        />
      )}
    </Card>
  );
}

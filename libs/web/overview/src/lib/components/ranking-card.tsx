import { useMemo } from 'react';
import { Card, Typography } from 'antd';
import { EChart, EmptyState } from '@sunshine/web/ui';
import { rankingChartHeight, rankingChartOption } from '../charts/ranking-option';
import type { ChildRow } from '../overview-model';

export interface RankingCardProps {
  rows: ChildRow[];
  overallRate: number;
  /** e.g. 市级 / 县级: what is ranked. */
  levelLabel: string;
  onSelect: (organizationId: string) => void;
}

/** Subordinates ranked by completion rate; a click on a bar drills into that organisation. */
export function RankingCard({ rows, overallRate, levelLabel, onSelect }: RankingCardProps) {
  const children = useMemo(() => rows.filter((r) => !r.own), [rows]);
  const { option, ids } = useMemo(
    () =>
      rankingChartOption(
        children.map((r) => ({
          id: r.organizationId,
          name: r.name,
          completionRate: r.completionRate,
          reportingRate: r.reportingRate,
          completed: r.completed,
          due: r.due,
        })),
        overallRate,
      ),
    [children, overallRate],
  );
  return (
    <Card
      title={`${levelLabel}单位完成率排名`}
      extra={
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          点击柱条查看下级
        </Typography.Text>
      }
      styles={{ body: { padding: '8px 16px 4px' } }}
      style={{ height: '100%' }}
    >
      {children.length === 0 ? (
        <EmptyState compact title="没有下级单位" />
      ) : (
        <EChart
          option={option}
          height={rankingChartHeight(children.length)}
          ariaLabel={`${levelLabel}单位完成率排名柱状图`}
          onItemClick={({ dataIndex }) => {
            const id = ids[dataIndex];
            if (id) onSelect(id);
          }}
        />
      )}
    </Card>
  );
}

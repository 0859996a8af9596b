import { useMemo } from 'react';
import { useQuery } from '@apollo/client/react';
import { Card, Empty } from 'antd';
import { AssessmentIssueTrendDocument } from '@sunshine/web/graphql';
import { EChart } from '@sunshine/web/ui';
import { trendOption } from '../charts/trend-chart';

/** The trend of the round's problems (of the unit drilled into) over the round's life. */
export function TrendCard({
  roundId,
  organizationId,
}: {
  roundId: string;
  organizationId: string | null;
}) {
  const { data, previousData } = useQuery(AssessmentIssueTrendDocument, {
    variables: { roundId, organizationId },
    fetchPolicy: 'cache-and-network',
  });
  const trend = (data ?? previousData)?.assessmentIssueTrend;
  const option = useMemo(() => (trend ? trendOption(trend.points, trend.bucket) : null), [trend]);
  return (
    <Card
      title={`问题整改趋势${trend?.bucket === 'WEEK' ? '（按周）' : '（按日）'}`}
      size="small"
      style={{ marginBottom: 16 }}
    >
      {option && trend && trend.points.length > 0 ? (
        <EChart option={option} height={240} ariaLabel="待整改、已整改待复核、已销号问题数的变化" />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无整改记录" />
      )}
    </Card>
  );
}

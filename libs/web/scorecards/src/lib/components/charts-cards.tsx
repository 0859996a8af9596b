import { useMemo } from 'react';
import { Card, Empty, List, Tag, Typography } from 'antd';
import { EChart } from '@sunshine/web/ui';
import { barChartHeight, changeOption, rankingOption, trendOption } from '../charts/score-charts';
import {
  formatChange,
  formatScore,
  GRADE_TAG_COLORS,
  lowestRows,
  shortOrgName,
  type ScoreRow,
  type TrendSeries,
} from '../scorecard-model';

/** The ranking as bars (best first); a click opens the bureau (drill or breakdown). */
export function RankingCard(props: {
  title: string;
  rows: readonly ScoreRow[];
  average: number | null;
  maxScore: number;
  height: number;
  onOpen: (id: string) => void;
}) {
  const { option, ids } = useMemo(
    () => rankingOption(props.rows, props.average, props.maxScore),
    [props.rows, props.average, props.maxScore],
  );
  return (
    <Card title={props.title} size="small" style={{ height: '100%' }}>
      <div data-testid="score-ranking" style={{ maxHeight: props.height, overflowY: 'auto' }}>
        <EChart
          option={option}
          height={Math.max(props.height - 4, barChartHeight(props.rows.length))}
          ariaLabel={`${props.title}：各单位得分排名`}
          onItemClick={(item) => {
            const id = ids[item.dataIndex];
            if (id) props.onOpen(id);
          }}
        />
      </div>
    </Card>
  );
}

export function TrendCard({
  trend,
  bureauName,
}: {
  trend: TrendSeries;
  bureauName: string | null;
}) {
  const option = useMemo(() => trendOption(trend, bureauName), [trend, bureauName]);
  const empty = trend.average.every((v) => v === null);
  return (
    <Card title="得分趋势（年内累计）" size="small" style={{ height: '100%' }}>
      {empty ? (
        <Empty description="暂无季度数据" image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <EChart option={option} height={240} ariaLabel="各季度平均得分趋势" />
      )}
    </Card>
  );
}

/** Year-on-year change per bureau, and the most improved. */
export function ChangeCard({
  rows,
  mostImproved,
  onOpen,
}: {
  rows: readonly ScoreRow[];
  mostImproved: readonly ScoreRow[];
  onOpen: (id: string) => void;
}) {
  const { option, ids } = useMemo(() => changeOption(rows), [rows]);
  return (
    <Card
      title="较上年同期"
      size="small"
      style={{ height: '100%' }}
      extra={
        mostImproved.length > 0 ? (
          <span data-testid="most-improved">
            <Typography.Text type="secondary">进步最大：</Typography.Text>
            {mostImproved.slice(0, 3).map((r) => (
              <Tag key={r.organization.id} color="cyan" style={{ marginInlineEnd: 4 }}>
                {shortOrgName(r.organization.name)} {formatChange(r.change)}
              </Tag>
            ))}
          </span>
        ) : null
      }
    >
      {ids.length === 0 ? (
        <Empty description="上年同期无考评结果" image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <div style={{ maxHeight: 240, overflowY: 'auto' }}>
          <EChart
            option={option}
            height={Math.max(240, barChartHeight(ids.length))}
            ariaLabel="各单位得分较上年同期变化"
            onItemClick={(item) => {
              const id = ids[item.dataIndex];
              if (id) onOpen(id);
            }}
          />
        </div>
      )}
    </Card>
  );
}

/** The lowest three with the reasons from their breakdowns. */
export function LowestCard({
  rows,
  onOpen,
}: {
  rows: readonly ScoreRow[];
  onOpen: (id: string) => void;
}) {
  const lowest = lowestRows(rows);
  return (
    <Card title="排名靠后的单位及主要失分原因" size="small" style={{ height: '100%' }}>
      <List
        data-testid="lowest-three"
        size="small"
        dataSource={lowest}
        locale={{ emptyText: '暂无' }}
        renderItem={(r) => (
          <List.Item
            style={{ cursor: 'pointer', alignItems: 'flex-start' }}
            onClick={() => onOpen(r.organization.id)}
          >
            <div style={{ width: '100%' }}>
              <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                <Typography.Link>
                  第{r.rank ?? '—'}名 · {r.organization.name}
                </Typography.Link>
                <span>
                  {formatScore(r.score)}{' '}
                  <Tag color={GRADE_TAG_COLORS[r.grade]} style={{ marginInlineEnd: 0 }}>
                    {r.gradeLabel}
                  </Tag>
                </span>
              </div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {r.reasons.length > 0 ? r.reasons.join('；') : '无明显失分项'}
              </Typography.Text>
            </div>
          </List.Item>
        )}
      />
    </Card>
  );
}

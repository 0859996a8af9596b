import { Card, Empty, List, Tag, Typography } from 'antd';
import type { AnnualReportStatisticsQuery } from '@sunshine/web/graphql';
import { ANNUAL_REPORT_STATUS_LABELS, type AnnualReportStatus } from '@sunshine/shared/domain';
import { describeRules } from './statistics-model';

type Attention = AnnualReportStatisticsQuery['annualReportStatistics']['attention'][number];

/** Bureaus whose report fails identities (勾稽不平) or was returned, each opening its report. */
export function AttentionCard({
  items,
  onOpen,
}: {
  items: readonly Attention[];
  onOpen: (orgId: string) => void;
}) {
  return (
    <Card
      title={`需关注的报告（${items.length}）`}
      style={{ marginBottom: 16, height: '100%' }}
      styles={{ body: { padding: items.length ? '0 16px' : 16, maxHeight: 330, overflow: 'auto' } }}
    >
      {items.length === 0 ? (
        <Empty description="没有勾稽不平或被退回的报告" image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <List
          dataSource={[...items]}
          renderItem={(a) => (
            <List.Item
              actions={[
                <a key="open" onClick={() => onOpen(a.organization.id)}>
                  查看
                </a>,
              ]}
            >
              <List.Item.Meta
                title={
                  <span>
                    {a.organization.name}
                    {a.cityName ? (
                      <Typography.Text type="secondary" style={{ marginLeft: 6, fontSize: 12 }}>
                        {a.cityName}
                      </Typography.Text>
                    ) : null}
                    <Tag style={{ marginLeft: 8 }}>
                      {ANNUAL_REPORT_STATUS_LABELS[a.status as AnnualReportStatus] ?? a.status}
                    </Tag>
                  </span>
                }
                description={
                  a.status === 'RETURNED' && a.returnReason
                    ? `退回原因：${a.returnReason}`
                    : `勾稽不平：${describeRules(a.failingRules)}`
                }
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

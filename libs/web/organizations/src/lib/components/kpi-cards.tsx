import { Card, Col, Row, Statistic, Tag, Typography } from 'antd';
import { ApartmentOutlined, BankOutlined, ClusterOutlined } from '@ant-design/icons';
import { formatCount, orgLevelLabel } from '@sunshine/web/ui';
import type { OrganizationSummary } from '../organization-summary';

const cardStyles = { body: { padding: '16px 20px' } };

function belowCaption({ belowTotal, levelCounts }: OrganizationSummary): string {
  if (belowTotal === 0) return '本单位没有下级单位';
  const [only] = levelCounts;
  if (levelCounts.length === 1 && only) return `均为${only.label}审计机关`;
  return '督导范围内的各级下级单位';
}

export function KpiCards({ summary }: { summary: OrganizationSummary }) {
  const { self, belowTotal, levelCounts } = summary;
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
      <Col flex="1 1 300px">
        <Card styles={cardStyles} style={{ height: '100%' }}>
          <Typography.Text type="secondary">
            <BankOutlined /> 本单位
          </Typography.Text>
          <Typography.Title level={4} ellipsis style={{ margin: '8px 0 6px' }}>
            {self?.name ?? '—'}
          </Typography.Title>
          {self ? (
            <span>
              <Tag color="blue">{orgLevelLabel(self.level)}</Tag>
              <Typography.Text type="secondary">区划代码 {self.code}</Typography.Text>
            </span>
          ) : null}
        </Card>
      </Col>
      <Col flex="1 1 180px">
        <Card styles={cardStyles} style={{ height: '100%' }}>
          <Statistic
            title={
              <span>
                <ClusterOutlined /> 下级单位数
              </span>
            }
            value={belowTotal}
            formatter={(v) => formatCount(Number(v))}
            suffix="个"
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {belowCaption(summary)}
          </Typography.Text>
        </Card>
      </Col>
      {/* One card per level only when there are several; one level is said in the caption. */}
      {(levelCounts.length > 1 ? levelCounts : []).map((c) => (
        <Col flex="1 1 180px" key={c.level}>
          <Card styles={cardStyles} style={{ height: '100%' }}>
            <Statistic
              title={
                <span>
                  <ApartmentOutlined /> {c.label}审计机关
                </span>
              }
              value={c.count}
              formatter={(v) => formatCount(Number(v))}
              suffix="个"
            />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              占下级单位 {belowTotal > 0 ? Math.round((c.count / belowTotal) * 100) : 0}%
            </Typography.Text>
          </Card>
        </Col>
      ))}
    </Row>
  );
}

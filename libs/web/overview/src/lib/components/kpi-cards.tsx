import type { ReactNode } from 'react';
import { Card, Col, Progress, Row, Tooltip, Typography } from 'antd';
import {
  AuditOutlined,
  CheckCircleOutlined,
  ClockCircleOutlined,
  InfoCircleOutlined,
  SendOutlined,
} from '@ant-design/icons';
import { kpiViews, type Figures, type KpiKey } from '../overview-model';

const ICONS: Record<KpiKey, ReactNode> = {
  completion: <CheckCircleOutlined />,
  reporting: <SendOutlined />,
  onTime: <ClockCircleOutlined />,
  acceptance: <AuditOutlined />,
};

const COLORS: Record<KpiKey, string> = {
  completion: '#1d4f91',
  reporting: '#5b8ccf',
  onTime: '#13a8a8',
  acceptance: '#d46b08',
};

/** 完成率, 报送率, 按时报送率 and 待验收, each with its numerator and denominator. */
export function KpiCards({ figures }: { figures: Figures }) {
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
      {kpiViews(figures).map((k) => (
        <Col key={k.key} xs={24} sm={12} xl={6}>
          <Card styles={{ body: { padding: '14px 20px 10px' } }} style={{ height: '100%' }}>
            <Typography.Text type="secondary" style={{ display: 'flex', gap: 6 }}>
              <span style={{ color: COLORS[k.key] }} aria-hidden>
                {ICONS[k.key]}
              </span>
              <span style={{ flex: 1 }}>{k.title}</span>
              <Tooltip title={k.hint}>
                <InfoCircleOutlined aria-label={`${k.title}说明`} />
              </Tooltip>
            </Typography.Text>
            <div
              style={{
                fontSize: 28,
                lineHeight: '38px',
                margin: '4px 0 2px',
                color: 'rgba(0,0,0,0.88)',
                fontVariantNumeric: 'tabular-nums',
              }}
              data-kpi={k.key}
            >
              {k.value}
              {k.unit ? (
                <span style={{ fontSize: 14, marginInlineStart: 4, color: 'rgba(0,0,0,0.55)' }}>
                  {k.unit}
                </span>
              ) : null}
            </div>
            <Progress
              percent={k.percent}
              showInfo={false}
              size="small"
              strokeColor={COLORS[k.key]}
              aria-label={`${k.title} ${k.value}`}
              style={{ margin: '0 0 6px' }}
            />
            <div
              style={{
                borderTop: '1px solid #f0f0f0',
                paddingTop: 8,
                marginTop: 2,
                fontSize: 12,
                color: 'rgba(0,0,0,0.55)',
              }}
            >
              {k.caption}
            </div>
          </Card>
        </Col>
      ))}
    </Row>
  );
}

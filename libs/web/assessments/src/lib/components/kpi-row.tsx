import type { ReactNode } from 'react';
import { Card, Tooltip, Typography } from 'antd';
import { InfoCircleOutlined } from '@ant-design/icons';
import { kpiViews, type Figures } from '../assessment-model';

/** 问题数, 已整改, 已销号, 逾期, 整改率, 按时整改率, 扣分: one row of seven cards. */
export function KpiRow({ figures, extra }: { figures: Figures; extra?: ReactNode }) {
  return (
    <div
      style={{
        display: 'grid',
        gridTemplateColumns: 'repeat(auto-fit, minmax(118px, 1fr))',
        gap: 12,
        marginBottom: 16,
      }}
    >
      {kpiViews(figures).map((k) => (
        <Card key={k.key} styles={{ body: { padding: '12px 16px' } }}>
          <Typography.Text type="secondary" style={{ display: 'flex', gap: 6 }}>
            <span style={{ flex: 1 }}>{k.title}</span>
            <Tooltip title={k.hint}>
              <InfoCircleOutlined aria-label={`${k.title}说明`} />
            </Tooltip>
          </Typography.Text>
          <div
            data-kpi={k.key}
            style={{
              fontSize: 26,
              lineHeight: '36px',
              fontVariantNumeric: 'tabular-nums',
              color: k.tone === 'warning' ? '#cf1322' : 'rgba(0,0,0,0.88)',
            }}
          >
            {k.value}
          </div>
        </Card>
      ))}
      {extra}
    </div>
  );
}

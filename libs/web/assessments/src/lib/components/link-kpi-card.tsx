import { Card, Tooltip, Typography } from 'antd';
import { InfoCircleOutlined } from '@ant-design/icons';

/** The KPI card "失效链接": links broken now among the round's problems (and how many problems). */
export function LinkKpiCard({
  linksBroken,
  issues,
}: {
  linksBroken: number | null;
  issues: number | null;
}) {
  const hint = `现在打不开的问题位置和整改链接${issues !== null ? `，涉及 ${issues} 个问题` : ''}（后台定时检查，也可重新检查）`;
  return (
    <Card styles={{ body: { padding: '12px 16px' } }}>
      <Typography.Text type="secondary" style={{ display: 'flex', gap: 6 }}>
        <span style={{ flex: 1 }}>失效链接</span>
        <Tooltip title={hint}>
          <InfoCircleOutlined aria-label="失效链接说明" />
        </Tooltip>
      </Typography.Text>
      <div
        data-kpi="linksBroken"
        style={{
          fontSize: 26,
          lineHeight: '36px',
          fontVariantNumeric: 'tabular-nums',
          color: linksBroken ? '#cf1322' : 'rgba(0,0,0,0.88)',
        }}
      >
        {linksBroken ?? '—'}
      </div>
    </Card>
  );
}

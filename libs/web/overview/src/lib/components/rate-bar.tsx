import { Progress } from 'antd';
import { formatPercent, percentValue } from '@sunshine/web/ui';

/** A 0–1 rate as a slim bar with the percentage (one decimal) beside it. */
export function RateBar({ rate, color = '#1d4f91' }: { rate: number; color?: string }) {
  return (
    <Progress
      percent={percentValue(rate)}
      size="small"
      strokeColor={color}
      format={() => (
        <span style={{ color: 'rgba(0,0,0,0.75)', fontVariantNumeric: 'tabular-nums' }}>
          {formatPercent(rate)}
        </span>
      )}
      style={{ margin: 0, minWidth: 110 }}
    />
  );
}

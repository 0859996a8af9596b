import type { ReactNode } from 'react';

export type StateTone = 'brand' | 'warning' | 'danger' | 'neutral';

const TONES: Record<StateTone, { background: string; color: string }> = {
  brand: { background: '#e8eef7', color: '#1d4f91' },
  warning: { background: '#fff7e6', color: '#d46b08' },
  danger: { background: '#fff1f0', color: '#cf1322' },
  neutral: { background: '#e3e8ef', color: '#7a8699' },
};

export interface StateBlockProps {
  icon: ReactNode;
  tone?: StateTone;
  title: ReactNode;
  description?: ReactNode;
  children?: ReactNode;
  /** Vertical padding; larger for full pages. */
  padding?: number;
}

/**
 * The common frame of designed states (error, 403/404, coming soon): a tinted icon disc, a title,
 * one explanatory line and optional actions. Plain elements keep it out of heavy antd chunks.
 */
export function StateBlock({
  icon,
  tone = 'brand',
  title,
  description,
  children,
  padding = 48,
}: StateBlockProps) {
  const t = TONES[tone];
  return (
    <div
      style={{
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'center',
        textAlign: 'center',
        padding: `${padding}px 16px`,
      }}
    >
      <div
        aria-hidden
        style={{
          width: 72,
          height: 72,
          borderRadius: '50%',
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'center',
          fontSize: 32,
          marginBottom: 20,
          ...t,
        }}
      >
        {icon}
      </div>
      <div style={{ fontSize: 20, fontWeight: 600, color: 'rgba(0,0,0,0.88)' }}>{title}</div>
      {description ? (
        <div
          style={{
            maxWidth: 640,
            marginTop: 10,
            fontSize: 14,
            lineHeight: 1.7,
            color: 'rgba(0,0,0,0.55)',
          }}
        >
          {description}
        </div>
      ) : null}
      {children ? <div style={{ marginTop: 24 }}>{children}</div> : null}
    </div>
  );
}

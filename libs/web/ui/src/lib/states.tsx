import type { CSSProperties, ReactNode } from 'react';
import { Button, Empty, Spin } from 'antd';
import { ExclamationCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import { StateBlock } from './state-block';

const centered: CSSProperties = {
  display: 'flex',
  flexDirection: 'column',
  alignItems: 'center',
  justifyContent: 'center',
  padding: '48px 16px',
  minHeight: 200,
};

export interface LoadingStateProps {
  tip?: string;
  /** Fill the viewport (app start, route guards). */
  fullscreen?: boolean;
}

export function LoadingState({ tip = '正在加载…', fullscreen = false }: LoadingStateProps) {
  return (
    <div
      role="status"
      aria-live="polite"
      style={{ ...centered, minHeight: fullscreen ? '100vh' : centered.minHeight }}
    >
      <Spin size="large" />
      <span style={{ marginTop: 12, color: 'rgba(0,0,0,0.45)' }}>{tip}</span>
    </div>
  );
}

export interface EmptyStateProps {
  title?: string;
  description?: ReactNode;
  action?: ReactNode;
  compact?: boolean;
}

export function EmptyState({ title = '暂无数据', description, action, compact }: EmptyStateProps) {
  return (
    <div
      style={{
        ...centered,
        minHeight: compact ? 120 : centered.minHeight,
        padding: compact ? 16 : 48,
      }}
    >
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={
          <span>
            <span style={{ color: 'rgba(0,0,0,0.75)' }}>{title}</span>
            {description ? (
              <span style={{ display: 'block', marginTop: 4, color: 'rgba(0,0,0,0.45)' }}>
                {description}
              </span>
            ) : null}
          </span>
        }
      >
        {action}
      </Empty>
    </div>
  );
}

export interface ErrorStateProps {
  title?: string;
  /** The server's (Chinese) error message. */
  message?: string;
  onRetry?: () => void;
}

export function ErrorState({ title = '数据加载失败', message, onRetry }: ErrorStateProps) {
  return (
    <div role="alert">
      <StateBlock
        tone="warning"
        icon={<ExclamationCircleOutlined />}
        title={title}
        description={message ?? '请稍后重试；如问题持续存在，请联系系统管理员。'}
      >
        {onRetry ? (
          <Button icon={<ReloadOutlined />} onClick={onRetry}>
            重新加载
          </Button>
        ) : null}
      </StateBlock>
    </div>
  );
}

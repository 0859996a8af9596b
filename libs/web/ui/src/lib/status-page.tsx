import type { ReactNode } from 'react';
import { FileSearchOutlined, LockOutlined } from '@ant-design/icons';
import { StateBlock } from './state-block';

export interface StatusPageProps {
  kind: 'forbidden' | 'not-found';
  action?: ReactNode;
}

const TEXT = {
  forbidden: {
    icon: <LockOutlined />,
    title: '无权访问',
    description: '您的账户没有访问此页面的权限；如需开通，请联系本单位系统管理员。',
  },
  'not-found': {
    icon: <FileSearchOutlined />,
    title: '页面不存在',
    description: '您访问的页面不存在或已被移除，请从左侧菜单重新进入。',
  },
} as const;

export function StatusPage({ kind, action }: StatusPageProps) {
  const t = TEXT[kind];
  return (
    <StateBlock
      tone="neutral"
      icon={t.icon}
      title={t.title}
      description={t.description}
      padding={80}
    >
      {action}
    </StateBlock>
  );
}

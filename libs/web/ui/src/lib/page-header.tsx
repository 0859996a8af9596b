import type { ReactNode } from 'react';
import { Flex, Typography } from 'antd';

export interface PageHeaderProps {
  title: string;
  /** One line under the title: what the page is for, or the current scope. */
  description?: ReactNode;
  /** Actions on the right (primary button last). */
  extra?: ReactNode;
  /** Where the page sits (e.g. a drill-down path), above the title. */
  breadcrumb?: ReactNode;
}

export function PageHeader({ title, description, extra, breadcrumb }: PageHeaderProps) {
  return (
    <Flex justify="space-between" align="center" gap={16} wrap style={{ marginBottom: 16 }}>
      <div style={{ minWidth: 0 }}>
        {breadcrumb ? <div style={{ marginBottom: 6 }}>{breadcrumb}</div> : null}
        <Typography.Title level={4} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {description ? (
          <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
            {description}
          </Typography.Text>
        ) : null}
      </div>
      {extra ? <Flex gap={8}>{extra}</Flex> : null}
    </Flex>
  );
}

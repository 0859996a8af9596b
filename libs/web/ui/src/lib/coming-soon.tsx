import type { ReactNode } from 'react';
import { Card, Tag } from 'antd';
import { ToolOutlined } from '@ant-design/icons';
import { PageHeader } from './page-header';
import { StateBlock } from './state-block';

export interface ComingSoonProps {
  /** Feature name as in the menu: 进展填报, 第三方测评 … */
  title: string;
  /** One line on what the feature will do. */
  description: string;
  /** What the first release will offer. */
  highlights?: string[];
  icon?: ReactNode;
}

/** A designed placeholder for a feature that is not built yet (never a blank page). */
export function ComingSoon({ title, description, highlights = [], icon }: ComingSoonProps) {
  return (
    <>
      <PageHeader title={title} />
      <Card>
        <StateBlock
          icon={icon ?? <ToolOutlined />}
          title="功能建设中"
          description={`「${title}」${description}`}
          padding={40}
        >
          {highlights.length > 0 ? (
            <div
              style={{
                display: 'flex',
                flexWrap: 'wrap',
                justifyContent: 'center',
                gap: 8,
                maxWidth: 620,
              }}
            >
              {highlights.map((h) => (
                <Tag key={h} color="blue" style={{ marginInlineEnd: 0, padding: '2px 10px' }}>
                  {h}
                </Tag>
              ))}
            </div>
          ) : null}
          <div style={{ marginTop: 28, fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>
            该模块将在后续版本上线，上线后可直接在此使用。
          </div>
        </StateBlock>
      </Card>
    </>
  );
}

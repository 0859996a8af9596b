import { Card, Flex, Progress, Typography } from 'antd';
import { EmptyState, formatCount, orgLevelLabel } from '@sunshine/web/ui';
import type { OrganizationItem } from '../organization-summary';

/** The caller's direct subordinates with how many bureaus each oversees (a ranking-style list). */
export function SubordinateList({ items }: { items: OrganizationItem[] }) {
  const max = Math.max(0, ...items.map((i) => i.descendantCount));
  return (
    <Card
      title="直属下级单位"
      extra={
        items.length > 0 ? (
          <Typography.Text type="secondary">{items.length} 个</Typography.Text>
        ) : null
      }
      styles={{ body: { padding: '8px 16px 12px' } }}
    >
      {items.length === 0 ? (
        <EmptyState compact title="没有直属下级单位" description="本单位的督导范围仅包含本单位。" />
      ) : (
        <ol style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {items.map((item, index) => (
            <li
              key={item.id}
              style={{
                padding: '7px 0',
                borderBottom: index < items.length - 1 ? '1px solid #f0f0f0' : undefined,
              }}
            >
              <Flex align="center" gap={10}>
                <span
                  style={{
                    flex: '0 0 20px',
                    height: 20,
                    lineHeight: '20px',
                    borderRadius: 10,
                    textAlign: 'center',
                    fontSize: 12,
                    color: index < 3 && max > 0 ? '#fff' : '#595959',
                    background: index < 3 && max > 0 ? '#1d4f91' : '#f0f0f0',
                  }}
                >
                  {index + 1}
                </span>
                <Typography.Text ellipsis style={{ flex: 1, minWidth: 0 }} title={item.name}>
                  {item.name}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                  {max > 0
                    ? `下级 ${formatCount(item.descendantCount)} 个`
                    : `${orgLevelLabel(item.level)} · ${item.code}`}
                </Typography.Text>
              </Flex>
              {max > 0 ? (
                <Progress
                  percent={(item.descendantCount / max) * 100}
                  showInfo={false}
                  size="small"
                  strokeColor="#5b8ccf"
                  style={{ margin: '2px 0 0 30px', width: 'calc(100% - 30px)' }}
                />
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}

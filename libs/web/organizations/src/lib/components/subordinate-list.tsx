import { Button, Card, Flex, Typography } from 'antd';
import { EmptyState, formatCount, orgLevelLabel } from '@sunshine/web/ui';
import type { OrganizationItem } from '../organization-summary';

/**
 * The caller's direct subordinates in division-code order, as an index into the tree: what each
 * one is (code, level) and what it oversees; a click opens it in the tree. No ranking: how many
 * counties a city has says nothing about how well it works.
 */
export function SubordinateList({
  items,
  onLocate,
}: {
  items: OrganizationItem[];
  onLocate: (id: string) => void;
}) {
  return (
    <Card
      title="直属下级单位"
      extra={
        items.length > 0 ? (
          <Typography.Text type="secondary">按区划代码 · {items.length} 个</Typography.Text>
        ) : null
      }
      styles={{ body: { padding: '4px 16px 8px' } }}
    >
      {items.length === 0 ? (
        <EmptyState compact title="没有直属下级单位" description="本单位的督导范围仅包含本单位。" />
      ) : (
        <ul style={{ listStyle: 'none', margin: 0, padding: 0 }} data-testid="subordinate-list">
          {items.map((item, index) => (
            <li
              key={item.id}
              style={{
                padding: '6px 0',
                borderBottom: index < items.length - 1 ? '1px solid #f0f0f0' : undefined,
              }}
            >
              <Flex align="center" gap={8}>
                <Typography.Text
                  type="secondary"
                  style={{ flex: '0 0 52px', fontSize: 12, fontVariantNumeric: 'tabular-nums' }}
                >
                  {item.code}
                </Typography.Text>
                <Button
                  type="link"
                  size="small"
                  title={`在单位架构中展开 ${item.name}`}
                  onClick={() => onLocate(item.id)}
                  style={{
                    padding: 0,
                    height: 'auto',
                    flex: 1,
                    minWidth: 0,
                    justifyContent: 'start',
                  }}
                >
                  <Typography.Text ellipsis style={{ color: 'inherit' }}>
                    {item.name}
                  </Typography.Text>
                </Button>
                <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                  {item.childCount > 0
                    ? `${orgLevelLabel(item.level)} · 下级 ${formatCount(item.childCount)} 个`
                    : orgLevelLabel(item.level)}
                </Typography.Text>
              </Flex>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

import { useState } from 'react';
import { useLazyQuery, useMutation } from '@apollo/client/react';
import { Badge, Button, Empty, Flex, Popover, Spin, Tooltip, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { MarkNotificationsReadDocument, NotificationsDocument } from '@sunshine/web/graphql';
import { formatDateTime } from '@sunshine/web/ui';
import { notificationKindLabel } from './notification-kinds';

/** The header's bell: unread count, the latest notifications, mark as read, follow a link. */
export function NotificationBell({ unread }: { unread: number }) {
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [load, { data, loading, refetch }] = useLazyQuery(NotificationsDocument, {
    fetchPolicy: 'network-only',
  });
  const [markRead] = useMutation(MarkNotificationsReadDocument, {
    refetchQueries: ['Worklist'],
  });
  const page = data?.notifications;

  const onOpenChange = (next: boolean) => {
    setOpen(next);
    if (next) void load({ variables: { filter: { limit: 8 } } });
  };

  const content = (
    <div style={{ width: 360 }}>
      <Flex
        justify="space-between"
        align="center"
        style={{ padding: '4px 0 8px', borderBottom: '1px solid #f0f0f0' }}
      >
        <Typography.Text strong>通知</Typography.Text>
        <Button
          type="link"
          size="small"
          disabled={!page || page.unread === 0}
          onClick={() => {
            void markRead({ variables: { input: {} } }).then(() => refetch());
          }}
        >
          全部标为已读
        </Button>
      </Flex>
      {loading && !page ? (
        <Flex justify="center" style={{ padding: 24 }}>
          <Spin />
        </Flex>
      ) : !page || page.items.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description="暂无通知"
          style={{ margin: '16px 0' }}
        />
      ) : (
        <ul style={{ listStyle: 'none', margin: 0, padding: 0, maxHeight: 400, overflow: 'auto' }}>
          {page.items.map((n) => (
            <li key={n.id}>
              <button
                type="button"
                onClick={() => {
                  setOpen(false);
                  if (!n.readAt) void markRead({ variables: { input: { ids: [n.id] } } });
                  if (n.link) void navigate(n.link);
                }}
                style={{
                  display: 'block',
                  width: '100%',
                  textAlign: 'left',
                  border: 0,
                  borderBottom: '1px solid #f5f5f5',
                  background: n.readAt ? 'transparent' : '#f5f8fd',
                  padding: '8px 6px',
                  cursor: 'pointer',
                  font: 'inherit',
                }}
              >
                <Flex gap={8} align="start">
                  <Badge status={n.readAt ? 'default' : 'processing'} style={{ marginTop: 2 }} />
                  <div style={{ minWidth: 0, flex: 1 }}>
                    <Typography.Text
                      strong={!n.readAt}
                      ellipsis
                      style={{ display: 'block' }}
                      title={n.title}
                    >
                      {n.title}
                    </Typography.Text>
                    {n.body ? (
                      <Typography.Paragraph
                        type="secondary"
                        ellipsis={{ rows: 2 }}
                        style={{ margin: 0, fontSize: 12 }}
                      >
                        {n.body}
                      </Typography.Paragraph>
                    ) : null}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {notificationKindLabel(n.kind)} · {formatDateTime(n.createdAt)}
                    </Typography.Text>
                  </div>
                </Flex>
              </button>
            </li>
          ))}
        </ul>
      )}
      {page && page.total > page.items.length ? (
        <Typography.Text
          type="secondary"
          style={{ display: 'block', fontSize: 12, paddingTop: 8, textAlign: 'center' }}
        >
          仅显示最近 {page.items.length} 条，共 {page.total} 条
        </Typography.Text>
      ) : null}
    </div>
  );

  return (
    <Popover
      open={open}
      onOpenChange={onOpenChange}
      trigger="click"
      placement="bottomRight"
      content={content}
      arrow={false}
    >
      <Tooltip title={open ? undefined : unread > 0 ? `${unread} 条未读通知` : '通知'}>
        <Button
          type="text"
          aria-label={unread > 0 ? `通知，${unread} 条未读` : '通知'}
          icon={
            <Badge count={unread} size="small" overflowCount={99} offset={[4, -2]}>
              <BellOutlined style={{ fontSize: 16 }} />
            </Badge>
          }
        />
      </Tooltip>
    </Popover>
  );
}

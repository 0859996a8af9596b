import { useState } from 'react';
import { App, Button, Flex, List, Typography } from 'antd';
import { HistoryOutlined, ReloadOutlined } from '@ant-design/icons';
import { errorMessage } from '@sunshine/web/graphql';
import { linkCheckSummary, type IssueLinks } from '../link-model';
import type { LinkChecksState } from '../use-link-checks';
import { LinkHistoryDrawer, type LinkRef } from './link-history-drawer';
import { LinkStateTag } from './link-state-tag';

/** An issue's links in its drawer: state, last check, the history of each, a re-check. */
export function IssueLinksSection({
  issueId,
  status,
  links,
}: {
  issueId: string;
  status: IssueLinks;
  links: LinkChecksState;
}) {
  const { message } = App.useApp();
  const [history, setHistory] = useState<LinkRef | null>(null);
  if (status.links.length === 0) return null;
  return (
    <Flex vertical gap={4}>
      <Flex align="center" justify="space-between">
        <Typography.Text strong>链接检查</Typography.Text>
        <Button
          size="small"
          icon={<ReloadOutlined />}
          loading={links.rechecking}
          onClick={async () => {
            try {
              const r = await links.recheck({ issueIds: [issueId] });
              message.success(
                r && r.queued > 0 ? `已排队检查 ${r.queued} 个链接` : '这些链接一分钟内刚检查过',
              );
            } catch (e) {
              message.error(errorMessage(e));
            }
          }}
        >
          重新检查链接
        </Button>
      </Flex>
      <List
        size="small"
        bordered
        dataSource={status.links}
        renderItem={(l) => (
          <List.Item
            actions={[
              <Button
                key="history"
                size="small"
                type="link"
                icon={<HistoryOutlined />}
                onClick={() => setHistory({ organizationId: l.organizationId, url: l.url })}
              >
                检查记录
              </Button>,
            ]}
          >
            <Flex vertical style={{ minWidth: 0 }}>
              <Flex gap={8} align="center" style={{ minWidth: 0 }}>
                <LinkStateTag link={l} />
                <Typography.Text type="secondary" style={{ flex: 'none' }}>
                  {l.role === 'RECTIFICATION' ? '整改链接' : '问题位置'}
                </Typography.Text>
                <Typography.Link
                  href={l.url}
                  target="_blank"
                  rel="noreferrer noopener"
                  ellipsis
                  style={{ minWidth: 0 }}
                >
                  {l.url}
                </Typography.Link>
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {linkCheckSummary(l)}
                {l.title ? ` · ${l.title}` : ''}
              </Typography.Text>
            </Flex>
          </List.Item>
        )}
      />
      <LinkHistoryDrawer link={history} onClose={() => setHistory(null)} />
    </Flex>
  );
}

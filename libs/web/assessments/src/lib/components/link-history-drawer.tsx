import { useState } from 'react';
import { useQuery } from '@apollo/client/react';
import { Alert, Button, Descriptions, Drawer, Empty, Flex, Tag, Timeline, Typography } from 'antd';
import { ExportOutlined } from '@ant-design/icons';
import { errorMessage, LinkHistoryDocument } from '@sunshine/web/graphql';
import { formatDateTime, LoadingState } from '@sunshine/web/ui';
import { snapshotOf } from '../link-model';

const OUTCOME_LABELS: Record<string, string> = {
  OK: '正常',
  HTTP_ERROR: '服务器报错',
  DNS: '域名无法解析',
  TIMEOUT: '超时',
  NETWORK: '无法连接',
  TLS: '证书错误',
  REDIRECTS: '重定向过多',
  BLOCKED: '已拦截',
  INVALID: '链接无效',
};

export interface LinkRef {
  organizationId: string;
  url: string;
}

/** The checks of one link, newest first: status, final URL, time, title, changes and the text snapshot. */
export function LinkHistoryDrawer({
  link,
  onClose,
}: {
  link: LinkRef | null;
  onClose: () => void;
}) {
  const [selected, setSelected] = useState(0);
  const q = useQuery(LinkHistoryDocument, {
    variables: {
      input: { organizationId: link?.organizationId ?? '', url: link?.url ?? '', limit: 30 },
    },
    skip: !link,
    fetchPolicy: 'cache-and-network',
  });
  const checks = q.data?.linkHistory.checks ?? [];
  const current = checks[selected] ?? null;
  const text = snapshotOf(checks, selected);
  return (
    <Drawer
      title="链接检查记录"
      open={link !== null}
      onClose={() => {
        setSelected(0);
        onClose();
      }}
      width={720}
      extra={
        link ? (
          <Button
            icon={<ExportOutlined />}
            href={link.url}
            target="_blank"
            rel="noreferrer noopener"
          >
            打开链接
          </Button>
        ) : null
      }
    >
      {q.loading && !q.data ? <LoadingState /> : null}
      {q.error ? <Alert type="error" showIcon message={errorMessage(q.error)} /> : null}
      {link ? (
        <Typography.Paragraph copyable={{ text: link.url }} style={{ wordBreak: 'break-all' }}>
          {link.url}
        </Typography.Paragraph>
      ) : null}
      {q.data && checks.length === 0 ? <Empty description="尚未检查，已在排队" /> : null}
      {checks.length > 0 ? (
        <Flex gap={24} align="flex-start">
          <Timeline
            style={{ width: 250, flex: 'none' }}
            items={checks.map((c, i) => ({
              color: c.broken ? 'red' : c.changed ? 'blue' : 'green',
              children: (
                <Typography.Link
                  onClick={() => setSelected(i)}
                  strong={i === selected}
                  aria-current={i === selected}
                >
                  {formatDateTime(c.checkedAt)}
                  <br />
                  <Typography.Text type={c.broken ? 'danger' : 'secondary'}>
                    {c.statusCode ?? OUTCOME_LABELS[c.outcome] ?? c.outcome}
                    {c.responseMs !== null ? ` · ${c.responseMs} 毫秒` : ''}
                    {c.changed ? ' · 内容变化' : ''}
                  </Typography.Text>
                </Typography.Link>
              ),
            }))}
          />
          {current ? (
            <Flex vertical gap={12} style={{ flex: 1, minWidth: 0 }}>
              <Descriptions column={1} size="small" bordered>
                <Descriptions.Item label="结果">
                  <Tag color={current.broken ? 'error' : 'success'}>
                    {OUTCOME_LABELS[current.outcome] ?? current.outcome}
                  </Tag>
                  {current.statusCode !== null ? `HTTP ${current.statusCode}` : null}
                  {current.problem ? `（${current.problem}）` : null}
                </Descriptions.Item>
                <Descriptions.Item label="最终地址">
                  <span style={{ wordBreak: 'break-all' }}>
                    {current.finalUrl ?? '—'}
                    {current.redirects > 0 ? `（重定向 ${current.redirects} 次）` : ''}
                  </span>
                </Descriptions.Item>
                <Descriptions.Item label="响应时间">
                  {current.responseMs !== null ? `${current.responseMs} 毫秒` : '—'}
                </Descriptions.Item>
                <Descriptions.Item label="页面标题">{current.title ?? '—'}</Descriptions.Item>
                <Descriptions.Item label="内容">
                  {current.unchangedSinceFirst
                    ? '与首次检查相同'
                    : current.changed
                      ? '与上次检查不同'
                      : '与上次检查相同'}
                  {current.contentHash ? (
                    <Typography.Text type="secondary" code style={{ marginInlineStart: 8 }}>
                      {current.contentHash.slice(0, 12)}
                    </Typography.Text>
                  ) : null}
                  {current.truncated ? '（页面过大，只读取了前面部分）' : ''}
                </Descriptions.Item>
              </Descriptions>
              <Typography.Text strong>页面文本快照</Typography.Text>
              <div
                style={{
                  maxHeight: 320,
                  overflow: 'auto',
                  padding: 12,
                  background: '#fafafa',
                  border: '1px solid #f0f0f0',
                  borderRadius: 6,
                  whiteSpace: 'pre-wrap',
                }}
              >
                {text ?? (
                  <Typography.Text type="secondary">这次检查没有可显示的文本</Typography.Text>
                )}
              </div>
            </Flex>
          ) : null}
        </Flex>
      ) : null}
    </Drawer>
  );
}

import { Timeline, Typography } from 'antd';
import { EmptyState, formatDateTime } from '@sunshine/web/ui';
import { reportEventView } from './report-labels';

/** One entry of a report's 流转记录. */
export interface ReportHistoryEvent {
  id: string;
  action: string;
  createdAt: string;
  username?: string | null;
  comment?: string | null;
}

/** The report's workflow history, oldest first, as a timeline. */
export function ReportHistory({ events }: { events: readonly ReportHistoryEvent[] }) {
  if (events.length === 0)
    return <EmptyState compact title="暂无流转记录" description="保存草稿后开始记录" />;
  return (
    <Timeline
      style={{ marginTop: 4 }}
      items={events.map((e) => {
        const v = reportEventView(e.action);
        return {
          key: e.id,
          color: v.color,
          content: (
            <div>
              <div>
                <Typography.Text strong>{v.label}</Typography.Text>
                <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
                  {e.username ?? '系统'}
                </Typography.Text>
              </div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(e.createdAt)}
              </Typography.Text>
              {e.comment ? (
                <div
                  style={{
                    marginTop: 4,
                    padding: '4px 8px',
                    background: v.color === 'red' ? '#fff1f0' : '#f5f5f5',
                    borderRadius: 4,
                    whiteSpace: 'pre-wrap',
                  }}
                >
                  {e.comment}
                </div>
              ) : null}
            </div>
          ),
        };
      })}
    />
  );
}

import { Timeline, Typography } from 'antd';
import { EmptyState, formatDateTime } from '@sunshine/web/ui';
import { actorLabel, reportEventView } from './report-labels';

/** One entry of a report's 流转记录. */
export interface ReportHistoryEvent {
  id: string;
  action: string;
  createdAt: string;
  username?: string | null;
  /** The person's name at the time; the account is shown beside it. */
  displayName?: string | null;
  comment?: string | null;
}

/**
 * The report's workflow history, oldest first, as a timeline. `saved`: the report exists (a
 * saved draft or further); an unsaved form has no history yet.
 */
export function ReportHistory({
  events,
  saved = true,
}: {
  events: readonly ReportHistoryEvent[];
  saved?: boolean;
}) {
  if (events.length === 0)
    return saved ? (
      <EmptyState compact title="暂无流转记录" description="提交、审核、验收和退回会记录在这里" />
    ) : (
      <EmptyState compact title="暂无流转记录" description="保存草稿后开始记录" />
    );
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
                <Typography.Text style={{ marginInlineStart: 8, fontSize: 12 }}>
                  {actorLabel(e).name}
                </Typography.Text>
                {actorLabel(e).account ? (
                  <Typography.Text type="secondary" style={{ marginInlineStart: 4, fontSize: 12 }}>
                    （{actorLabel(e).account}）
                  </Typography.Text>
                ) : null}
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

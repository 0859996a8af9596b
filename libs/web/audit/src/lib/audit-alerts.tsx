import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button } from 'antd';
import { AuditAlertsDocument, MarkAuditAlertsReadDocument } from '@sunshine/web/graphql';
import { formatDateTimeSeconds } from '@sunshine/web/ui';

/** Unread audit alerts (a failed nightly verification of the trail), above the log. */
export function AuditAlerts() {
  const { data, refetch } = useQuery(AuditAlertsDocument, { fetchPolicy: 'cache-and-network' });
  const [markRead, { loading }] = useMutation(MarkAuditAlertsReadDocument);
  const alerts = data?.auditAlerts.items ?? [];
  if (alerts.length === 0) return null;
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      message={`审计告警（${alerts.length} 条未读）`}
      description={alerts.map((a) => (
        <div key={a.id}>
          {formatDateTimeSeconds(a.createdAt)} {a.title}：{a.body}
        </div>
      ))}
      action={
        <Button
          size="small"
          loading={loading}
          onClick={() =>
            void markRead({ variables: { input: { ids: alerts.map((a) => a.id) } } }).then(() =>
              refetch(),
            )
          }
        >
          标为已读
        </Button>
      }
    />
  );
}

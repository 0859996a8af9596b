import { Card, Descriptions, Progress, Typography } from 'antd';
import { LinkOutlined } from '@ant-design/icons';
import type { ReportFieldsFragment } from '@sunshine/web/graphql';
import { formatDateTime } from '@sunshine/web/ui';
import { CompletionStateTag, ReportNarrative } from '@sunshine/web/reporting-ui';
import { targetLabel } from './report-form-model';

/** A submitted (or not editable) report, as text. */
export function ReportReadonly({ report }: { report: ReportFieldsFragment }) {
  const target = targetLabel(report.task.targetValue, report.task.targetUnit);
  return (
    <Card title="季度进展" style={{ marginBottom: 16 }}>
      <Descriptions
        size="small"
        column={3}
        items={[
          {
            key: 'state',
            label: '完成状态',
            children: <CompletionStateTag state={report.completionState} />,
          },
          {
            key: 'percent',
            label: '完成进度',
            children: (
              <Progress percent={report.percent} size="small" style={{ width: 140, margin: 0 }} />
            ),
          },
          ...(target
            ? [
                {
                  key: 'actual',
                  label: '实际完成',
                  children: `${report.actualValue ?? '—'}${report.task.targetUnit ? ` ${report.task.targetUnit}` : ''}（${target}）`,
                },
              ]
            : []),
          { key: 'submitted', label: '提交时间', children: formatDateTime(report.submittedAt) },
          { key: 'approved', label: '审核时间', children: formatDateTime(report.approvedAt) },
          { key: 'accepted', label: '验收时间', children: formatDateTime(report.acceptedAt) },
        ]}
      />
      <ReportNarrative report={report} layout="block" />
    </Card>
  );
}

/** The links of a report that is not editable. */
export function EvidenceUrlsList({ urls }: { urls: ReportFieldsFragment['evidenceUrls'] }) {
  if (urls.length === 0) return null;
  return (
    <div style={{ marginTop: 12 }}>
      <Typography.Text strong style={{ display: 'block', marginBottom: 4 }}>
        <LinkOutlined /> 公开链接
      </Typography.Text>
      {urls.map((u) => (
        <div key={u.url} style={{ padding: '2px 0' }}>
          <Typography.Link href={u.url} target="_blank" rel="noopener noreferrer">
            {u.title || u.url}
          </Typography.Link>
        </div>
      ))}
    </div>
  );
}

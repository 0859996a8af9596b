import { useState, type ReactNode } from 'react';
import { useQuery } from '@apollo/client/react';
import { App, Alert, Button, Descriptions, Drawer, Flex, Progress, Tag, Typography } from 'antd';
import { LinkOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { downloadFile, errorMessage, OverviewReportDocument } from '@sunshine/web/graphql';
import { EmptyState, ErrorState, formatDateTime, formatDay, LoadingState } from '@sunshine/web/ui';
import {
  CompletionStateTag,
  EvidenceFileList,
  ReportHistory,
  ReportNarrative,
  ReportSection,
  ReportStatusTag,
  returnedStageLabel,
} from '@sunshine/web/reporting-ui';

/** A quarterly report as the overseer reads it: content, evidence (downloadable) and history. */
export function ReportDrawer({
  reportId,
  onClose,
}: {
  reportId: string | null;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [busyId, setBusyId] = useState<string | null>(null);
  const { data, loading, error, refetch } = useQuery(OverviewReportDocument, {
    variables: { id: reportId ?? '' },
    skip: !reportId,
    fetchPolicy: 'cache-and-network',
  });
  const report = data?.progressReport.id === reportId ? data.progressReport : null;
  const actionable = report?.availableActions.some(
    (a) => a === 'ACCEPT' || a === 'RETURN' || a === 'APPROVE',
  );

  let body: ReactNode;
  if (error && !report)
    body = (
      <ErrorState
        message={errorMessage(error, '季度进展加载失败')}
        onRetry={() => void refetch()}
      />
    );
  else if (loading && !report) body = <LoadingState tip="正在加载季度进展…" />;
  else if (!report) body = <EmptyState title="未找到该季度进展" />;
  else {
    const t = report.task;
    body = (
      <>
        {report.displayStatus === 'RETURNED' && report.returnedReason ? (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            title={`已被${returnedStageLabel(report.returnedStage)}退回`}
            description={report.returnedReason}
          />
        ) : null}
        <Descriptions
          size="small"
          column={2}
          bordered
          items={[
            { key: 'org', label: '填报单位', children: report.organization.name, span: 2 },
            { key: 'category', label: '任务类别', children: t.categoryName, span: 2 },
            { key: 'quarter', label: '季度', children: report.quarterLabel },
            {
              key: 'status',
              label: '报送状态',
              children: (
                <Flex gap={4}>
                  <ReportStatusTag status={report.displayStatus} />
                  {report.late ? <Tag color="red">迟报</Tag> : null}
                </Flex>
              ),
            },
            {
              key: 'state',
              label: '完成状态',
              children: <CompletionStateTag state={report.completionState} />,
            },
            {
              key: 'percent',
              label: '完成进度',
              children: (
                <Progress percent={report.percent} size="small" style={{ margin: 0, width: 160 }} />
              ),
            },
            ...(t.targetValue !== null
              ? [
                  {
                    key: 'actual',
                    label: '实际完成',
                    children: `${report.actualValue ?? '—'} ${t.targetUnit ?? ''}（目标 ≥${t.targetValue} ${t.targetUnit ?? ''}）`,
                    span: 2,
                  },
                ]
              : []),
            { key: 'deadline', label: '完成时限', children: t.deadlineText },
            { key: 'due', label: '报送截止', children: formatDay(report.dueDate) },
            { key: 'submitted', label: '提交时间', children: formatDateTime(report.submittedAt) },
            { key: 'accepted', label: '验收时间', children: formatDateTime(report.acceptedAt) },
          ]}
        />
        <ReportNarrative report={report} />
        <ReportSection title="佐证材料">
          {report.evidenceFiles.length === 0 && report.evidenceUrls.length === 0 ? (
            <Typography.Text type="secondary">未提供佐证材料</Typography.Text>
          ) : null}
          <EvidenceFileList
            files={report.evidenceFiles}
            busyId={busyId}
            onDownload={(f) => {
              setBusyId(f.id);
              downloadFile(f.downloadPath, f.fileName)
                .catch((e: unknown) => message.error(errorMessage(e, '下载失败')))
                .finally(() => setBusyId(null));
            }}
          />
          {report.evidenceUrls.map((u) => (
            <div key={u.url} style={{ padding: '4px 0' }}>
              <LinkOutlined style={{ marginInlineEnd: 6, color: 'rgba(0,0,0,0.45)' }} />
              <Typography.Link href={u.url} target="_blank" rel="noopener noreferrer">
                {u.title || u.url}
              </Typography.Link>
            </div>
          ))}
        </ReportSection>
        <ReportSection title="流转记录">
          <ReportHistory events={report.history} />
        </ReportSection>
      </>
    );
  }

  return (
    <Drawer
      open={Boolean(reportId)}
      onClose={onClose}
      size={720}
      title={report ? `${report.task.number} ${report.task.title}` : '季度进展'}
      extra={
        report && actionable ? (
          <Button type="primary" onClick={() => void navigate(`/reporting/reports/${report.id}`)}>
            前往审核验收
          </Button>
        ) : null
      }
      destroyOnHidden
    >
      {body}
    </Drawer>
  );
}

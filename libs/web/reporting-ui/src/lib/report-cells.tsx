import { Tag, Typography } from 'antd';
import { CompletionStateTag, ReportStatusTag } from './report-tags';

/** Completion state and percentage of a report, or — without one (task tables' 进展 column). */
export function ReportProgressCell({
  report,
}: {
  report: { completionState: string; percent: number } | null | undefined;
}) {
  if (!report) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      <CompletionStateTag state={report.completionState} />
      <Typography.Text type="secondary" style={{ marginInlineStart: 6 }}>
        {report.percent}%
      </Typography.Text>
    </span>
  );
}

/** Display status of a report (未填报 without one) and the 迟报 mark (task tables' 状态 column). */
export function ReportStatusCell({
  report,
}: {
  report: { displayStatus: string; late: boolean } | null | undefined;
}) {
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      <ReportStatusTag status={report?.displayStatus} />
      {report?.late ? (
        <Tag color="red" style={{ marginInlineStart: 4, marginInlineEnd: 0 }}>
          迟报
        </Tag>
      ) : null}
    </span>
  );
}

import { Tag } from 'antd';
import { completionStateView, reportStatusView } from './report-labels';

/** 草稿 / 已提交 / 已审核 / 已验收 / 已退回, or 未填报 without a report. */
export function ReportStatusTag({ status }: { status: string | null | undefined }) {
  const v = reportStatusView(status);
  return (
    <Tag color={v.color} style={{ marginInlineEnd: 0 }}>
      {v.label}
    </Tag>
  );
}

/** 未开始 / 推进中 / 已完成 / 受阻. */
export function CompletionStateTag({ state }: { state: string | null | undefined }) {
  const v = completionStateView(state);
  return (
    <Tag color={v.color} variant="outlined" style={{ marginInlineEnd: 0 }}>
      {v.label}
    </Tag>
  );
}

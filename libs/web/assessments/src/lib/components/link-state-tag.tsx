import { Tag, Tooltip, Typography } from 'antd';
import {
  issueLinkTooltip,
  LINK_STATE_COLORS,
  linkCheckSummary,
  linkStateLabel,
  type IssueLink,
  type IssueLinks,
} from '../link-model';

/** The "链接状态" of an issue: a tag, with every link's status code and check time in the tooltip. */
export function IssueLinkStateTag({ status }: { status: IssueLinks }) {
  if (!status.state) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Tooltip
      title={issueLinkTooltip(status.links).map((line) => (
        <div key={line}>{line}</div>
      ))}
    >
      <Tag color={LINK_STATE_COLORS[status.state]} data-link-state={status.state}>
        {linkStateLabel(status.state)}
      </Tag>
    </Tooltip>
  );
}

/** One link's state tag, its status code and check time in the tooltip. */
export function LinkStateTag({ link }: { link: IssueLink }) {
  return (
    <Tooltip title={linkCheckSummary(link)}>
      <Tag color={LINK_STATE_COLORS[link.state]} style={{ marginInlineEnd: 0 }}>
        {linkStateLabel(link.state)}
      </Tag>
    </Tooltip>
  );
}

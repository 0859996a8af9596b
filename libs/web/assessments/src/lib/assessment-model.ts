import type {
  AssessmentIssueFieldsFragment,
  AssessmentIssueStatus,
  AssessmentOverviewFiguresFragment,
} from '@sunshine/web/graphql';
import { formatPercent } from '@sunshine/web/ui';

export type Issue = AssessmentIssueFieldsFragment;
export type Figures = AssessmentOverviewFiguresFragment;

export const STATUS_LABELS: Record<AssessmentIssueStatus, string> = {
  OPEN: '待整改',
  RECTIFYING: '整改中',
  AWAITING_APPROVAL: '待本单位审核',
  AWAITING_VERIFICATION: '待复核',
  DISPUTED: '申诉待裁定',
  VERIFIED: '已销号',
  RETURNED: '被退回',
  WITHDRAWN: '已撤销',
};

export const STATUS_COLORS: Record<AssessmentIssueStatus, string> = {
  OPEN: 'default',
  RECTIFYING: 'processing',
  AWAITING_APPROVAL: 'gold',
  AWAITING_VERIFICATION: 'blue',
  DISPUTED: 'purple',
  VERIFIED: 'success',
  RETURNED: 'error',
  WITHDRAWN: 'default',
};

export interface KpiView {
  key: string;
  title: string;
  value: string;
  hint: string;
  tone?: 'warning';
}

/** The seven KPI cards of a round (or of the organisation drilled into). */
export function kpiViews(f: Figures): KpiView[] {
  return [
    { key: 'issues', title: '问题总数', value: String(f.issues), hint: '不含申诉成立后撤销的问题' },
    {
      key: 'rectified',
      title: '已整改',
      value: String(f.rectified),
      hint: '已报送复核或已销号的问题',
    },
    { key: 'verified', title: '已销号', value: String(f.verified), hint: '复核通过的问题' },
    {
      key: 'overdue',
      title: '逾期未销号',
      value: String(f.overdue),
      hint: '已过整改期限且未销号',
      ...(f.overdue > 0 ? { tone: 'warning' as const } : {}),
    },
    {
      key: 'rate',
      title: '整改率',
      value: formatPercent(f.rectificationRate),
      hint: '已销号 ÷ 问题总数',
    },
    {
      key: 'onTime',
      title: '按时整改率',
      value: formatPercent(f.onTimeRate),
      hint: '期限内答复且已销号 ÷ 问题总数',
    },
    {
      key: 'points',
      title: '累计扣分',
      value: formatPoints(f.pointsDeducted),
      hint: '不含申诉成立后恢复的分值',
    },
  ];
}

export function formatPoints(points: number): string {
  return String(Math.round(points * 100) / 100);
}

/** The short form of a bureau's name for chart axes: 合肥市审计局 → 合肥市. */
export function shortName(name: string): string {
  return name.replace(/审计(局|厅)$/, '');
}

export type Actor = { roles: readonly string[]; organizationId: string };

export type IssueAction =
  | 'save'
  | 'submit'
  | 'dispute'
  | 'approve'
  | 'sendBack'
  | 'verify'
  | 'return'
  | 'deadline'
  | 'evidence';

/**
 * What the user may do with an issue in the form (the server decides; this only shows buttons):
 * the bureau's editor answers, its reviewer approves, the assessor or an ADMIN of the issuing
 * organisation verifies or returns.
 */
export function issueActions(issue: Issue, user: Actor, issuerId: string | null): IssueAction[] {
  const own = issue.organization.id === user.organizationId;
  const editable = ['OPEN', 'RECTIFYING', 'RETURNED'].includes(issue.status);
  const out: IssueAction[] = [];
  if (own && user.roles.includes('EDITOR') && editable) out.push('save', 'submit', 'dispute');
  if (own && user.roles.includes('REVIEWER') && issue.status === 'AWAITING_APPROVAL')
    out.push('approve', 'sendBack');
  const decides =
    user.roles.includes('ASSESSOR') ||
    (user.roles.includes('ADMIN') && issuerId === user.organizationId);
  if (decides && issue.status === 'AWAITING_VERIFICATION') out.push('verify', 'return');
  if (decides && issue.status !== 'VERIFIED' && issue.status !== 'WITHDRAWN')
    out.push('deadline', 'evidence');
  return out;
}

/** Quick filters of the worklist. */
export const WORKLIST_VIEWS = [
  { key: 'all', label: '全部' },
  { key: 'todo', label: '待整改', statuses: ['OPEN', 'RECTIFYING'] },
  { key: 'returned', label: '被退回', statuses: ['RETURNED'] },
  { key: 'approval', label: '待本单位审核', statuses: ['AWAITING_APPROVAL'] },
  { key: 'verification', label: '待复核', statuses: ['AWAITING_VERIFICATION'] },
  { key: 'overdue', label: '逾期', overdue: true },
] as const satisfies ReadonlyArray<{
  key: string;
  label: string;
  statuses?: readonly AssessmentIssueStatus[];
  overdue?: boolean;
}>;

export type WorklistView = (typeof WORKLIST_VIEWS)[number]['key'];

export function matchesView(issue: Issue, view: WorklistView): boolean {
  const v = WORKLIST_VIEWS.find((x) => x.key === view);
  if (!v || v.key === 'all') return true;
  if ('overdue' in v) return issue.overdue;
  return (v.statuses as readonly string[]).includes(issue.status);
}

/** Counts per worklist view, for the tab badges. */
export function viewCounts(issues: readonly Issue[]): Record<WorklistView, number> {
  const out = {} as Record<WorklistView, number>;
  for (const v of WORKLIST_VIEWS) out[v.key] = issues.filter((i) => matchesView(i, v.key)).length;
  return out;
}

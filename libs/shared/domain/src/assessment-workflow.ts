/**
 * Third-party assessment (第三方测评): the issue vocabulary and the rectification state machine,
 * pure so that the server and the forms apply the same rules.
 *
 *   OPEN ──save──▶ RECTIFYING ──submit / dispute──▶ AWAITING_APPROVAL (bureau REVIEWER)
 *   AWAITING_APPROVAL ──approve (not by the one who submitted)──▶ AWAITING_VERIFICATION (复核)
 *                                                               or DISPUTED (无需整改, 申诉)
 *   AWAITING_APPROVAL ──send back (bureau REVIEWER, reason; not their own)──▶ RETURNED (to the editor)
 *   AWAITING_VERIFICATION ──verify──▶ VERIFIED (销号)     ──return (reason)──▶ RETURNED
 *   DISPUTED ──decide upheld──▶ WITHDRAWN (points restored) ──decide rejected──▶ RETURNED
 *   RETURNED behaves like OPEN (reopened, optionally with a new deadline).
 */

export const ASSESSMENT_ISSUE_STATUSES = [
  'OPEN',
  'RECTIFYING',
  'AWAITING_APPROVAL',
  'AWAITING_VERIFICATION',
  'DISPUTED',
  'VERIFIED',
  'RETURNED',
  'WITHDRAWN',
] as const;
export type AssessmentIssueStatus = (typeof ASSESSMENT_ISSUE_STATUSES)[number];

export const ASSESSMENT_ISSUE_STATUS_LABELS: Record<AssessmentIssueStatus, string> = {
  OPEN: '待整改',
  RECTIFYING: '整改中',
  AWAITING_APPROVAL: '待本单位审核',
  AWAITING_VERIFICATION: '待复核',
  DISPUTED: '申诉待裁定',
  VERIFIED: '已销号',
  RETURNED: '被退回',
  WITHDRAWN: '已撤销',
};

export const ASSESSMENT_ROUND_STATUSES = ['DRAFT', 'PUBLISHED', 'CLOSED'] as const;
export type AssessmentRoundStatus = (typeof ASSESSMENT_ROUND_STATUSES)[number];

/**
 * Issue types from the domain vocabulary, plus 其他: the one list (codes stored in
 * `assessment_issues.issue_type`), used by the import's parser, the API's validation and the web's
 * filters and forms.
 */
export const ASSESSMENT_ISSUE_TYPES = {
  COLUMN_NOT_UPDATED: '栏目更新不及时',
  EMPTY_COLUMN: '空白栏目',
  BROKEN_LINK: '链接失效/错链',
  TYPO_SENSITIVE: '错别字/错敏词',
  NO_INTERPRETATION: '政策文件未同步解读',
  CONSULTATION_INCOMPLETE: '意见征集无起草说明/采纳情况',
  NO_VALIDITY_MARK: '规范性文件未标注有效性',
  ANNUAL_REPORT: '年报未按时发布/格式不规范/勾稽不平',
  AUDIT_RESULT_MISSING: '审计结果公告缺失',
  RECTIFICATION_UNDISCLOSED: '整改情况未公开',
  APPLICATION_LATE: '依申请公开超期答复/未告知救济途径',
  GUIDE_OUTDATED: '公开指南/目录未更新',
  PRIVACY_EXPOSED: '泄露个人隐私',
  SEARCH_BROKEN: '站内搜索不可用',
  NEW_MEDIA_DORMANT: '政务新媒体长期未更新',
  MESSAGES_UNANSWERED: '留言未回复',
  OTHER: '其他',
} as const;
export type AssessmentIssueType = keyof typeof ASSESSMENT_ISSUE_TYPES;
export const ASSESSMENT_ISSUE_TYPE_CODES = Object.keys(
  ASSESSMENT_ISSUE_TYPES,
) as AssessmentIssueType[];

/** The vocabulary in order, for drop-downs and filters: `{ value: code, label }`. */
export const ASSESSMENT_ISSUE_TYPE_OPTIONS: ReadonlyArray<{
  value: AssessmentIssueType;
  label: string;
}> = ASSESSMENT_ISSUE_TYPE_CODES.map((value) => ({ value, label: ASSESSMENT_ISSUE_TYPES[value] }));

/** The label of an issue-type code; an unknown code as it is. */
export function assessmentIssueTypeLabel(code: string): string {
  return (ASSESSMENT_ISSUE_TYPES as Readonly<Record<string, string>>)[code] ?? code;
}

export const ASSESSMENT_SEVERITIES = ['LOW', 'MEDIUM', 'HIGH'] as const;
export type AssessmentSeverity = (typeof ASSESSMENT_SEVERITIES)[number];
export const ASSESSMENT_SEVERITY_LABELS: Record<AssessmentSeverity, string> = {
  LOW: '一般',
  MEDIUM: '较重',
  HIGH: '严重',
};

/** Who acts on an issue, relative to it. */
export type AssessmentActor = 'BUREAU_EDITOR' | 'BUREAU_REVIEWER' | 'ASSESSOR' | 'ROUND_ADMIN';

export type AssessmentAction =
  | 'SAVE'
  | 'SUBMIT'
  | 'DISPUTE'
  | 'APPROVE'
  | 'SEND_BACK'
  | 'VERIFY'
  | 'RETURN'
  | 'UPHOLD_DISPUTE'
  | 'REJECT_DISPUTE';

interface Transition {
  from: readonly AssessmentIssueStatus[];
  to: AssessmentIssueStatus;
  by: readonly AssessmentActor[];
}

const EDITABLE: readonly AssessmentIssueStatus[] = ['OPEN', 'RECTIFYING', 'RETURNED'];

const TRANSITIONS: Record<Exclude<AssessmentAction, 'APPROVE'>, Transition> = {
  SAVE: { from: EDITABLE, to: 'RECTIFYING', by: ['BUREAU_EDITOR'] },
  SUBMIT: { from: EDITABLE, to: 'AWAITING_APPROVAL', by: ['BUREAU_EDITOR'] },
  DISPUTE: { from: EDITABLE, to: 'AWAITING_APPROVAL', by: ['BUREAU_EDITOR'] },
  SEND_BACK: { from: ['AWAITING_APPROVAL'], to: 'RETURNED', by: ['BUREAU_REVIEWER'] },
  VERIFY: { from: ['AWAITING_VERIFICATION'], to: 'VERIFIED', by: ['ASSESSOR', 'ROUND_ADMIN'] },
  RETURN: { from: ['AWAITING_VERIFICATION'], to: 'RETURNED', by: ['ASSESSOR', 'ROUND_ADMIN'] },
  UPHOLD_DISPUTE: { from: ['DISPUTED'], to: 'WITHDRAWN', by: ['ROUND_ADMIN'] },
  REJECT_DISPUTE: { from: ['DISPUTED'], to: 'RETURNED', by: ['ROUND_ADMIN'] },
};

export type AssessmentTransitionResult =
  | { ok: true; to: AssessmentIssueStatus }
  | { ok: false; reason: 'WRONG_STATUS' | 'WRONG_ACTOR' | 'OWN_SUBMISSION' | 'REASON_REQUIRED' };

export interface AssessmentTransitionRequest {
  status: AssessmentIssueStatus;
  action: AssessmentAction;
  actor: AssessmentActor;
  /** APPROVE: whether the pending answer is a dispute (无需整改) rather than a rectification. */
  dispute?: boolean;
  /** APPROVE, SEND_BACK: the reviewer submitted the answer themselves. */
  ownSubmission?: boolean;
  /** RETURN, DISPUTE, decisions: the reason given. */
  reason?: string | null;
}

const NEEDS_REASON: readonly AssessmentAction[] = ['RETURN', 'DISPUTE', 'SEND_BACK'];

/** Decisions on someone's answer: nobody takes them on an answer they submitted themselves. */
const NOT_ON_OWN: readonly AssessmentAction[] = ['APPROVE', 'SEND_BACK'];

/** The next status, or why the action is refused. */
export function assessmentTransition(req: AssessmentTransitionRequest): AssessmentTransitionResult {
  if (NEEDS_REASON.includes(req.action) && !(req.reason ?? '').trim()) {
    return { ok: false, reason: 'REASON_REQUIRED' };
  }
  if (req.action === 'APPROVE') {
    if (req.status !== 'AWAITING_APPROVAL') return { ok: false, reason: 'WRONG_STATUS' };
    if (req.actor !== 'BUREAU_REVIEWER') return { ok: false, reason: 'WRONG_ACTOR' };
    if (req.ownSubmission) return { ok: false, reason: 'OWN_SUBMISSION' };
    return { ok: true, to: req.dispute ? 'DISPUTED' : 'AWAITING_VERIFICATION' };
  }
  const t = TRANSITIONS[req.action];
  if (!t.from.includes(req.status)) return { ok: false, reason: 'WRONG_STATUS' };
  if (!t.by.includes(req.actor)) return { ok: false, reason: 'WRONG_ACTOR' };
  if (NOT_ON_OWN.includes(req.action) && req.ownSubmission)
    return { ok: false, reason: 'OWN_SUBMISSION' };
  return { ok: true, to: t.to };
}

/** Still counts against the bureau: neither closed (销号) nor withdrawn. */
export function isAssessmentIssueOpen(status: AssessmentIssueStatus): boolean {
  return status !== 'VERIFIED' && status !== 'WITHDRAWN';
}

/** Overdue: the deadline (a China calendar day, YYYY-MM-DD) has passed and it is not closed. */
export function isAssessmentIssueOverdue(
  status: AssessmentIssueStatus,
  deadline: string,
  today: string,
): boolean {
  return isAssessmentIssueOpen(status) && deadline < today;
}

/** Answered after the deadline: late for good, whatever happens later. */
export function answeredLate(wasLate: boolean, deadline: string, answeredOn: string): boolean {
  return wasLate || answeredOn > deadline;
}

/** Rates of an overview row; 0 when there is nothing to rate. */
export function assessmentRates(counts: { issues: number; verified: number; onTime: number }): {
  rectificationRate: number;
  onTimeRate: number;
} {
  if (counts.issues === 0) return { rectificationRate: 0, onTimeRate: 0 };
  return {
    rectificationRate: counts.verified / counts.issues,
    onTimeRate: counts.onTime / counts.issues,
  };
}

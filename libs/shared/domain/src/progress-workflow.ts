/**
 * Quarterly progress report (季度进展) workflow:
 *
 *   DRAFT --SUBMIT (editor)--> SUBMITTED --APPROVE (reviewer)--> APPROVED --ACCEPT (overseer)--> ACCEPTED
 *     ^  \_ SAVE                   |                                 |
 *     |                            | REJECT_BY_REVIEWER (reason)     | RETURN (overseer, reason)
 *     +----------------------------+---------------------------------+
 *
 * Returning is modelled as an event, not a state: a returned report is simply a DRAFT whose
 * `returned` field holds who sent it back, from which stage and why. This keeps one editable state
 * (no "DRAFT or RETURNED" checks everywhere), while the UI can still show 已退回 with the reason via
 * `reportDisplayStatus`. `returned` is cleared when the report is submitted again; the full history
 * lives in the transition log the caller writes from `TransitionOk.event`.
 *
 * The functions are pure: who the actor is relative to the report's organisation is computed by the
 * caller (SAME_ORG: the reporting bureau itself; OVERSEER: an ancestor organisation — the city for its
 * counties, the province for cities and counties; OTHER: anyone else).
 */
import { Role } from './roles';

export enum ReportStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  APPROVED = 'APPROVED',
  ACCEPTED = 'ACCEPTED',
}

/** What the UI shows: a DRAFT that was sent back is shown as RETURNED (已退回). */
export type ReportDisplayStatus = ReportStatus | 'RETURNED';

export const REPORT_STATUS_LABEL: Record<ReportDisplayStatus, string> = {
  [ReportStatus.DRAFT]: '草稿',
  [ReportStatus.SUBMITTED]: '已提交',
  [ReportStatus.APPROVED]: '已审核',
  [ReportStatus.ACCEPTED]: '已验收',
  RETURNED: '已退回',
};

export enum ProgressAction {
  SAVE = 'SAVE',
  SUBMIT = 'SUBMIT',
  APPROVE = 'APPROVE',
  REJECT_BY_REVIEWER = 'REJECT_BY_REVIEWER',
  ACCEPT = 'ACCEPT',
  RETURN = 'RETURN',
}

export const PROGRESS_ACTION_LABEL: Record<ProgressAction, string> = {
  [ProgressAction.SAVE]: '保存',
  [ProgressAction.SUBMIT]: '提交',
  [ProgressAction.APPROVE]: '审核通过',
  [ProgressAction.REJECT_BY_REVIEWER]: '审核退回',
  [ProgressAction.ACCEPT]: '验收',
  [ProgressAction.RETURN]: '退回',
};

/** Completion state of the task as reported for the quarter. */
export enum CompletionState {
  NOT_STARTED = 'NOT_STARTED',
  IN_PROGRESS = 'IN_PROGRESS',
  COMPLETED = 'COMPLETED',
  BLOCKED = 'BLOCKED',
}

export const COMPLETION_STATE_LABEL: Record<CompletionState, string> = {
  [CompletionState.NOT_STARTED]: '未开始',
  [CompletionState.IN_PROGRESS]: '推进中',
  [CompletionState.COMPLETED]: '已完成',
  [CompletionState.BLOCKED]: '受阻',
};

/**
 * Who the actor is to the report's bureau: the bureau itself, its direct overseer (the parent
 * organisation, which accepts or returns), an organisation further up (ANCESTOR: reads only — a
 * county's report is accepted by its city, not by the province over the city's head), or anyone else.
 */
export type ActorRelation = 'SAME_ORG' | 'OVERSEER' | 'ANCESTOR' | 'OTHER';

export interface WorkflowActor {
  userId: string;
  roles: readonly string[];
  relation: ActorRelation;
}

/** Who sent a report back: the bureau's own reviewer, or the overseeing organisation. */
export type ReturnStage = 'REVIEWER' | 'OVERSEER';

export interface ReturnInfo {
  stage: ReturnStage;
  userId: string;
  reason: string;
}

/**
 * The workflow fields of a report. The `*By` fields describe the current round and are cleared when
 * the report goes back to draft; `returned` is non-null while a sent-back report is being reworked.
 */
export interface ProgressWorkflowState {
  status: ReportStatus;
  submittedBy: string | null;
  approvedBy: string | null;
  acceptedBy: string | null;
  returned: ReturnInfo | null;
}

export type TransitionErrorCode =
  | 'INVALID_TRANSITION'
  | 'FORBIDDEN_ROLE'
  | 'FORBIDDEN_ORG'
  | 'NOT_DIRECT_OVERSEER'
  | 'SELF_APPROVAL'
  | 'REASON_REQUIRED'
  | 'COMMENT_TOO_LONG';

export interface TransitionEvent {
  action: ProgressAction;
  from: ReportStatus;
  to: ReportStatus;
  userId: string;
  comment: string | null;
}

export type TransitionOk<R extends ProgressWorkflowState> = {
  ok: true;
  next: R;
  event: TransitionEvent;
};
export type TransitionError = { ok: false; code: TransitionErrorCode; message: string };
export type TransitionResult<R extends ProgressWorkflowState> = TransitionOk<R> | TransitionError;

export interface TransitionInput {
  /** Reason for REJECT_BY_REVIEWER and RETURN (required), optional remark for the others. */
  comment?: string | null;
}

interface Rule {
  from: ReportStatus;
  to: ReportStatus;
  role: Role;
  relation: ActorRelation;
  reasonRequired: boolean;
  /** Message when the actor lacks the role or the relation. */
  forbidden: string;
}

const RULES: Record<ProgressAction, Rule> = {
  [ProgressAction.SAVE]: {
    from: ReportStatus.DRAFT,
    to: ReportStatus.DRAFT,
    role: Role.EDITOR,
    relation: 'SAME_ORG',
    reasonRequired: false,
    forbidden: '只有本单位填报员可以编辑季度进展',
  },
  [ProgressAction.SUBMIT]: {
    from: ReportStatus.DRAFT,
    to: ReportStatus.SUBMITTED,
    role: Role.EDITOR,
    relation: 'SAME_ORG',
    reasonRequired: false,
    forbidden: '只有本单位填报员可以提交季度进展',
  },
  [ProgressAction.APPROVE]: {
    from: ReportStatus.SUBMITTED,
    to: ReportStatus.APPROVED,
    role: Role.REVIEWER,
    relation: 'SAME_ORG',
    reasonRequired: false,
    forbidden: '只有本单位审核人可以审核季度进展',
  },
  [ProgressAction.REJECT_BY_REVIEWER]: {
    from: ReportStatus.SUBMITTED,
    to: ReportStatus.DRAFT,
    role: Role.REVIEWER,
    relation: 'SAME_ORG',
    reasonRequired: true,
    forbidden: '只有本单位审核人可以退回季度进展',
  },
  [ProgressAction.ACCEPT]: {
    from: ReportStatus.APPROVED,
    to: ReportStatus.ACCEPTED,
    role: Role.ADMIN,
    relation: 'OVERSEER',
    reasonRequired: false,
    forbidden: '只有上级单位管理员可以验收季度进展',
  },
  [ProgressAction.RETURN]: {
    from: ReportStatus.APPROVED,
    to: ReportStatus.DRAFT,
    role: Role.ADMIN,
    relation: 'OVERSEER',
    reasonRequired: true,
    forbidden: '只有上级单位管理员可以退回季度进展',
  },
};

/** Longest accepted comment / return reason. */
export const WORKFLOW_COMMENT_MAX_LENGTH = 1000;

/** Shortest accepted return reason (trimmed), so that it says what to change. */
export const RETURN_REASON_MIN_LENGTH = 2;

function fail(code: TransitionErrorCode, message: string): TransitionError {
  return { ok: false, code, message };
}

/** A new report's workflow fields. */
export function initialWorkflowState(): ProgressWorkflowState {
  return {
    status: ReportStatus.DRAFT,
    submittedBy: null,
    approvedBy: null,
    acceptedBy: null,
    returned: null,
  };
}

/**
 * Applies an action. Checks, in order: the actor's role and relation (FORBIDDEN_ROLE /
 * NOT_DIRECT_OVERSEER / FORBIDDEN_ORG),
 * the current state (INVALID_TRANSITION), self-approval (SELF_APPROVAL), the reason (REASON_REQUIRED).
 * On success returns the next state (the input is not modified; extra fields of `report` are kept)
 * and the event to record in the history.
 */
export function transition<R extends ProgressWorkflowState>(
  report: R,
  action: ProgressAction,
  actor: WorkflowActor,
  input: TransitionInput = {},
): TransitionResult<R> {
  const rule = RULES[action];
  if (!actor.roles.includes(rule.role)) return fail('FORBIDDEN_ROLE', rule.forbidden);
  if (rule.relation === 'OVERSEER' && actor.relation === 'ANCESTOR') {
    return fail(
      'NOT_DIRECT_OVERSEER',
      `该单位的季度进展由其直接上级单位${PROGRESS_ACTION_LABEL[action]}，本单位只能查看`,
    );
  }
  if (actor.relation !== rule.relation) return fail('FORBIDDEN_ORG', rule.forbidden);
  if (report.status !== rule.from) {
    return fail(
      'INVALID_TRANSITION',
      `季度进展当前状态为“${REPORT_STATUS_LABEL[reportDisplayStatus(report)]}”，不能${PROGRESS_ACTION_LABEL[action]}`,
    );
  }
  if (action === ProgressAction.APPROVE && report.submittedBy === actor.userId) {
    return fail('SELF_APPROVAL', '不能审核本人提交的季度进展');
  }
  const comment = (input.comment ?? '').trim();
  if (rule.reasonRequired && comment === '') {
    return fail('REASON_REQUIRED', '退回时必须填写退回原因');
  }
  if (rule.reasonRequired && comment.length < RETURN_REASON_MIN_LENGTH) {
    return fail('REASON_REQUIRED', `退回原因至少 ${RETURN_REASON_MIN_LENGTH} 个字`);
  }
  if (comment.length > WORKFLOW_COMMENT_MAX_LENGTH) {
    return fail('COMMENT_TOO_LONG', `意见不能超过 ${WORKFLOW_COMMENT_MAX_LENGTH} 字`);
  }

  const next: R = { ...report, ...changesFor(action, actor.userId, comment), status: rule.to };
  return {
    ok: true,
    next,
    event: {
      action,
      from: report.status,
      to: rule.to,
      userId: actor.userId,
      comment: comment || null,
    },
  };
}

function changesFor(
  action: ProgressAction,
  userId: string,
  reason: string,
): Partial<ProgressWorkflowState> {
  switch (action) {
    case ProgressAction.SAVE:
      return {};
    case ProgressAction.SUBMIT:
      return { submittedBy: userId, approvedBy: null, acceptedBy: null, returned: null };
    case ProgressAction.APPROVE:
      return { approvedBy: userId };
    case ProgressAction.ACCEPT:
      return { acceptedBy: userId };
    case ProgressAction.REJECT_BY_REVIEWER:
    case ProgressAction.RETURN:
      return {
        submittedBy: null,
        approvedBy: null,
        acceptedBy: null,
        returned: {
          stage: action === ProgressAction.RETURN ? 'OVERSEER' : 'REVIEWER',
          userId,
          reason,
        },
      };
  }
}

/** Actions the actor may take on the report now (for showing buttons); reasons are assumed given. */
export function availableActions(
  report: ProgressWorkflowState,
  actor: WorkflowActor,
): ProgressAction[] {
  return Object.values(ProgressAction).filter(
    (action) =>
      transition(report, action, actor, { comment: '—'.repeat(RETURN_REASON_MIN_LENGTH) }).ok,
  );
}

/**
 * Whether the report is visible above its bureau (to overseers, ancestors and leaders): from its
 * first submission on. A draft that was never submitted stays with its bureau; a draft sent back
 * (by the bureau's reviewer or the overseer) has been submitted before and stays visible.
 */
export function isVisibleAbove(
  report: Pick<ProgressWorkflowState, 'status' | 'returned'>,
): boolean {
  return report.status !== ReportStatus.DRAFT || report.returned !== null;
}

/** Whether the report's content may be edited (only a draft, returned or not). */
export function isEditable(report: ProgressWorkflowState): boolean {
  return report.status === ReportStatus.DRAFT;
}

export function reportDisplayStatus(report: ProgressWorkflowState): ReportDisplayStatus {
  return report.status === ReportStatus.DRAFT && report.returned !== null
    ? 'RETURNED'
    : report.status;
}

/**
 * Checks the reported percent agrees with the completion state: an integer 0–100; 0 when not
 * started, 100 when completed, below 100 otherwise. Returns a Chinese message or null.
 */
export function checkCompletion(completion: CompletionState, percent: number): string | null {
  if (!Number.isInteger(percent) || percent < 0 || percent > 100) {
    return '完成进度须为 0 到 100 之间的整数';
  }
  switch (completion) {
    case CompletionState.NOT_STARTED:
      return percent === 0 ? null : '状态为“未开始”时，完成进度应为 0%';
    case CompletionState.COMPLETED:
      return percent === 100 ? null : '状态为“已完成”时，完成进度应为 100%';
    case CompletionState.IN_PROGRESS:
    case CompletionState.BLOCKED:
      return percent < 100
        ? null
        : `状态为“${COMPLETION_STATE_LABEL[completion]}”时，完成进度应小于 100%`;
  }
}

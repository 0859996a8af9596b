import {
  COMPLETION_STATE_LABEL,
  PROGRESS_ACTION_LABEL,
  REPORT_STATUS_LABEL,
} from '@sunshine/shared/domain';

/** Tag colour and text of a report's display status; null means no report yet (未填报). */
export interface StatusView {
  label: string;
  color: string;
}

const STATUS_COLOR: Record<string, string> = {
  DRAFT: 'default',
  SUBMITTED: 'processing',
  APPROVED: 'cyan',
  ACCEPTED: 'success',
  RETURNED: 'error',
};

export function reportStatusView(status: string | null | undefined): StatusView {
  if (!status) return { label: '未填报', color: 'warning' };
  const label = (REPORT_STATUS_LABEL as Record<string, string | undefined>)[status] ?? status;
  return { label, color: STATUS_COLOR[status] ?? 'default' };
}

const COMPLETION_COLOR: Record<string, string> = {
  NOT_STARTED: 'default',
  IN_PROGRESS: 'processing',
  COMPLETED: 'success',
  BLOCKED: 'warning',
};

export function completionStateView(state: string | null | undefined): StatusView {
  if (!state) return { label: '—', color: 'default' };
  const label = (COMPLETION_STATE_LABEL as Record<string, string | undefined>)[state] ?? state;
  return { label, color: COMPLETION_COLOR[state] ?? 'default' };
}

const EVENT_LABEL: Record<string, string> = {
  ...(PROGRESS_ACTION_LABEL as Record<string, string>),
  CREATE: '创建草稿',
  SUBMIT: '提交审核',
  REJECT_BY_REVIEWER: '审核退回',
  RETURN: '上级退回',
  ACCEPT: '上级验收',
};

const EVENT_COLOR: Record<string, string> = {
  CREATE: 'gray',
  SAVE: 'gray',
  SUBMIT: 'blue',
  APPROVE: 'blue',
  ACCEPT: 'green',
  REJECT_BY_REVIEWER: 'red',
  RETURN: 'red',
};

/** Label and timeline colour of a history event (流转记录). */
export function reportEventView(action: string): StatusView {
  return { label: EVENT_LABEL[action] ?? action, color: EVENT_COLOR[action] ?? 'gray' };
}

/** Who sent a report back: the bureau's reviewer or the overseeing organisation. */
export function returnedStageLabel(stage: string | null | undefined): string {
  if (stage === 'REVIEWER') return '本单位审核人';
  if (stage === 'OVERSEER') return '上级单位';
  return '';
}

/** Who acted: the person's name, with the account as secondary text (or the account alone). */
export function actorLabel(e: { username?: string | null; displayName?: string | null }): {
  name: string;
  account: string | null;
} {
  if (e.displayName) return { name: e.displayName, account: e.username ?? null };
  return { name: e.username ?? '系统', account: null };
}

import {
  ASSESSMENT_LINK_STATE_LABELS,
  ASSESSMENT_LINK_STATES,
  type AssessmentLinkState,
} from '@sunshine/shared/domain';
import type {
  AssessmentIssueFieldsFragment,
  AssessmentIssueLinkFieldsFragment,
} from '@sunshine/web/graphql';
import { formatDateTime } from '@sunshine/web/ui';

/** A row of the problem list: the problem with its link state. */
export type IssueWithLinks = AssessmentIssueFieldsFragment & AssessmentIssueLinkFieldsFragment;
export type IssueLinks = AssessmentIssueLinkFieldsFragment['linkStatus'];
export type IssueLink = IssueLinks['links'][number];

export const LINK_STATE_COLORS: Record<AssessmentLinkState, string> = {
  OK: 'success',
  BROKEN: 'error',
  UNCHANGED: 'warning',
  CHANGED: 'processing',
  PENDING: 'default',
};

export const LINK_STATE_HINTS: Record<AssessmentLinkState, string> = {
  OK: '链接可以正常打开',
  BROKEN: '链接打不开（4xx/5xx、域名解析失败、超时或被拦截）',
  UNCHANGED: '整改链接的页面与提出问题时相同，可能并未整改',
  CHANGED: '页面内容与提出问题时不同',
  PENDING: '链接已登记，正在排队检查',
};

export const LINK_STATE_OPTIONS = ASSESSMENT_LINK_STATES.map((s) => ({
  value: s,
  label: ASSESSMENT_LINK_STATE_LABELS[s],
}));

export const linkStateLabel = (s: AssessmentLinkState): string => ASSESSMENT_LINK_STATE_LABELS[s];

/** One line for a tooltip or a list: status code (or the problem), response time, check time. */
export function linkCheckSummary(
  l: Pick<IssueLink, 'statusCode' | 'problem' | 'responseMs' | 'checkedAt' | 'state'>,
): string {
  if (!l.checkedAt) return '尚未检查';
  const parts = [
    l.problem ??
      (l.statusCode !== null && l.statusCode !== undefined ? `HTTP ${l.statusCode}` : ''),
    l.responseMs !== null && l.responseMs !== undefined ? `${l.responseMs} 毫秒` : '',
    `检查于 ${formatDateTime(l.checkedAt)}`,
  ];
  return parts.filter(Boolean).join('，');
}

/** The tooltip of an issue's tag: one line per link, worst first. */
export function issueLinkTooltip(links: readonly IssueLink[]): string[] {
  const rank = (s: AssessmentLinkState): number => ASSESSMENT_LINK_STATES.indexOf(s);
  return [...links]
    .sort((a, b) => rank(a.state) - rank(b.state))
    .map(
      (l) =>
        `${l.role === 'RECTIFICATION' ? '整改链接' : '问题位置'}：${linkStateLabel(l.state)}（${linkCheckSummary(l)}）`,
    );
}

/** Issues whose link state is one of `states` (all when none is chosen). */
export function matchesLinkStates(
  linkStatus: Pick<IssueLinks, 'state'>,
  states: readonly AssessmentLinkState[],
): boolean {
  return states.length === 0 || (linkStatus.state !== null && states.includes(linkStatus.state));
}

/** The text of a check for the history: a snapshot, or where the same text was stored before. */
export function snapshotOf<T extends { snapshot?: string | null; contentHash?: string | null }>(
  checks: readonly T[],
  index: number,
): string | null {
  const c = checks[index];
  if (!c) return null;
  if (c.snapshot) return c.snapshot;
  if (!c.contentHash) return null;
  for (let i = index + 1; i < checks.length; i++)
    if (checks[i]!.contentHash === c.contentHash && checks[i]!.snapshot)
      return checks[i]!.snapshot!;
  return null;
}

import type { ProgressAction } from '@sunshine/shared/domain';
import type { ReportContentRow } from './progress-reports.repository';

/**
 * Retried requests. When a connection breaks while COMMIT is on its way, the client cannot know
 * whether its save or action took effect and sends it again with the version it had read. These
 * rules recognise such a replay, so the client is answered with the report as it now stands
 * instead of a version conflict for a change that was its own.
 */

export interface SavedContent extends ReportContentRow {
  version: number;
}

function sameContent(a: ReportContentRow, b: ReportContentRow): boolean {
  return (
    a.completionState === b.completionState &&
    a.percent === b.percent &&
    (a.actualValue === null ? null : Number(a.actualValue)) ===
      (b.actualValue === null ? null : Number(b.actualValue)) &&
    a.narrative === b.narrative &&
    a.problems === b.problems &&
    a.nextSteps === b.nextSteps &&
    // jsonb does not keep key order, so links are compared field by field.
    a.evidenceUrls.map((e) => `${e.url}\n${e.title}`).join('\n') ===
      b.evidenceUrls.map((e) => `${e.url}\n${e.title}`).join('\n')
  );
}

/** A save sent at `sentVersion` (none when creating) whose effect is exactly the current draft. */
export function isSaveReplay(
  current: SavedContent,
  sentVersion: number | null | undefined,
  content: ReportContentRow,
): boolean {
  return current.version === (sentVersion ?? 0) + 1 && sameContent(current, content);
}

/** A workflow action sent at `sentVersion` that is the report's last event, by the same user. */
export function isActionReplay(
  currentVersion: number,
  sentVersion: number,
  last: { action: string; userId: string | null } | null,
  actions: readonly ProgressAction[],
  userId: string,
): boolean {
  return (
    currentVersion === sentVersion + 1 &&
    last !== null &&
    last.userId === userId &&
    (actions as readonly string[]).includes(last.action)
  );
}

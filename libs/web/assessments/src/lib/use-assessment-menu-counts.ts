import { useQuery } from '@apollo/client/react';
import { AssessmentMenuCountsDocument } from '@sunshine/web/graphql';

const POLL_MS = 60_000;

export interface AssessmentMenuCounts {
  toRectify: number;
  returned: number;
  toVerify: number;
}

/**
 * The 第三方测评 menu counts (待整改, 被退回 for a bureau's editor or reviewer; 待复核 for an
 * assessor and the round's issuer), polled every minute while `polling` like the reporting
 * worklist; `enabled` false (accounts without business roles) asks nothing.
 */
export function useAssessmentMenuCounts(
  polling = false,
  enabled = true,
): AssessmentMenuCounts | null {
  const { data, previousData } = useQuery(AssessmentMenuCountsDocument, {
    skip: !enabled,
    fetchPolicy: 'cache-and-network',
    nextFetchPolicy: 'cache-first',
    pollInterval: polling ? POLL_MS : 0,
  });
  return (data ?? previousData)?.assessmentMenuCounts ?? null;
}

/** The menu badge: what waits for this user (the server counts only what is the user's to do). */
export function assessmentBadge(counts: AssessmentMenuCounts | null): number {
  if (!counts) return 0;
  return counts.toRectify + counts.returned + counts.toVerify;
}

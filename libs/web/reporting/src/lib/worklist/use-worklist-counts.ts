import { useQuery } from '@apollo/client/react';
import { WorklistDocument } from '@sunshine/web/graphql';

const POLL_MS = 60_000;

/**
 * The worklist counts (menu badge, tab counts, unread notifications). Polls every minute while
 * `polling` (the user is active); every workflow action also refetches `Worklist`. `enabled`
 * false (accounts without business roles) asks nothing.
 */
export function useWorklistCounts(polling = false, enabled = true) {
  const { data, previousData } = useQuery(WorklistDocument, {
    skip: !enabled,
    fetchPolicy: 'cache-and-network',
    nextFetchPolicy: 'cache-first',
    pollInterval: polling ? POLL_MS : 0,
  });
  return (data ?? previousData)?.worklist ?? null;
}

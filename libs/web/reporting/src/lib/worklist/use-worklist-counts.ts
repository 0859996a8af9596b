import { useQuery } from '@apollo/client/react';
import { WorklistDocument } from '@sunshine/web/graphql';

const POLL_MS = 60_000;

/**
 * The worklist counts (menu badge, tab counts, unread notifications). Polls every minute while
 * `polling` (the user is active); every workflow action also refetches `Worklist`.
 */
export function useWorklistCounts(polling = false) {
  const { data, previousData } = useQuery(WorklistDocument, {
    fetchPolicy: 'cache-and-network',
    nextFetchPolicy: 'cache-first',
    pollInterval: polling ? POLL_MS : 0,
  });
  return (data ?? previousData)?.worklist ?? null;
}

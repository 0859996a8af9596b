import { graphQLErrorsOf } from './errors';

/**
 * Mutations that are safe to send twice: the report workflow carries the version it was read at,
 * and the server answers a replay of an action that already took effect with its result instead
 * of a conflict; marking notifications read is naturally idempotent.
 */
export const IDEMPOTENT_MUTATIONS: ReadonlySet<string> = new Set([
  'SaveProgressReport',
  'SubmitProgressReport',
  'ApproveProgressReport',
  'AcceptProgressReport',
  'ReturnProgressReport',
  // A batch replays report by report (each item's version and last event).
  'DecideProgressReports',
  'MarkNotificationsRead',
]);

export const MAX_RETRIES = 2;

export interface RetryRequest {
  operationName: string | undefined;
  kind: 'query' | 'mutation' | 'subscription';
  /** The failed attempt's result or error. */
  failure: unknown;
  /** Retries already made. */
  attempt: number;
}

/**
 * Whether to send an operation again after the server said the database connection broke.
 * CONNECTION_LOST: nothing was applied, so anything may be retried. OUTCOME_UNKNOWN: the commit
 * may have happened, so only reads and idempotent mutations are retried; the others reach the
 * user with the server's message (刷新后核对).
 */
export function shouldRetry({ operationName, kind, failure, attempt }: RetryRequest): boolean {
  if (attempt >= MAX_RETRIES) return false;
  const unavailable = graphQLErrorsOf(failure).filter(
    (e) => e.extensions?.['code'] === 'SERVICE_UNAVAILABLE',
  );
  if (unavailable.length === 0) return false;
  if (unavailable.every((e) => e.extensions?.['retryable'] === true)) return true;
  return kind === 'query' || (!!operationName && IDEMPOTENT_MUTATIONS.has(operationName));
}

/** Back-off before retry number `attempt` (0-based): 300 ms, then 900 ms. */
export function retryDelayMs(attempt: number): number {
  return 300 * 3 ** attempt;
}

import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { RefreshDocument, type SessionUserFragment } from '../generated/graphql';
import { hasErrorCode } from './errors';
import { graphqlRequest, GraphQLRequestError } from './request';
import { notifySession, setAccessToken } from './session';

/** Result of exchanging the refresh cookie for a new access token. */
export type RefreshOutcome =
  | { status: 'ok'; user: SessionUserFragment }
  /** The server refused: no cookie, expired, revoked, account disabled. */
  | { status: 'expired' }
  /** The server could not be reached or failed; the session may still be valid. */
  | { status: 'unreachable' };

let inFlight: Promise<RefreshOutcome> | null = null;

async function runRefresh(): Promise<RefreshOutcome> {
  try {
    const data = await graphqlRequest(RefreshDocument, undefined, { auth: false });
    setAccessToken(data.refresh.accessToken);
    return { status: 'ok', user: data.refresh.user };
  } catch (error: unknown) {
    if (
      error instanceof GraphQLRequestError &&
      (error.errors.length > 0 || error.statusCode < 500)
    ) {
      setAccessToken(null);
      return { status: 'expired' };
    }
    return { status: 'unreachable' };
  }
}

/**
 * Refreshes the access token from the httpOnly cookie. Concurrent callers share one request, so a
 * rotating refresh token is never presented twice.
 */
export function refreshSession(): Promise<RefreshOutcome> {
  inFlight ??= runRefresh().finally(() => {
    inFlight = null;
  });
  return inFlight;
}

/**
 * After an UNAUTHENTICATED answer: refresh once and tell listeners. Resolves true when the caller
 * should retry with the new token.
 */
export async function recoverSession(): Promise<boolean> {
  const outcome = await refreshSession();
  if (outcome.status === 'ok') notifySession(outcome.user);
  else if (outcome.status === 'expired') notifySession(null);
  return outcome.status === 'ok';
}

/** graphqlRequest with the bearer token, refreshing and retrying once on UNAUTHENTICATED. */
export async function sessionRequest<TData, TVariables>(
  document: TypedDocumentNode<TData, TVariables>,
  variables?: TVariables,
): Promise<TData> {
  try {
    return await graphqlRequest(document, variables);
  } catch (error: unknown) {
    if (!hasErrorCode(error, 'UNAUTHENTICATED') || !(await recoverSession())) throw error;
    return graphqlRequest(document, variables);
  }
}

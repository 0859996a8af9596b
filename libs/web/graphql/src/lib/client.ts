import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { getMainDefinition } from '@apollo/client/utilities';
import { Observable, from, of, switchMap, throwError, timer, type Subscription } from 'rxjs';
import { MeDocument, type SessionUserFragment } from '../generated/graphql';
import { hasErrorCode } from './errors';
import { recoverSession } from './refresh';
import { retryDelayMs, shouldRetry } from './retry';
import { GRAPHQL_HEADERS, GRAPHQL_PATH } from './request';
import { getAccessToken, onSessionReset } from './session';

/** Adds the in-memory bearer token to each request. */
const authLink = new ApolloLink((operation, forward) => {
  const token = getAccessToken();
  if (token) {
    operation.setContext(({ headers }: { headers?: Record<string, string> }) => ({
      headers: { ...headers, authorization: `Bearer ${token}` },
    }));
  }
  return forward(operation);
});

/**
 * On UNAUTHENTICATED, refresh once and replay the operation with the new token. When the refresh
 * is refused the original error reaches the caller, and the auth provider (told through
 * notifySession) sends the user to the login page.
 */
const refreshLink = new ApolloLink((operation, forward) => {
  const retry = (original: Observable<ApolloLink.Result>) =>
    from(recoverSession()).pipe(switchMap((ok) => (ok ? forward(operation) : original)));
  return new Observable<ApolloLink.Result>((observer) => {
    let retried = false;
    let retrySubscription: Subscription | undefined;
    const subscription = forward(operation).subscribe({
      next: (result) => {
        if (!retried && hasErrorCode(result, 'UNAUTHENTICATED')) {
          retried = true;
          retrySubscription = retry(of(result)).subscribe(observer);
          return;
        }
        observer.next(result);
      },
      error: (error: unknown) => {
        if (!retried && hasErrorCode(error, 'UNAUTHENTICATED')) {
          retried = true;
          retrySubscription = retry(throwError(() => error)).subscribe(observer);
          return;
        }
        observer.error(error);
      },
      complete: () => {
        if (!retried) observer.complete();
      },
    });
    return () => {
      subscription.unsubscribe();
      retrySubscription?.unsubscribe();
    };
  });
});

/**
 * When the server reports a broken database connection, sends the operation again if that is
 * safe (see shouldRetry): the user sees the saved result rather than a failure that did not happen.
 */
const connectionRetryLink = new ApolloLink((operation, forward) => {
  const definition = getMainDefinition(operation.query);
  const kind =
    definition.kind === 'OperationDefinition' ? definition.operation : ('query' as const);
  const attemptFrom = (attempt: number): Observable<ApolloLink.Result> =>
    new Observable<ApolloLink.Result>((observer) => {
      let next: Subscription | undefined;
      const retryOr = (failure: unknown, give: () => void) => {
        if (!shouldRetry({ operationName: operation.operationName, kind, failure, attempt })) {
          give();
          return;
        }
        next = timer(retryDelayMs(attempt))
          .pipe(switchMap(() => attemptFrom(attempt + 1)))
          .subscribe(observer);
      };
      const subscription = forward(operation).subscribe({
        next: (result) => retryOr(result, () => observer.next(result)),
        error: (error: unknown) => retryOr(error, () => observer.error(error)),
        complete: () => {
          if (!next) observer.complete();
        },
      });
      return () => {
        subscription.unsubscribe();
        next?.unsubscribe();
      };
    });
  return attemptFrom(0);
});

let client: ApolloClient | null = null;

/** The application's Apollo Client, created on first use (it is not needed to sign in). */
export function getApolloClient(): ApolloClient {
  if (!client) {
    const created = new ApolloClient({
      link: ApolloLink.from([
        connectionRetryLink,
        refreshLink,
        authLink,
        new HttpLink({
          uri: GRAPHQL_PATH,
          credentials: 'same-origin',
          headers: { ...GRAPHQL_HEADERS },
        }),
      ]),
      cache: new InMemoryCache({
        typePolicies: {
          Query: {
            fields: {
              // A report already in the cache (e.g. returned by a save) opens without a round trip.
              progressReport: {
                read: (existing, { args, toReference }) =>
                  existing ??
                  (args?.['id']
                    ? toReference({ __typename: 'ProgressReport', id: String(args['id']) })
                    : undefined),
              },
            },
          },
          // An assignment's `report` is the report of the quarter that was asked for, so one
          // assignment id holds different reports: keep assignments inside their query results.
          Assignment: { keyFields: false },
          // Singletons without an id, read by several queries with different fields.
          Worklist: { merge: true },
          NotificationPage: { merge: true },
        },
      }),
    });
    onSessionReset(() => {
      void created.clearStore();
    });
    client = created;
  }
  return client;
}

/** Puts the signed-in user into the cache, so useQuery(MeDocument) needs no round trip. */
export function primeSessionUser(apollo: ApolloClient, user: SessionUserFragment): void {
  apollo.writeQuery({ query: MeDocument, data: { me: user } });
}

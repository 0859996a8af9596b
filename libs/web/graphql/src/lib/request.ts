import { print, type GraphQLFormattedError } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { getAccessToken } from './session';

export const GRAPHQL_PATH = '/graphql';

/** Headers of every GraphQL request. Apollo Server's CSRF prevention requires the second one. */
export const GRAPHQL_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'application/json',
  'apollo-require-preflight': 'true',
};

/** The server answered with GraphQL errors (or a non-2xx status without a GraphQL body). */
export class GraphQLRequestError extends Error {
  override readonly name = 'GraphQLRequestError';

  constructor(
    readonly errors: readonly GraphQLFormattedError[],
    readonly statusCode: number,
  ) {
    super(errors[0]?.message ?? `HTTP ${statusCode}`);
  }
}

const printed = new WeakMap<object, string>();

function source(document: TypedDocumentNode<unknown, never>): string {
  let text = printed.get(document);
  if (text === undefined) {
    text = print(document);
    printed.set(document, text);
  }
  return text;
}

function operationName(document: TypedDocumentNode<unknown, never>): string | undefined {
  for (const definition of document.definitions) {
    if (definition.kind === 'OperationDefinition') return definition.name?.value;
  }
  return undefined;
}

export interface RequestOptions {
  /** Send the in-memory bearer token (default true). */
  auth?: boolean;
}

/**
 * One GraphQL request over fetch, typed by a generated document. Used for the session (login,
 * refresh, logout, password change) so that the sign-in page does not need Apollo Client, which
 * loads with the signed-in application.
 */
export async function graphqlRequest<TData, TVariables>(
  document: TypedDocumentNode<TData, TVariables>,
  variables?: TVariables,
  { auth = true }: RequestOptions = {},
): Promise<TData> {
  const doc = document as TypedDocumentNode<unknown, never>;
  const headers: Record<string, string> = { ...GRAPHQL_HEADERS };
  const token = auth ? getAccessToken() : null;
  if (token) headers['authorization'] = `Bearer ${token}`;
  const response = await fetch(GRAPHQL_PATH, {
    method: 'POST',
    credentials: 'same-origin',
    headers,
    body: JSON.stringify({ operationName: operationName(doc), query: source(doc), variables }),
  });
  type Body = { data?: TData | null; errors?: GraphQLFormattedError[] };
  const body = (await response.json().catch(() => null)) as Body | null;
  if (body?.errors?.length) throw new GraphQLRequestError(body.errors, response.status);
  if (!response.ok || !body?.data) throw new GraphQLRequestError([], response.status);
  return body.data;
}

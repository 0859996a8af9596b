/** GraphQL error codes the API sends in `extensions.code`. */
export type ApiErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'CONFLICT'
  | 'INTERNAL_SERVER_ERROR';

interface FormattedError {
  message: string;
  extensions?: Record<string, unknown>;
}

/**
 * The GraphQL errors carried by an error from Apollo (CombinedGraphQLErrors) or from
 * graphqlRequest (GraphQLRequestError); both expose `errors`. Structural, so that this module
 * does not pull Apollo Client into the sign-in page.
 */
export function graphQLErrorsOf(error: unknown): readonly FormattedError[] {
  if (typeof error !== 'object' || error === null || !('errors' in error)) return [];
  const errors = (error as { errors: unknown }).errors;
  if (!Array.isArray(errors)) return [];
  return errors.filter(
    (e): e is FormattedError =>
      typeof e === 'object' && e !== null && typeof e.message === 'string',
  );
}

function statusCodeOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('statusCode' in error)) return undefined;
  const code = (error as { statusCode: unknown }).statusCode;
  return typeof code === 'number' ? code : undefined;
}

export function errorCode(error: unknown): string | undefined {
  const code = graphQLErrorsOf(error)[0]?.extensions?.['code'];
  return typeof code === 'string' ? code : undefined;
}

/** Finer reason, e.g. ACCOUNT_LOCKED, INVALID_CREDENTIALS, PASSWORD_CHANGE_REQUIRED. */
export function errorReason(error: unknown): string | undefined {
  const reason = graphQLErrorsOf(error)[0]?.extensions?.['reason'];
  return typeof reason === 'string' ? reason : undefined;
}

export function hasErrorCode(error: unknown, code: ApiErrorCode): boolean {
  return (
    graphQLErrorsOf(error).some((e) => e.extensions?.['code'] === code) ||
    (code === 'UNAUTHENTICATED' && statusCodeOf(error) === 401)
  );
}

/**
 * A message for the user. Server messages are already Chinese; transport failures get a Chinese
 * text instead of the browser's English one.
 */
export function errorMessage(error: unknown, fallback = '操作失败，请稍后重试'): string {
  const messages = [
    ...new Set(
      graphQLErrorsOf(error)
        .map((e) => e.message)
        .filter(Boolean),
    ),
  ];
  if (messages.length > 0) return messages.join('；');
  const status = statusCodeOf(error);
  if (status !== undefined && status >= 500) return '服务器暂时无法处理请求，请稍后重试';
  if (status !== undefined && status >= 400) return `请求失败（HTTP ${status}）`;
  if (error instanceof TypeError) return '无法连接服务器，请检查网络后重试';
  return fallback;
}

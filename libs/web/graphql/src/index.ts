export * from './generated/graphql';
export { getApolloClient, primeSessionUser } from './lib/client';
export {
  errorCode,
  errorMessage,
  errorReason,
  graphQLErrorsOf,
  hasErrorCode,
  type ApiErrorCode,
} from './lib/errors';
export {
  authorizedFetch,
  contentDispositionFileName,
  downloadFile,
  fileErrorMessage,
  FileRequestError,
  fileRequestFailure,
  readNdjson,
  splitLines,
  uploadFile,
  type UploadOptions,
} from './lib/files';
export { recoverSession, refreshSession, sessionRequest, type RefreshOutcome } from './lib/refresh';
export {
  graphqlRequest,
  GraphQLRequestError,
  GRAPHQL_HEADERS,
  GRAPHQL_PATH,
  type RequestOptions,
} from './lib/request';
export {
  getAccessToken,
  notifySession,
  onSessionChange,
  onSessionReset,
  resetSessionData,
  setAccessToken,
  type SessionListener,
} from './lib/session';

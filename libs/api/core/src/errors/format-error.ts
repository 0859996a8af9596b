import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { AppError, ErrorCode } from './app-error';
import { logError } from './redact';

interface PgLikeError {
  code?: string;
  constraint?: string;
  message?: string;
}

function pgError(error: unknown): PgLikeError | undefined {
  if (error && typeof error === 'object') {
    const candidate = (error as { driverError?: unknown }).driverError ?? error;
    if (
      candidate &&
      typeof candidate === 'object' &&
      typeof (candidate as PgLikeError).code === 'string'
    ) {
      return candidate as PgLikeError;
    }
  }
  return undefined;
}

/** Maps database errors that a user can cause to AppErrors; returns undefined for the rest. */
export function fromDatabaseError(error: unknown): AppError | undefined {
  const pg = pgError(error);
  switch (pg?.code) {
    case '42501': // insufficient_privilege, including row-level security violations
      return AppError.forbidden('ROW_LEVEL_SECURITY', '没有执行此操作的权限');
    case '23505':
      return AppError.conflict('DUPLICATE', '记录已存在', { constraint: pg.constraint });
    case '23503':
      // A write naming a row that is not there for the caller (absent, or another tenant's: the
      // composite keys make both fail alike) answers exactly as an invisible object does.
      // A delete of a row others still reference is a plain input problem.
      return /^update or delete on/.test(pg.message ?? '')
        ? AppError.badInput('REFERENCE', '该对象仍被引用，不能删除')
        : new AppError(ErrorCode.NOT_FOUND, 'NOT_FOUND', '对象不存在或无权访问');
    case '23514':
      return AppError.badInput('CHECK', '数据不符合规则');
    case '22P02':
      return AppError.notFound('INVALID_ID', '对象不存在或无权访问');
    case '57014': // query_canceled: the statement timeout (or a cancel request) stopped it
      return new AppError(
        ErrorCode.SERVICE_UNAVAILABLE,
        'STATEMENT_TIMEOUT',
        '查询耗时过长已被终止，本次操作未生效，请缩小查询范围后重试',
        { retryable: false, outcome: 'NOT_APPLIED' },
      );
    case '22021': // character_not_in_repertoire: a NUL byte that got past validation
      return AppError.badInput('ILLEGAL_CHARACTER', '输入包含非法字符');
    case '22001': // string_data_right_truncation
      return AppError.badInput('TOO_LONG', '输入内容过长');
    case '22003': // numeric_value_out_of_range
    case '22008': // datetime_field_overflow
      return AppError.badInput('OUT_OF_RANGE', '输入的数值或日期超出允许范围');
    case '40001':
    case '40P01':
      return AppError.conflict('SERIALIZATION', '数据正被他人修改，请重试');
    default:
      return undefined;
  }
}

/** Connection-level failures: the server went away, the socket broke, or no connection was had. */
function isConnectionLoss(error: unknown): boolean {
  const pg = pgError(error);
  if (pg?.code && (/^08/.test(pg.code) || ['57P01', '57P02', '57P03'].includes(pg.code))) {
    return true;
  }
  // TypeORM releases a runner whose connection emitted an error; a later query on it says so.
  if (error instanceof Error && error.name === 'QueryRunnerProviderAlreadyReleasedError')
    return true;
  const message = error instanceof Error ? error.message : '';
  return /Connection terminated|connection error|ECONNRESET|ECONNREFUSED|EPIPE|timeout exceeded when trying to connect|Client was closed/i.test(
    message,
  );
}

/**
 * Tells the client the truth about a broken connection. Before COMMIT was sent the transaction
 * cannot have committed, so any operation may be retried. A connection lost during COMMIT leaves
 * the outcome unknown: only an idempotent operation (the report workflow's version-checked saves
 * and actions) may be retried blindly; the others must re-read first.
 */
export function connectionFailure(
  error: unknown,
  phase: 'CONNECT' | 'WORK' | 'COMMIT',
): AppError | undefined {
  if (!isConnectionLoss(error)) return undefined;
  logError(`[database] connection lost during ${phase.toLowerCase()}`, error);
  if (phase === 'COMMIT') {
    return new AppError(
      ErrorCode.SERVICE_UNAVAILABLE,
      'OUTCOME_UNKNOWN',
      '数据库连接中断，无法确认是否已保存，请刷新后核对',
      { retryable: false, outcome: 'UNKNOWN' },
    );
  }
  return new AppError(
    ErrorCode.SERVICE_UNAVAILABLE,
    'CONNECTION_LOST',
    '数据库连接中断，本次操作未生效，请重试',
    { retryable: true, outcome: 'NOT_APPLIED' },
  );
}

const GRAPHQL_MESSAGES: Record<string, string> = {
  GRAPHQL_VALIDATION_FAILED: '请求格式不正确',
  GRAPHQL_PARSE_FAILED: '请求语法错误',
  BAD_USER_INPUT: '输入参数不正确',
  PERSISTED_QUERY_NOT_FOUND: '请求不存在',
  BAD_REQUEST: '请求不正确',
  OPERATION_RESOLUTION_FAILURE: '请求的操作不存在或不明确，请指定有效的 operationName',
};

const MAX_DETAIL_LENGTH = 500;

function clip(text: string): string {
  return text.length > MAX_DETAIL_LENGTH ? `${text.slice(0, MAX_DETAIL_LENGTH)}…` : text;
}

/** Request mistakes that answer BAD_USER_INPUT (validation keeps its own code, as before). */
const CLIENT_MISTAKES = new Set(['BAD_REQUEST', 'OPERATION_RESOLUTION_FAILURE']);

/**
 * One mapper for every error leaving the API: AppErrors keep their code and Chinese message;
 * database errors a user can cause become AppErrors; anything else is masked outside development.
 */
export function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
  options: { exposeInternals: boolean },
): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  const appError = original instanceof AppError ? original : fromDatabaseError(original);
  if (appError) {
    return {
      message: appError.message,
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: appError.code, reason: appError.reason, ...(appError.details ?? {}) },
    };
  }
  const code = formatted.extensions?.code;
  const reason = formatted.extensions?.reason;
  if (reason === 'QUERY_LIMIT' || reason === 'UNSUPPORTED_OPERATION') {
    // Raised by the API's own validation rules and cost check, in Chinese already.
    return {
      message: formatted.message,
      locations: formatted.locations,
      extensions: {
        code: ErrorCode.BAD_USER_INPUT,
        reason,
        ...(formatted.extensions?.detail ? { detail: formatted.extensions.detail } : {}),
      },
    };
  }
  const graphqlMessage =
    typeof code === 'string' && Object.hasOwn(GRAPHQL_MESSAGES, code)
      ? GRAPHQL_MESSAGES[code]
      : undefined;
  if (typeof code === 'string' && graphqlMessage !== undefined) {
    // Request-shape errors raised by GraphQL itself: keep graphql-js's English detail for client
    // developers, without field-name hints outside development.
    // The detail echoes the value sent; it is cut so that a huge input is not sent back whole.
    const detail = clip(
      options.exposeInternals
        ? formatted.message
        : formatted.message.replace(/\s*Did you mean .*$/s, ''),
    );
    return {
      message: graphqlMessage,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: CLIENT_MISTAKES.has(code) ? ErrorCode.BAD_USER_INPUT : code, detail },
    };
  }
  logError('[graphql] unexpected error', formatted.path?.join('.') ?? '', original);
  if (options.exposeInternals) {
    return {
      ...formatted,
      extensions: { ...formatted.extensions, code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  }
  return {
    message: '服务器内部错误，请稍后重试',
    path: formatted.path,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}

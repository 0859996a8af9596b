/** GraphQL error codes a client can rely on (`extensions.code`). */
export enum ErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  CONFLICT = 'CONFLICT',
  /** The database could not be reached or the connection broke; see `reason` and `retryable`. */
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * An expected failure: a client code, a finer module reason (e.g. ACCOUNT_LOCKED) and a
 * Chinese message for the user. Anything that is not an AppError is masked as internal.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly reason: string,
    message: string,
    readonly details?: { fields?: FieldProblem[]; [key: string]: unknown },
  ) {
    super(message);
    this.name = 'AppError';
  }

  static unauthenticated(reason = 'UNAUTHENTICATED', message = '请先登录'): AppError {
    return new AppError(ErrorCode.UNAUTHENTICATED, reason, message);
  }
  static forbidden(reason = 'FORBIDDEN', message = '没有执行此操作的权限'): AppError {
    return new AppError(ErrorCode.FORBIDDEN, reason, message);
  }
  static notFound(reason = 'NOT_FOUND', message = '对象不存在或无权访问'): AppError {
    return new AppError(ErrorCode.NOT_FOUND, reason, message);
  }
  static badInput(reason: string, message: string, fields?: FieldProblem[]): AppError {
    return new AppError(ErrorCode.BAD_USER_INPUT, reason, message, fields ? { fields } : undefined);
  }
  static conflict(reason: string, message: string, details?: Record<string, unknown>): AppError {
    return new AppError(ErrorCode.CONFLICT, reason, message, details);
  }
}

import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AppError, ErrorCode } from '../errors/app-error';
import { fromDatabaseError } from '../errors/format-error';
import { logError } from '../errors/redact';
import { requestRecordOf } from '../logging/request-log';

const STATUS: Record<ErrorCode, number> = {
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.SERVICE_UNAVAILABLE]: 503,
  [ErrorCode.INTERNAL_SERVER_ERROR]: 500,
};

/** Plain HTTP routes (files, health) answer errors as JSON with the same codes as GraphQL. */
export function httpErrorBody(error: unknown): { status: number; body: Record<string, unknown> } {
  const app = error instanceof AppError ? error : fromDatabaseError(error);
  if (app) {
    return {
      status: STATUS[app.code],
      body: { code: app.code, reason: app.reason, message: app.message, ...(app.details ?? {}) },
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    return {
      status,
      body: {
        code: status === 404 ? ErrorCode.NOT_FOUND : ErrorCode.BAD_USER_INPUT,
        message: status === 404 ? '请求的地址不存在' : '请求不正确',
      },
    };
  }
  logError('[http] unexpected error', error);
  return {
    status: 500,
    body: { code: ErrorCode.INTERNAL_SERVER_ERROR, message: '服务器内部错误，请稍后重试' },
  };
}

@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType<string>() === 'graphql') return exception;
    const res = host.switchToHttp().getResponse<Response>();
    const { status, body } = httpErrorBody(exception);
    const record = requestRecordOf(host.switchToHttp().getRequest<Request>());
    if (record && typeof body.code === 'string') record.errorCodes.push(body.code);
    if (!res.headersSent) res.status(status).json(body);
    else res.end();
    return undefined;
  }
}

import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

/**
 * What one HTTP request leaves in the log and the metrics: filled in as the request goes (the
 * guard adds the caller, the GraphQL plugin the operation and the error codes) and written once
 * when the response is finished.
 */
export interface RequestRecord {
  readonly id: string;
  readonly method: string;
  readonly path: string;
  readonly startedAt: bigint;
  userId?: string;
  organizationId?: string;
  /** GraphQL: the operation's first root field as `Query.field` / `Mutation.field` (bounded). */
  operation?: string;
  /** GraphQL: the name the client gave its operation (free text, logged, never a metric label). */
  operationName?: string;
  /** Error codes answered (GraphQL `extensions.code`, or the HTTP route's error code). */
  errorCodes: string[];
}

const storage = new AsyncLocalStorage<RequestRecord>();
const RECORD = Symbol('sunshine.request');

/** The record of the request being served, for log lines written while serving it. */
export function currentRequest(): RequestRecord | undefined {
  return storage.getStore();
}

/** The record attached to an Express request (GraphQL context, guards, filters). */
export function requestRecordOf(req: Request | undefined): RequestRecord | undefined {
  return req ? (Reflect.get(req, RECORD) as RequestRecord | undefined) : undefined;
}

/** A request id from a proxy is kept only when it is short and plain; otherwise a new one. */
const CLIENT_ID = /^[\w.:-]{8,64}$/;

export interface RequestTracking {
  /** Requests started and not yet finished (graceful shutdown waits for them). */
  inFlight(): number;
  /** Resolves when no request is in flight. */
  idle(): Promise<void>;
  middleware(req: Request, res: Response, next: NextFunction): void;
}

/**
 * Express middleware: gives each request an id (echoed as `X-Request-Id`), runs the rest of the
 * request inside its record, counts it in flight, and calls `finished` once it is answered or
 * its connection is closed.
 */
export function requestTracking(
  finished: (record: RequestRecord, req: Request, res: Response) => void,
): RequestTracking {
  let inFlight = 0;
  let waiters: Array<() => void> = [];
  const done = (): void => {
    inFlight -= 1;
    if (inFlight === 0) {
      const ready = waiters;
      waiters = [];
      for (const w of ready) w();
    }
  };
  return {
    inFlight: () => inFlight,
    idle: () =>
      inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve)),
    middleware(req, res, next) {
      const given = req.headers['x-request-id'];
      const record: RequestRecord = {
        id: typeof given === 'string' && CLIENT_ID.test(given) ? given : randomUUID(),
        method: req.method,
        path: req.path,
        startedAt: process.hrtime.bigint(),
        errorCodes: [],
      };
      Reflect.set(req, RECORD, record);
      res.setHeader('X-Request-Id', record.id);
      inFlight += 1;
      let ended = false;
      const end = (): void => {
        if (ended) return;
        ended = true;
        done();
        try {
          finished(record, req, res);
        } catch {
          // Logging must never break a response.
        }
      };
      res.once('finish', end);
      res.once('close', end);
      storage.run(record, next);
    },
  };
}

/** Milliseconds since the record's start, to 0.1 ms. */
export function elapsedMs(record: RequestRecord): number {
  return Math.round(Number(process.hrtime.bigint() - record.startedAt) / 1e5) / 10;
}

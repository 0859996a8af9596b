import type { NextFunction, Request, Response } from 'express';
import { EventEmitter } from 'node:events';
import { logError } from '../../errors/redact';
import { configureLogging, log, NestLogger, prettyLine } from '../logger';
import { requestRecordOf, requestTracking } from '../request-log';

const HASH = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNo';
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTYifQ.c2lnbmF0dXJlc2lnbmF0dXJl';

function capture(work: () => void): string[] {
  const lines: string[] = [];
  const spy = jest
    .spyOn(process.stdout, 'write')
    .mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
  try {
    work();
  } finally {
    spy.mockRestore();
  }
  return lines;
}

/** A request as Express hands it to middleware, enough for requestTracking. */
function fakeExchange(headers: Record<string, string> = {}): { req: Request; res: Response } {
  const res = Object.assign(new EventEmitter(), {
    headers: {} as Record<string, string>,
    setHeader(name: string, value: string) {
      this.headers[name.toLowerCase()] = value;
    },
  });
  const req = { method: 'POST', path: '/graphql', headers } as unknown as Request;
  return { req, res: res as unknown as Response };
}

describe('the JSON-lines logger', () => {
  beforeEach(() => configureLogging({ level: 'info', format: 'json' }));

  it('writes one JSON object per line, with the request, user and organisation being served', () => {
    const { req, res } = fakeExchange({ 'x-request-id': 'proxy-id-12345678' });
    const finished: string[] = [];
    const tracking = requestTracking((r) => finished.push(r.id));
    const lines = capture(() => {
      tracking.middleware(req, res, (() => {
        const record = requestRecordOf(req);
        if (!record) throw new Error('no record');
        record.userId = 'user-1';
        record.organizationId = 'org-1';
        log().info({ rows: 3 }, 'served');
      }) as NextFunction);
    });
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0] ?? '') as Record<string, unknown>;
    expect(entry).toMatchObject({
      level: 'info',
      msg: 'served',
      rows: 3,
      reqId: 'proxy-id-12345678',
      userId: 'user-1',
      orgId: 'org-1',
    });
    expect(typeof entry.time).toBe('string');
    expect(tracking.inFlight()).toBe(1);
    (res as unknown as EventEmitter).emit('finish');
    expect(tracking.inFlight()).toBe(0);
    expect(finished).toEqual(['proxy-id-12345678']);
  });

  it('makes a new request id when the given one is not plain', () => {
    const { req, res } = fakeExchange({ 'x-request-id': 'bad id\nwith newline' });
    requestTracking(() => undefined).middleware(req, res, (() => undefined) as NextFunction);
    expect(requestRecordOf(req)?.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps secrets and statement parameters out of every line', () => {
    const error = Object.assign(new Error(`insert failed near "${HASH}"`), {
      query: 'INSERT INTO "users"("username", "password_hash") VALUES ($1, $2)',
      parameters: ['alice', HASH],
    });
    const lines = capture(() => {
      logError('[graphql] unexpected error', 'createUser', error);
      log().info(
        { password: 'Hunter#2', headers: { authorization: `Bearer ${JWT}` } },
        `token ${JWT}`,
      );
    });
    const text = lines.join('');
    expect(lines).toHaveLength(2);
    expect(text).toContain('unexpected error');
    expect(text).toContain('INSERT INTO \\"users\\"');
    expect(text).not.toMatch(/argon2|alice|Hunter#2|parameters/);
    expect(text).not.toContain(JWT);
  });

  it('hides the framework start-up lines unless the level is debug', () => {
    const nest = new NestLogger();
    expect(capture(() => nest.log('Mapped {/graphql, POST} route', 'RouterExplorer'))).toEqual([]);
    expect(capture(() => nest.warn('something odd', 'X'))).toHaveLength(1);
    configureLogging({ level: 'debug', format: 'json' });
    expect(capture(() => nest.log('Mapped {/graphql, POST} route', 'RouterExplorer'))).toHaveLength(
      1,
    );
  });
});

describe('readable lines (development)', () => {
  it('prints time, level, message and fields on one line', () => {
    configureLogging({ level: 'info', format: 'pretty' });
    const [line] = capture(() => log().info({ status: 200, path: '/graphql' }, 'request'));
    expect(line).toMatch(/^\d{2}:\d{2}:\d{2} INFO  request status=200 path=\/graphql\n$/);
    expect(
      prettyLine('{"level":50,"time":0,"msg":"failed","err":{"stack":"Error: x\\n at y"}}'),
    ).toMatch(/ERROR failed\n {4}Error: x\n {4} at y\n$/);
  });
});

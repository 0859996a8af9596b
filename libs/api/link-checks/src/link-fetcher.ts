import { Resolver } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import type { LinkOutcome } from '@sunshine/api/core';
import { summarizeBody } from './page-text';
import {
  AllowList,
  hostOf,
  isBlockedAddress,
  LINK_CHECK_USER_AGENT_WIRE,
  urlProblem,
} from './url-policy';

export interface FetchLimits {
  /** The whole check (every redirect hop, DNS and body) ends after this long. */
  timeoutMs: number;
  /** Body bytes read at most; the rest is cut off (the check is still OK, `truncated`). */
  maxBytes: number;
  maxRedirects: number;
}

export const DEFAULT_FETCH_LIMITS: FetchLimits = {
  timeoutMs: 10_000,
  maxBytes: 1024 * 1024,
  maxRedirects: 5,
};

/** One check's result, as stored. */
export interface FetchResult {
  outcome: LinkOutcome;
  statusCode: number | null;
  finalUrl: string | null;
  redirects: number;
  /** From the start of the check to the final response's headers (ms). */
  responseMs: number | null;
  contentType: string | null;
  bytesRead: number;
  truncated: boolean;
  contentHash: string | null;
  title: string | null;
  snapshot: string | null;
  /** Chinese explanation when the outcome is not OK. */
  problem: string | null;
}

const BROKEN_OUTCOMES: ReadonlySet<LinkOutcome> = new Set([
  'HTTP_ERROR',
  'DNS',
  'TIMEOUT',
  'NETWORK',
  'TLS',
  'REDIRECTS',
]);

export function isBroken(outcome: LinkOutcome): boolean {
  return BROKEN_OUTCOMES.has(outcome);
}

class Refused extends Error {
  constructor(
    readonly outcome: LinkOutcome,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Fetches user-supplied URLs safely (SSRF): http(s) only, no credentials; each hop's host is
 * resolved first and every address checked against the blocked ranges (unless allow-listed), and
 * the connection goes to that checked address (pinned through `lookup`, so a second DNS answer
 * cannot send it elsewhere); redirects are followed by hand and each hop is checked again. One
 * deadline bounds the whole check (a slow drip cannot hold it), the body is cut off at a size.
 */
export class LinkFetcher {
  constructor(
    private readonly allow: AllowList = new AllowList(),
    private readonly limits: FetchLimits = DEFAULT_FETCH_LIMITS,
  ) {}

  async check(rawUrl: string): Promise<FetchResult> {
    const started = performance.now();
    const result: FetchResult = {
      outcome: 'OK',
      statusCode: null,
      finalUrl: null,
      redirects: 0,
      responseMs: null,
      contentType: null,
      bytesRead: 0,
      truncated: false,
      contentHash: null,
      title: null,
      snapshot: null,
      problem: null,
    };
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), this.limits.timeoutMs);
    timer.unref();
    try {
      let url = rawUrl;
      for (let hop = 0; ; hop++) {
        const bad = urlProblem(url);
        if (bad)
          throw new Refused(
            bad.reason === 'SCHEME' || bad.reason === 'CREDENTIALS' ? 'BLOCKED' : 'INVALID',
            hop ? `重定向目标被拒绝：${bad.message}` : bad.message,
          );
        const target = new URL(url);
        const address = await this.resolve(target, abort.signal, hop > 0);
        const res = await this.request(target, address, abort.signal);
        result.statusCode = res.statusCode ?? null;
        result.finalUrl = target.href;
        const location = res.headers.location;
        if (res.statusCode && res.statusCode >= 300 && res.statusCode < 400 && location) {
          res.destroy();
          if (hop >= this.limits.maxRedirects)
            throw new Refused('REDIRECTS', `重定向超过 ${this.limits.maxRedirects} 次`);
          result.redirects = hop + 1;
          url = new URL(location, target).href;
          continue;
        }
        result.responseMs = Math.round(performance.now() - started);
        result.contentType = res.headers['content-type'] ?? null;
        const body = await this.readBody(res, abort.signal);
        result.bytesRead = body.bytes.length;
        result.truncated = body.truncated;
        const summary = summarizeBody(body.bytes, result.contentType);
        result.contentHash = summary.contentHash;
        result.title = summary.title;
        result.snapshot = summary.snapshot;
        if (result.statusCode !== null && result.statusCode >= 400) {
          result.outcome = 'HTTP_ERROR';
          result.problem = `服务器返回 ${result.statusCode}`;
        }
        return result;
      }
    } catch (error) {
      const { outcome, problem } = classify(error, abort.signal.aborted, this.limits.timeoutMs);
      result.outcome = outcome;
      result.problem = problem;
      result.responseMs ??= Math.round(performance.now() - started);
      return result;
    } finally {
      clearTimeout(timer);
    }
  }

  /** The address to connect to: checked against the blocked ranges and the allow-list. */
  private async resolve(
    url: URL,
    signal: AbortSignal,
    redirected: boolean,
  ): Promise<{ address: string; family: 4 | 6 }> {
    const host = hostOf(url);
    const hostAllowed = this.allow.allowsHost(host) || this.allow.allowsOrigin(url);
    let candidates: Array<{ address: string; family: number }>;
    if (isIP(host)) candidates = [{ address: host, family: isIP(host) }];
    else {
      candidates = await abortable(resolveHost(host, this.limits.timeoutMs), signal);
      if (!candidates.length) throw Object.assign(new Error('no address'), { code: 'ENOTFOUND' });
    }
    const permitted = candidates.find(
      (c) => hostAllowed || this.allow.allowsAddress(c.address) || !isBlockedAddress(c.address),
    );
    if (!permitted)
      throw new Refused(
        'BLOCKED',
        `${redirected ? '重定向目标' : '链接'}指向内网、本机或保留地址（${candidates[0]?.address ?? host}），出于安全不予访问`,
      );
    return { address: permitted.address, family: permitted.family === 6 ? 6 : 4 };
  }

  private request(
    url: URL,
    pinned: { address: string; family: 4 | 6 },
    signal: AbortSignal,
  ): Promise<http.IncomingMessage> {
    const lookup: LookupFunction = (_host, options, callback) => {
      if ((options as { all?: boolean }).all)
        (callback as unknown as (e: null, a: Array<{ address: string; family: number }>) => void)(
          null,
          [pinned],
        );
      else callback(null, pinned.address, pinned.family);
    };
    const host = hostOf(url);
    const secure = url.protocol === 'https:';
    return new Promise((resolve, reject) => {
      const req = (secure ? https : http).request(
        {
          protocol: url.protocol,
          hostname: host,
          port: url.port || (secure ? 443 : 80),
          path: `${url.pathname}${url.search}`,
          method: 'GET',
          agent: false,
          lookup,
          signal,
          ...(secure && !isIP(host) ? { servername: host } : {}),
          headers: {
            'User-Agent': LINK_CHECK_USER_AGENT_WIRE,
            Accept: 'text/html,application/xhtml+xml,*/*;q=0.8',
            'Accept-Language': 'zh-CN,zh;q=0.9',
            // No compression: the size limit counts what arrives, and no decompression bomb.
            'Accept-Encoding': 'identity',
          },
        },
        resolve,
      );
      req.on('error', reject);
      req.end();
    });
  }

  private readBody(
    res: http.IncomingMessage,
    signal: AbortSignal,
  ): Promise<{ bytes: Buffer; truncated: boolean }> {
    const max = this.limits.maxBytes;
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let done = false;
      const finish = (truncated: boolean): void => {
        if (done) return;
        done = true;
        signal.removeEventListener('abort', onAbort);
        resolve({ bytes: Buffer.concat(chunks, Math.min(size, max)), truncated });
      };
      const onAbort = (): void => {
        if (done) return;
        done = true;
        res.destroy();
        reject(Object.assign(new Error('timeout'), { name: 'AbortError' }));
      };
      signal.addEventListener('abort', onAbort);
      res.on('data', (chunk: Buffer) => {
        if (done) return;
        const room = max - size;
        chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
        size += Math.min(chunk.length, room);
        if (size >= max) {
          res.destroy();
          finish(true);
        }
      });
      res.on('end', () => finish(false));
      res.on('error', (e) => {
        if (!done) {
          done = true;
          reject(e);
        }
      });
      res.on('close', () => finish(!res.complete));
    });
  }
}

/**
 * A host name's addresses from DNS through c-ares (`Resolver`), never `dns.lookup`: getaddrinfo
 * runs on libuv's four-thread pool, which password hashing, file reads and compression share, and
 * a few hundred slow or failing look-ups of users' links would starve them all. `localhost` is
 * the loopback address (what /etc/hosts says everywhere); other /etc/hosts names are not read.
 */
async function resolveHost(
  host: string,
  timeoutMs: number,
): Promise<Array<{ address: string; family: number }>> {
  const name = host.replace(/\.$/, '').toLowerCase();
  if (name === 'localhost' || name.endsWith('.localhost')) {
    return [
      { address: '127.0.0.1', family: 4 },
      { address: '::1', family: 6 },
    ];
  }
  const resolver = new Resolver({ timeout: Math.max(500, Math.min(timeoutMs, 5_000)), tries: 2 });
  const [v4, v6] = await Promise.allSettled([resolver.resolve4(name), resolver.resolve6(name)]);
  const found = [
    ...(v4.status === 'fulfilled' ? v4.value.map((address) => ({ address, family: 4 })) : []),
    ...(v6.status === 'fulfilled' ? v6.value.map((address) => ({ address, family: 6 })) : []),
  ];
  if (found.length) return found;
  const failure =
    v4.status === 'rejected' ? v4.reason : v6.status === 'rejected' ? v6.reason : null;
  throw failure instanceof Error
    ? failure
    : Object.assign(new Error('no address'), { code: 'ENOTFOUND' });
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted)
    return Promise.reject(Object.assign(new Error('timeout'), { name: 'AbortError' }));
  return new Promise((resolve, reject) => {
    const onAbort = (): void => reject(Object.assign(new Error('timeout'), { name: 'AbortError' }));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

function classify(
  error: unknown,
  aborted: boolean,
  timeoutMs: number,
): { outcome: LinkOutcome; problem: string } {
  if (error instanceof Refused) return { outcome: error.outcome, problem: error.message };
  if (aborted) return { outcome: 'TIMEOUT', problem: `超过 ${timeoutMs / 1000} 秒未完成` };
  const code = (error as { code?: string }).code ?? '';
  if (
    [
      'ENOTFOUND',
      'EAI_AGAIN',
      'EAI_FAIL',
      'EAI_NONAME',
      'ENODATA',
      'ESERVFAIL',
      'ETIMEOUT',
      'EREFUSED',
      'ENONAME',
      'EBADNAME',
    ].includes(code)
  )
    return { outcome: 'DNS', problem: '域名无法解析' };
  if (code.startsWith('ERR_TLS') || code.includes('CERT') || code === 'EPROTO')
    return { outcome: 'TLS', problem: `证书或加密连接错误（${code}）` };
  if (code === 'ERR_INVALID_URL') return { outcome: 'INVALID', problem: '链接格式不正确' };
  return { outcome: 'NETWORK', problem: `无法连接（${code || (error as Error).message}）` };
}

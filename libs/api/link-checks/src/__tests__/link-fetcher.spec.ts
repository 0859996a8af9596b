import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LinkFetcher } from '../link-fetcher';
import { AllowList, isBlockedAddress, normalizeUrl, urlProblem } from '../url-policy';

/** A real HTTP server on 127.0.0.1 with the pages a checker meets. */
let server: Server;
let base: string;
const seen: Array<{ url: string; ua: string | undefined }> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const ua = req.headers['user-agent'];
    // Node reads header bytes as Latin-1; the checker sends UTF-8.
    seen.push({ url: req.url ?? '', ua: ua && Buffer.from(ua, 'latin1').toString('utf8') });
    const path = req.url ?? '/';
    if (path === '/ok') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        '<html><head><title>整改 &amp; 公开</title><style>p{}</style></head><body><script>var t=1</script><p>政策文件</p><!-- x --><p>已更新</p></body></html>',
      );
    } else if (path === '/gbk') {
      res.writeHead(200, { 'content-type': 'text/html; charset=gb2312' });
      // "审计局" in GB2312
      res.end(
        Buffer.from([
          0x3c, 0x74, 0x69, 0x74, 0x6c, 0x65, 0x3e, 0xc9, 0xf3, 0xbc, 0xc6, 0xbe, 0xd6, 0x3c, 0x2f,
          0x74, 0x69, 0x74, 0x6c, 0x65, 0x3e,
        ]),
      );
    } else if (path === '/missing') {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<title>404</title>not here');
    } else if (path.startsWith('/hop/')) {
      const n = Number(path.slice(5));
      res.writeHead(301, { location: n > 1 ? `/hop/${n - 1}` : '/ok' });
      res.end();
    } else if (path === '/loop') {
      res.writeHead(302, { location: '/loop' });
      res.end();
    } else if (path === '/to-private') {
      res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' });
      res.end();
    } else if (path === '/to-file') {
      res.writeHead(302, { location: 'file:///etc/passwd' });
      res.end();
    } else if (path === '/slow') {
      setTimeout(() => {
        res.writeHead(200);
        res.end('late');
      }, 5_000).unref();
    } else if (path === '/drip') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const t = setInterval(() => res.write('.'), 100);
      t.unref();
      res.on('close', () => clearInterval(t));
    } else if (path === '/huge') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      let sent = 0;
      const pump = (): void => {
        while (sent < 50 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('close', () => (sent = Number.POSITIVE_INFINITY));
      pump();
    } else {
      res.writeHead(500);
      res.end('boom');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

const allowLocal = new AllowList(['127.0.0.1/32']);
const fetcher = new LinkFetcher(allowLocal, {
  timeoutMs: 1_500,
  maxBytes: 256 * 1024,
  maxRedirects: 5,
});

describe('LinkFetcher against a local HTTP server', () => {
  it('reads a 200 page: status, title, visible text, hash, User-Agent', async () => {
    const r = await fetcher.check(`${base}/ok`);
    expect(r).toMatchObject({
      outcome: 'OK',
      statusCode: 200,
      finalUrl: `${base}/ok`,
      redirects: 0,
      title: '整改 & 公开',
      snapshot: '政策文件 已更新',
      truncated: false,
    });
    expect(r.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(r.responseMs).toBeGreaterThanOrEqual(0);
    expect(seen.find((s) => s.url === '/ok')?.ua).toBe('SunshineLinkCheck/1.0 (+阳光督导)');
    // Same text, same hash.
    expect((await fetcher.check(`${base}/ok`)).contentHash).toBe(r.contentHash);
  });

  it('resolves a host name, connects to the allowed address it checked', async () => {
    const port = new URL(base).port;
    const r = await fetcher.check(`http://localhost:${port}/ok`);
    expect(r).toMatchObject({ outcome: 'OK', statusCode: 200 });
  });

  it('decodes a GB2312 page', async () => {
    expect((await fetcher.check(`${base}/gbk`)).title).toBe('审计局');
  });

  it('flags a 404 and a 500 as broken', async () => {
    expect(await fetcher.check(`${base}/missing`)).toMatchObject({
      outcome: 'HTTP_ERROR',
      statusCode: 404,
      problem: '服务器返回 404',
    });
    expect((await fetcher.check(`${base}/other`)).statusCode).toBe(500);
  });

  it('follows a 301 chain to the final URL and stops a redirect loop', async () => {
    const r = await fetcher.check(`${base}/hop/3`);
    expect(r).toMatchObject({
      outcome: 'OK',
      statusCode: 200,
      finalUrl: `${base}/ok`,
      redirects: 3,
    });
    expect((await fetcher.check(`${base}/loop`)).outcome).toBe('REDIRECTS');
  });

  it('times out a slow server and a slow drip within the one deadline', async () => {
    const t0 = Date.now();
    expect((await fetcher.check(`${base}/slow`)).outcome).toBe('TIMEOUT');
    const drip = await fetcher.check(`${base}/drip`);
    expect(drip.outcome).toBe('TIMEOUT');
    expect(Date.now() - t0).toBeLessThan(5_000);
  });

  it('cuts a huge body off at the size limit', async () => {
    const r = await fetcher.check(`${base}/huge`);
    expect(r).toMatchObject({ outcome: 'OK', truncated: true, bytesRead: 256 * 1024 });
    expect(r.snapshot!.length).toBeLessThanOrEqual(20_000);
  });

  it('refuses private addresses that are not allow-listed, before connecting', async () => {
    const strict = new LinkFetcher(new AllowList([]), {
      timeoutMs: 1_500,
      maxBytes: 1024,
      maxRedirects: 5,
    });
    const before = seen.length;
    const r = await strict.check(`${base}/ok`);
    expect(r.outcome).toBe('BLOCKED');
    expect(r.problem).toContain('内网');
    expect(seen.length).toBe(before); // nothing reached the server
    for (const url of [
      'http://127.0.0.2/',
      'http://10.1.2.3/',
      'http://192.168.1.1/',
      'http://[::1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://169.254.169.254/',
      'http://224.0.0.1/',
      'http://0.0.0.0/',
      'http://localhost/',
    ])
      expect([url, (await strict.check(url)).outcome]).toEqual([url, 'BLOCKED']);
    // Allow-listed by address: 127.0.0.1 only, not the rest of 127/8.
    expect((await fetcher.check('http://127.0.0.2:9/')).outcome).toBe('BLOCKED');
  });

  it('refuses a redirect to a private address or a non-HTTP scheme', async () => {
    const r = await fetcher.check(`${base}/to-private`);
    expect(r).toMatchObject({ outcome: 'BLOCKED', statusCode: 302 });
    expect(r.problem).toContain('重定向目标');
    expect((await fetcher.check(`${base}/to-file`)).outcome).toBe('BLOCKED');
  });

  it('refuses non-HTTP schemes and credentials', async () => {
    expect((await fetcher.check('file:///etc/passwd')).outcome).toBe('BLOCKED');
    expect((await fetcher.check('ftp://example.com/x')).outcome).toBe('BLOCKED');
    expect((await fetcher.check('gopher://127.0.0.1:6379/')).outcome).toBe('BLOCKED');
    expect((await fetcher.check(`http://user:pw@127.0.0.1/`)).outcome).toBe('BLOCKED');
    expect((await fetcher.check('not a url')).outcome).toBe('INVALID');
  });

  it('reports a name that does not resolve as DNS', async () => {
    const r = await fetcher.check('http://no-such-host.invalid/');
    expect([r.outcome, r.problem]).toEqual(['DNS', '域名无法解析']);
  });
});

describe('url policy', () => {
  it('classifies addresses', () => {
    for (const a of [
      '127.0.0.1',
      '10.0.0.1',
      '172.31.255.255',
      '192.168.0.1',
      '169.254.1.1',
      '100.64.0.1',
      '::1',
      'fe80::1',
      'fd00::1',
      'ff02::1',
      '::ffff:10.0.0.1',
      '::ffff:a00:1',
      '64:ff9b::a00:1',
    ])
      expect([a, isBlockedAddress(a)]).toEqual([a, true]);
    for (const a of ['8.8.8.8', '202.102.192.68', '2400:3200::1', '::ffff:8.8.8.8', '172.32.0.1'])
      expect([a, isBlockedAddress(a)]).toEqual([a, false]);
  });

  it('checks and normalises URLs with Chinese messages', () => {
    expect(urlProblem('javascript:alert(1)')?.message).toBe('只检查 http 和 https 链接');
    expect(urlProblem('https://a:b@example.com/')?.reason).toBe('CREDENTIALS');
    expect(urlProblem(`https://example.com/${'x'.repeat(2100)}`)?.reason).toBe('TOO_LONG');
    expect(urlProblem('https://www.ah.gov.cn/zwgk/index.html')).toBeNull();
    expect(normalizeUrl(' HTTPS://WWW.Ah.gov.cn/a?b=1#top ')).toBe('https://www.ah.gov.cn/a?b=1');
  });

  it('parses the allow-list', () => {
    const a = new AllowList(['localhost', '127.0.0.1/32', '::1']);
    expect(a.allowsHost('LOCALHOST')).toBe(true);
    expect(a.allowsAddress('127.0.0.1')).toBe(true);
    expect(a.allowsAddress('127.0.0.2')).toBe(false);
    expect(a.allowsAddress('::1')).toBe(true);
    expect(() => new AllowList(['10.0.0.0/99'])).toThrow('bad prefix');
    expect(() => new AllowList(['http://x'])).toThrow('LINK_CHECK_ALLOW');
  });
});

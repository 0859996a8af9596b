import type { Request, Response } from 'express';

/**
 * A small local "bureau website" served by the app itself in demo mode only (mounted at
 * /demo-site by bootstrap.ts when DEMO is on), so the demo's issue locations and rectification
 * links never point at the internet. The link checker may reach it (the app's own origin is
 * allowed in demo mode only, see LinkChecksService). Pages are deterministic, so the same URL
 * always has the same content:
 *
 * - `/demo-site/{code}/gk/{n}.html`: a public-information page as the assessor found it;
 * - `/demo-site/{code}/zg/{n}.html`: the page after rectification (different content);
 * - `/demo-site/{code}/zg/{n}-missing.html` (and anything unknown): 404;
 * - `/demo-site/moved/{code}/{n}`: 301 → 302 → the rectified page (a redirect chain);
 * - `/demo-site/slow/{code}/{n}.html`: the rectified page after 3 seconds;
 * - `/demo-site/hang/{code}/{n}.html`: never answers in time (the checker's timeout).
 */
export const DEMO_SITE_PATH = '/demo-site';

const SLOW_MS = 3_000;
const HANG_MS = 60_000;

const escape = (s: string): string =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

function page(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escape(title)}</title>
<style>body{font:16px/1.7 system-ui,sans-serif;max-width:760px;margin:40px auto;padding:0 16px;color:#222}
header{border-bottom:3px solid #b71c1c;margin-bottom:16px}h1{font-size:22px}.note{color:#888;font-size:13px}</style>
</head><body><header><p>演示用单位网站（本地页面，不连接互联网）</p></header>${body}</body></html>`;
}

function informationPage(code: string, n: string): string {
  return page(
    `政府信息公开 - ${code} - ${n}`,
    `<h1>政府信息公开目录</h1><p>单位代码 ${escape(code)}，信息编号 ${escape(n)}。</p>
<p>本栏目信息更新于去年，部分内容缺少发布日期和文号，附件链接无法打开。</p>
<p class="note">这是测评机构发现问题时的页面。</p>`,
  );
}

function rectifiedPage(code: string, n: string): string {
  return page(
    `整改情况 - ${code} - ${n}`,
    `<h1>政府信息公开目录（已整改）</h1><p>单位代码 ${escape(code)}，信息编号 ${escape(n)}。</p>
<p>已补充发布日期、文号和附件，栏目内容已按要求更新。</p>
<p class="note">这是整改后的页面。</p>`,
  );
}

function send(res: Response, status: number, html: string): void {
  res.status(status).type('html').set('Cache-Control', 'no-store').send(html);
}

/** The Express handler mounted at DEMO_SITE_PATH (the path it sees is relative to the mount). */
export function demoSite(req: Request, res: Response): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.status(405).end();
    return;
  }
  const path = req.path;
  let m = /^\/(\d{2,12})\/gk\/(\d{1,6})\.html$/.exec(path);
  if (m) return send(res, 200, informationPage(m[1]!, m[2]!));
  m = /^\/(\d{2,12})\/zg\/(\d{1,6})\.html$/.exec(path);
  if (m) return send(res, 200, rectifiedPage(m[1]!, m[2]!));
  m = /^\/moved\/(\d{2,12})\/(\d{1,6})(\/again)?$/.exec(path);
  if (m) {
    const [, code, n, again] = m;
    res.redirect(
      again ? 302 : 301,
      again
        ? `${DEMO_SITE_PATH}/${code}/zg/${n}.html`
        : `${DEMO_SITE_PATH}/moved/${code}/${n}/again`,
    );
    return;
  }
  m = /^\/(slow|hang)\/(\d{2,12})\/(\d{1,6})\.html$/.exec(path);
  if (m) {
    const [, kind, code, n] = m;
    const timer = setTimeout(
      () => {
        if (!res.writableEnded) send(res, 200, rectifiedPage(code!, n!));
      },
      kind === 'slow' ? SLOW_MS : HANG_MS,
    );
    timer.unref();
    res.on('close', () => clearTimeout(timer));
    return;
  }
  send(res, 404, page('页面不存在', '<h1>404 页面不存在</h1><p>该页面已被删除或地址有误。</p>'));
}

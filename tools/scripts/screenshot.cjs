#!/usr/bin/env node
// Screenshots of dashboard pages in Chromium, optionally signed in as a user. The system's Chromium
// (CHROMIUM_PATH, /usr/bin/chromium) when present, else the one in the npm package
// @sparticuz/chromium (tools/scripts/browser.cjs; SUNSHINE_BROWSER=npm forces it). Without fonts
// for Chinese the pictures show boxes: the tool says so.
//
//   node tools/scripts/screenshot.cjs [options] <url-or-path>...
//
//   --base URL         origin for relative paths (default http://localhost:4300, `vite preview`)
//   --user NAME        sign in first through the login page (e.g. 34-admin)
//   --password PASS    password for --user (default Sunshine#2025, the demo accounts')
//   --out DIR          where PNGs go (default tmp/screenshots)
//   --size WxH         viewport (default 1366x768, the office screen we design for)
//   --full-page        capture the whole page, not just the viewport
//   --js-report        print the JavaScript each page loads, with gzip sizes
//   --mock FILE        answer /graphql in the browser from FILE (a CommonJS module exporting
//                      `(operationName, variables) => ({ data } | { errors } | undefined)`),
//                      to review states without the API; undefined lets the request through
//
// A PNG is named after the path and user: admin-users.34-admin.png. Console errors and failed
// requests are printed, so the command doubles as a smoke test.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const { chromium } = require('playwright-core');

const { resolveChromium, hasCjkFonts } = require('./browser.cjs');

const root = path.resolve(__dirname, '..', '..');

function parseArgs(argv) {
  const opts = {
    base: 'http://localhost:4300',
    user: null,
    password: 'Sunshine#2025',
    out: path.join(root, 'tmp', 'screenshots'),
    width: 1366,
    height: 768,
    fullPage: false,
    jsReport: false,
    mock: null,
    urls: [],
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--base') opts.base = value().replace(/\/$/, '');
    else if (arg === '--user') opts.user = value();
    else if (arg === '--password') opts.password = value();
    else if (arg === '--out') opts.out = path.resolve(value());
    else if (arg === '--size') {
      const m = /^(\d+)x(\d+)$/.exec(value());
      if (!m) throw new Error('--size must look like 1366x768');
      opts.width = Number(m[1]);
      opts.height = Number(m[2]);
    } else if (arg === '--full-page') opts.fullPage = true;
    else if (arg === '--js-report') opts.jsReport = true;
    else if (arg === '--mock') opts.mock = path.resolve(value());
    else if (arg === '--help' || arg === '-h') {
      console.log(fs.readFileSync(__filename, 'utf8').split('\n').slice(1, 21).join('\n'));
      process.exit(0);
    } else if (arg.startsWith('--')) throw new Error(`Unknown option ${arg}`);
    else opts.urls.push(arg);
  }
  if (opts.urls.length === 0) throw new Error('Give at least one URL or path, e.g. /login');
  return opts;
}

function absolute(base, url) {
  return /^https?:\/\//.test(url) ? url : `${base}${url.startsWith('/') ? '' : '/'}${url}`;
}

function fileName(url, user) {
  const { pathname, search } = new URL(url);
  const slug =
    `${pathname}${search}`
      .replace(/^\/+|\/+$/g, '')
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'home';
  return `${slug}${user ? `.${user}` : ''}.png`;
}

async function installMock(context, file) {
  const answer = require(file);
  await context.route('**/graphql', async (route) => {
    const body = route.request().postDataJSON() || {};
    const result = await answer(body.operationName, body.variables || {}, route.request());
    if (result === undefined) return route.continue();
    const { status = 200, headers = {}, ...json } = result;
    return route.fulfill({
      status,
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(json),
    });
  });
}

/** Waits until the app is idle: network quiet, no spinner, antd animations finished. */
async function settle(page) {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page
    .waitForFunction(() => !document.querySelector('.ant-spin-spinning'), null, { timeout: 10000 })
    .catch(() => undefined);
  await page.waitForTimeout(400);
}

async function signIn(page, opts) {
  await page.goto(absolute(opts.base, '/login'));
  await page.getByLabel('用户名').fill(opts.user);
  await page.getByLabel('密码', { exact: true }).fill(opts.password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page
    .waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: 15000 })
    .catch(async () => {
      const alert = await page
        .getByRole('alert')
        .first()
        .textContent()
        .catch(() => null);
      throw new Error(`Sign-in as ${opts.user} failed${alert ? `: ${alert.trim()}` : ''}`);
    });
  await settle(page);
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const resolved = await resolveChromium();
  console.log(`Chromium: ${resolved.executablePath} (${resolved.source})`);
  const cjk = hasCjkFonts();
  if (cjk !== true) {
    console.warn(
      cjk === false
        ? 'Warning: no fonts for Chinese are installed (fc-list :lang=zh is empty): Chinese text will be missing from the pictures (blank or boxes). Install e.g. fonts-noto-cjk or fonts-wqy-microhei.'
        : 'Warning: cannot check for fonts for Chinese (fc-list is missing): Chinese text may be missing from the pictures. Install fontconfig and e.g. fonts-noto-cjk.',
    );
  }
  fs.mkdirSync(opts.out, { recursive: true });
  const browser = await chromium.launch({
    executablePath: resolved.executablePath,
    args: resolved.args,
    env: resolved.env,
  });
  let problems = 0;
  try {
    const context = await browser.newContext({
      viewport: { width: opts.width, height: opts.height },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      deviceScaleFactor: 1,
    });
    if (opts.mock) await installMock(context, opts.mock);
    const page = await context.newPage();
    page.on('console', (msg) => {
      if (msg.type() === 'error' || msg.type() === 'warning') {
        problems += msg.type() === 'error' ? 1 : 0;
        console.log(`  [console.${msg.type()}] ${msg.text().slice(0, 300)}`);
      }
    });
    page.on('pageerror', (error) => {
      problems += 1;
      console.log(`  [pageerror] ${error.message}`);
    });
    page.on('requestfailed', (req) => {
      console.log(`  [requestfailed] ${req.url()} ${req.failure()?.errorText ?? ''}`);
    });

    if (opts.user) await signIn(page, opts);

    for (const url of opts.urls.map((u) => absolute(opts.base, u))) {
      const scripts = [];
      const onResponse = async (response) => {
        const type = response.headers()['content-type'] || '';
        if (!/javascript/.test(type)) return;
        try {
          const body = await response.body();
          scripts.push({
            url: response.url(),
            raw: body.length,
            gzip: zlib.gzipSync(body, { level: 9 }).length,
          });
        } catch {
          // The response may be gone after navigation.
        }
      };
      if (opts.jsReport) page.on('response', onResponse);
      await page.goto(url);
      await settle(page);
      const file = path.join(opts.out, fileName(url, opts.user));
      await page.screenshot({ path: file, fullPage: opts.fullPage });
      console.log(`${path.relative(process.cwd(), file)}  ←  ${url}`);
      if (opts.jsReport) {
        page.off('response', onResponse);
        const total = scripts.reduce((sum, s) => sum + s.gzip, 0);
        const raw = scripts.reduce((sum, s) => sum + s.raw, 0);
        for (const s of scripts.sort((a, b) => b.gzip - a.gzip)) {
          console.log(
            `    ${(s.gzip / 1024).toFixed(1).padStart(7)} kB gz  ${new URL(s.url).pathname}`,
          );
        }
        console.log(
          `    JavaScript: ${scripts.length} files, ${(raw / 1024).toFixed(1)} kB, ${(total / 1024).toFixed(1)} kB gzipped`,
        );
      }
    }
  } finally {
    await browser.close();
  }
  if (problems > 0) console.log(`${problems} console/page error(s) seen`);
}

main().catch((error) => {
  console.error(`screenshot: ${error.message}`);
  process.exit(1);
});

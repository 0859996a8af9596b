/**
 * The dashboard in Chromium: time from navigation to the completion overview drawn with its data
 * (the child table's figures and every chart marked `data-drawn`), for the province on the Anhui
 * demo and for the national root on the national database (issue 9, goal 5: ≤ 1 s and ≤ 1.5 s on
 * localhost). Warm: the hashed assets in the browser's cache, as on every visit after the first
 * (they are served `immutable`); cold: the cache cleared before each load. Needs the built
 * dashboard (`npm run build`). BENCH_RENDER_RUNS (default 20) loads per measurement;
 * BENCH_RENDER_SCOPE=province skips the national root (and building its database).
 */
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '@sunshine/testing';
import { benchDatabase, load, row, startServer, stats, type Benchmark, type Row } from './harness';
import { nationalDatabase } from './scale';

// The browser resolver is plain CommonJS shared with the e2e tests and the screenshot tool.
// eslint-disable-next-line @typescript-eslint/no-require-imports, @nx/enforce-module-boundaries
const { resolveChromium } = require('../../scripts/browser.cjs') as {
  resolveChromium: () => Promise<{
    executablePath: string;
    args: string[];
    env: Record<string, string> | undefined;
  }>;
};

const RENDER_RUNS = Number(process.env.BENCH_RENDER_RUNS ?? 20);
const PROVINCE_ONLY = process.env.BENCH_RENDER_SCOPE === 'province';

async function signIn(browser: Browser, url: string, username: string): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  await page.goto(`${url}/login`);
  await page.getByPlaceholder('请输入用户名').fill(username);
  await page.getByPlaceholder('请输入密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await overviewDrawn(page);
  return page;
}

/** The overview is drawn: its child rows show figures and every chart has drawn its option. */
function overviewDrawn(page: Page): Promise<unknown> {
  return page.waitForFunction(() => {
    const figures = document.querySelectorAll('tbody tr [data-col="reported"]');
    const charts = document.querySelectorAll('[data-chart="echarts"]');
    const drawn = document.querySelectorAll('[data-chart="echarts"][data-drawn="true"]');
    return figures.length > 0 && charts.length >= 2 && drawn.length === charts.length;
  });
}

async function timeLoads(page: Page, url: string, cold: boolean): Promise<number[]> {
  const cdp = await page.context().newCDPSession(page);
  const samples: number[] = [];
  for (let i = 0; i < RENDER_RUNS + 2; i++) {
    if (cold) await cdp.send('Network.clearBrowserCache');
    const started = Date.now();
    await page.goto(`${url}/`);
    await overviewDrawn(page).catch(async (error: unknown) => {
      const shot = join(tmpdir(), `render-bench-${Date.now()}.png`);
      await page.screenshot({ path: shot }).catch(() => undefined);
      throw new Error(
        `the overview was not drawn within 60 s (screenshot: ${shot}): ${String(error)}`,
      );
    });
    if (i >= 2) samples.push(Date.now() - started); // two warm-up loads
  }
  return samples;
}

async function measure(
  browser: Browser,
  url: string,
  username: string,
  label: string,
): Promise<Row[]> {
  const page = await signIn(browser, url, username);
  try {
    const warm = stats(await timeLoads(page, url, false));
    const cold = stats(await timeLoads(page, url, true));
    return [
      row(`${label}: overview drawn, warm cache`, warm),
      row(`${label}: overview drawn, cache cleared`, cold),
    ];
  } finally {
    await page.context().close();
  }
}

export const renderBench: Benchmark = {
  name: 'render',
  title:
    'The completion overview drawn in Chromium, from navigation to data on screen (issue 9, goal 5)',
  async run(ctx) {
    const dashboardDir = join(__dirname, '..', '..', '..', 'dist', 'apps', 'dashboard');
    if (!existsSync(join(dashboardDir, 'index.html'))) {
      throw new Error(
        'dist/apps/dashboard is missing: run `npm run build` before `npm run bench -- render`',
      );
    }
    const env = { DASHBOARD_DIR: dashboardDir };
    const anhui = await benchDatabase(ctx, 'anhui');
    const national = PROVINCE_ONLY ? null : await nationalDatabase(ctx);
    const urlAnhui = await startServer(ctx, anhui, env);
    const urlNational = national ? await startServer(ctx, national, env) : null;
    const chromiumInfo = await resolveChromium();
    const browser = await chromium.launch({
      executablePath: chromiumInfo.executablePath,
      args: chromiumInfo.args,
      env: chromiumInfo.env,
    });
    ctx.cleanup.push(() => browser.close());
    const rows: Row[] = [
      { measurement: 'browser', note: `${chromiumInfo.executablePath} ${browser.version()}` },
    ];
    rows.push(
      ...(await measure(
        browser,
        urlAnhui,
        '34-leader',
        'province (34), Anhui demo (goal ≤ 1,000 ms)',
      )),
    );
    if (urlNational)
      rows.push(
        ...(await measure(
          browser,
          urlNational,
          '100000-leader',
          'national root (100000), national database (goal ≤ 1,500 ms)',
        )),
      );
    rows.push({ measurement: 'load average after', note: load() });
    return rows;
  },
};

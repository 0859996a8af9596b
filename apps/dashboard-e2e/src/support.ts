import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

// The browser resolver is plain CommonJS shared with tools/scripts/screenshot.cjs.
// eslint-disable-next-line @typescript-eslint/no-require-imports, @nx/enforce-module-boundaries
const { resolveChromium } = require('../../../tools/scripts/browser.cjs') as {
  resolveChromium: (o?: { log?: (line: string) => void }) => Promise<{
    executablePath: string;
    source: 'system' | 'npm';
    args: string[];
    env: Record<string, string> | undefined;
  }>;
};

export const DEMO_PASSWORD = 'Sunshine#2025';
export const SCREENSHOT_DIR = join(__dirname, '..', 'screenshots');

/**
 * Headless Chromium with the flags this closed network needs: the system's (CHROMIUM_PATH,
 * /usr/bin/chromium; Debian's in CI) when present, else the one shipped in the npm package
 * @sparticuz/chromium (tools/scripts/browser.cjs). The tests assert text, not pixels, so they
 * pass without Chinese fonts too.
 */
export async function launchBrowser(): Promise<Browser> {
  const browser = await resolveChromium();
  return chromium.launch({
    executablePath: browser.executablePath,
    args: browser.args,
    env: browser.env,
  });
}

export function baseUrl(): string {
  const url = process.env.E2E_BASE_URL;
  if (!url) throw new Error('E2E_BASE_URL is not set: run through the e2e Jest project');
  return url;
}

export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

/** Signs in through the login page as a user would. */
export async function signIn(
  page: Page,
  username: string,
  password = DEMO_PASSWORD,
): Promise<void> {
  await page.goto(`${baseUrl()}/login`);
  await page.getByPlaceholder('请输入用户名').fill(username);
  await page.getByPlaceholder('请输入密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
}

import { Client } from 'pg';
import type { Browser, Page } from 'playwright-core';
import { orgIdForCode } from '@sunshine/tools/seed';
import { baseUrl, launchBrowser, newPage, screenshot, signIn } from './support';

/**
 * Issue 13: a county editor types 表三, sees a broken identity highlighted with its message, fixes
 * it and submits; the county's reviewer approves; the city accepts. The clock is 2025-05-20, so
 * the report in progress is 2025's; last year's (2024) is emptied so nothing is carried over.
 */
const YEAR = 2025;
const COUNTY = '340102';
// Three sign-ins and some forty typed cells: slow on a busy machine.
jest.setTimeout(240_000);
let browser: Browser;
let owner: Client;

beforeAll(async () => {
  browser = await launchBrowser();
  owner = new Client({ connectionString: process.env.SUNSHINE_TEST_OWNER_URL });
  await owner.connect();
  await owner.query('DELETE FROM annual_reports WHERE organization_id = $1 AND year = $2', [
    orgIdForCode(COUNTY),
    YEAR,
  ]);
  await owner.query(
    `UPDATE annual_reports SET cells = '{}' WHERE organization_id = $1 AND year = $2`,
    [orgIdForCode(COUNTY), YEAR - 1],
  );
});
afterAll(async () => {
  await owner.end();
  await browser.close();
});

const cell = (page: Page, key: string) => page.locator(`input[data-cell="${key}"]`);

async function type(page: Page, key: string, value: string): Promise<void> {
  const input = cell(page, key);
  await input.fill(value);
  await input.press('Tab');
}

async function openReport(user: string, query = ''): Promise<Page> {
  const page = await newPage(browser);
  await signIn(page, user);
  await page.locator('.ant-layout-sider').waitFor({ timeout: 60_000 });
  await page.goto(`${baseUrl()}/annual-reports${query}`);
  // A busy machine may take a while for the lazy page and its first query.
  await page.getByText('一、总体情况').waitFor({ timeout: 60_000 });
  return page;
}

describe('annual report: typed, checked, submitted, approved, accepted', () => {
  it('highlights a broken identity as the editor types, then submits once fixed', async () => {
    const page = await openReport(`${COUNTY}-editor`);
    await expect(page.getByTestId('annual-status').innerText()).resolves.toBe('草稿');
    await page.getByRole('button', { name: '一键将空白单元格填 0' }).click();

    await type(page, 't3.received.natural', '2');
    await type(page, 't3.received.total', '2');
    await type(page, 't3.disclosed.natural', '1');
    await type(page, 't3.disclosed.total', '1');
    await type(page, 't3.resultTotal.natural', '2');
    await type(page, 't3.resultTotal.total', '2');
    // 予以公开 1 but 总计 2: the natural-person and total columns do not add up.
    const errors = page.getByTestId('annual-errors');
    await errors.waitFor();
    await expect(errors.innerText()).resolves.toContain(
      '表三「自然人」列：予以公开、部分公开、不予公开、无法提供、不予处理、其他处理之和为 1，与（七）总计 2 不符',
    );
    await expect(cell(page, 't3.resultTotal.natural').getAttribute('data-status')).resolves.toBe(
      'error',
    );
    await expect(cell(page, 't3.received.business').getAttribute('data-status')).resolves.toBe(
      'ok',
    );
    await expect(page.getByRole('button', { name: /提\s*交/ }).isDisabled()).resolves.toBe(true);
    await cell(page, 't3.resultTotal.natural').scrollIntoViewIfNeeded();
    await cell(page, 't3.resultTotal.natural').hover();
    await page.waitForTimeout(300);
    await screenshot(page, 'annual-report-1-broken');

    // 1 more 本机关不掌握相关政府信息: the columns balance.
    await type(page, 't3.unavailable1.natural', '1');
    await type(page, 't3.unavailable1.total', '1');
    await page.getByTestId('annual-balanced').waitFor();
    await expect(cell(page, 't3.resultTotal.natural').getAttribute('data-status')).resolves.toBe(
      'ok',
    );
    await page.getByLabel('总体情况').fill('本年度共收到政府信息公开申请2件，均已按期答复。');
    await page.getByRole('button', { name: /提\s*交/ }).click();
    await page.getByTestId('annual-status').getByText('已提交待审核').waitFor();
    await screenshot(page, 'annual-report-2-submitted');
    const { rows } = await owner.query<{ status: string; cells: Record<string, number> }>(
      'SELECT status, cells FROM annual_reports WHERE organization_id = $1 AND year = $2',
      [orgIdForCode(COUNTY), YEAR],
    );
    expect(rows[0]?.status).toBe('SUBMITTED');
    expect(rows[0]?.cells['t3.unavailable1.natural']).toBe(1);
    await page.context().close();
  });

  it('the reviewer approves and the city accepts', async () => {
    const reviewer = await openReport(`${COUNTY}-reviewer`);
    await reviewer.getByRole('button', { name: '审核通过' }).click();
    await reviewer.getByTestId('annual-status').getByText('已审核待上级确认').waitFor();
    await reviewer.context().close();

    const city = await openReport('3401-reviewer', `?org=${orgIdForCode(COUNTY)}&year=${YEAR}`);
    await city.getByText(`瑶海区审计局${YEAR}年政府信息公开工作年度报告`).waitFor();
    await city.getByRole('button', { name: /确\s*认/ }).click();
    await city.getByTestId('annual-status').getByText('上级已确认').waitFor();
    await city.getByText('流转记录').scrollIntoViewIfNeeded();
    await screenshot(city, 'annual-report-3-accepted');
    await city.context().close();
  });
});

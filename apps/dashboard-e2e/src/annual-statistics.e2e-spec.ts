import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import type { Browser } from 'playwright-core';
import { inspectDocx } from '@sunshine/api/official-docs';
import { signedIn } from '@sunshine/testing';
import { baseUrl, launchBrowser, newPage, screenshot, signIn } from './support';

/**
 * Issue 13, the province's side: 年报统计 shows 合肥's sum of 新收申请; the county 瑶海 submits a
 * report with two applications; the province sees the sum grow by two, drills down to 合肥, opens
 * 瑶海's report (print preview) and downloads it as .docx. The test clock is 2025-05-20: the
 * report year in progress is 2025.
 */
const YEAR = 2025;
const COUNTY = '340102';
let browser: Browser;
let owner: Client;

beforeAll(async () => {
  browser = await launchBrowser();
  owner = new Client({ connectionString: process.env.SUNSHINE_TEST_OWNER_URL });
  await owner.connect();
});
afterAll(async () => {
  await owner.end();
  await browser.close();
});

/**
 * No 2025 report for 瑶海 (another suite, e.g. the annual-report form's, may have left one): read
 * before the province's sums are, so that they grow by exactly what this test submits.
 */
async function removeCountyReport(): Promise<void> {
  const { rows } = await owner.query<{ id: string }>(
    'SELECT id FROM organizations WHERE code = $1',
    [COUNTY],
  );
  await owner.query('DELETE FROM annual_reports WHERE organization_id = $1 AND year = $2', [
    rows[0]!.id,
    YEAR,
  ]);
}

/** 瑶海's 2025 report: two applications by natural persons, disclosed; last year's carried over. */
async function submitCountyReport(): Promise<void> {
  const editor = await signedIn(baseUrl(), `${COUNTY}-editor`);
  const read = await editor.request<{
    annualReport: {
      version: number;
      carriedInPrefill: Array<{ key: string; value: number | null }>;
    };
  }>('query($y: Int!) { annualReport(year: $y) { version carriedInPrefill { key value } } }', {
    y: YEAR,
  });
  const values: Record<string, number> = {};
  for (const c of read.data!.annualReport.carriedInPrefill) values[c.key] = c.value ?? 0;
  for (const col of [
    'natural',
    'business',
    'research',
    'publicInterest',
    'legalService',
    'otherOrg',
    'total',
  ]) {
    const carried = values[`t3.carriedIn.${col}`] ?? 0;
    const received = col === 'natural' || col === 'total' ? 2 : 0;
    values[`t3.received.${col}`] = received;
    values[`t3.disclosed.${col}`] = carried + received;
    values[`t3.resultTotal.${col}`] = carried + received;
  }
  const saved = await editor.request<{ saveAnnualReport: { id: string; version: number } }>(
    'mutation($i: SaveAnnualReportInput!) { saveAnnualReport(input: $i) { id version } }',
    {
      i: {
        year: YEAR,
        version: read.data!.annualReport.version,
        sections: {
          overview: '本年度共收到政府信息公开申请2件，均予以公开。',
          problems: '政策解读形式较为单一。',
          other: '本年度未收取信息处理费。',
        },
        cells: Object.entries(values).map(([key, value]) => ({ key, value })),
      },
    },
  );
  expect(saved.errors).toBeUndefined();
  const s = saved.data!.saveAnnualReport;
  const submitted = await editor.request(
    'mutation($i: AnnualReportActionInput!) { submitAnnualReport(input: $i) { status } }',
    { i: { id: s.id, version: s.version } },
  );
  expect(submitted.errors).toBeUndefined();
}

describe('年报统计: the province sees a county’s report in the sums and downloads it', () => {
  it('sees 合肥’s sum of applications grow and downloads 瑶海’s report as .docx', async () => {
    await removeCountyReport();
    const page = await newPage(browser);
    page.setDefaultTimeout(60_000);
    await signIn(page, '34-admin');
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.goto(`${baseUrl()}/annual-reports/statistics?year=${YEAR}`);
    const hefei = page.getByTestId('figure-3401-新收申请');
    await hefei.waitFor();
    const before = Number(await hefei.innerText());
    await screenshot(page, 'annual-statistics-1-province');

    await submitCountyReport();
    await page.reload();
    await page.getByTestId('figure-3401-新收申请').waitFor();
    await page.waitForFunction(
      (want) =>
        document.querySelector('[data-testid="figure-3401-新收申请"]')?.textContent === want,
      String(before + 2),
    );

    await page.locator('a', { hasText: '合肥市审计局' }).first().click();
    await page.getByTestId(`figure-${COUNTY}-新收申请`).waitFor();
    expect(Number(await page.getByTestId(`figure-${COUNTY}-新收申请`).innerText())).toBe(2);
    await screenshot(page, 'annual-statistics-2-city');
    await page.locator('td a', { hasText: '瑶海区审计局' }).first().click();
    await page
      .getByRole('heading', { name: /瑶海区审计局2025年政府信息公开工作年度报告/ })
      .waitFor();
    await page.getByText('本年度共收到政府信息公开申请2件，均予以公开。').waitFor();
    await screenshot(page, 'annual-statistics-3-preview');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /下载 Word/ }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('瑶海区审计局2025年政府信息公开工作年度报告.docx');
    const doc = await inspectDocx(readFileSync((await download.path())!));
    expect(doc.text).toContain('本年度共收到政府信息公开申请2件，均予以公开。');
    expect(doc.tables).toHaveLength(3);
    const received = doc.tables[1]!.find((r) => r[0] === '一、本年新收政府信息公开申请数量')!;
    expect(received.slice(-7)).toEqual(['2', '0', '0', '0', '0', '0', '2']);
    await page.close();
  }, 120_000);
});

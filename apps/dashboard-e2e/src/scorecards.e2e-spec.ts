import type { Browser } from 'playwright-core';
import JSZip from 'jszip';
import { baseUrl, launchBrowser, newPage, screenshot, signIn } from './support';

/**
 * Issue 12: a leader opens 考评, sees the map and the ranking of the cities, drills into a city's
 * counties, opens a county's breakdown and follows an item to its source report; the province
 * downloads the 通报 and it holds the ranking the page shows.
 */
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

/** The text of each table's rows and cells, and of the whole document, from word/document.xml. */
async function readDocx(
  bytes: Buffer,
): Promise<{ text: string; tables: string[][][]; xml: string }> {
  const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
  const text = (part: string) =>
    [...part.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
  const tables = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((t) =>
    [...t[0].matchAll(/<w:tr[\s>][\s\S]*?<\/w:tr>/g)].map((r) =>
      [...r[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => text(c[0])),
    ),
  );
  return { text: text(xml), tables, xml };
}

// Scorecards are computed on demand from the demo's facts: allow for a slow machine.
const SLOW = { timeout: 60_000 };

describe('scorecards: map, ranking, drill-down to the source, bulletin', () => {
  it('a leader drills from the province map to a county’s breakdown and its source report', async () => {
    const page = await newPage(browser);
    page.setDefaultTimeout(SLOW.timeout);
    await signIn(page, '34-leader');
    await page.getByText('完成情况总览').waitFor();
    await page.goto(`${baseUrl()}/scorecards`);
    await page.getByText('各市考评结果').waitFor(SLOW);
    await page.getByTestId('score-map').locator('canvas').first().waitFor(SLOW);
    const table = page.getByTestId('ranking-table');
    await table.locator('tbody tr').nth(15).waitFor(SLOW);
    expect(await table.locator('tbody tr').count()).toBe(16);
    await page.getByTestId('grade-distribution').waitFor();
    await screenshot(page, 'scorecards-1-province');

    // A city opens its counties' ranking and the city's county map.
    await table.getByRole('button', { name: '合肥市审计局', exact: true }).click();
    await page.getByText('各县（市、区）考评结果').waitFor(SLOW);
    await page.getByTestId('score-map').locator('canvas').first().waitFor(SLOW);
    const counties = page.getByTestId('ranking-table');
    await counties.getByRole('button', { name: '瑶海区审计局', exact: true }).waitFor(SLOW);
    expect(page.url()).toContain('org=');
    await screenshot(page, 'scorecards-2-city');

    // A county opens its breakdown; an item links to the report it comes from.
    await counties.getByRole('button', { name: '瑶海区审计局', exact: true }).click();
    const breakdown = page.getByTestId('score-breakdown');
    await breakdown.waitFor(SLOW);
    await breakdown.getByText('合计').waitFor();
    await screenshot(page, 'scorecards-3-breakdown');
    const source = breakdown.getByRole('link', { name: '季度进展' }).first();
    const href = await source.getAttribute('href');
    expect(href).toMatch(/^\/reporting\/reports\/[0-9a-f-]{36}$/);
    await source.click();
    await page.waitForURL((url) => url.pathname === href, SLOW);
    // The report page itself, not the drawer left behind.
    await breakdown.waitFor({ state: 'detached', ...SLOW });
    await page.locator('.ant-card-head-title', { hasText: '流转记录' }).waitFor(SLOW);
    await page.getByText('瑶海区审计局').first().waitFor(SLOW);
    await screenshot(page, 'scorecards-4-source-report');
  }, 300_000);

  it('the province downloads the bulletin, whose ranking table is the page’s ranking', async () => {
    const page = await newPage(browser);
    page.setDefaultTimeout(SLOW.timeout);
    await signIn(page, '34-admin');
    await page.getByText('完成情况总览').waitFor();
    await page.goto(`${baseUrl()}/scorecards`);
    const table = page.getByTestId('ranking-table');
    await table.locator('tbody tr').nth(15).waitFor(SLOW);
    const names = await table.locator('tbody tr td:nth-child(2)').allInnerTexts();
    const [download] = await Promise.all([
      page.waitForEvent('download', SLOW),
      page.getByRole('button', { name: /通\s*报/ }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/考评情况通报\.docx$/);
    const path = await download.path();
    const { readFileSync } = await import('node:fs');
    const doc = await readDocx(readFileSync(path));
    expect(doc.text).toContain('考评情况的通报');
    expect(doc.text).toContain('各市审计局：');
    // A4 portrait in twips.
    expect(doc.xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    const ranking = doc.tables[0]!;
    expect(ranking[0]).toEqual(['名次', '单位', '得分', '等次', '较上年同期']);
    expect(ranking.slice(1).map((r) => r[1])).toEqual(names.map((n) => n.trim()));
  }, 300_000);
});

import type { Browser, Page } from 'playwright-core';
import { baseUrl, launchBrowser, newPage, screenshot, signIn } from './support';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

interface CityFigures {
  reported: number;
  assigned: number;
  accepted: number;
}

/** The 合肥市 row of the province overview (2025年第二季度, the default period). */
async function hefeiFigures(page: Page): Promise<CityFigures> {
  await page.getByText('2025年第二季度').first().waitFor();
  const row = page.locator('tbody tr', { hasText: '合肥市审计局' }).first();
  await row.waitFor();
  const reportedText = await row.locator('[data-col="reported"]').innerText();
  const [reported, assigned] = reportedText.split('/').map((n) => Number(n.replace(/[^\d]/g, '')));
  if (reported === undefined || assigned === undefined) {
    throw new Error(`unexpected reported cell: ${reportedText}`);
  }
  const accepted = Number(
    (await row.locator('[data-col="accepted"]').innerText()).replace(/[^\d]/g, ''),
  );
  return { reported, assigned, accepted };
}

async function provinceOverview(): Promise<{ page: Page; figures: CityFigures }> {
  const page = await newPage(browser);
  await signIn(page, '34-admin');
  await page.getByText('完成情况总览').waitFor();
  await page.getByText('市级单位完成情况').waitFor();
  return { page, figures: await hefeiFigures(page) };
}

/** A tiny but real PDF: the API checks the whole structure, cross-reference table included. */
function samplePdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets = objects.map((body, i) => {
    const at = pdf.length;
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return at;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  pdf += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

describe('quarterly reporting from the bureau to the province', () => {
  it('an editor reports, the reviewer approves, the city accepts, the province sees it', async () => {
    const before = await provinceOverview();
    await screenshot(before.page, 'overview-34-admin');
    await before.page.close();

    // 瑶海区 editor: a task without a 2025Q2 report, filled in, saved, with a PDF, submitted.
    const editor = await newPage(browser);
    await signIn(editor, '340102-editor');
    await editor.getByRole('tab', { name: /本季度待填报/ }).waitFor();
    const row = editor
      .locator('tbody tr')
      .filter({ has: editor.getByText('未填报', { exact: true }) })
      .first();
    await row.waitFor();
    await row.getByRole('button', { name: /填\s*报/ }).click();
    await editor.waitForURL(/\/reporting\/tasks\//);
    await editor.getByText('季度进展').first().waitFor();
    await editor.getByLabel('完成进度（百分比）').fill('50');
    const actual = editor.getByLabel('实际完成值');
    if (await actual.count()) await actual.fill('3');
    await editor
      .getByLabel('进展情况')
      .fill('本季度已完成栏目梳理并发布相关信息 3 条，其余工作按计划推进。');
    await editor.getByLabel('存在问题').fill('基层信息员力量不足。');
    await editor.getByLabel('下步计划').fill('下季度完成剩余内容并同步更新目录。');
    await editor
      .locator('.sunshine-action-bar')
      .getByRole('button', { name: /保存草稿/ })
      .click();
    await editor.waitForURL(/\/reporting\/reports\/[0-9a-f-]{36}/);
    await editor.getByText('草稿已保存', { exact: false }).first().waitFor();
    const reportUrl = editor.url();
    // The drop zone opens once the draft exists: exactly this text, not the new report's
    // "…（将同时保存草稿）" that the page shows until the saved report has loaded (a file given to
    // that one is lost when the page moves to the report's address).
    await editor.getByText('点击或拖拽文件到此处上传', { exact: true }).waitFor();

    await editor.locator('input[type=file]').setInputFiles({
      name: '佐证材料-栏目截图.pdf',
      mimeType: 'application/pdf',
      buffer: samplePdf(),
    });
    await editor.getByText('佐证材料-栏目截图.pdf').first().waitFor();
    await editor
      .getByText(/已上传/)
      .first()
      .waitFor();
    await editor.getByText('佐证材料-栏目截图.pdf').first().scrollIntoViewIfNeeded();
    await screenshot(editor, 'report-form-340102-editor');

    await editor
      .locator('.sunshine-action-bar')
      .getByRole('button', { name: /提交审核/ })
      .click();
    await editor
      .getByRole('dialog')
      .getByRole('button', { name: /提\s*交/ })
      .click();
    await editor.getByText('已提交，等待本单位审核人审核').waitFor();
    await editor.locator('.ant-tag', { hasText: '已提交' }).first().waitFor();
    await editor.close();

    // 瑶海区 reviewer approves.
    const reviewer = await newPage(browser);
    await signIn(reviewer, '340102-reviewer');
    await reviewer.getByRole('tab', { name: /待审核/ }).waitFor();
    await reviewer.goto(reportUrl);
    await reviewer.getByText('佐证材料-栏目截图.pdf').waitFor();
    await reviewer.getByRole('button', { name: /审核通过/ }).click();
    await reviewer
      .getByRole('dialog')
      .getByRole('button', { name: /确\s*定/ })
      .click();
    await reviewer.getByText(/已审核通过/).waitFor();
    await reviewer.locator('.ant-tag', { hasText: '已审核' }).first().waitFor();
    await reviewer.close();

    // 合肥市 administrator accepts (the city oversees its counties).
    const city = await newPage(browser);
    await signIn(city, '3401-admin');
    await city.getByText('完成情况总览').waitFor();
    await city.goto(reportUrl);
    await city.getByRole('button', { name: /验收通过/ }).click();
    await city
      .getByRole('dialog')
      .getByRole('button', { name: /确\s*定/ })
      .click();
    await city.getByText('已验收', { exact: true }).first().waitFor();
    await city.getByText('上级验收').waitFor();
    await city.getByRole('dialog').waitFor({ state: 'hidden' });
    await screenshot(city, 'report-accepted-3401-admin');
    await city.close();

    // The province overview counts the report as reported and accepted for 合肥市.
    const after = await provinceOverview();
    expect(after.figures.assigned).toBe(before.figures.assigned);
    expect(after.figures.reported).toBe(before.figures.reported + 1);
    expect(after.figures.accepted).toBe(before.figures.accepted + 1);
    await after.page.close();
    // Five sign-ins and four pages in turn: 32 s on a quiet machine, each step bound to 15 s.
  }, 150_000);

  it('shows the report, its evidence and history to the province in the drill-down', async () => {
    const page = await newPage(browser);
    await signIn(page, '34-admin');
    await page.getByText('市级单位完成情况').waitFor();
    await page.locator('tbody tr', { hasText: '合肥市审计局' }).getByRole('button').first().click();
    await page.getByText('县级单位完成情况').waitFor();
    await page.locator('tbody tr', { hasText: '瑶海区审计局' }).getByRole('button').first().click();
    await page.getByText('瑶海区审计局承担的任务').waitFor();
    expect(page.url()).toContain(`${baseUrl()}/?org=`);
    await page.locator('.ant-segmented-item', { hasText: '已验收' }).click();
    const accepted = page.locator('tbody tr', { has: page.getByText('已验收', { exact: true }) });
    await accepted
      .first()
      .getByRole('button', { name: /查\s*看/ })
      .click();
    const drawer = page.locator('.ant-drawer-body');
    await drawer.getByText('佐证材料-栏目截图.pdf').waitFor();
    await drawer.getByText('上级验收').waitFor();
    await page.waitForTimeout(500); // let the drawer finish sliding in
    await screenshot(page, 'overview-report-34-admin');
    await page.close();
  });
});

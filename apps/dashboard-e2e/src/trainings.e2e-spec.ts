import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import type { Browser } from 'playwright-core';
import { baseUrl, launchBrowser, newPage, screenshot, signIn } from './support';

/**
 * Issue 11: the province creates a training session, imports the sign-in sheet through the
 * preview (loosely written units, one misspelt and proposed by closest match), holds the session,
 * and the bureaus it names leave the list of bureaus with nobody trained this year.
 */
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

async function signInSheet(units: string[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('签到表');
  ws.addRow(['2025年政务公开专题培训班签到表']);
  ws.mergeCells('A1:G1');
  ws.addRow(['序号', '单位', '姓名', '职务', '联系电话', '签到', '备注']);
  units.forEach((unit, i) =>
    ws.addRow([i + 1, unit, `学员${i + 1}`, '科员', `1380000${String(1000 + i)}`, '√', '']),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('training: a session, its sign-in sheet and the coverage', () => {
  it('creates a session, imports the sheet via the preview and sees the coverage change', async () => {
    const page = await newPage(browser);
    await signIn(page, '34-admin');
    await page.getByText('完成情况总览').waitFor();
    await page.goto(`${baseUrl()}/trainings`);
    const untrained = page.getByTestId('untrained-bureaus');
    await untrained.waitFor();
    // A tag holds the bureau's name and, for those allowed, a 催办函 link below it.
    const before = (await untrained.locator('.ant-tag').allInnerTexts())
      .map((t) => (t.split('\n')[0] ?? '').trim())
      .filter((n) => n !== '瑶海区审计局');
    expect(before.length).toBeGreaterThanOrEqual(2);
    const [first, second] = before as [string, string];
    await screenshot(page, 'trainings-1-coverage');

    await page.getByRole('button', { name: '新建培训班' }).click();
    const create = page.getByRole('dialog', { name: '新建培训班' });
    await create.getByLabel('培训班名称').fill('2025年政务公开专题培训班（测试）');
    const range = create.locator('.ant-picker-range input');
    await range.first().click();
    await range.first().fill('2025-05-12');
    await range.first().press('Enter');
    await range.nth(1).fill('2025-05-12');
    await range.nth(1).press('Enter');
    await create.getByLabel('学时').fill('3');
    await page.waitForTimeout(300);
    await screenshot(page, 'trainings-2-create');
    await create.getByRole('button', { name: /创\s*建/ }).click();

    const drawer = page
      .locator('.ant-drawer')
      .filter({ hasText: '2025年政务公开专题培训班（测试）' });
    await drawer.getByRole('button', { name: '导入签到表' }).click();
    const dialog = page.getByRole('dialog', { name: '导入签到表' });
    // Loosely written units, and one misspelt (审汁) that must be proposed by closest match.
    const sheet = await signInSheet([first.replace(/审计局$/, '局'), second, '瑶海审汁局']);
    await dialog.locator('input[type=file]').setInputFiles({
      name: '签到表.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: sheet,
    });
    await dialog
      .getByText('未找到单位“瑶海审汁局”，是否为“瑶海区审计局”？', { exact: false })
      .waitFor();
    expect(await dialog.getByRole('button', { name: '确认导入' }).isDisabled()).toBe(true);
    await screenshot(page, 'trainings-3-preview-errors');
    await dialog.getByRole('button', { name: '按所选单位重新预览' }).click();
    await dialog.getByText('可导入 3 人', { exact: false }).waitFor();
    await dialog.getByText('138****1000').waitFor();
    await screenshot(page, 'trainings-4-preview');
    await dialog.getByRole('button', { name: '确认导入' }).click();
    await drawer.getByText('参训人员（3）').waitFor();

    const owner = new Client({ connectionString: process.env.SUNSHINE_TEST_OWNER_URL });
    await owner.connect();
    try {
      const { rows } = await owner.query<{ name: string }>(
        `SELECT o.name FROM training_attendances a JOIN training_sessions s ON s.id = a.session_id
         JOIN organizations o ON o.id = a.organization_id WHERE s.title = $1 ORDER BY a.trainee_name`,
        ['2025年政务公开专题培训班（测试）'],
      );
      expect(rows.map((r) => r.name)).toEqual([first, second, '瑶海区审计局']);
    } finally {
      await owner.end();
    }

    await drawer.getByRole('button', { name: '标记为已举办' }).click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await drawer.getByText('已举办').first().waitFor();
    await screenshot(page, 'trainings-5-session');
    await drawer.locator('.ant-drawer-close').click();

    // Coverage: the two bureaus have left the untrained list.
    await page.waitForFunction(
      ([a, b]) => {
        const el = document.querySelector('[data-testid="untrained-bureaus"]');
        const text = el ? (el.textContent ?? '') : '';
        return !text.includes(a!) && !text.includes(b!);
      },
      [first, second],
    );
    await screenshot(page, 'trainings-6-coverage-after');
  }, 180_000);

  it('a county admin downloads its bureau’s 学时证明 (.docx)', async () => {
    const page = await newPage(browser);
    await signIn(page, '340102-admin');
    await page.getByText('瑶海区管理员').first().waitFor({ timeout: 60_000 });
    await page.goto(`${baseUrl()}/trainings`);
    const button = page.getByRole('button', { name: '本单位学时证明' });
    await button.waitFor({ timeout: 60_000 });
    await screenshot(page, 'trainings-7-county');
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    expect(download.suggestedFilename()).toMatch(/^瑶海区审计局-\d{4}年培训学时证明\.docx$/);
    const path = await download.path();
    const zip = await JSZip.loadAsync(readFileSync(path));
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('培训学时证明');
    expect(text).toContain('兹证明瑶海区审计局');
    // Every person and held session of the bureau this year, as stored (the sheet imported in
    // the previous test included).
    const owner = new Client({ connectionString: process.env.SUNSHINE_TEST_OWNER_URL });
    await owner.connect();
    try {
      const { rows } = await owner.query<{ title: string; trainee_name: string }>(
        `SELECT s.title, a.trainee_name FROM training_attendances a
         JOIN training_sessions s ON s.id = a.session_id JOIN organizations o ON o.id = a.organization_id
         WHERE o.name = '瑶海区审计局' AND a.attended AND a.hours > 0 AND s.status <> 'PLANNED'
           AND s.year = (SELECT max(year) FROM training_sessions)`,
      );
      expect(rows.length).toBeGreaterThan(0);
      for (const r of rows) {
        expect(text).toContain(r.title);
        expect(text).toContain(r.trainee_name);
      }
    } finally {
      await owner.end();
    }
  }, 120_000);
});

import ExcelJS from 'exceljs';
import { Client } from 'pg';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, launchBrowser, newPage, screenshot, signIn } from './support';

/**
 * Issue 10 in the browser: a county editor sees the deadline in working days ("剩余 N 个工作日"),
 * attaches a screenshot and answers a third-party assessment problem with a measure and a link, the county's reviewer approves it, the assessor verifies it (销号), and the
 * province's 第三方测评 page shows one more closed problem and a higher rate. Works on a problem
 * of its own in 屯溪区 (341002), added to the demo's current round.
 */
let browser: Browser;
let owner: Client;
let issueId = '';
const MARK = '【E2E测评】';
/** A one-pixel PNG, a screenshot as far as the upload check is concerned. */
const PNG_1X1 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

beforeAll(async () => {
  browser = await launchBrowser();
  owner = new Client({ connectionString: process.env.SUNSHINE_TEST_OWNER_URL });
  await owner.connect();
  const { rows } = await owner.query<{ id: string }>(
    `INSERT INTO assessment_issues(round_id, organization_id, issue_type, description, location, deadline, points_deducted)
     SELECT r.id, o.id, 'NO_INTERPRETATION', $1, '政策法规-政策解读', DATE '2025-05-30', 1
     FROM assessment_rounds r, organizations o
     WHERE r.status = 'PUBLISHED' AND r.title LIKE '%全省审计机关政务公开第三方评估' AND o.code = '341002'
     RETURNING id`,
    [`${MARK}规范性文件发布后未同步发布解读材料`],
  );
  issueId = rows[0]!.id;
});

afterAll(async () => {
  await owner.query('DELETE FROM assessment_issues WHERE description LIKE $1', [`%${MARK}%`]);
  await owner.end();
  await browser.close();
});

async function as(username: string): Promise<Page> {
  const page = await newPage(browser);
  await signIn(page, username);
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  return page;
}

async function kpi(page: Page, key: string): Promise<string> {
  return (await page.locator(`[data-kpi="${key}"]`).innerText()).trim();
}

async function openIssue(page: Page): Promise<void> {
  await page.goto(`${baseUrl()}/assessments?issue=${issueId}`);
  await page.getByRole('dialog').getByText(`${MARK}规范性文件发布后未同步发布解读材料`).waitFor();
}

describe('第三方测评: the rectification loop in the browser', () => {
  it('editor rectifies, reviewer approves, assessor verifies, the province rate rises', async () => {
    const province = await as('34-admin');
    await province.goto(`${baseUrl()}/assessments`);
    await province.locator('[data-kpi="verified"]').waitFor();
    const verifiedBefore = Number(await kpi(province, 'verified'));
    const rateBefore = parseFloat(await kpi(province, 'rate'));
    await province.close();

    const editor = await as('341002-editor');
    await openIssue(editor);
    const drawer = editor.getByRole('dialog');
    // The deadline in working days on the Chinese calendar, and a screenshot attached.
    await drawer.getByText(/剩余 \d+ 个工作日/).waitFor();
    await drawer
      .locator('input[type=file]')
      .first()
      .setInputFiles({
        name: '整改截图.png',
        mimeType: 'image/png',
        buffer: Buffer.from(PNG_1X1, 'base64'),
      });
    await drawer.getByText('整改截图.png').waitFor();
    await drawer.getByLabel('整改措施').fill('已在“政策解读”栏目补充发布解读材料 2 篇');
    await drawer.getByLabel('整改链接').fill('https://example.invalid/zcjd/2025/5.html');
    await drawer.getByRole('button', { name: '提交审核' }).click();
    await drawer.getByText('待本单位审核').first().waitFor();
    await screenshot(editor, 'assessments-editor-submitted');
    await editor.close();

    const reviewer = await as('341002-reviewer');
    await openIssue(reviewer);
    await reviewer
      .getByRole('dialog')
      .getByRole('button', { name: /审核通过/ })
      .click();
    await reviewer.getByRole('dialog').getByText('待复核').first().waitFor();
    await reviewer.close();

    const assessor = await as('assessor');
    await openIssue(assessor);
    const d = assessor.getByRole('dialog');
    await d.getByText('https://example.invalid/zcjd/2025/5.html').first().waitFor();
    await d.getByRole('button', { name: /复核通过/ }).click();
    await d.getByText('已销号').first().waitFor();
    await screenshot(assessor, 'assessments-assessor-verified');
    await assessor.close();

    const after = await as('34-admin');
    await after.goto(`${baseUrl()}/assessments`);
    await after.locator('[data-kpi="verified"]').waitFor();
    expect(Number(await kpi(after, 'verified'))).toBe(verifiedBefore + 1);
    expect(parseFloat(await kpi(after, 'rate'))).toBeGreaterThan(rateBefore);
    await screenshot(after, 'assessments-province');
    await after.close();

    const { rows } = await owner.query<{ status: string }>(
      'SELECT status FROM assessment_issues WHERE id = $1',
      [issueId],
    );
    expect(rows[0]!.status).toBe('VERIFIED');
    const files = await owner.query<{ kind: string; file_name: string }>(
      'SELECT kind, file_name FROM assessment_files WHERE issue_id = $1',
      [issueId],
    );
    expect(files.rows).toEqual([{ kind: 'RECTIFICATION', file_name: '整改截图.png' }]);
  }, 240_000);
});

/** A list in the assessors' shape: one sheet, a unit column, a name two bureaus share, a cell of two problems. */
async function assessorList(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('问题清单');
  ws.addRow(['2025年度政务公开第三方评估问题清单（E2E）']);
  ws.mergeCells('A1:E1');
  ws.addRow(['序号', '被评估单位', '一级指标', '存在问题', '扣分']);
  ws.addRow([1, '瑶海区审计局', '政策解读', `${MARK}导入：规范性文件未同步发布解读材料`, 1]);
  ws.addRow([
    2,
    '黄山审计局',
    '平台建设',
    `1.${MARK}导入：“通知公告”栏目更新不及时；2.${MARK}导入：站内搜索功能不可用`,
    0.5,
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('第三方测评: the assessor imports an issue list through the dialog', () => {
  it('previews, picks the city of an ambiguous name, confirms the split cell and imports', async () => {
    const page = await as('assessor');
    await page.goto(`${baseUrl()}/assessments`);
    await page.getByRole('button', { name: '导入问题清单' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('input[type=file]').setInputFiles({
      name: '问题清单.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await assessorList(),
    });
    // The ambiguous name is asked about; 确认导入 waits for the answer.
    await dialog.getByText('文件中的写法').waitFor();
    await screenshot(page, 'assessments-import-ambiguous');
    expect(await dialog.getByRole('button', { name: '确认导入' }).isDisabled()).toBe(true);
    await dialog.getByLabel('“黄山审计局”对应的单位').click();
    await page.getByTitle('黄山区审计局（黄山市审计局）').click();
    await dialog.getByRole('button', { name: '应用选择并重新预览' }).click();
    await dialog.getByText('将导入 2 个单位的 3 个问题').waitFor();
    await dialog.getByRole('tab', { name: /拆分确认/ }).click();
    await dialog.getByText('站内搜索功能不可用', { exact: false }).first().waitFor();
    await screenshot(page, 'assessments-import-preview');
    await dialog.getByRole('button', { name: '确认导入' }).click();
    await dialog.getByText('问题清单已导入').waitFor();
    await screenshot(page, 'assessments-import-done');
    await page.close();

    const { rows } = await owner.query<{ code: string; n: number }>(
      `SELECT o.code, count(*)::int AS n FROM assessment_issues i JOIN organizations o ON o.id = i.organization_id
       WHERE i.description LIKE $1 GROUP BY o.code ORDER BY o.code`,
      [`%${MARK}导入：%`],
    );
    expect(rows).toEqual([
      { code: '340102', n: 1 },
      { code: '341003', n: 2 },
    ]);
  });
});

import { Client } from 'pg';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, launchBrowser, newPage, screenshot, signIn } from './support';

/**
 * Issue 8 in the browser: the overseer's 待验收 (a county chosen in the unit filter, the
 * province's direct subordinates by default, batch 验收) and evidence attached to a report
 * that was never saved. Works in 安庆 (3408), which the other e2e specs leave alone.
 */
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

/** A tiny but real PDF (the API checks the structure). */
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

async function tabCount(page: Page): Promise<number> {
  const tab = page.getByRole('tab', { name: /待验收\s*\d/ });
  await tab.waitFor();
  return Number((await tab.innerText()).replace(/[^\d]/g, ''));
}

/** Polls `read` until it answers `expected` (or 5 s pass), then answers what it read last. */
async function settle<T>(page: Page, read: () => Promise<T>, expected: T): Promise<T> {
  let value = await read();
  for (let i = 0; i < 50 && JSON.stringify(value) !== JSON.stringify(expected); i++) {
    await page.waitForTimeout(100);
    value = await read();
  }
  return value;
}

describe('the overseer’s 待验收', () => {
  it('lists a chosen county, and accepts several reports in one batch', async () => {
    const page = await newPage(browser);
    await signIn(page, '3408-admin');
    await page.getByText('完成情况总览').waitFor();
    await page.goto(`${baseUrl()}/reporting?tab=toAccept`);
    const before = await tabCount(page);
    expect(before).toBeGreaterThan(1);

    // The unit filter: a county of the city keeps its reports (it showed none before).
    await page.getByLabel('按填报单位筛选').click();
    await page.locator('.ant-select-tree-title', { hasText: '迎江区审计局' }).click();
    const rows = page.locator('tbody tr.ant-table-row');
    const units = async () => [...new Set(await rows.locator('td:nth-child(2)').allInnerTexts())];
    for (let i = 0; i < 50 && (await units()).join() !== '迎江区审计局'; i++)
      await page.waitForTimeout(100);
    expect(await units()).toEqual(['迎江区审计局']);

    // Two rows selected, accepted in one go.
    await rows.nth(0).locator('input[type=checkbox]').check();
    await rows.nth(1).locator('input[type=checkbox]').check();
    await page.getByText('已选 2 项').waitFor();
    await screenshot(page, 'worklist-batch-3408-admin');
    await page.getByRole('button', { name: /批量验收/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('批量验收 2 项进展').waitFor();
    await page.waitForTimeout(500); // let the dialog finish opening
    await screenshot(page, 'worklist-batch-dialog-3408-admin');
    await dialog.getByRole('button', { name: /验\s*收/ }).click();
    await page.getByText('已验收 2 项进展').waitFor();
    for (let i = 0; i < 50 && (await tabCount(page)) !== before - 2; i++)
      await page.waitForTimeout(100);
    expect(await tabCount(page)).toBe(before - 2);
    await page.close();
  });

  it('shows the province its cities’ reports, the counties’ only as a read-only filter', async () => {
    const page = await newPage(browser);
    await signIn(page, '34-admin');
    await page.getByText('完成情况总览').waitFor();
    await page.goto(`${baseUrl()}/reporting?tab=toAccept`);
    const count = await tabCount(page);
    expect(count).toBeLessThan(999);
    const units = page.locator('tbody tr.ant-table-row td:nth-child(2)');
    await units.first().waitFor();
    for (const name of await units.allInnerTexts()) expect(name).toMatch(/市审计局$/);
    await screenshot(page, 'worklist-to-accept-34-admin');

    await page.locator('.ant-segmented-item', { hasText: '更下级（只读）' }).click();
    await page.getByText('更下级单位的进展由其直接上级单位验收，本单位只能查看。').waitFor();
    const deeper = page.locator('tbody tr.ant-table-row');
    await deeper.first().waitFor();
    expect(await deeper.locator('input[type=checkbox]').count()).toBe(0);
    await expect(deeper.first().getByRole('button').innerText()).resolves.toMatch(/查\s*看/);
    await screenshot(page, 'worklist-deeper-34-admin');
    await page.close();
  });
});

describe('evidence on a new report', () => {
  it('attaches a file before the first save: the draft is created with it', async () => {
    const page = await newPage(browser);
    await signIn(page, '340811-editor');
    await page.getByRole('tab', { name: /本季度待填报/ }).waitFor();
    const row = page
      .locator('tbody tr')
      .filter({ has: page.getByText('未填报', { exact: true }) })
      .first();
    await row.waitFor();
    await row.getByRole('button', { name: /填\s*报/ }).click();
    await page.waitForURL(/\/reporting\/tasks\//);
    await page.getByText('点击或拖拽文件到此处上传（将同时保存草稿）').waitFor();
    await page.getByText('保存草稿后开始记录').waitFor();
    await screenshot(page, 'report-new-340811-editor');
    await page.getByLabel('进展情况').fill('已梳理栏目，先上传发布截图。');
    await page.locator('input[type=file]').setInputFiles({
      name: '首次保存前的截图.pdf',
      mimeType: 'application/pdf',
      buffer: samplePdf(),
    });
    await page.waitForURL(/\/reporting\/reports\/[0-9a-f-]{36}/);
    await page.getByText('首次保存前的截图.pdf').first().waitFor();
    await page.locator('.ant-tag', { hasText: '草稿' }).first().waitFor();
    await expect(page.getByLabel('进展情况').inputValue()).resolves.toBe(
      '已梳理栏目，先上传发布截图。',
    );
    await screenshot(page, 'report-attached-340811-editor');
    await page.close();
  });
});

describe('沿用上季度', () => {
  it('starts this quarter’s draft from last quarter’s report', async () => {
    const owner = new Client({ connectionString: process.env.SUNSHINE_TEST_OWNER_URL });
    await owner.connect();
    const { rows } = await owner.query<{ task_id: string; narrative: string }>(
      `SELECT a.task_id, q1.narrative FROM assignments a
       JOIN organizations o ON o.id = a.organization_id AND o.code = '340822'
       JOIN progress_reports q1 ON q1.assignment_id = a.id AND q1.year = 2025 AND q1.quarter = 1
       WHERE a.year = 2025 AND a.active AND q1.narrative <> ''
         AND NOT EXISTS (SELECT 1 FROM progress_reports r WHERE r.assignment_id = a.id AND r.year = 2025 AND r.quarter = 2)
       ORDER BY a.id LIMIT 1`,
    );
    await owner.end();
    const task = rows[0];
    if (!task) throw new Error('no task with a first-quarter report and none in the second');
    const page = await newPage(browser);
    await signIn(page, '340822-editor');
    await page.getByRole('tab', { name: /本季度待填报/ }).waitFor();
    await page.goto(`${baseUrl()}/reporting/tasks/${task.task_id}?year=2025&quarter=2`);
    await page.getByRole('button', { name: /沿用上季度/ }).click();
    await page.waitForURL(/\/reporting\/reports\/[0-9a-f-]{36}/);
    await page.getByText('已沿用上季度进展，请核对后提交').waitFor();
    const narrative = page.getByLabel('进展情况');
    expect(await settle(page, () => narrative.inputValue(), task.narrative)).toBe(task.narrative);
    await page.getByText('沿用2025年第一季度进展').waitFor();
    await screenshot(page, 'report-copied-340822-editor');
    await page.close();
  });
});

describe('the history of a saved draft', () => {
  it('does not ask to save a draft that is saved already', async () => {
    const owner = new Client({ connectionString: process.env.SUNSHINE_TEST_OWNER_URL });
    await owner.connect();
    const { rows } = await owner.query<{ id: string }>(
      `SELECT r.id FROM progress_reports r JOIN organizations o ON o.id = r.organization_id
       WHERE o.code = '340827' AND r.status = 'DRAFT' AND r.returned_stage IS NULL
         AND NOT EXISTS (SELECT 1 FROM report_events e WHERE e.report_id = r.id)
       ORDER BY r.id LIMIT 1`,
    );
    await owner.end();
    const draft = rows[0];
    if (!draft) throw new Error('no saved draft without history');
    const page = await newPage(browser);
    await signIn(page, '340827-editor');
    await page.getByRole('tab', { name: /本季度待填报/ }).waitFor();
    await page.goto(`${baseUrl()}/reporting/reports/${draft.id}`);
    await page.getByText('提交、审核、验收和退回会记录在这里').waitFor();
    expect(await page.getByText('保存草稿后开始记录').count()).toBe(0);
    await page.close();
  });
});

describe('已完成-持续 in the worklist', () => {
  it('marks a task completed earlier and starts its draft from last quarter in one click', async () => {
    const owner = new Client({ connectionString: process.env.SUNSHINE_TEST_OWNER_URL });
    await owner.connect();
    const { rows } = await owner.query<{ code: string; narrative: string; number: string }>(
      `SELECT o.code, q1.narrative, t.number FROM assignments a
       JOIN organizations o ON o.id = a.organization_id AND o.code LIKE '3408__'
       JOIN plan_tasks t ON t.id = a.task_id
       JOIN assignment_completion ac ON ac.assignment_id = a.id AND ac.completed_key = 20251
       JOIN progress_reports q1 ON q1.assignment_id = a.id AND q1.year = 2025 AND q1.quarter = 1
       WHERE a.year = 2025 AND a.active AND o.code NOT IN ('340811', '340822', '340827')
         AND NOT EXISTS (SELECT 1 FROM progress_reports r WHERE r.assignment_id = a.id AND r.year = 2025 AND r.quarter = 2)
       ORDER BY o.code, t.sort_order LIMIT 1`,
    );
    await owner.end();
    const task = rows[0];
    if (!task) throw new Error('no task completed in the first quarter and open in the second');
    const page = await newPage(browser);
    await signIn(page, `${task.code}-editor`);
    await page.getByRole('tab', { name: /本季度待填报/ }).waitFor();
    const row = page
      .locator('tbody tr')
      .filter({ has: page.getByText('已完成-持续', { exact: true }) })
      .filter({ hasText: task.number })
      .first();
    await row.waitFor();
    await screenshot(page, 'worklist-continuing-editor');
    await row.getByRole('button', { name: /沿用上季度/ }).click();
    await page.waitForURL(/\/reporting\/reports\/[0-9a-f-]{36}/);
    const narrative = page.getByLabel('进展情况');
    expect(await settle(page, () => narrative.inputValue(), task.narrative)).toBe(task.narrative);
    await page.close();
  });
});

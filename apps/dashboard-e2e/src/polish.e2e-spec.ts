import { Client } from 'pg';
import type { Browser, Locator, Page } from 'playwright-core';
import { baseUrl, DEMO_PASSWORD, launchBrowser, newPage, screenshot, signIn } from './support';

/**
 * What a newcomer stumbled on (issue 8, part 2): the audit log in Chinese, the open quarter of the
 * overview, unsaved report input, and layout at 1366×768 (dialogs, the unit table, drill-down
 * scrolling, sticky table headers).
 */

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

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

async function box(locator: Locator): Promise<Box> {
  const b = await locator.boundingBox();
  if (!b) throw new Error('element has no box (hidden?)');
  return b;
}

/** A signed-in GraphQL client of the running app (the dashboard's own endpoint). */
async function apiAs(
  username: string,
): Promise<<T>(query: string, variables?: Record<string, unknown>) => Promise<T>> {
  const post = async (body: unknown, token?: string) => {
    const res = await fetch(`${baseUrl()}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as { data?: unknown; errors?: unknown };
    if (json.errors || !json.data) throw new Error(JSON.stringify(json.errors));
    return json.data;
  };
  const login = (await post({
    query: 'mutation($i: LoginInput!) { login(input: $i) { accessToken } }',
    variables: { i: { username, password: DEMO_PASSWORD } },
  })) as { login: { accessToken: string } };
  return async <T>(query: string, variables?: Record<string, unknown>) =>
    (await post({ query, variables }, login.login.accessToken)) as T;
}

/** Waits until `read()` answers `expected` (as JSON), or fails with the last answer. */
async function until<T>(read: () => T | Promise<T>, expected: T, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await read();
  while (JSON.stringify(last) !== JSON.stringify(expected) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    last = await read();
  }
  expect(last).toEqual(expected);
}

const overlaps = (a: Box, b: Box): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** A report of a bureau in the given state (the demo data has some in each). */
async function reportIn(status: string, code: string): Promise<string> {
  const r = await owner.query<{ id: string }>(
    `SELECT r.id FROM progress_reports r JOIN organizations o ON o.id = r.organization_id
     WHERE r.status = $1 AND o.code = $2 ORDER BY r.year DESC, r.quarter DESC, r.id LIMIT 1`,
    [status, code],
  );
  const id = r.rows[0]?.id;
  if (!id) throw new Error(`no ${status} report of ${code}`);
  return id;
}

async function orgId(code: string): Promise<string> {
  const r = await owner.query<{ id: string }>('SELECT id FROM organizations WHERE code = $1', [
    code,
  ]);
  const id = r.rows[0]?.id;
  if (!id) throw new Error(`no organisation ${code}`);
  return id;
}

/** The character counter of the dialog's text area stays clear of the dialog's buttons. */
async function expectCounterClearOfButtons(page: Page): Promise<void> {
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await page.waitForTimeout(400); // the zoom-in animation
  const counter = await box(dialog.locator('.ant-input-data-count'));
  const buttons = dialog.locator('.ant-modal-footer button');
  expect(await buttons.count()).toBeGreaterThan(0);
  for (let i = 0; i < (await buttons.count()); i++) {
    expect(overlaps(counter, await box(buttons.nth(i)))).toBe(false);
  }
  // And it stays inside the dialog's body, above the footer.
  const footer = await box(dialog.locator('.ant-modal-footer'));
  expect(counter.y + counter.height).toBeLessThanOrEqual(footer.y + 1);
}

describe('audit log in Chinese (stumble 5)', () => {
  it('names actions and objects in Chinese, and follows an object within the log', async () => {
    // Something to audit: a county bureau saves and submits a report through the API.
    const editor = await apiAs('340202-editor');
    const list = await editor<{
      assignments: { items: Array<{ id: string; report: { id: string } | null }> };
    }>('query($f: AssignmentsFilter!) { assignments(filter: $f) { items { id report { id } } } }', {
      f: { organizationId: await orgId('340202'), year: 2025, quarter: 2, limit: 200 },
    });
    const assignmentId = list.assignments.items.find((a) => a.report === null)!.id;
    const saved = await editor<{
      saveProgressReport: { id: string; version: number; task: { number: string; title: string } };
    }>(
      'mutation($i: SaveProgressReportInput!) { saveProgressReport(input: $i) { id version task { number title } } }',
      {
        i: {
          assignmentId,
          year: 2025,
          quarter: 2,
          completionState: 'IN_PROGRESS',
          percent: 30,
          narrative: '审计日志端到端测试',
        },
      },
    );
    const report = saved.saveProgressReport;
    await editor('mutation($i: ReportActionInput!) { submitProgressReport(input: $i) { id } }', {
      i: { id: report.id, version: report.version },
    });

    const page = await newPage(browser);
    await signIn(page, '34-auditor');
    await page.getByText('退出登录').waitFor();
    await page.goto(`${baseUrl()}/admin/audit`);
    await page.getByText('提交进展').first().waitFor();
    const body = page.locator('.ant-table-tbody');
    const text = await body.innerText();
    // No raw codes, no English object types, no bare uuids.
    expect(text).not.toMatch(/REPORT_|EVIDENCE_|PLAN_|SEED_|ProgressReport|EvidenceFile/);
    expect(text).not.toMatch(/#?[0-9a-f]{8}-[0-9a-f]{4}-/);
    const taskName = `${report.task.number} ${report.task.title}`;
    const row = body.locator('tr', { hasText: '提交进展' }).filter({ hasText: taskName }).first();
    await row.waitFor();
    await expect(row.innerText()).resolves.toContain('季度进展');
    await expect(row.innerText()).resolves.toContain('2025年第二季度');

    // The filter offers actions in Chinese.
    await page.getByLabel('按操作筛选').click();
    await page.keyboard.type('佐证');
    await page.locator('.ant-select-item-option', { hasText: '上传佐证材料' }).first().waitFor();
    await page.keyboard.press('Escape');

    // Following the object shows its events only.
    await row.getByRole('link', { name: taskName }).click();
    await page.locator('.ant-tag', { hasText: `对象：季度进展 ${taskName}` }).waitFor();
    await until(async () => (await body.locator('tr.ant-table-row').allInnerTexts()).length, 2);
    const actions = (await body.locator('tr.ant-table-row').allInnerTexts()).join('\n');
    expect(actions).toContain('新建季度进展');
    expect(actions).toContain('提交进展');
    await screenshot(page, 'audit-log-object-34-auditor');
    await page.close();
  });
});

describe('the open quarter in the overview (stumble 6)', () => {
  it('marks the still-open quarter as 进行中 and says when the data is from', async () => {
    const page = await newPage(browser);
    await signIn(page, '34-leader');
    await page.getByText('完成情况总览').first().waitFor();
    await page.getByTestId('overview-as-of').waitFor();
    // The test clock: 2025-05-20; 2025Q2's window runs until 2025-07-10.
    await expect(page.getByTestId('overview-as-of').innerText()).resolves.toBe(
      '数据截至 2025年5月20日',
    );
    await page.locator('.ant-tag', { hasText: '进行中' }).first().waitFor();
    await page.getByText('虚线：报送期未结束，数据仍在变化').waitFor();
    await screenshot(page, 'overview-open-quarter-34-leader');
    await page.close();
  });
});

describe('unsaved report input (stumble 8)', () => {
  it('asks before a route change or a tab close loses what was typed', async () => {
    const page = await newPage(browser);
    await signIn(page, '340209-editor');
    await page.getByRole('tab', { name: /本季度待填报/ }).waitFor();
    const row = page
      .locator('tbody tr')
      .filter({ has: page.getByText('未填报', { exact: true }) })
      .first();
    await row.getByRole('button', { name: /填\s*报/ }).click();
    await page.waitForURL(/\/reporting\/tasks\//);
    const formUrl = page.url();
    await page.getByLabel('进展情况').fill('还没有保存的进展情况');

    // A route change inside the app asks first; staying keeps the text.
    await page.locator('.sunshine-sider').getByText('进展填报').first().click();
    const confirm = page.locator('.ant-modal-confirm', { hasText: '离开此页？' });
    await confirm.waitFor();
    await page.waitForTimeout(400); // the zoom-in animation
    await screenshot(page, 'report-leave-guard-340209-editor');
    await confirm.getByRole('button', { name: '留在此页' }).click();
    await confirm.waitFor({ state: 'hidden' });
    expect(page.url()).toBe(formUrl);
    await expect(page.getByLabel('进展情况').inputValue()).resolves.toBe('还没有保存的进展情况');

    // 返回 (history back) asks too.
    await page
      .getByRole('button', { name: /返\s*回/ })
      .first()
      .click();
    await confirm.waitFor();
    await confirm.getByRole('button', { name: '留在此页' }).click();
    await confirm.waitFor({ state: 'hidden' });
    expect(page.url()).toBe(formUrl);

    // Closing the tab gets the browser's own prompt.
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.type());
      void d.dismiss();
    });
    await page.close({ runBeforeUnload: true });
    await until(() => dialogs, ['beforeunload']);
  });

  it('lets the user leave without a question once nothing is unsaved', async () => {
    const page = await newPage(browser);
    await signIn(page, '340209-editor');
    await page.getByRole('tab', { name: /本季度待填报/ }).waitFor();
    const row = page
      .locator('tbody tr')
      .filter({ has: page.getByText('未填报', { exact: true }) })
      .first();
    await row.getByRole('button', { name: /填\s*报/ }).click();
    await page.waitForURL(/\/reporting\/tasks\//);
    await page.getByLabel('进展情况').waitFor();
    await page.locator('.sunshine-sider').getByText('进展填报').first().click();
    await page.waitForURL((u) => !u.pathname.startsWith('/reporting/tasks/'));
    expect(await page.locator('.ant-modal-confirm').count()).toBe(0);
    await page.close();
  });
});

describe('layout at 1366×768 (stumble 11)', () => {
  it('keeps the character counter clear of the buttons in the 退回, 验收, 审核 and 催办 dialogs', async () => {
    const city = await newPage(browser);
    await signIn(city, '3401-admin');
    await city.getByText('完成情况总览').first().waitFor();
    await city.goto(`${baseUrl()}/reporting/reports/${await reportIn('APPROVED', '340103')}`);
    await city
      .locator('.sunshine-action-bar')
      .getByRole('button', { name: /退\s*回/ })
      .click();
    await expectCounterClearOfButtons(city);
    await screenshot(city, 'dialog-return-3401-admin');
    await city
      .getByRole('dialog')
      .getByRole('button', { name: /取\s*消/ })
      .click();
    await city.getByRole('dialog').waitFor({ state: 'hidden' });
    await city
      .locator('.sunshine-action-bar')
      .getByRole('button', { name: /验收通过/ })
      .click();
    await expectCounterClearOfButtons(city);
    await city.close();

    const reviewer = await newPage(browser);
    await signIn(reviewer, '340103-reviewer');
    await reviewer.getByRole('tab', { name: /待审核/ }).waitFor();
    await reviewer.goto(`${baseUrl()}/reporting/reports/${await reportIn('SUBMITTED', '340103')}`);
    await reviewer.getByRole('button', { name: /审核通过/ }).click();
    await expectCounterClearOfButtons(reviewer);
    await reviewer.close();

    const province = await newPage(browser);
    await signIn(province, '34-admin');
    await province.getByRole('button', { name: /一键催办/ }).click();
    await expectCounterClearOfButtons(province);
    await screenshot(province, 'dialog-remind-34-admin');
    await province.close();
  });

  it('fits the unit table into 1366 px: long names clear of the rate bars, 待验收 not clipped', async () => {
    const page = await newPage(browser);
    await signIn(page, '34-admin');
    await page.getByText('市级单位完成情况').waitFor();
    await page.goto(`${baseUrl()}/?org=${await orgId('3401')}`);
    await page.getByText('县级单位完成情况').waitFor();
    const table = page.locator('.ant-card', { hasText: '县级单位完成情况' });
    const rows = table.locator('tbody tr.ant-table-row');
    await rows.first().waitFor();
    const longest = rows.filter({ hasText: '合肥新站高新技术产业开发区审计局' });
    await longest.scrollIntoViewIfNeeded();
    for (let i = 0; i < (await rows.count()); i++) {
      const row = rows.nth(i);
      const name = await box(row.locator('[data-col="name"] button').first());
      const bar = await box(row.locator('.ant-progress').first());
      expect(name.x + name.width).toBeLessThanOrEqual(bar.x);
    }
    const wrapper = await box(table.locator('.ant-table-content, .ant-table-body').first());
    const awaiting = await box(table.locator('thead th', { hasText: '待验收' }).first());
    expect(awaiting.x + awaiting.width).toBeLessThanOrEqual(wrapper.x + wrapper.width + 1);
    // Nothing scrolls sideways at this width.
    const sideways = await table
      .locator('.ant-table-content, .ant-table-body')
      .first()
      .evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(sideways).toBeLessThanOrEqual(0);
    await screenshot(page, 'overview-units-hefei-34-admin');
    await page.close();
  });

  it('starts a drilled-down unit at the top of the page', async () => {
    const page = await newPage(browser);
    await signIn(page, '34-admin');
    const row = page.locator('tbody tr', { hasText: '宣城市审计局' }).first();
    await row.waitFor();
    await row.scrollIntoViewIfNeeded();
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(300);
    await row.getByRole('button').first().click();
    await page.getByText('县级单位完成情况').waitFor();
    await page.locator('.ant-breadcrumb', { hasText: '宣城市审计局' }).waitFor();
    await until(() => page.evaluate(() => window.scrollY), 0);
    await page.close();
  });

  it('keeps the top bar (bell, user, 退出登录) above a sticky table header while scrolling', async () => {
    const page = await newPage(browser);
    await signIn(page, '34-admin');
    const table = page.locator('.ant-card', { hasText: '市级单位完成情况' });
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    // Scroll until the table's header sticks.
    await table.locator('tbody tr.ant-table-row').nth(10).scrollIntoViewIfNeeded();
    await page.mouse.wheel(0, 300);
    await page.waitForTimeout(300);
    const header = await box(page.locator('.sunshine-header'));
    const sticky = await box(table.locator('.ant-table-sticky-holder, thead').first());
    expect(sticky.y).toBeGreaterThanOrEqual(header.y + header.height - 1);
    // What is drawn at the centre of 退出登录 is the button itself.
    const logout = page.getByRole('button', { name: /退出登录/ });
    const b = await box(logout);
    const hit = await page.evaluate(
      ([x, y]) => document.elementFromPoint(x ?? 0, y ?? 0)?.closest('button')?.textContent ?? '',
      [b.x + b.width / 2, b.y + b.height / 2],
    );
    expect(hit).toContain('退出登录');
    // And nothing of the table (its fixed first column included) is drawn over any part of the bar.
    const covered = await page.evaluate(
      ([top, height]) => {
        const points: string[] = [];
        for (let x = 220; x < window.innerWidth; x += 40) {
          const el = document.elementFromPoint(x, (top ?? 0) + (height ?? 0) / 2);
          if (!el?.closest('.sunshine-header')) points.push(`${x}: ${el?.className ?? ''}`);
        }
        return points;
      },
      [header.y, header.height],
    );
    expect(covered).toEqual([]);
    await screenshot(page, 'overview-sticky-header-34-admin');
    await page.close();
  });
});

describe('单位架构 (stumble 12)', () => {
  it('lists direct subordinates in division-code order, without rank badges, and opens one in the tree', async () => {
    const page = await newPage(browser);
    await signIn(page, '34-admin');
    await page.getByText('完成情况总览').first().waitFor();
    await page.goto(`${baseUrl()}/admin/organizations`);
    const list = page.getByTestId('subordinate-list');
    await list.waitFor();
    const codes = (await list.locator('li').allInnerTexts()).map((t) => t.trim().slice(0, 4));
    expect(codes.length).toBe(16);
    expect(codes).toEqual([...codes].sort());
    expect(codes[0]).toBe('3401');
    // A county of 黄山 is hidden until 黄山 is opened from the list.
    expect(await page.getByText('屯溪区审计局').count()).toBe(0);
    await list.getByRole('button', { name: '黄山市审计局' }).click();
    await page.getByText('屯溪区审计局').first().waitFor();
    await page.close();
  });
});

import { Client } from 'pg';
import type { Browser } from 'playwright-core';
import { baseUrl, launchBrowser, newPage, screenshot, signIn } from './support';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

describe('sign-in and the organisation tree', () => {
  it('34-admin signs in and sees the province with its 16 cities', async () => {
    const page = await newPage(browser);
    await signIn(page, '34-admin');
    // The province lands on the completion overview; the organisation tree is 系统管理 → 单位架构.
    await page.getByText('完成情况总览').waitFor();
    await page.goto(`${baseUrl()}/admin/organizations`);
    await page.getByText('单位架构').first().waitFor();
    await page.getByText('安徽省审计厅').first().waitFor();
    for (const city of ['合肥市审计局', '芜湖市审计局', '宣城市审计局', '亳州市审计局']) {
      await page.getByText(city).first().waitFor();
    }
    await page.getByText('可见单位共 136 个').waitFor();
    await screenshot(page, 'home-34-admin');
    await page.close();
  });

  it('340102-editor sees only 瑶海区审计局', async () => {
    const page = await newPage(browser);
    await signIn(page, '340102-editor');
    // A county lands on its reporting worklist.
    await page.getByText('本季度待填报').waitFor();
    await page.getByText('瑶海区审计局').first().waitFor();
    const body = await page.locator('body').innerText();
    expect(body).not.toMatch(/庐阳区审计局|合肥市审计局|安徽省审计厅/);
    await screenshot(page, 'home-340102-editor');
    await page.close();
  });

  it('shows a Chinese error for a wrong password', async () => {
    const page = await newPage(browser);
    await signIn(page, '3402-editor', 'Wrong#Pass99');
    await page.getByText(/用户名或密码错误/).waitFor();
    expect(page.url()).toMatch(/\/login/);
    await screenshot(page, 'login-wrong-password');
    await page.close();
  });

  it('locks the account after five wrong passwords', async () => {
    const owner = new Client({ connectionString: process.env.SUNSHINE_TEST_OWNER_URL });
    await owner.connect();
    // A dedicated copy of a demo account, so other tests keep theirs.
    await owner.query(
      `INSERT INTO users(organization_id, username, display_name, password_hash, roles)
       SELECT organization_id, 'e2e-lockout', '锁定测试', password_hash, roles FROM users WHERE username = '3403-editor'`,
    );
    const page = await newPage(browser);
    for (let i = 0; i < 5; i++) {
      await signIn(page, 'e2e-lockout', `Wrong#Pass${i}`);
      await page.getByText(i < 4 ? /用户名或密码错误/ : /账户已锁定/).waitFor();
    }
    await signIn(page, 'e2e-lockout');
    await page.getByText(/账户已锁定/).waitFor();
    await screenshot(page, 'login-locked');
    const { rows } = await owner.query(
      `SELECT locked_until > now() AS locked FROM users WHERE username = 'e2e-lockout'`,
    );
    expect(rows[0].locked).toBe(true);
    await owner.end();
    await page.close();
  });

  it('signs out and returns to the login page', async () => {
    const page = await newPage(browser);
    await signIn(page, '3401-admin');
    await page.getByText('合肥市审计局').first().waitFor();
    await page.getByRole('button', { name: /退出登录/ }).click();
    await page.getByPlaceholder('请输入用户名').waitFor();
    await page.goto(page.url().replace(/\/login.*$/, '/'));
    await page.getByPlaceholder('请输入用户名').waitFor();
    await page.close();
  });
});

import { Client } from 'pg';
import type { Browser } from 'playwright-core';
import { launchBrowser, newPage, screenshot, signIn } from './support';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

describe('sign-in security', () => {
  it('tells the owner about failed attempts since the last sign-in', async () => {
    const owner = new Client({ connectionString: process.env.SUNSHINE_TEST_OWNER_URL });
    await owner.connect();
    // A dedicated copy of a demo account, so other tests keep theirs.
    await owner.query(
      `INSERT INTO users(organization_id, username, display_name, password_hash, roles)
       SELECT organization_id, 'e2e-notice', '提醒测试', password_hash, roles FROM users WHERE username = '340103-editor'`,
    );
    await owner.end();
    const page = await newPage(browser);
    for (let i = 0; i < 2; i++) {
      await signIn(page, 'e2e-notice', `Wrong#Pass${i}`);
      await page.getByText(/用户名或密码错误/).waitFor();
    }
    await signIn(page, 'e2e-notice');
    await page.getByText('登录安全提醒').waitFor();
    await page
      .getByText(/有 2 次失败的登录尝试。如非本人操作，请立即修改密码并联系管理员/)
      .waitFor();
    await screenshot(page, 'sign-in-security-notice');
    await page.close();
  });
});

import { Client } from 'pg';
import { generateSync } from 'otplib';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPage, screenshot, DEMO_PASSWORD } from './support';

/**
 * The second factor as an administrator meets it in production: enrolment at the first sign-in
 * (QR code, manual key, a code from the app, the recovery codes), then sign-in with a code and
 * with a recovery code, on the e2e app that enforces the second factor as production does (the
 * other tests use the app that runs like the demo: not enforced).
 */
let browser: Browser;
/** The e2e app that enforces the second factor (global-setup.cjs). */
let enforcedUrl: string;
const USERNAME = 'e2e-2fa-admin';

function code(secret: string, offsetSteps = 0): string {
  return generateSync({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSteps * 30 });
}

async function passwordStep(page: Page): Promise<void> {
  await page.goto(`${enforcedUrl}/login`);
  await page.getByPlaceholder('请输入用户名').fill(USERNAME);
  await page.getByPlaceholder('请输入密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: /退出登录/ }).click();
  await page.getByPlaceholder('请输入用户名').waitFor();
}

beforeAll(async () => {
  browser = await launchBrowser();
  const ownerUrl = process.env.SUNSHINE_TEST_OWNER_URL;
  enforcedUrl = process.env.E2E_ENFORCED_URL ?? '';
  if (!ownerUrl || !enforcedUrl) throw new Error('run through the e2e Jest project (global setup)');
  const owner = new Client({ connectionString: ownerUrl });
  await owner.connect();
  await owner.query(
    `INSERT INTO users(organization_id, username, display_name, password_hash, roles)
     SELECT organization_id, $1, '两步验证管理员', password_hash, roles FROM users WHERE username = '340103-admin'`,
    [USERNAME],
  );
  await owner.end();
});
afterAll(async () => {
  await browser.close();
});

describe('second factor (TOTP)', () => {
  it('enrols at the first sign-in, then signs in with a code and with a recovery code', async () => {
    const page = await newPage(browser);

    // Enrolment at sign-in: QR code, manual key, a code from the app, the recovery codes.
    await passwordStep(page);
    await page.getByRole('heading', { name: '设置两步验证' }).waitFor();
    await page.getByAltText('两步验证二维码').waitFor();
    const shown = await page.getByTestId('second-factor-secret').innerText();
    const secret = shown.replace(/\s+/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await screenshot(page, 'second-factor-enrol');
    await page.getByPlaceholder('6 位数字').fill('000000');
    await page.getByRole('button', { name: '验证并启用' }).click();
    await page.getByText('验证码不正确或已使用').waitFor();
    await page.getByPlaceholder('6 位数字').fill(code(secret));
    await page.getByRole('button', { name: '验证并启用' }).click();
    await page.getByText('请立即保存以下恢复码').waitFor();
    const recoveryCodes = await page.getByTestId('recovery-code').allInnerTexts();
    expect(recoveryCodes).toHaveLength(10);
    await screenshot(page, 'second-factor-recovery-codes');
    await page.getByRole('button', { name: '我已保存恢复码，继续' }).click();
    await page.getByRole('button', { name: /退出登录/ }).waitFor();
    await signOut(page);

    // Sign-in with a code: the enrolment's step is spent, so the app's next code is used.
    await passwordStep(page);
    await page.getByRole('heading', { name: '两步验证' }).waitFor();
    await screenshot(page, 'second-factor-sign-in');
    await page.getByPlaceholder('6 位数字').fill(code(secret, 1));
    await page.getByRole('button', { name: /^验\s*证$/ }).click();
    await page.getByRole('button', { name: /退出登录/ }).waitFor();

    // 账户安全: the factor is on, this device is listed as the current one.
    await page.getByRole('button', { name: '账户安全' }).click();
    await page.getByText('已启用').waitFor();
    await page.getByText('当前设备').waitFor();
    await screenshot(page, 'account-security');
    await signOut(page);

    // Sign-in with a recovery code.
    await passwordStep(page);
    await page.getByRole('button', { name: '手机不在身边？使用恢复码' }).click();
    await page.getByPlaceholder('xxxxx-xxxxx').fill(recoveryCodes[0]!);
    await page.getByRole('button', { name: /^验\s*证$/ }).click();
    await page.getByRole('button', { name: /退出登录/ }).waitFor();
    await page.getByRole('button', { name: '账户安全' }).click();
    await page.getByText('9 个').waitFor();
    await page.close();
  });
});

// E2E: a fresh seeded database and the real one-process app (API + built dashboard) on a free port.
'use strict';
const path = require('node:path');
const fs = require('node:fs');
require('../../tools/scripts/register.cjs');

module.exports = async function globalSetup() {
  const root = path.resolve(__dirname, '..', '..');
  const dashboardDir = path.join(root, 'dist', 'apps', 'dashboard');
  if (!fs.existsSync(path.join(dashboardDir, 'index.html'))) {
    throw new Error('dist/apps/dashboard is missing: run `npm run build` before the e2e tests');
  }
  // Which Chromium the tests use (unpacks the npm one once, before the first test needs it).
  const { resolveChromium, hasCjkFonts } = require('../../tools/scripts/browser.cjs');
  const browser = await resolveChromium();
  const cjk = hasCjkFonts();
  console.log(
    `\nChromium: ${browser.executablePath} (${browser.source === 'npm' ? 'npm package @sparticuz/chromium' : 'system'})` +
      (cjk === true
        ? ''
        : '; no fonts for Chinese found: screenshots lack Chinese text, the tests assert text and still pass'),
  );
  const { createTestDatabase } = require('../../tools/testing/src/test-database.ts');
  const {
    TEST_AUDIT_HMAC_KEY,
    testCheckpointDir,
  } = require('../../tools/testing/src/audit-anchor.ts');
  const { startApi } = require('../api/src/bootstrap.ts');
  const db = await createTestDatabase();
  const checkpointDir = testCheckpointDir();
  const api = await startApi(
    {
      NODE_ENV: 'test',
      DATABASE_URL: db.ownerUrl,
      DATABASE_APP_URL: db.appUrl,
      JWT_SECRET: 'e2e-secret-0123456789abcdef0123456789',
      DEMO: 'false',
      SUNSHINE_CLOCK: '2025-05-20T10:00:00+08:00',
      DASHBOARD_DIR: dashboardDir,
      AUDIT_HMAC_KEY: TEST_AUDIT_HMAC_KEY,
      AUDIT_CHECKPOINT_DIR: checkpointDir,
      AUDIT_CHECKPOINT_MINUTES: '0',
      SECOND_FACTOR_KEY: 'e2e-second-factor-key-0123456789abcdef',
    },
    { port: 0, quiet: true },
  );
  // The same database, with the second factor enforced as in production (the app above runs like
  // the demo: not enforced, so the other tests sign the demo administrators in with a password).
  const enforced = await startApi(
    {
      NODE_ENV: 'test',
      DATABASE_URL: db.ownerUrl,
      DATABASE_APP_URL: db.appUrl,
      JWT_SECRET: 'e2e-secret-second-factor-0123456789abcdef',
      DEMO: 'false',
      SUNSHINE_CLOCK: '2025-05-20T10:00:00+08:00',
      DASHBOARD_DIR: dashboardDir,
      AUDIT_HMAC_KEY: TEST_AUDIT_HMAC_KEY,
      AUDIT_CHECKPOINT_DIR: checkpointDir,
      AUDIT_CHECKPOINT_MINUTES: '0',
      SECOND_FACTOR_KEY: 'e2e-second-factor-key-0123456789abcdef',
      SECOND_FACTOR_ENFORCE: 'true',
    },
    { port: 0, quiet: true },
  );
  process.env.E2E_BASE_URL = api.url;
  process.env.E2E_ENFORCED_URL = enforced.url;
  process.env.SUNSHINE_TEST_OWNER_URL = db.ownerUrl;
  globalThis.__SUNSHINE_E2E__ = { db, api, enforced, checkpointDir };
};

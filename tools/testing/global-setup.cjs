// Jest global setup for integration tests: one database per run, migrated and seeded once.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
require('../scripts/register.cjs');

module.exports = async function globalSetup() {
  const { createTestDatabase } = require('./src/test-database.ts');
  const db = await createTestDatabase();
  process.env.SUNSHINE_TEST_OWNER_URL = db.ownerUrl;
  process.env.SUNSHINE_TEST_APP_URL = db.appUrl;
  // Files of this run (each API's audit checkpoints), removed by the teardown.
  process.env.SUNSHINE_TEST_RUN_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'sunshine-test-run-'));
  globalThis.__SUNSHINE_TEST_DB__ = db;
};

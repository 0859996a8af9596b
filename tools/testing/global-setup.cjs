// Jest global setup for integration tests: one database per run, migrated and seeded once.
'use strict';
require('../scripts/register.cjs');

module.exports = async function globalSetup() {
  const { createTestDatabase } = require('./src/test-database.ts');
  const db = await createTestDatabase();
  process.env.SUNSHINE_TEST_OWNER_URL = db.ownerUrl;
  process.env.SUNSHINE_TEST_APP_URL = db.appUrl;
  globalThis.__SUNSHINE_TEST_DB__ = db;
};

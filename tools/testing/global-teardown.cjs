'use strict';
const fs = require('node:fs');

module.exports = async function globalTeardown() {
  const db = globalThis.__SUNSHINE_TEST_DB__;
  if (db) await db.drop();
  const dir = process.env.SUNSHINE_TEST_RUN_DIR;
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
};

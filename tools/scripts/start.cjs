#!/usr/bin/env node
// `npm start`: one process serving the dashboard and the API on http://localhost:3000.
// Without DATABASE_URL it runs an embedded PostgreSQL whose data lives in .data/postgres.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const root = path.resolve(__dirname, '..', '..');
process.chdir(root);

async function main() {
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
  if (process.env.DEMO === undefined && process.env.NODE_ENV !== 'production')
    process.env.DEMO = 'true';
  require('./register.cjs');
  const { startApi } = require('../../apps/api/src/bootstrap.ts');
  const { app, url, config } = await startApi(process.env);
  console.log(`\n阳光督导已启动：${url}`);
  if (config.demo) {
    console.log(
      '演示账户（密码均为 Sunshine#2025）：34-admin 省厅管理员，34-leader 省厅领导，34-security 安全管理员，34-auditor 审计管理员，',
    );
    console.log(
      '  3401-editor / 3401-reviewer / 3401-admin 合肥市审计局，340102-editor 瑶海区审计局 …',
    );
  }
  console.log('按 Ctrl-C 停止。');
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\n正在停止…');
    await app.close().catch(() => undefined);
    if (embedded) await embedded.stop().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error) => {
  console.error('启动失败：', error);
  process.exit(1);
});

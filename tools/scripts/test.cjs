#!/usr/bin/env node
// `npm test`: unit and integration tests (real PostgreSQL: DATABASE_URL's server, or an embedded
// one when it is unset), then the dashboard build and the end-to-end tests in Chromium.
'use strict';
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const jest = path.join(root, 'node_modules', 'jest', 'bin', 'jest.js');
const started = Date.now();

function run(label, cmd, args) {
  console.log(`\n▶ ${label}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: process.env });
  if (r.status !== 0) {
    console.error(`✖ ${label} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status || 1);
  }
}

const only = process.argv[2];
if (!only || only === 'fast') {
  run('unit + integration tests', process.execPath, [
    jest,
    '--config',
    'jest.config.cjs',
    '--selectProjects',
    'unit',
    'integration',
    '--ci',
    // Two worker processes even on two cores: the suites mostly wait on PostgreSQL and on their
    // API, and a suite's leftovers (timers, queued jobs) stay in its own process.
    '--maxWorkers=2',
    // A fresh worker process for every test file: what a suite leaves running (a job handler
    // finishing a batch of link checks after its app closed) cannot slow the next suite down.
    '--workerIdleMemoryLimit=2',
  ]);
}
if (!only || only === 'e2e') {
  run('dashboard build', process.execPath, [path.join(root, 'tools/scripts/build.cjs')]);
  run('end-to-end tests (Chromium)', process.execPath, [
    jest,
    '--config',
    'jest.config.cjs',
    '--selectProjects',
    'e2e',
    '--ci',
    '--runInBand',
  ]);
}
console.log(`\n✔ all tests passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);

#!/usr/bin/env node
// Builds the dashboard into dist/apps/dashboard (the API runs from source through SWC), with
// brotli and gzip copies of its text assets.
'use strict';
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
const r = spawnSync(
  process.execPath,
  [vite, 'build', '--config', 'apps/dashboard/vite.config.mts', '--logLevel', 'warn'],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
if (r.status !== 0) process.exit(r.status ?? 1);
// Brotli and gzip copies of the assets, served as they are (see precompress.cjs).
require('./precompress.cjs').precompress(path.join(root, 'dist', 'apps', 'dashboard'));

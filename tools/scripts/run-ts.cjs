#!/usr/bin/env node
// Runs a TypeScript tool with the project's SWC hook: `node tools/scripts/run-ts.cjs file.ts args…`.
'use strict';
const path = require('node:path');
require('./register.cjs');
const file = process.argv[2];
if (!file) {
  console.error('usage: run-ts.cjs <file.ts> [args…]');
  process.exit(2);
}
process.argv.splice(1, 1);
// Load as the main module, so `require.main === module` holds in the script.
require('node:module')._load(path.resolve(file), null, true);

#!/usr/bin/env node
// Writes apps/api/schema.graphql from the code-first resolvers; with --check, fails when it is stale.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
require('./register.cjs');

const file = path.resolve(__dirname, '..', '..', 'apps', 'api', 'schema.graphql');
const { buildContract } = require('../../apps/api/src/schema.ts');

buildContract().then(
  (sdl) => {
    if (process.argv.includes('--check')) {
      const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
      if (current !== sdl) {
        console.error(
          'apps/api/schema.graphql is stale: run `npm run schema` and commit the result (then `npm run codegen`).',
        );
        process.exit(1);
      }
      console.log('apps/api/schema.graphql is up to date.');
    } else {
      fs.writeFileSync(file, sdl);
      console.log(`wrote ${path.relative(process.cwd(), file)}`);
    }
  },
  (error) => {
    console.error(error);
    process.exit(1);
  },
);

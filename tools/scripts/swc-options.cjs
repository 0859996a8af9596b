// One SWC configuration for Jest, the API build and the TypeScript runner, so that
// decorators and their metadata (NestJS DI, TypeORM, GraphQL code-first) behave the same everywhere.
'use strict';
const path = require('node:path');
const fs = require('node:fs');

const root = path.resolve(__dirname, '..', '..');
const tsconfig = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.base.json'), 'utf8'));

/** Path aliases (`@sunshine/...`) from tsconfig.base.json, as absolute file paths. */
function aliases() {
  const out = {};
  for (const [name, targets] of Object.entries(tsconfig.compilerOptions.paths)) {
    out[name] = path.join(root, targets[0]);
  }
  return out;
}

function swcOptions({ tsx = false } = {}) {
  return {
    sourceMaps: 'inline',
    module: { type: 'commonjs' },
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true, tsx },
      transform: {
        legacyDecorator: true,
        decoratorMetadata: true,
        react: { runtime: 'automatic' },
      },
      keepClassNames: true,
    },
  };
}

module.exports = { root, aliases, swcOptions };

// Minimal TypeScript require hook (SWC) with the @sunshine/* path aliases, for tools and
// Jest global setup: `node -r ./tools/scripts/register.cjs file.ts`.
'use strict';
const Module = require('node:module');
const fs = require('node:fs');
const { transformSync } = require('@swc/core');
const { aliases, swcOptions } = require('./swc-options.cjs');

const map = aliases();
const originalResolve = Module._resolveFilename;
Module._resolveFilename = function resolve(request, parent, ...rest) {
  const target = map[request];
  return originalResolve.call(this, target ?? request, parent, ...rest);
};

const options = swcOptions();
for (const ext of ['.ts', '.tsx']) {
  require.extensions[ext] = function compile(module, filename) {
    const source = fs.readFileSync(filename, 'utf8');
    const { code } = transformSync(source, {
      ...options,
      filename,
      jsc: { ...options.jsc, parser: { ...options.jsc.parser, tsx: ext === '.tsx' } },
    });
    module._compile(code, filename);
  };
}

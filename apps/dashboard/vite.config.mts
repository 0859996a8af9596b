import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const appRoot = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(appRoot, '../..');

/** The web-facing @sunshine/* path aliases from tsconfig.base.json (read, never duplicated). */
function webAliases(): Record<string, string> {
  const tsconfig = JSON.parse(readFileSync(resolve(repoRoot, 'tsconfig.base.json'), 'utf8')) as {
    compilerOptions: { paths: Record<string, string[]> };
  };
  const aliases: Record<string, string> = {};
  for (const [name, [target]] of Object.entries(tsconfig.compilerOptions.paths)) {
    if (name.startsWith('@sunshine/web/') || name === '@sunshine/shared/domain') {
      aliases[name] = resolve(repoRoot, target);
    }
  }
  return aliases;
}

const apiTarget = process.env['SUNSHINE_API_URL'] ?? 'http://localhost:3000';
const proxy = Object.fromEntries(
  ['/graphql', '/health', '/files'].map((path) => [
    path,
    { target: apiTarget, changeOrigin: false },
  ]),
);

export default defineConfig({
  root: appRoot,
  cacheDir: resolve(repoRoot, 'node_modules/.vite/dashboard'),
  plugins: [react()],
  resolve: { alias: webAliases() },
  server: { port: 4200, host: 'localhost', proxy },
  preview: { port: 4300, host: 'localhost', proxy },
  build: {
    outDir: resolve(repoRoot, 'dist/apps/dashboard'),
    emptyOutDir: true,
    reportCompressedSize: true,
    chunkSizeWarningLimit: 800,
    rolldownOptions: {
      treeshake: {
        // Our libs have no package.json to declare it: their modules only export, so a barrel
        // import (e.g. LoadingState from @sunshine/web/ui) does not drag in the whole library.
        moduleSideEffects: [
          { test: /[\\/]libs[\\/](web|shared)[\\/].+\.tsx?$/, sideEffects: false, external: false },
        ],
      },
    },
  },
});

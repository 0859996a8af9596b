#!/usr/bin/env node
// Writes brotli (.br) and gzip (.gz) copies beside each text file of the dashboard's assets, so
// the server sends them without compressing on every request (apps/api/src/bootstrap.ts).
// `node tools/scripts/precompress.cjs [dir]` (default dist/apps/dashboard).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const TEXT = /\.(?:js|mjs|css|html|svg|json|txt|map|wasm)$/;
const MIN_BYTES = 1024;

/** Compresses every text file of at least 1 kB under `dir`; returns { files, bytes, br, gz }. */
function precompress(dir) {
  const totals = { files: 0, bytes: 0, br: 0, gz: 0 };
  const walk = (folder) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const file = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        walk(file);
        continue;
      }
      if (!TEXT.test(entry.name)) continue;
      const data = fs.readFileSync(file);
      if (data.length < MIN_BYTES) continue;
      const br = zlib.brotliCompressSync(data, {
        params: {
          [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
          [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
        },
      });
      const gz = zlib.gzipSync(data, { level: 9 });
      fs.writeFileSync(`${file}.br`, br);
      fs.writeFileSync(`${file}.gz`, gz);
      totals.files += 1;
      totals.bytes += data.length;
      totals.br += br.length;
      totals.gz += gz.length;
    }
  };
  walk(dir);
  return totals;
}

module.exports = { precompress };

if (require.main === module) {
  const dir = path.resolve(
    process.argv[2] ?? path.join(__dirname, '..', '..', 'dist', 'apps', 'dashboard'),
  );
  const t = precompress(dir);
  const kb = (n) => `${Math.round(n / 1024)} kB`;
  console.log(`已预压缩 ${t.files} 个文件：${kb(t.bytes)} → brotli ${kb(t.br)}，gzip ${kb(t.gz)}`);
}

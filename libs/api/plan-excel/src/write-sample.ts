/**
 * Writes the sample checklist used by the seed and by manual testing:
 * `node tools/scripts/run-ts.cjs libs/api/plan-excel/src/write-sample.ts [year]`.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildSampleChecklist } from './sample';

async function main(): Promise<void> {
  const year = Number(process.argv[2] ?? 2025);
  const target = resolve(__dirname, '../../../../tools/seed/data', `sample-checklist-${year}.xlsx`);
  const buffer = await buildSampleChecklist(year);
  writeFileSync(target, buffer);
  console.log(`已写入 ${target}（${buffer.length} 字节）`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

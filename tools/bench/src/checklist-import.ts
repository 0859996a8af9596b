/**
 * The 5,000-row checklist: the file the import benchmarks use, and the reader measured alone
 * (`npm run bench -- --reader`): the first read (a fresh worker thread loading exceljs) and warm
 * reads, with the event loop's longest stall meanwhile.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import {
  closeWorkbookReader,
  parseChecklistWorkbook,
  readWorkbook,
} from '@sunshine/api/plan-excel';

export const IMPORT_ROWS = 5_000;

/** A checklist of `rows` tasks in 100 categories of the plan year `year`. */
export async function checklistFile(
  rows = IMPORT_ROWS,
  year = 2027,
): Promise<Uint8Array<ArrayBuffer>> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('任务清单');
  ws.addRow([
    '序号',
    '类别',
    '工作任务',
    '具体要求',
    '牵头单位',
    '配合单位',
    '完成时限',
    '适用层级',
    '分值',
  ]);
  for (let i = 1; i <= rows; i++) {
    ws.addRow([
      `${Math.ceil(i / 100)}.${((i - 1) % 100) + 1}`,
      `类别${Math.ceil(i / 625)}`,
      `任务${i}`,
      '要求',
      '办公室',
      '法规处',
      i % 2 ? '每季度' : `${year}年12月31日`,
      '市、县',
      0.02,
    ]);
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

export interface ReaderFigures {
  /** readWorkbook in a fresh worker thread (starting it and loading exceljs included). */
  coldReadMs: number;
  /** readWorkbook with the worker ready: one sample per run. */
  warmReadMs: number[];
  /** parseChecklistWorkbook (read + checklist rules) with the worker ready. */
  warmParseMs: number[];
  /** The longest event-loop stall during the warm parses. */
  maxLoopDelayMs: number;
  /** CPU time of both threads for the first read and the median warm parse: on a shared machine
   * a steadier estimate of the wall time on an idle one than the wall time itself. */
  coldReadCpuMs: number;
  warmParseCpuMs: number;
}

const elapsed = (from: bigint): number => Number(process.hrtime.bigint() - from) / 1e6;
const cpuSince = (from: NodeJS.CpuUsage): number => {
  const { user, system } = process.cpuUsage(from);
  return (user + system) / 1000;
};
const median = (samples: number[]): number =>
  [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)] ?? 0;

export async function measureReader(runs = 10): Promise<ReaderFigures> {
  const file = await checklistFile();
  await closeWorkbookReader();
  let t = process.hrtime.bigint();
  let cpu = process.cpuUsage();
  await readWorkbook(file);
  const coldReadMs = elapsed(t);
  const coldReadCpuMs = cpuSince(cpu);
  for (let i = 0; i < 3; i++) await readWorkbook(file);
  const warmReadMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    t = process.hrtime.bigint();
    await readWorkbook(file);
    warmReadMs.push(elapsed(t));
  }
  const warmParseMs: number[] = [];
  const warmParseCpu: number[] = [];
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  for (let i = 0; i < runs; i++) {
    t = process.hrtime.bigint();
    cpu = process.cpuUsage();
    const result = await parseChecklistWorkbook(file, { planYear: 2027 });
    warmParseMs.push(elapsed(t));
    warmParseCpu.push(cpuSince(cpu));
    if (!result.ok || result.tasks.length !== IMPORT_ROWS)
      throw new Error('the checklist did not parse');
  }
  delay.disable();
  await closeWorkbookReader();
  return {
    coldReadMs,
    warmReadMs,
    warmParseMs,
    maxLoopDelayMs: delay.max / 1e6,
    coldReadCpuMs,
    warmParseCpuMs: median(warmParseCpu),
  };
}

/** The 5,000-row checklist import over HTTP, and the spreadsheet reader alone. */
import { checklistFile, measureReader, type ReaderFigures } from './checklist-import';
import { benchDatabase, f1, row, startServer, stats, type Benchmark, type Row } from './harness';
import { signedIn } from '@sunshine/testing';

export function readerRows(r: ReaderFigures): Row[] {
  return [
    {
      measurement:
        '5,000-row checklist: readWorkbook, first read (worker start and exceljs load included)',
      p50: r.coldReadMs,
    },
    row('5,000-row checklist: readWorkbook, worker ready', stats(r.warmReadMs)),
    row('5,000-row checklist: parseChecklistWorkbook, worker ready', stats(r.warmParseMs)),
    { measurement: 'longest event-loop stall during those parses', p50: r.maxLoopDelayMs },
    {
      measurement: `CPU time (both threads): first read ${f1(r.coldReadCpuMs)} ms, warm parse (median) ${f1(r.warmParseCpuMs)} ms`,
    },
  ];
}

export const importBench: Benchmark = {
  name: 'import',
  title: '5,000-row checklist import',
  async run(ctx) {
    const db = await benchDatabase(ctx, 'anhui');
    const url = await startServer(ctx, db);
    const admin = await signedIn(url, '34-admin');
    const plan = await admin.request<{ createPlan: { id: string } }>(
      'mutation { createPlan(input: { year: 2027, title: "基准测试计划" }) { id } }',
    );
    const planId = plan.data?.createPlan.id;
    if (!planId) throw new Error(JSON.stringify(plan.errors));
    const file = await checklistFile();
    const importOnce = async (): Promise<void> => {
      const res = await fetch(`${url}/files/plans/${planId}/checklist`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${admin.token}`,
          'content-type': 'application/octet-stream',
          'x-file-name': 'bench.xlsx',
        },
        body: file,
      });
      const text = await res.text();
      if (!text.includes('"ok":true')) throw new Error(text.slice(-300));
    };
    // The server's first import also starts the reader's worker thread (loading exceljs).
    const started = process.hrtime.bigint();
    await importOnce();
    const first = Number(process.hrtime.bigint() - started) / 1e6;
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = process.hrtime.bigint();
      await importOnce();
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    return [
      row('5,000-row checklist import over HTTP', stats(times)),
      { measurement: 'the same, first import after the server started', p50: first },
      ...readerRows(await measureReader()),
    ];
  },
};

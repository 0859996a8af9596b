/** The reader's worker thread: one request at a time from read-workbook.ts, one answer each. */
import { parentPort } from 'node:worker_threads';
import { WorkbookFailure } from './limits';
import { loadWorkbook } from './load-workbook';
import type { WorkerRequest, WorkerResponse } from './wire';

const port = parentPort;
if (port === null) throw new Error('workbook.worker must run in a worker thread');

port.on('message', (request: WorkerRequest) => {
  if (request.bytes === null) {
    port.postMessage({ id: request.id, ok: true, sheets: [] } satisfies WorkerResponse);
    return;
  }
  const bytes = Buffer.from(request.bytes.buffer, request.bytes.byteOffset, request.bytes.length);
  loadWorkbook(bytes, request.limits).then(
    (sheets) => {
      const response: WorkerResponse = { id: request.id, ok: true, sheets };
      const buffers = sheets.flatMap((s) => [
        s.rows.buffer,
        s.columns.buffer,
        s.kinds.buffer,
        s.numbers.buffer,
      ]);
      port.postMessage(response, buffers);
    },
    (error: unknown) => {
      const code = error instanceof WorkbookFailure ? error.code : 'UNREADABLE';
      port.postMessage({ id: request.id, ok: false, code } satisfies WorkerResponse);
    },
  );
});

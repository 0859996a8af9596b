/**
 * The one spreadsheet reader for imports: `readWorkbook(bytes, limits)` gives every worksheet's
 * cell values and merged ranges, or throws WorkbookReadError with a message for the user.
 *
 * The work runs off the event loop, in a worker thread (workbook.worker.cjs → load-workbook.ts):
 * exceljs parses synchronously for up to seconds, which would stall every other request of the
 * server. The worker first checks the package (zip-guard.ts: size, entries, bytes counted while
 * inflating, merged cells), then exceljs reads it with a row limit; here the wall time is bounded
 * by terminating the worker, and its heap by V8 resource limits.
 *
 * One worker serves the reads in turn and is kept warm between them: loading exceljs in a fresh
 * thread costs about a second, more than parsing a 5,000-row checklist. It is ended after some
 * idle minutes, and replaced after a timeout or a crash. It never keeps the process alive.
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Sheet, type WorkbookGrid } from './grid';
import {
  DEFAULT_WORKBOOK_LIMITS,
  WorkbookReadError,
  workbookErrorMessage,
  type WorkbookErrorCode,
  type WorkbookLimits,
} from './limits';
import type { WorkerRequest, WorkerResponse } from './wire';

const WORKER_ENTRY = join(__dirname, 'workbook.worker.cjs');
/** Heap of the worker (the memory bound of one import): room for the largest file the other limits let through. */
const WORKER_HEAP_MB = 256;
const IDLE_MS = 10 * 60_000;

interface Job {
  /** null: load the reader and answer (a warm-up). */
  bytes: Uint8Array | null;
  limits: WorkbookLimits;
  resolve: (grid: WorkbookGrid) => void;
  reject: (error: WorkbookReadError) => void;
}

interface Running {
  id: number;
  job: Job;
  timer: NodeJS.Timeout;
}

function failure(code: WorkbookErrorCode, limits: WorkbookLimits): WorkbookReadError {
  return new WorkbookReadError(code, workbookErrorMessage(code, limits));
}

class ReaderThread {
  private worker: Worker | null = null;
  private readonly queue: Job[] = [];
  private running: Running | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private nextId = 1;

  submit(job: Job): void {
    this.queue.push(job);
    this.next();
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const jobs = this.queue.splice(0);
    if (this.running) {
      clearTimeout(this.running.timer);
      jobs.unshift(this.running.job);
      this.running = null;
    }
    for (const job of jobs) job.reject(failure('UNREADABLE', job.limits));
    if (worker) await worker.terminate();
  }

  private next(): void {
    if (this.running !== null) return;
    const job = this.queue.shift();
    if (job === undefined) {
      this.idleTimer ??= setTimeout(() => void this.close(), IDLE_MS).unref();
      return;
    }
    if (this.idleTimer) {
      clearTimeout(this.idleTimer);
      this.idleTimer = null;
    }
    const id = this.nextId++;
    // The timer is what keeps the process alive while a read runs (the worker is unref'd).
    const timer = setTimeout(() => this.abandon('TIMEOUT'), job.limits.timeoutMs);
    this.running = { id, job, timer };
    // A copy: the caller's Buffer may share its memory with others (Node's pool).
    const bytes = job.bytes && new Uint8Array(job.bytes);
    const request: WorkerRequest = { id, bytes, limits: job.limits };
    this.thread().postMessage(request, bytes ? [bytes.buffer] : []);
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER_ENTRY, {
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    worker.on('message', (response: WorkerResponse) => this.answer(response));
    worker.on('error', (error: Error & { code?: string }) => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.abandon(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'TOO_COMPLEX' : 'UNREADABLE');
    });
    worker.on('exit', () => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.abandon('UNREADABLE');
    });
    // After the listeners: adding a 'message' listener refs the worker's port again.
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private answer(response: WorkerResponse): void {
    const running = this.running;
    if (running === null || running.id !== response.id) return;
    clearTimeout(running.timer);
    this.running = null;
    if (response.ok) {
      running.job.resolve({ sheets: response.sheets.map((sheet) => new Sheet(sheet)) });
    } else {
      running.job.reject(failure(response.code, running.job.limits));
    }
    this.next();
  }

  /** Fails the running read and ends its worker (a new one serves the next read). */
  private abandon(code: WorkbookErrorCode): void {
    const running = this.running;
    if (running === null) return;
    clearTimeout(running.timer);
    this.running = null;
    const worker = this.worker;
    this.worker = null;
    if (worker) void worker.terminate();
    running.job.reject(failure(code, running.job.limits));
    this.next();
  }
}

let reader: ReaderThread | null = null;

/**
 * Reads every worksheet of an .xlsx file in a worker thread. Throws WorkbookReadError (with a
 * Chinese message) for a file it refuses: not an .xlsx, an old .xls or encrypted file, over a limit,
 * unreadable, or too slow to read.
 */
export function readWorkbook(
  bytes: Uint8Array,
  limits: Partial<WorkbookLimits> = {},
): Promise<WorkbookGrid> {
  const all: WorkbookLimits = { ...DEFAULT_WORKBOOK_LIMITS, ...limits };
  // Checked here too, so that a huge upload is not copied to the worker.
  if (bytes.length === 0) return Promise.reject(failure('EMPTY', all));
  if (bytes.length > all.maxFileBytes) return Promise.reject(failure('FILE_TOO_LARGE', all));
  reader ??= new ReaderThread();
  const thread = reader;
  return new Promise((resolve, reject) => thread.submit({ bytes, limits: all, resolve, reject }));
}

/**
 * Starts the reader's worker thread and loads exceljs in it, so that the next read does not pay
 * for it (about a second); resolves when the reader is ready.
 */
export function warmUpWorkbookReader(): Promise<void> {
  reader ??= new ReaderThread();
  const thread = reader;
  const limits = { ...DEFAULT_WORKBOOK_LIMITS };
  return new Promise((resolve, reject) =>
    thread.submit({ bytes: null, limits, resolve: () => resolve(), reject }),
  );
}

/** Ends the reader's worker thread (tests, shutdown); the next read starts a new one. */
export async function closeWorkbookReader(): Promise<void> {
  const thread = reader;
  reader = null;
  await thread?.close();
}

import type { Response } from 'express';
import { httpErrorBody } from './http-error.filter';

export type NdjsonLine = Record<string, unknown>;

/**
 * Streams an NDJSON answer (`application/x-ndjson`) for a long file operation: `work` writes
 * progress lines as it goes and returns the last line; a failure becomes a last line
 * `{"type":"error","status":…,"code":…,"message":…}` (the HTTP status is already 200).
 */
export async function streamNdjson(
  res: Response,
  work: (write: (line: NdjsonLine) => void) => Promise<NdjsonLine>,
): Promise<void> {
  res.status(200).setHeader('content-type', 'application/x-ndjson; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  const write = (line: NdjsonLine): void => {
    res.write(`${JSON.stringify(line)}\n`);
  };
  try {
    write(await work(write));
  } catch (error) {
    const { status, body: err } = httpErrorBody(error);
    write({ type: 'error', status, ...err });
  }
  res.end();
}

export type ImportPhase = 'PARSE' | 'SAVE';

/**
 * A progress callback writing `{"type":"progress","phase":…,"done":…,"total":…}` at most every
 * 100 ms, and always the last step of a phase.
 */
export function throttledProgress(
  write: (line: NdjsonLine) => void,
): (phase: ImportPhase, done: number, total: number) => void {
  let last = 0;
  return (phase, done, total) => {
    if (done === total || Date.now() - last > 100) {
      last = Date.now();
      write({ type: 'progress', phase, done, total });
    }
  };
}

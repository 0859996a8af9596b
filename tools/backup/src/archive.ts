import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip, createGzip, type Gzip } from 'node:zlib';

/**
 * A backup file: gzip-compressed JSON lines. The first line is the manifest, then one line per
 * record (`{ table }` starts a table, `{ rows }` carries a batch of its rows, `{ file }` one file of
 * the data folder), and the last line `{ end: true }`, so that a truncated file is refused.
 */
export const FORMAT = 'sunshine-backup';
export const FORMAT_VERSION = 1;

export interface TableManifest {
  name: string;
  /** Columns a restore writes (generated columns are recomputed). */
  columns: string[];
  rows: number;
  /** md5 over the sorted md5s of the rows' text: equal content, equal fingerprint. */
  fingerprint: string;
}

export interface SequenceManifest {
  name: string;
  lastValue: string;
  isCalled: boolean;
}

export interface FileManifest {
  /** `data/<path>` (the data folder) or `checkpoints/<file>` (the audit checkpoint folder). */
  path: string;
  bytes: number;
  sha256: string;
}

export interface Manifest {
  format: typeof FORMAT;
  version: number;
  createdAt: string;
  database: string;
  serverVersion: string;
  /** Applied migrations, in order: a restore rebuilds exactly this schema before loading. */
  migrations: string[];
  tables: TableManifest[];
  sequences: SequenceManifest[];
  files: FileManifest[];
  /** The audit key is in the backup only when asked for (--with-key). */
  includesAuditKey: boolean;
}

export type BackupRecord =
  | { table: string }
  | { rows: string[] }
  | { file: string; mode: number; data: string }
  | { end: true };

export class ArchiveWriter {
  private readonly gzip: Gzip;
  private readonly out: WriteStream;
  private readonly done: Promise<void>;

  constructor(file: string) {
    this.gzip = createGzip({ level: 6 });
    this.out = createWriteStream(file, { mode: 0o600 });
    this.gzip.pipe(this.out);
    this.done = new Promise((resolve, reject) => {
      this.out.on('finish', resolve);
      this.out.on('error', reject);
      this.gzip.on('error', reject);
    });
  }

  async line(value: Manifest | BackupRecord): Promise<void> {
    if (!this.gzip.write(`${JSON.stringify(value)}\n`)) {
      await new Promise<void>((resolve) => this.gzip.once('drain', resolve));
    }
  }

  async close(): Promise<void> {
    this.gzip.end();
    await this.done;
  }
}

/** The lines of a backup file, manifest first; a damaged or truncated file throws. */
export async function* readArchive(file: string): AsyncGenerator<Manifest | BackupRecord> {
  const gunzip = createGunzip();
  const input = createReadStream(file);
  input.on('error', (error) => gunzip.destroy(error));
  input.pipe(gunzip);
  const decoder = new StringDecoder('utf8');
  let rest = '';
  try {
    // Iterating the stream itself (not readline) so that its errors reach the caller.
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      rest += decoder.write(chunk);
      let nl = rest.indexOf('\n');
      while (nl >= 0) {
        const line = rest.slice(0, nl);
        rest = rest.slice(nl + 1);
        if (line !== '') yield JSON.parse(line) as Manifest | BackupRecord;
        nl = rest.indexOf('\n');
      }
    }
  } finally {
    input.destroy();
    gunzip.destroy();
  }
  if (rest.trim() !== '') yield JSON.parse(rest) as Manifest | BackupRecord;
}

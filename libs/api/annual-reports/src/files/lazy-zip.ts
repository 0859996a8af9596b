/**
 * A ZIP streamed as it is written: each entry's bytes are produced only when the archive reaches
 * it (jszip resumes one input stream at a time with `streamFiles`), so a province's 136 reports
 * are rendered one after another and never held together in memory.
 */
import { Readable } from 'node:stream';
import JSZip from 'jszip';

export interface LazyZipEntry {
  /** Path inside the archive (folders with '/'). */
  path: string;
  render: () => Promise<Buffer>;
}

/** A stream that calls `render` on its first read. */
function lazyStream(render: () => Promise<Buffer>): Readable {
  let started = false;
  return new Readable({
    read() {
      if (started) return;
      started = true;
      render().then(
        (bytes) => {
          this.push(bytes);
          this.push(null);
        },
        (error: unknown) => this.destroy(error instanceof Error ? error : new Error(String(error))),
      );
    },
  });
}

/**
 * The archive as a Node stream. Entries are stored, not deflated: .docx files are ZIPs already.
 * `date` is written on every entry, so two downloads of the same reports are the same bytes.
 */
export function lazyZip(entries: readonly LazyZipEntry[], date: Date): NodeJS.ReadableStream {
  const zip = new JSZip();
  for (const e of entries) zip.file(e.path, lazyStream(e.render), { binary: true, date });
  return zip.generateNodeStream({ type: 'nodebuffer', streamFiles: true, compression: 'STORE' });
}

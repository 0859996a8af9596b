import type { Request } from 'express';
import { AppError, ErrorCode } from '../errors/app-error';

/** Reads a raw request body up to `limit` bytes; past it, fails with a Chinese message. */
export function readBody(req: Request, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    const tooLarge = (): AppError =>
      new AppError(
        ErrorCode.BAD_USER_INPUT,
        'FILE_TOO_LARGE',
        `文件过大，最大允许 ${Math.round(limit / 1024 / 1024)} MB`,
      );
    if (declared > limit) {
      req.resume();
      reject(tooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        reject(tooLarge());
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks));
    });
    req.on('error', (e) => {
      if (!failed) reject(e);
    });
  });
}

/**
 * Invisible or direction-changing characters: bidirectional embeddings, overrides and isolates
 * (U+202A–U+202E, U+2066–U+2069), marks (U+200E/F), zero-width and other format controls
 * (Unicode category Cf), control characters (Cc) and line/paragraph separators. A name like
 * `报告\u202Efdp.exe` would otherwise display as `报告exe.pdf`.
 */
const INVISIBLE = /[\p{Cf}\p{Cc}\p{Zl}\p{Zp}]+/gu;
/** Path separators and characters Windows refuses in file names. */
const UNSAFE = /[\\/<>:"|?*]+/g;

/**
 * A file name safe to store, show and offer for download: invisible and direction-changing
 * characters removed, path separators and reserved characters replaced, no leading or trailing
 * dots or spaces, at most 200 characters.
 */
export function safeFileName(raw: string, fallback: string): string {
  const name = raw
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(UNSAFE, '_')
    .replace(/^[\s.]+|[\s.]+$/g, '')
    .slice(0, 200)
    .trim();
  return name || fallback;
}

/** File name from the `X-File-Name` header (URI-encoded by the client), made safe. */
export function fileNameFrom(req: Request, fallback: string): string {
  const raw = req.headers['x-file-name'];
  let name = typeof raw === 'string' ? raw : fallback;
  try {
    name = decodeURIComponent(name);
  } catch {
    name = fallback;
  }
  return safeFileName(name, fallback);
}

/** Content-Disposition for a download with a Chinese file name (RFC 6266 / 5987). */
export function attachment(name: string): string {
  const fileName = safeFileName(name, 'download');
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

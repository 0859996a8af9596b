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

/** File name from the `X-File-Name` header (URI-encoded by the client), trimmed to something safe. */
export function fileNameFrom(req: Request, fallback: string): string {
  const raw = req.headers['x-file-name'];
  let name = typeof raw === 'string' ? raw : fallback;
  try {
    name = decodeURIComponent(name);
  } catch {
    name = fallback;
  }
  name = name
    .replace(/[\\/\u0000-\u001f<>:"|?*]+/g, '_')
    .trim()
    .slice(0, 200);
  return name || fallback;
}

/** Content-Disposition for a download with a Chinese file name (RFC 6266 / 5987). */
export function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

import { recoverSession } from './refresh';
import { getAccessToken } from './session';

/**
 * File transport for the REST endpoints under /files (evidence, plan Excel): the bearer token from
 * memory, one shared refresh and a single replay on 401, Chinese messages for failures.
 */

/** A /files request the server refused or that never reached it. */
export class FileRequestError extends Error {
  override readonly name = 'FileRequestError';

  constructor(
    message: string,
    /** HTTP status; 0 when the server could not be reached. */
    readonly status: number,
    /** The API's error code (BAD_USER_INPUT, FORBIDDEN …) when it sent one. */
    readonly code?: string,
  ) {
    super(message);
  }
}

function withToken(headers: HeadersInit | undefined): Headers {
  const out = new Headers(headers);
  const token = getAccessToken();
  if (token) out.set('authorization', `Bearer ${token}`);
  return out;
}

/** A Chinese message for a failed response: the API's own message, else one for the status. */
export function fileErrorMessage(status: number, body: unknown): string {
  if (typeof body === 'object' && body !== null && 'message' in body) {
    const message = (body as { message: unknown }).message;
    if (typeof message === 'string' && message) return message;
  }
  if (status === 0) return '无法连接服务器，请检查网络后重试';
  if (status === 401) return '登录已过期，请重新登录';
  if (status === 403) return '没有权限执行此操作';
  if (status === 404) return '文件不存在或已被删除';
  if (status === 413) return '文件过大，无法上传';
  if (status >= 500) return '服务器暂时无法处理请求，请稍后重试';
  return `请求失败（HTTP ${status}）`;
}

function codeOf(body: unknown): string | undefined {
  if (typeof body === 'object' && body !== null && 'code' in body) {
    const code = (body as { code: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

async function failure(response: Response): Promise<FileRequestError> {
  const body: unknown = await response.json().catch(() => null);
  return new FileRequestError(
    fileErrorMessage(response.status, body),
    response.status,
    codeOf(body),
  );
}

/**
 * fetch with the bearer token; a 401 refreshes the session once and replays the request. Other
 * non-2xx answers are returned as they are (the caller may read a JSON error); a network failure
 * throws a FileRequestError.
 */
export async function authorizedFetch(path: string, init: RequestInit = {}): Promise<Response> {
  const send = () =>
    fetch(path, { credentials: 'same-origin', ...init, headers: withToken(init.headers) });
  let response: Response;
  try {
    response = await send();
    if (response.status === 401 && (await recoverSession())) response = await send();
  } catch (error: unknown) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new FileRequestError(fileErrorMessage(0, null), 0);
  }
  return response;
}

/**
 * The file name of a Content-Disposition header: the UTF-8 `filename*` when present (Chinese
 * names), else the plain `filename`; null when there is none.
 */
export function contentDispositionFileName(header: string | null | undefined): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header)?.[1];
  if (extended !== undefined) {
    try {
      return decodeURIComponent(extended.trim().replace(/^"|"$/g, ''));
    } catch {
      // Fall through to the plain name.
    }
  }
  const [, value, quoted] = /filename\s*=\s*("([^"]*)"|[^;]+)/.exec(header) ?? [];
  const name = (quoted ?? value)?.trim();
  return name || null;
}

/** Downloads a protected file (fetch with the token → blob → a temporary link). */
export async function downloadFile(path: string, fallbackName: string): Promise<void> {
  const response = await authorizedFetch(path);
  if (!response.ok) throw await failure(response);
  const blob = await response.blob();
  const name = contentDispositionFileName(response.headers.get('content-disposition'));
  const url = URL.createObjectURL(blob);
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = name ?? fallbackName;
    link.style.display = 'none';
    document.body.appendChild(link);
    link.click();
    link.remove();
  } finally {
    // Give the browser a moment to start the download before the blob goes.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}

export interface UploadOptions {
  /** 0–100 while the bytes go up. */
  onProgress?: (percent: number) => void;
  signal?: AbortSignal;
}

function xhrUpload<T>(path: string, file: File, options: UploadOptions): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    const token = getAccessToken();
    if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.setRequestHeader('content-type', file.type || 'application/octet-stream');
    xhr.setRequestHeader('x-file-name', encodeURIComponent(file.name));
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0)
        options.onProgress?.(Math.min(100, Math.round((event.loaded / event.total) * 100)));
    };
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as T);
      else
        reject(new FileRequestError(fileErrorMessage(xhr.status, body), xhr.status, codeOf(body)));
    };
    xhr.onerror = () => reject(new FileRequestError(fileErrorMessage(0, null), 0));
    xhr.onabort = () => reject(new DOMException('上传已取消', 'AbortError'));
    options.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}

/**
 * Uploads a file's raw bytes (X-File-Name: the URI-encoded name) with progress, through XHR since
 * fetch reports no upload progress. Resolves with the JSON answer; a 401 refreshes once and retries.
 */
export async function uploadFile<T>(
  path: string,
  file: File,
  options: UploadOptions = {},
): Promise<T> {
  try {
    return await xhrUpload<T>(path, file, options);
  } catch (error: unknown) {
    if (error instanceof FileRequestError && error.status === 401 && (await recoverSession())) {
      options.onProgress?.(0);
      return xhrUpload<T>(path, file, options);
    }
    throw error;
  }
}

/** Splits streamed text into complete lines; the unfinished tail is returned for the next chunk. */
export function splitLines(buffered: string): { lines: string[]; rest: string } {
  const parts = buffered.split('\n');
  const rest = parts.pop() ?? '';
  return { lines: parts.map((l) => l.trim()).filter(Boolean), rest };
}

/**
 * Reads an NDJSON answer (one JSON object per line) as it streams, calling `onLine` for each
 * object. A line that is not JSON is skipped.
 */
export async function readNdjson(
  response: Response,
  onLine: (value: unknown) => void,
): Promise<void> {
  const parse = (line: string) => {
    try {
      onLine(JSON.parse(line));
    } catch {
      // Not JSON: ignore it rather than abort the whole stream.
    }
  };
  if (!response.body) {
    for (const line of splitLines(`${await response.text()}\n`).lines) parse(line);
    return;
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  for (;;) {
    const { done, value } = await reader.read();
    buffered += done ? decoder.decode() : decoder.decode(value, { stream: true });
    const { lines, rest } = splitLines(done ? `${buffered}\n` : buffered);
    buffered = rest;
    for (const line of lines) parse(line);
    if (done) return;
  }
}

/** Reads a failed /files response's JSON error into a FileRequestError. */
export function fileRequestFailure(response: Response): Promise<FileRequestError> {
  return failure(response);
}

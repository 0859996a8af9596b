import { createHash } from 'node:crypto';

/** Longest stored text snapshot (characters). */
export const SNAPSHOT_MAX_CHARS = 20_000;

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ensp: ' ',
  emsp: ' ',
  middot: '·',
  mdash: '—',
  ldquo: '“',
  rdquo: '”',
  copy: '©',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, body: string) => {
    if (body[0] === '#') {
      const code =
        body[1] === 'x' || body[1] === 'X'
          ? Number.parseInt(body.slice(2), 16)
          : Number.parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff
        ? String.fromCodePoint(code)
        : all;
    }
    return ENTITIES[body.toLowerCase()] ?? all;
  });
}

const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** The charset a response declares (header, then a <meta> in the first bytes); utf-8 by default. */
export function charsetOf(contentType: string | null, head: Buffer): string {
  const fromHeader = /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType ?? '')?.[1];
  const fromMeta = /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(
    head.subarray(0, 4096).toString('latin1'),
  )?.[1];
  const name = (fromHeader ?? fromMeta ?? 'utf-8').toLowerCase();
  // gb2312 pages are written in gbk in practice; gb18030 is a superset of both.
  if (name === 'gb2312' || name === 'gbk') return 'gb18030';
  return name;
}

export function decodeBody(body: Buffer, charset: string): string {
  try {
    return new TextDecoder(charset).decode(body);
  } catch {
    return new TextDecoder('utf-8').decode(body);
  }
}

export interface PageText {
  title: string | null;
  /** Visible text, whitespace collapsed. */
  text: string;
}

/** The title and visible text of an HTML page (scripts, styles, comments and tags removed). */
export function pageText(html: string): PageText {
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1];
  const body = html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(script|style|noscript|template|svg|head|title)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<(br|p|div|li|tr|h[1-6]|td|th|section|article)\b[^>]*>/gi, ' ')
    .replace(/<[^>]*>/g, ' ');
  const text = collapse(decodeEntities(body));
  return { title: title ? collapse(decodeEntities(title)).slice(0, 500) || null : null, text };
}

/** What is hashed and stored for a response body. */
export interface BodySummary {
  title: string | null;
  snapshot: string | null;
  /** SHA-256 (hex) of the visible text for text responses, of the bytes otherwise. */
  contentHash: string;
}

export function summarizeBody(body: Buffer, contentType: string | null): BodySummary {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  const isHtml = type === 'text/html' || type === 'application/xhtml+xml' || type === '';
  const isText =
    isHtml || type.startsWith('text/') || type.endsWith('+xml') || type.endsWith('/json');
  if (!isText) {
    return { title: null, snapshot: null, contentHash: sha256(body) };
  }
  const decoded = decodeBody(body, charsetOf(contentType, body));
  const { title, text } = isHtml ? pageText(decoded) : { title: null, text: collapse(decoded) };
  // Hash the whole visible text (the stored snapshot is its beginning): a page whose markup
  // changes (a session token, a counter in a script) but whose text does not is unchanged to a reader.
  return {
    title,
    snapshot: text.slice(0, SNAPSHOT_MAX_CHARS),
    contentHash: sha256(Buffer.from(text, 'utf8')),
  };
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

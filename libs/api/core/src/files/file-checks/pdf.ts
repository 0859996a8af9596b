import { inflateSync } from 'node:zlib';
import { asciiLower, findHostileContent } from './hostile-content';

/** Inflated bytes of non-image streams a single PDF may make us read (a bound on memory and time). */
export const PDF_INFLATE_BUDGET = 64 * 1024 * 1024;
/** How far back from the end the `startxref … %%EOF` tail is looked for. */
const TAIL_BYTES = 2048;
/** The longest object dictionary read in front of a stream. */
const MAX_DICT = 64 * 1024;

/**
 * Names of active content: scripts, launch actions, attachments, embedded media. Evidence is a
 * document to read; a PDF carrying any of these is refused.
 */
const ACTIVE_NAMES = [
  '/javascript',
  '/js',
  '/launch',
  '/embeddedfile',
  '/embeddedfiles',
  '/richmedia',
  '/xfa',
];

/** PDF names may spell characters as #xx (`/Java#53cript`); read them as the viewer will. */
function decodeNames(text: string): string {
  if (!text.includes('#')) return text;
  return text.replace(/\/[^\s/[\]<>(){}%]+/g, (name) =>
    name.replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
  );
}

function findActiveName(lowerText: string): string | null {
  const decoded = lowerText.includes('#') ? decodeNames(lowerText).toLowerCase() : lowerText;
  for (const name of ACTIVE_NAMES) {
    // A name ends at a delimiter or white space: `/JS` must not match `/JSomething`.
    const re = new RegExp(`${name.replace('/', '\\/')}(?![a-z0-9#_.-])`);
    if (re.test(decoded)) return name;
  }
  return null;
}

/** The cross-reference structure the last `startxref` points to is really there. */
function checkTail(buf: Buffer, text: string): string | null {
  const tailStart = Math.max(0, text.length - TAIL_BYTES);
  const tail = text.slice(tailStart);
  const eof = tail.lastIndexOf('%%EOF');
  if (eof < 0) return 'no %%EOF marker at the end';
  if (!/^[\s\0]*$/.test(tail.slice(eof + 5))) return 'data after the final %%EOF';
  const startxref = /startxref\s+(\d{1,10})\s*$/.exec(tail.slice(0, eof));
  if (!startxref) return 'no startxref before %%EOF';
  const offset = Number(startxref[1]);
  if (offset <= 0 || offset >= buf.length) return 'startxref points outside the file';
  const at = text.slice(offset, offset + 256);
  if (/^\s*xref\s+\d+\s+\d+\s+\d{10} \d{5} [fn]/.test(at)) {
    // A classic table: its trailer must name the document catalogue.
    const trailerAt = text.indexOf('trailer', offset);
    const xrefEnd = tailStart + startxref.index;
    if (trailerAt < 0 || trailerAt > xrefEnd) return 'no trailer after the cross-reference table';
    const trailer = text.slice(trailerAt, xrefEnd);
    return /\/Root\s+\d+\s+\d+\s+R/.test(trailer) ? null : 'the trailer names no /Root';
  }
  const stream = /^\s*\d+\s+\d+\s+obj\s*<<([\s\S]*?)>>\s*stream/.exec(
    text.slice(offset, offset + MAX_DICT),
  );
  const dict = stream?.[1];
  if (dict !== undefined && /\/Type\s*\/XRef/.test(dict) && /\/Root\s+\d+\s+\d+\s+R/.test(dict)) {
    return null;
  }
  return 'startxref points to no cross-reference table or stream';
}

/**
 * Walks the streams. Outside them lies the document's structure, where active content is named;
 * inside, only object streams (`/Type /ObjStm`, compressed dictionaries) are searched for names,
 * since fonts and images are binary. Every Flate stream except images is inflated (within a
 * budget) and scanned for executables and HTML: attachments and object streams are compressed, so
 * a scan of the raw bytes alone would miss them.
 */
function checkStreams(buf: Buffer, text: string): string | null {
  let budget = PDF_INFLATE_BUDGET;
  const structure: string[] = [];
  let structureFrom = 0;
  const keyword = /\bstream(\r\n|\n|\r)/g;
  for (let m = keyword.exec(text); m; m = keyword.exec(text)) {
    const dictEnd = text.lastIndexOf('>>', m.index);
    const objAt = text.lastIndexOf(' obj', m.index);
    if (dictEnd < 0 || objAt < 0 || m.index - objAt > MAX_DICT) continue;
    const dict = text.slice(objAt, dictEnd + 2);
    const start = m.index + m[0].length;
    const length = /\/Length\s+(\d{1,10})(?!\s+\d+\s+R)/.exec(dict);
    let end = length ? start + Number(length[1]) : -1;
    if (end < start || end > buf.length || !/^\s*endstream/.test(text.slice(end, end + 12))) {
      end = text.indexOf('endstream', start);
    }
    if (end < 0) return 'a stream without endstream';
    structure.push(text.slice(structureFrom, start));
    structureFrom = end;
    keyword.lastIndex = end;
    if (!/\/FlateDecode/.test(dict) || /\/Subtype\s*\/Image/.test(dict)) continue;
    let inflated: Buffer;
    try {
      inflated = inflateSync(buf.subarray(start, end), { maxOutputLength: Math.max(1, budget) });
    } catch (error) {
      if (
        error instanceof RangeError ||
        (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE'
      )
        return 'compressed streams too large to inspect';
      continue; // a damaged stream: viewers skip it too
    }
    budget -= inflated.length;
    if (budget <= 0) return 'compressed streams too large to inspect';
    const lower = asciiLower(inflated);
    const hostile =
      findHostileContent(inflated, lower) ??
      (/\/Type\s*\/ObjStm/.test(dict) ? findActiveName(lower.toString('latin1')) : null);
    if (hostile) return `a compressed stream carries ${hostile}`;
  }
  structure.push(text.slice(structureFrom));
  const active = findActiveName(
    asciiLower(Buffer.from(structure.join('\n'), 'latin1')).toString('latin1'),
  );
  return active ? `active content ${active}` : null;
}

/** Why the bytes are not a plain PDF document, or null when they are. */
export function pdfProblem(buf: Buffer): string | null {
  if (!/^%PDF-[12]\.\d/.test(buf.subarray(0, 8).toString('latin1'))) return 'bad PDF header';
  const hostile = findHostileContent(buf);
  if (hostile) return `the file carries ${hostile}`;
  const text = buf.toString('latin1');
  return checkTail(buf, text) ?? checkStreams(buf, text);
}

import { inflateRawSync } from 'node:zlib';

/** Word or Excel (OOXML): a zip whose parts are only the ones such a document is made of. */
export type OoxmlKind = 'docx' | 'xlsx';

const MAX_ENTRIES = 5000;
const MAX_CONTENT_TYPES = 1024 * 1024;
/** An embedded workbook (a chart's data) is inflated to be checked in turn, up to this size. */
const MAX_EMBEDDED = 20 * 1024 * 1024;
/** Bytes a data descriptor may add after an entry's data (signature, CRC, two sizes). */
const MAX_DESCRIPTOR = 24;

const MAIN_PART: Record<OoxmlKind, { dir: string; main: string; contentTypes: RegExp }> = {
  docx: {
    dir: 'word/',
    main: 'word/document.xml',
    contentTypes: /wordprocessingml\.(document|template)\.main\+xml/,
  },
  xlsx: {
    dir: 'xl/',
    main: 'xl/workbook.xml',
    contentTypes: /spreadsheetml\.(sheet|template)\.main\+xml/,
  },
};

/** Parts of a document: XML, relationships, pictures, fonts and legacy drawings. */
const PART_EXTENSIONS = new Set([
  'xml',
  'rels',
  'png',
  'jpg',
  'jpeg',
  'jpe',
  'jfif',
  'gif',
  'bmp',
  'tif',
  'tiff',
  'emf',
  'wmf',
  'svg',
  'webp',
  'wdp',
  'odttf',
  'fntdata',
  'ttf',
  'vml',
]);

/** Plain ASCII path segments; no `..`, no absolute or backslashed names. */
const SAFE_NAME = /^(?:[A-Za-z0-9_\-[\]. ]+\/)*[A-Za-z0-9_\-[\]. ]*$/;

interface Entry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  localOffset: number;
}

/** Reads the central directory; refuses anything a plain Office zip never has. */
function readEntries(buf: Buffer): { entries: Entry[]; cdOffset: number } | string {
  const from = Math.max(0, buf.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buf.length - 22; i >= from; i--) {
    if (buf.readUInt32LE(i) === 0x06054b50 && i + 22 + buf.readUInt16LE(i + 20) === buf.length) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return 'no end of central directory at the end of the file';
  if (buf.readUInt16LE(eocd + 4) !== 0 || buf.readUInt16LE(eocd + 6) !== 0)
    return 'a multi-disk zip';
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0 || count > MAX_ENTRIES || count !== buf.readUInt16LE(eocd + 8))
    return 'a bad entry count';
  if (cdOffset + cdSize !== eocd) return 'data between the entries and the central directory';
  const entries: Entry[] = [];
  let at = cdOffset;
  for (let n = 0; n < count; n++) {
    if (at + 46 > eocd || buf.readUInt32LE(at) !== 0x02014b50) return 'a damaged central directory';
    const nameLength = buf.readUInt16LE(at + 28);
    const next = at + 46 + nameLength + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
    if (next > eocd) return 'a damaged central directory';
    entries.push({
      flags: buf.readUInt16LE(at + 8),
      method: buf.readUInt16LE(at + 10),
      compressedSize: buf.readUInt32LE(at + 20),
      localOffset: buf.readUInt32LE(at + 42),
      name: buf.toString('latin1', at + 46, at + 46 + nameLength),
    });
    at = next;
  }
  if (at !== eocd) return 'a damaged central directory';
  return { entries, cdOffset };
}

/** Every byte before the central directory belongs to an entry: nothing hides between them. */
function checkLayout(buf: Buffer, entries: Entry[], cdOffset: number): string | null {
  const byOffset = [...entries].sort((a, b) => a.localOffset - b.localOffset);
  let expected = 0;
  for (const entry of byOffset) {
    const at = entry.localOffset;
    if (at < expected || at - expected > MAX_DESCRIPTOR || (expected === 0 && at !== 0))
      return 'data outside the zip entries';
    if (at + 30 > cdOffset || buf.readUInt32LE(at) !== 0x04034b50) return 'a damaged local header';
    const nameLength = buf.readUInt16LE(at + 26);
    if (buf.toString('latin1', at + 30, at + 30 + nameLength) !== entry.name)
      return 'local and central names differ';
    expected = at + 30 + nameLength + buf.readUInt16LE(at + 28) + entry.compressedSize;
    if (expected > cdOffset) return 'an entry runs past the central directory';
  }
  return cdOffset - expected > MAX_DESCRIPTOR ? 'data outside the zip entries' : null;
}

function entryData(buf: Buffer, entry: Entry, max: number): Buffer | string {
  const at = entry.localOffset;
  const start = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
  const raw = buf.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return raw.length <= max ? raw : 'a part too large';
  try {
    return inflateRawSync(raw, { maxOutputLength: max });
  } catch {
    return `the part ${entry.name} cannot be read`;
  }
}

/** Why a part name does not belong in a plain document of this kind, or null. */
function partProblem(name: string, kind: OoxmlKind, nested: boolean): string | null {
  if (!SAFE_NAME.test(name) || name.split('/').some((s) => s === '..' || s === '.'))
    return `a part with an unsafe name (${name})`;
  if (name.endsWith('/')) return null;
  const lower = name.toLowerCase();
  if (/vbaproject|vbadata|activex|oleobject|\/macros\//.test(lower))
    return `macros or embedded objects (${name})`;
  if (lower === '[content_types].xml') return null;
  const dir = MAIN_PART[kind].dir;
  const inPlace =
    lower.startsWith(dir) ||
    lower.startsWith('_rels/') ||
    lower.startsWith('docprops/') ||
    lower.startsWith('customxml/');
  if (!inPlace) return `a part outside the document (${name})`;
  const ext = lower.includes('.') ? lower.slice(lower.lastIndexOf('.') + 1) : '';
  if (PART_EXTENSIONS.has(ext)) return null;
  if (ext === 'bin' && new RegExp(`^${dir}printersettings/printersettings\\d+\\.bin$`).test(lower))
    return null;
  if (ext === 'xlsx' && !nested && lower.startsWith(`${dir}embeddings/`)) return null;
  return `a part of a type a document does not hold (${name})`;
}

/**
 * The kind of a plain Word or Excel document, or why it is not one: a consistent zip with
 * `[Content_Types].xml`, the main part, only document parts (no macros, ActiveX, OLE objects,
 * programs or scripts), and no data hidden between entries. An embedded workbook (a chart's
 * data) is checked the same way.
 */
export function ooxmlCheck(buf: Buffer, nested = false): { kind: OoxmlKind } | { problem: string } {
  if (buf.length < 22 || buf.readUInt32LE(0) !== 0x04034b50) return { problem: 'not a zip' };
  const directory = readEntries(buf);
  if (typeof directory === 'string') return { problem: directory };
  const { entries, cdOffset } = directory;
  const names = new Set<string>();
  for (const e of entries) {
    if (names.has(e.name.toLowerCase())) return { problem: `a duplicate part (${e.name})` };
    names.add(e.name.toLowerCase());
    if (e.flags & 1) return { problem: 'an encrypted part' };
    if (e.method !== 0 && e.method !== 8) return { problem: 'an unknown compression method' };
  }
  const kind: OoxmlKind | null = names.has('word/document.xml')
    ? 'docx'
    : names.has('xl/workbook.xml')
      ? 'xlsx'
      : null;
  if (!kind) return { problem: 'no word/document.xml or xl/workbook.xml' };
  if (!names.has('[content_types].xml') || !names.has('_rels/.rels'))
    return { problem: 'no [Content_Types].xml or _rels/.rels' };
  const layout = checkLayout(buf, entries, cdOffset);
  if (layout) return { problem: layout };
  for (const e of entries) {
    const problem = partProblem(e.name, kind, nested);
    if (problem) return { problem };
  }
  const types = entries.find((e) => e.name.toLowerCase() === '[content_types].xml');
  const xml = types ? entryData(buf, types, MAX_CONTENT_TYPES) : 'no [Content_Types].xml';
  if (typeof xml === 'string') return { problem: xml };
  const text = xml.toString('utf8');
  if (/macroenabled|vbaproject/i.test(text)) return { problem: 'a macro-enabled document' };
  if (!MAIN_PART[kind].contentTypes.test(text))
    return { problem: `[Content_Types].xml does not declare ${MAIN_PART[kind].main}` };
  for (const e of entries) {
    if (!e.name.toLowerCase().endsWith('.xlsx')) continue;
    const inner = entryData(buf, e, MAX_EMBEDDED);
    if (typeof inner === 'string') return { problem: inner };
    const check = ooxmlCheck(inner, true);
    if ('problem' in check) return { problem: `the embedded ${e.name}: ${check.problem}` };
  }
  return { kind };
}

import { crc32, deflateRawSync, deflateSync } from 'node:zlib';

/**
 * Small, structurally valid evidence files, and the hostile variants the upload check must
 * refuse (polyglots carrying a program or a web page, macro documents, embedded packages).
 */

const latin1 = (s: string): Buffer => Buffer.from(s, 'latin1');

/** The first bytes of a Windows program: MZ, e_lfanew at 0x3c, "PE\0\0" where it points. */
export function windowsProgram(): Buffer {
  const exe = Buffer.alloc(0x200);
  exe.write('MZ', 0, 'latin1');
  exe.writeUInt32LE(0x80, 0x3c);
  exe.write('PE\0\0', 0x80, 'latin1');
  exe.writeUInt16LE(0x14c, 0x84);
  return exe;
}

/** The first bytes of a Linux program (64-bit little-endian ELF). */
export function linuxProgram(): Buffer {
  return Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(56)]);
}

export const HTML_PAGE = latin1(
  '<!DOCTYPE html><html><body><script>fetch("/graphql")</script></body></html>',
);

export interface PdfOptions {
  /** More objects after the page's (numbered from 5). */
  objects?: Array<string | Buffer>;
  /** Bytes between the header and the first object. */
  afterHeader?: Buffer;
  /** Bytes after %%EOF. */
  trailing?: Buffer;
  /** Leave out the cross-reference table and trailer. */
  noXref?: boolean;
}

/** A one-page PDF with a correct cross-reference table. */
export function pdf(options: PdfOptions = {}): Buffer {
  const content = latin1('BT /F1 12 Tf 72 720 Td (Evidence) Tj ET');
  const objects: Array<string | Buffer> = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>',
    Buffer.concat([
      latin1(`<< /Length ${content.length} >>\nstream\n`),
      content,
      latin1('\nendstream'),
    ]),
    ...(options.objects ?? []),
  ];
  const parts: Buffer[] = [latin1('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n')];
  if (options.afterHeader) parts.push(options.afterHeader);
  const offsets: number[] = [];
  let length = parts.reduce((n, p) => n + p.length, 0);
  objects.forEach((body, i) => {
    const bytes = Buffer.concat([
      latin1(`${i + 1} 0 obj\n`),
      typeof body === 'string' ? latin1(body) : body,
      latin1('\nendobj\n'),
    ]);
    offsets.push(length);
    parts.push(bytes);
    length += bytes.length;
  });
  if (!options.noXref) {
    const xref = [
      'xref',
      `0 ${objects.length + 1}`,
      '0000000000 65535 f ',
      ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n `),
      'trailer',
      `<< /Size ${objects.length + 1} /Root 1 0 R >>`,
      'startxref',
      String(length),
      '%%EOF',
      '',
    ].join('\n');
    parts.push(latin1(xref));
  } else {
    parts.push(latin1('%%EOF\n'));
  }
  if (options.trailing) parts.push(options.trailing);
  return Buffer.concat(parts);
}

/** A PDF object holding a Flate stream with the given dictionary entries and data. */
export function flateStreamObject(dict: string, data: Buffer): Buffer {
  const packed = deflateSync(data);
  return Buffer.concat([
    latin1(`<< ${dict} /Filter /FlateDecode /Length ${packed.length} >>\nstream\n`),
    packed,
    latin1('\nendstream'),
  ]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A 1×1 red PNG; `extraChunks` go before IEND, `trailing` after it. */
export function png(extraChunks: Buffer[] = [], trailing?: Buffer): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0);
  ihdr.writeUInt32BE(1, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(Buffer.from([0, 255, 0, 0]))),
    ...extraChunks,
    pngChunk('IEND', Buffer.alloc(0)),
    ...(trailing ? [trailing] : []),
  ]);
}

export { pngChunk };

const segment = (marker: number, data: number[]): Buffer =>
  Buffer.from([0xff, marker, (data.length + 2) >> 8, (data.length + 2) & 0xff, ...data]);

/** The segments of a baseline JPEG (1×1, one component), with `trailing` after EOI. */
export function jpeg(trailing?: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    segment(0xdb, [0, ...new Array<number>(64).fill(1)]),
    segment(0xc0, [8, 0, 1, 0, 1, 1, 1, 0x11, 0]),
    segment(0xc4, [0, ...new Array<number>(16).fill(0).map((_, i) => (i === 0 ? 1 : 0)), 0]),
    segment(0xda, [1, 1, 0, 0, 0x3f, 0]),
    Buffer.from([0x12, 0xff, 0x00, 0x34, 0xff, 0xd9]),
    ...(trailing ? [trailing] : []),
  ]);
}

/** A 1×1 GIF89a; `trailing` after its trailer. */
export function gif(trailing?: Buffer): Buffer {
  return Buffer.concat([
    latin1('GIF89a'),
    Buffer.from([1, 0, 1, 0, 0x80, 0, 0]),
    Buffer.from([0, 0, 0, 255, 255, 255]),
    Buffer.from([0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0]),
    Buffer.from([2, 2, 0x4c, 0x01, 0]),
    Buffer.from([0x3b]),
    ...(trailing ? [trailing] : []),
  ]);
}

/** A RIFF/WEBP container with one lossless image chunk. */
export function webp(): Buffer {
  const vp8l = Buffer.concat([latin1('VP8L'), Buffer.from([6, 0, 0, 0]), Buffer.alloc(6)]);
  const head = Buffer.alloc(12);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(4 + vp8l.length, 4);
  head.write('WEBP', 8, 'latin1');
  return Buffer.concat([head, vp8l]);
}

export interface ZipEntry {
  name: string;
  data: Buffer | string;
  /** Stored (method 0) instead of deflated. */
  stored?: boolean;
  /**
   * Already deflated: `data` is written as it is, with this uncompressed size and CRC 0 (a ZIP
   * bomb's entry, deflated off the event loop by the caller).
   */
  inflatedSize?: number;
}

/** A zip with the given entries; `gap` is put between the entries and the central directory. */
export function zip(entries: ZipEntry[], gap?: Buffer): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const given = typeof entry.data === 'string' ? Buffer.from(entry.data, 'utf8') : entry.data;
    const predeflated = entry.inflatedSize !== undefined;
    const raw = predeflated ? Buffer.alloc(0) : given;
    const data = entry.stored || predeflated ? given : deflateRawSync(raw);
    const size = entry.inflatedSize ?? raw.length;
    const name = Buffer.from(entry.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(entry.stored ? 0 : 8, 8);
    local.writeUInt32LE(predeflated ? 0 : crc32(raw), 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(entry.stored ? 0 : 8, 10);
    central.writeUInt32LE(predeflated ? 0 : crc32(raw), 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += 30 + name.length + data.length;
  }
  if (gap) {
    locals.push(gap);
    offset += gap.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

const CONTENT_TYPES = (main: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/${main}" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;

/** The parts of a minimal Word document; more entries may be added. */
export function docxEntries(contentTypes = CONTENT_TYPES('word/document.xml')): ZipEntry[] {
  return [
    { name: '[Content_Types].xml', data: contentTypes },
    {
      name: '_rels/.rels',
      data: '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    },
    {
      name: 'word/document.xml',
      data: '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>佐证</w:t></w:r></w:p></w:body></w:document>',
    },
  ];
}

export function docx(extra: ZipEntry[] = []): Buffer {
  return zip([...docxEntries(), ...extra]);
}

export interface CfbStream {
  name: string;
  data: Buffer;
  /** 1 for a storage, 2 (default) for a stream. */
  type?: 1 | 2;
}

/**
 * An OLE compound file (version 3, 512-byte sectors) with the given streams in its root storage,
 * each padded to at least 4096 bytes so it lives in regular sectors.
 */
export function compoundFile(streams: CfbStream[]): Buffer {
  const sector = 512;
  const parts = streams.map((s) => {
    const data =
      s.type === 1
        ? Buffer.alloc(0)
        : Buffer.concat([s.data, Buffer.alloc(Math.max(0, 4096 - s.data.length))]);
    return { stream: s, data, sectors: Math.ceil(data.length / sector), start: 0 };
  });
  const dirSectors = Math.ceil((streams.length + 1) / 4);
  const total = 1 + dirSectors + parts.reduce((a, p) => a + p.sectors, 0);
  const fat = Buffer.alloc(sector, 0xff);
  fat.writeUInt32LE(0xfffffffd, 0); // the FAT's own sector
  for (let i = 0; i < dirSectors; i++)
    fat.writeUInt32LE(i === dirSectors - 1 ? 0xfffffffe : 2 + i, (1 + i) * 4);
  let next = 1 + dirSectors;
  for (const part of parts) {
    const count = part.sectors;
    part.start = count ? next : 0xfffffffe;
    for (let i = 0; i < count; i++)
      fat.writeUInt32LE(i === count - 1 ? 0xfffffffe : next + i + 1, (next + i) * 4);
    next += count;
  }
  if (total > sector / 4) throw new Error('compoundFile: too many sectors for one FAT sector');
  const dir = Buffer.alloc(dirSectors * sector);
  const entry = (index: number, name: string, type: number, start: number, size: number): void => {
    const at = index * 128;
    dir.write(name, at, 'utf16le');
    dir.writeUInt16LE((name.length + 1) * 2, at + 64);
    dir[at + 66] = type;
    dir[at + 67] = 1;
    dir.writeUInt32LE(0xffffffff, at + 68);
    dir.writeUInt32LE(index < streams.length && index > 0 ? index + 1 : 0xffffffff, at + 72);
    dir.writeUInt32LE(index === 0 && streams.length ? 1 : 0xffffffff, at + 76);
    dir.writeUInt32LE(start, at + 116);
    dir.writeUInt32LE(size, at + 120);
  };
  entry(0, 'Root Entry', 5, 0xfffffffe, 0);
  parts.forEach((p, i) => entry(i + 1, p.stream.name, p.stream.type ?? 2, p.start, p.data.length));
  const header = Buffer.alloc(sector);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x3e, 24);
  header.writeUInt16LE(3, 26);
  header.writeUInt16LE(0xfffe, 28);
  header.writeUInt16LE(9, 30);
  header.writeUInt16LE(6, 32);
  header.writeUInt32LE(1, 44); // one FAT sector
  header.writeUInt32LE(1, 48); // directory starts at sector 1
  header.writeUInt32LE(4096, 56);
  header.writeUInt32LE(0xfffffffe, 60);
  header.writeUInt32LE(0xfffffffe, 68);
  header.fill(0xff, 76, 512);
  header.writeUInt32LE(0, 76); // the FAT is sector 0
  const padded = parts.map((p) =>
    Buffer.concat([p.data, Buffer.alloc(p.sectors * sector - p.data.length)]),
  );
  return Buffer.concat([header, fat, dir, ...padded]);
}

/** A legacy Word file: a compound file with a WordDocument stream. */
export function doc(extra: CfbStream[] = []): Buffer {
  return compoundFile([
    { name: 'WordDocument', data: Buffer.from([0xec, 0xa5, 0xc1, 0]) },
    ...extra,
  ]);
}

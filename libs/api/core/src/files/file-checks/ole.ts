/** Legacy Word or Excel: an OLE compound file whose directory holds the document's stream. */
export type OleKind = 'doc' | 'xls';

const SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const END_OF_CHAIN = 0xfffffffe;
const FREE = 0xffffffff;
const MAX_REGULAR = 0xfffffffa;
const MAX_DIRECTORY_ENTRIES = 10_000;

/**
 * Storages and streams a plain document never needs: VBA macros (`Macros`, `_VBA_PROJECT_CUR`,
 * `VBA`) and OLE packages (`\x01Ole10Native`, which carry arbitrary files such as programs).
 */
const REFUSED = new Set(['macros', '_vba_project_cur', '_vba_project', 'vba', '\u0001ole10native']);

/** Follows a sector chain through the FAT, refusing loops and sectors outside the file. */
function chain(fat: Uint32Array, start: number, sectors: number): number[] | string {
  const out: number[] = [];
  const seen = new Set<number>();
  for (let s = start; s !== END_OF_CHAIN;) {
    const next = fat[s];
    if (s > MAX_REGULAR || s >= sectors || next === undefined) return 'a chain leaves the file';
    if (seen.has(s)) return 'a chain loops';
    seen.add(s);
    out.push(s);
    s = next;
  }
  return out;
}

/**
 * The kind of a legacy Word or Excel file, or why it is not one: a consistent header, FAT and
 * directory, a `WordDocument` or `Workbook`/`Book` stream, and no macros or OLE packages.
 * Every loop is bounded by the file's sector count.
 */
export function oleCheck(buf: Buffer): { kind: OleKind } | { problem: string } {
  if (buf.length < 1024 || buf.compare(SIGNATURE, 0, 8, 0, 8) !== 0)
    return { problem: 'not a compound file' };
  const major = buf.readUInt16LE(26);
  const shift = buf.readUInt16LE(30);
  if (
    buf.readUInt16LE(28) !== 0xfffe ||
    !((major === 3 && shift === 9) || (major === 4 && shift === 12))
  )
    return { problem: 'a bad compound file header' };
  if (buf.readUInt16LE(32) !== 6 || buf.readUInt32LE(56) !== 4096)
    return { problem: 'a bad compound file header' };
  const size = 1 << shift;
  const sectors = Math.floor((buf.length - size) / size);
  const offset = (s: number): number => (s + 1) * size;
  const fatCount = buf.readUInt32LE(44);
  if (fatCount === 0 || fatCount > Math.ceil(sectors / (size / 4)) + 1)
    return { problem: 'a bad FAT size' };
  // The FAT's own sectors: 109 in the header, the rest in the DIFAT chain.
  const fatSectors: number[] = [];
  for (let i = 0; i < Math.min(109, fatCount); i++) fatSectors.push(buf.readUInt32LE(76 + i * 4));
  let difat = buf.readUInt32LE(68);
  const seen = new Set<number>();
  while (fatSectors.length < fatCount) {
    if (difat >= sectors || seen.has(difat)) return { problem: 'a bad DIFAT chain' };
    seen.add(difat);
    const base = offset(difat);
    for (let i = 0; i < size / 4 - 1 && fatSectors.length < fatCount; i++)
      fatSectors.push(buf.readUInt32LE(base + i * 4));
    difat = buf.readUInt32LE(base + size - 4);
  }
  const fat = new Uint32Array(fatCount * (size / 4));
  for (const [i, s] of fatSectors.entries()) {
    if (s >= sectors) return { problem: 'a FAT sector outside the file' };
    for (let j = 0; j < size / 4; j++)
      fat[i * (size / 4) + j] = buf.readUInt32LE(offset(s) + j * 4);
  }
  const directory = chain(fat, buf.readUInt32LE(48), sectors);
  if (typeof directory === 'string') return { problem: `directory: ${directory}` };
  if (directory.length * (size / 128) > MAX_DIRECTORY_ENTRIES)
    return { problem: 'too many directory entries' };
  const streams = new Set<string>();
  let root = false;
  for (const [n, s] of directory.entries()) {
    for (let e = 0; e < size / 128; e++) {
      const at = offset(s) + e * 128;
      const type = buf[at + 66];
      if (type === 0) continue;
      const nameBytes = buf.readUInt16LE(at + 64);
      if (nameBytes < 2 || nameBytes > 64 || nameBytes % 2)
        return { problem: 'a bad directory entry' };
      const name = buf.toString('utf16le', at, at + nameBytes - 2);
      if (n === 0 && e === 0) {
        if (type !== 5) return { problem: 'no root entry' };
        root = true;
        continue;
      }
      if (type !== 1 && type !== 2) return { problem: 'a bad directory entry' };
      const lower = name.toLowerCase();
      if (REFUSED.has(lower))
        return { problem: `macros or an embedded package (${JSON.stringify(name)})` };
      if (type === 2) {
        const start = buf.readUInt32LE(at + 116);
        const streamSize = buf.readUInt32LE(at + 120);
        if (streamSize >= 4096 && start !== END_OF_CHAIN && start !== FREE) {
          const sectorsOf = chain(fat, start, sectors);
          if (typeof sectorsOf === 'string') return { problem: `stream ${name}: ${sectorsOf}` };
          if (sectorsOf.length * size < streamSize)
            return { problem: `stream ${name} is cut short` };
        }
        streams.add(name);
      }
    }
  }
  if (!root) return { problem: 'no root entry' };
  if (streams.has('WordDocument')) return { kind: 'doc' };
  if (streams.has('Workbook') || streams.has('Book')) return { kind: 'xls' };
  return { problem: 'no WordDocument or Workbook stream' };
}

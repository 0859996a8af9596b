/**
 * The checks an upload passes before exceljs sees it, run in the reader's worker thread.
 *
 * exceljs unzips with JSZip, which inflates every part in full and cannot be given an output
 * budget, so a small file inflating to gigabytes would exhaust the worker before any limit of
 * ours applies. We therefore walk the ZIP ourselves first: count the entries in the central
 * directory, then inflate every entry with a streaming node:zlib inflater that counts the bytes it
 * actually produces and stops past the limit, discarding the output as it goes (so memory stays
 * flat). The sizes the headers declare are never relied on: a declared total over the limit is
 * refused early, but an honest-looking header gains nothing, since the real bytes are counted.
 * Feeding exceljs from our own unzip instead would mean rebuilding the package for it; inflating
 * twice costs about 20 ms for a 5,000-row checklist, so the simpler pre-scan wins.
 *
 * The same pass counts the merged ranges and cells of each worksheet part (<mergeCell
 * ref="A1:K1"/>): exceljs builds one cell object per merged cell, so one merge over a million rows
 * would exhaust the worker's memory, and it checks each new range against every earlier one, so
 * 100,000 small merges would keep it busy for hours; both are refused with a useful message.
 */
import { createInflateRaw } from 'node:zlib';
import { WorkbookFailure, type WorkbookLimits } from './limits';

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  localOffset: number;
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_END = 0x06064b50;
const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const MAX_COMMENT = 0xffff;
const MAX_32 = 0xffffffff;

interface Directory {
  offset: number;
  entries: number;
}

function findDirectory(bytes: Buffer): Directory | null {
  const last = bytes.length - 22;
  const first = Math.max(0, last - MAX_COMMENT);
  for (let at = last; at >= first; at -= 1) {
    if (bytes.readUInt32LE(at) !== END_OF_CENTRAL_DIRECTORY) continue;
    const entries = bytes.readUInt16LE(at + 10);
    const offset = bytes.readUInt32LE(at + 16);
    if (entries !== 0xffff && offset !== MAX_32) return { offset, entries };
    // ZIP64: the real values are in the ZIP64 end record, found through the locator before us.
    const locator = at - 20;
    if (locator < 0 || bytes.readUInt32LE(locator) !== ZIP64_LOCATOR) {
      // No ZIP64 record: 0xFFFF entries is a count like any other (and a lot of entries).
      return offset === MAX_32 ? null : { offset, entries };
    }
    const end = Number(bytes.readBigUInt64LE(locator + 8));
    if (end + 56 > bytes.length || bytes.readUInt32LE(end) !== ZIP64_END) return null;
    return {
      entries: Number(bytes.readBigUInt64LE(end + 32)),
      offset: Number(bytes.readBigUInt64LE(end + 48)),
    };
  }
  return null;
}

/**
 * Values from a ZIP64 extra field (id 1): the 64-bit uncompressed size, compressed size and local
 * header offset, each present only when its 32-bit field holds 0xFFFFFFFF.
 */
function zip64Values(bytes: Buffer, start: number, length: number, wanted: number): number[] {
  let at = start;
  while (at + 4 <= start + length) {
    const id = bytes.readUInt16LE(at);
    const size = bytes.readUInt16LE(at + 2);
    if (id === 0x0001 && size >= wanted * 8 && at + 4 + wanted * 8 <= bytes.length) {
      return Array.from({ length: wanted }, (_, i) =>
        Number(bytes.readBigUInt64LE(at + 4 + i * 8)),
      );
    }
    at += 4 + size;
  }
  throw new WorkbookFailure('CORRUPT');
}

/** The entries of the central directory; refuses anything that is not a plain .xlsx package. */
function readDirectory(bytes: Buffer, limits: WorkbookLimits): ZipEntry[] {
  if (bytes.length === 0) throw new WorkbookFailure('EMPTY');
  if (bytes.length > limits.maxFileBytes) throw new WorkbookFailure('FILE_TOO_LARGE');
  if (bytes.length >= 8 && OLE_SIGNATURE.every((byte, index) => bytes[index] === byte)) {
    throw new WorkbookFailure('OLD_FORMAT_OR_ENCRYPTED');
  }
  if (bytes.length < 22 || bytes.readUInt32LE(0) !== LOCAL_HEADER) {
    throw new WorkbookFailure('NOT_XLSX');
  }
  const directory = findDirectory(bytes);
  if (!directory || directory.offset >= bytes.length) throw new WorkbookFailure('CORRUPT');
  if (directory.entries > limits.maxEntries) throw new WorkbookFailure('TOO_MANY_ENTRIES');

  const entries: ZipEntry[] = [];
  let declared = 0;
  let at = directory.offset;
  // Walk every record there is, not the count the end record declares: JSZip reads on while the
  // signatures continue, so a file declaring 10 entries and holding 100,000 must be caught here.
  while (at + 4 <= bytes.length && bytes.readUInt32LE(at) === CENTRAL_HEADER) {
    if (entries.length >= limits.maxEntries) throw new WorkbookFailure('TOO_MANY_ENTRIES');
    if (at + 46 > bytes.length) throw new WorkbookFailure('CORRUPT');
    const flags = bytes.readUInt16LE(at + 8);
    const method = bytes.readUInt16LE(at + 10);
    const fields: [number, number, number] = [
      bytes.readUInt32LE(at + 24),
      bytes.readUInt32LE(at + 20),
      bytes.readUInt32LE(at + 42),
    ];
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    const nameStart = at + 46;
    if (nameStart + nameLength + extraLength > bytes.length) throw new WorkbookFailure('CORRUPT');
    if ((flags & 0x1) !== 0 || (method !== 0 && method !== 8)) {
      throw new WorkbookFailure('ENCRYPTED_ENTRY');
    }
    const overflowed = fields.filter((value) => value === MAX_32).length;
    const values =
      overflowed > 0 ? zip64Values(bytes, nameStart + nameLength, extraLength, overflowed) : [];
    // The zip64 extra field holds one value per overflowed field, in field order.
    const widened = (value: number): number => {
      if (value !== MAX_32) return value;
      const wide = values.shift();
      if (wide === undefined) throw new WorkbookFailure('CORRUPT');
      return wide;
    };
    const declaredSize = widened(fields[0]);
    const compressedSize = widened(fields[1]);
    const localOffset = widened(fields[2]);
    declared += declaredSize;
    // Part names are case-insensitive in OOXML; a leading '/' is tolerated.
    const name = bytes
      .toString('utf8', nameStart, nameStart + nameLength)
      .replace(/^\//, '')
      .toLowerCase();
    entries.push({ name, method, compressedSize, localOffset });
    at = nameStart + nameLength + extraLength + commentLength;
  }
  if (entries.length < directory.entries) throw new WorkbookFailure('CORRUPT');
  const names = new Set(entries.map((entry) => entry.name));
  if (!names.has('[content_types].xml') || !names.has('xl/workbook.xml')) {
    throw new WorkbookFailure('NOT_XLSX');
  }
  // Cheap early refusal of a file that admits being huge; the real count happens while inflating.
  if (declared > limits.maxInflatedBytes) throw new WorkbookFailure('INFLATED_TOO_LARGE');
  return entries;
}

/** The compressed bytes of one entry, located through its local header. */
function entryData(bytes: Buffer, entry: ZipEntry): Buffer {
  const at = entry.localOffset;
  if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== LOCAL_HEADER) {
    throw new WorkbookFailure('CORRUPT');
  }
  const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw new WorkbookFailure('CORRUPT');
  return bytes.subarray(start, end);
}

/**
 * Inflates `data`, handing each chunk to `onChunk` and counting its bytes; fails as soon as the
 * count passes `budget`. Resolves with the number of bytes produced.
 */
function inflateCounted(
  data: Buffer,
  budget: number,
  onChunk: ((chunk: Buffer) => void) | null,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const inflater = createInflateRaw({ chunkSize: 64 * 1024 });
    let produced = 0;
    inflater.on('data', (chunk: Buffer) => {
      produced += chunk.length;
      if (produced > budget) {
        inflater.destroy();
        reject(new WorkbookFailure('INFLATED_TOO_LARGE'));
        return;
      }
      onChunk?.(chunk);
    });
    inflater.on('error', () => reject(new WorkbookFailure('CORRUPT')));
    inflater.on('end', () => resolve(produced));
    inflater.end(data);
  });
}

const MERGE_CELL = /<(?:[A-Za-z_][\w.-]*:)?mergeCell\s[^>]*?\bref\s*=\s*["']([^"']*)["']/g;
const RANGE = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})(?::\$?([A-Za-z]{1,3})\$?(\d{1,7}))?$/;
/** Longest tail kept between chunks: more than any <mergeCell> element needs. */
const CARRY = 1_024;

function columnNumber(letters: string): number {
  let n = 0;
  for (const letter of letters.toUpperCase()) n = n * 26 + (letter.charCodeAt(0) - 64);
  return n;
}

/** Cells covered by a range such as 'B3:B5' (1 for a single address, 0 for nonsense). */
export function rangeArea(ref: string): number {
  const [, firstColumn, firstRow, lastColumn, lastRow] = RANGE.exec(ref.trim()) ?? [];
  if (firstColumn === undefined || firstRow === undefined) return 0;
  const rows = Math.abs(Number(lastRow ?? firstRow) - Number(firstRow)) + 1;
  const columns = Math.abs(columnNumber(lastColumn ?? firstColumn) - columnNumber(firstColumn)) + 1;
  return rows * columns;
}

/** Counts the merged cells named in a worksheet part read chunk by chunk. */
class MergeCounter {
  ranges = 0;
  cells = 0;
  private carry = '';

  push(chunk: Buffer): void {
    // latin1 maps bytes one to one: the ASCII markup survives whatever the text around it is.
    const text = this.carry + chunk.toString('latin1');
    if (!text.includes('mergeCell')) {
      this.carry = text.slice(-CARRY);
      return;
    }
    let end = 0;
    MERGE_CELL.lastIndex = 0;
    for (let m = MERGE_CELL.exec(text); m !== null; m = MERGE_CELL.exec(text)) {
      this.ranges += 1;
      this.cells += rangeArea(m[1] ?? '');
      end = m.index + m[0].length;
    }
    this.carry = text.slice(Math.max(end, text.length - CARRY));
  }
}

const isWorksheet = (name: string): boolean =>
  name.startsWith('xl/worksheets/') && name.endsWith('.xml') && !name.includes('/_rels/');

/**
 * Refuses an upload that is not a plain .xlsx within the limits: size, entry count, bytes once
 * inflated, merged cells. Throws WorkbookFailure; resolves when the file may go to exceljs.
 */
export async function guardPackage(bytes: Buffer, limits: WorkbookLimits): Promise<void> {
  const entries = readDirectory(bytes, limits);
  let remaining = limits.maxInflatedBytes;
  let mergedCells = 0;
  let mergedRanges = 0;
  for (const entry of entries) {
    const data = entryData(bytes, entry);
    const merges = isWorksheet(entry.name) ? new MergeCounter() : null;
    if (entry.method === 0) {
      if (data.length > remaining) throw new WorkbookFailure('INFLATED_TOO_LARGE');
      remaining -= data.length;
      merges?.push(data);
    } else {
      remaining -= await inflateCounted(data, remaining, merges && ((c) => merges.push(c)));
    }
    if (merges) {
      mergedCells += merges.cells;
      mergedRanges += merges.ranges;
      if (mergedCells > limits.maxMergedCells || mergedRanges > limits.maxMergedRanges) {
        throw new WorkbookFailure('TOO_MANY_MERGED_CELLS');
      }
    }
  }
}

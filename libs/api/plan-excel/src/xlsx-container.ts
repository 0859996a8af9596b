/**
 * A cheap look at an uploaded file before exceljs parses it: is it a ZIP at all, is it an Excel
 * workbook (not a Word file or any other archive), is it encrypted, and how large would it be
 * once decompressed (a small file may inflate to gigabytes). Reads only the ZIP central directory.
 */
import { inflateRawSync } from 'node:zlib';

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** Decompressed size of all parts together; a 10,000-row checklist needs a small fraction. */
export const MAX_UNCOMPRESSED_BYTES = 150 * 1024 * 1024;

/** One file of the ZIP, from its central directory entry. */
export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

export type ContainerCheck =
  { ok: true; entries: ReadonlyMap<string, ZipEntry> } | { ok: false; message: string };

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_END = 0x06064b50;
const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const MAX_COMMENT = 0xffff;

const NOT_XLSX = '文件不是有效的 Excel 文件（.xlsx），请使用本系统提供的模板填写后上传';
const CORRUPT = '文件已损坏或不完整，无法读取，请重新保存为 .xlsx 后上传';

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
    if (entries !== 0xffff && offset !== 0xffffffff) return { offset, entries };
    // ZIP64: the real values are in the ZIP64 end record, found through the locator before us.
    const locator = at - 20;
    if (locator < 0 || bytes.readUInt32LE(locator) !== ZIP64_LOCATOR) return null;
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
function zip64Values(
  bytes: Buffer,
  start: number,
  length: number,
  wanted: number,
): number[] | null {
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
  return null;
}

/** Checks an upload is an unencrypted .xlsx of acceptable size; never throws. */
export function checkXlsxContainer(bytes: Buffer): ContainerCheck {
  if (bytes.length === 0)
    return { ok: false, message: '文件为空，请选择填写好的 Excel 文件（.xlsx）' };
  if (bytes.length > MAX_FILE_BYTES) {
    return { ok: false, message: '文件超过 10 MB，无法导入，请删除无关内容（如图片）后重试' };
  }
  if (bytes.length >= 8 && OLE_SIGNATURE.every((byte, index) => bytes[index] === byte)) {
    return {
      ok: false,
      message:
        '不支持旧版 Excel（.xls）或设置了密码的文件，请在 Excel 中“另存为”不加密的 .xlsx 格式后上传',
    };
  }
  if (bytes.length < 22 || bytes.readUInt32LE(0) !== LOCAL_HEADER) {
    return { ok: false, message: NOT_XLSX };
  }
  const directory = findDirectory(bytes);
  if (!directory || directory.offset >= bytes.length) return { ok: false, message: CORRUPT };

  const entries = new Map<string, ZipEntry>();
  let uncompressed = 0;
  let at = directory.offset;
  for (let index = 0; index < directory.entries; index += 1) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== CENTRAL_HEADER) {
      return { ok: false, message: CORRUPT };
    }
    const flags = bytes.readUInt16LE(at + 8);
    const method = bytes.readUInt16LE(at + 10);
    const fields = [
      bytes.readUInt32LE(at + 24),
      bytes.readUInt32LE(at + 20),
      bytes.readUInt32LE(at + 42),
    ];
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    const nameStart = at + 46;
    if (nameStart + nameLength + extraLength > bytes.length) return { ok: false, message: CORRUPT };
    if ((flags & 0x1) !== 0 || (method !== 0 && method !== 8)) {
      return {
        ok: false,
        message: '文件已加密或使用了不支持的压缩方式，请另存为普通 .xlsx 后上传',
      };
    }
    const overflowed = fields.filter((value) => value === 0xffffffff).length;
    if (overflowed > 0) {
      const values = zip64Values(bytes, nameStart + nameLength, extraLength, overflowed);
      if (values === null) return { ok: false, message: CORRUPT };
      let next = 0;
      for (let i = 0; i < fields.length; i += 1) {
        if (fields[i] === 0xffffffff) fields[i] = values[next++];
      }
    }
    const [uncompressedSize, compressedSize, localOffset] = fields;
    uncompressed += uncompressedSize;
    // Part names are case-insensitive in OOXML; a leading '/' is tolerated.
    const name = bytes
      .toString('utf8', nameStart, nameStart + nameLength)
      .replace(/^\//, '')
      .toLowerCase();
    entries.set(name, { name, method, compressedSize, uncompressedSize, localOffset });
    at = nameStart + nameLength + extraLength + commentLength;
  }
  if (!entries.has('[content_types].xml') || !entries.has('xl/workbook.xml')) {
    return { ok: false, message: NOT_XLSX };
  }
  if (uncompressed > MAX_UNCOMPRESSED_BYTES) {
    return { ok: false, message: '文件解压后内容过大，无法导入，请检查是否包含大量空行或图片' };
  }
  return { ok: true, entries };
}

/** The uncompressed bytes of one entry; throws on a damaged entry. */
export function extractEntry(bytes: Buffer, entry: ZipEntry): Buffer {
  const at = entry.localOffset;
  if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== LOCAL_HEADER) {
    throw new Error(`damaged local header: ${entry.name}`);
  }
  const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw new Error(`truncated entry: ${entry.name}`);
  const data = bytes.subarray(start, end);
  if (entry.method === 0) return data;
  return inflateRawSync(data, { maxOutputLength: MAX_UNCOMPRESSED_BYTES });
}

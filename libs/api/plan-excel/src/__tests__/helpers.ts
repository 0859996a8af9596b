/** Builders for the .xlsx files used in the tests (real files written by exceljs). */
import { Workbook, type CellValue, type Worksheet } from 'exceljs';
import type { ColumnKey } from '../columns';

export const HEADERS = [
  '序号',
  '类别',
  '工作任务',
  '具体要求',
  '牵头单位',
  '配合单位',
  '完成时限',
  '适用层级',
  '分值',
  '佐证材料',
  '量化指标',
] as const;

const KEYS: readonly ColumnKey[] = [
  'number',
  'category',
  'title',
  'description',
  'lead',
  'cooperating',
  'deadline',
  'levels',
  'weight',
  'evidence',
  'target',
];

export type TaskCells = Partial<Record<ColumnKey, CellValue>>;

/** A task row in HEADERS order; unspecified cells are filled with valid defaults. */
export function taskRow(cells: TaskCells): CellValue[] {
  const defaults: TaskCells = {
    title: '公开审计结果',
    description: '按规定公开审计结果',
    lead: '办公室',
    deadline: '6月底前',
    levels: '市、县',
    weight: 2,
  };
  const merged = { ...defaults, ...cells };
  return KEYS.map((key) => merged[key] ?? null);
}

/** Writes a workbook whose first sheet is filled by `fill`, and returns the file's bytes. */
export async function xlsx(
  fill: (sheet: Worksheet, workbook: Workbook) => void,
  sheetName = '任务清单',
): Promise<Buffer> {
  const workbook = new Workbook();
  fill(workbook.addWorksheet(sheetName), workbook);
  const data: unknown = await workbook.xlsx.writeBuffer();
  if (!Buffer.isBuffer(data)) throw new Error('exceljs did not return a Buffer');
  return data;
}

/** A sheet with the standard header in row 1 followed by the given rows. */
export function checklist(rows: CellValue[][]): Promise<Buffer> {
  return xlsx((sheet) => {
    sheet.addRow([...HEADERS]);
    rows.forEach((row) => sheet.addRow(row));
  });
}

/** Opens an .xlsx buffer with exceljs. */
export async function open(buffer: Buffer): Promise<Workbook> {
  const workbook = new Workbook();
  await workbook.xlsx.load(buffer as unknown as Parameters<Workbook['xlsx']['load']>[0]);
  return workbook;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * A minimal ZIP (stored, no compression) with the given files. `claimedSize` overrides the
 * uncompressed size written in the central directory (to imitate a ZIP bomb).
 */
export function zip(files: Record<string, string>, claimedSize?: number): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const nameBytes = Buffer.from(name, 'utf8');
    const data = Buffer.from(content, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    locals.push(local, nameBytes, data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(claimedSize ?? data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

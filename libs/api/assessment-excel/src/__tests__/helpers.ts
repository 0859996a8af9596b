/** Units and .xlsx builders for the tests (real files written by exceljs). */
import { Workbook, type CellValue, type Worksheet } from 'exceljs';
import type { AssessmentUnit } from '../unit-match';

/** A slice of Anhui's organisations (real division codes), enough for the matching cases. */
const DIVISIONS: ReadonlyArray<readonly [string, string, string, string | null]> = [
  ['34', '安徽省审计厅', 'PROVINCE', null],
  ['3401', '合肥市审计局', 'CITY', '34'],
  ['340102', '瑶海区审计局', 'COUNTY', '3401'],
  ['340103', '庐阳区审计局', 'COUNTY', '3401'],
  ['340104', '蜀山区审计局', 'COUNTY', '3401'],
  ['340111', '包河区审计局', 'COUNTY', '3401'],
  ['340121', '长丰县审计局', 'COUNTY', '3401'],
  ['340122', '肥东县审计局', 'COUNTY', '3401'],
  ['340123', '肥西县审计局', 'COUNTY', '3401'],
  ['340176', '合肥高新技术产业开发区审计局', 'COUNTY', '3401'],
  ['340177', '合肥经济技术开发区审计局', 'COUNTY', '3401'],
  ['340181', '巢湖市审计局', 'COUNTY', '3401'],
  ['3402', '芜湖市审计局', 'CITY', '34'],
  ['340202', '镜湖区审计局', 'COUNTY', '3402'],
  ['340271', '芜湖经济技术开发区审计局', 'COUNTY', '3402'],
  ['3403', '蚌埠市审计局', 'CITY', '34'],
  ['340371', '蚌埠市高新技术开发区审计局', 'COUNTY', '3403'],
  ['3407', '铜陵市审计局', 'CITY', '34'],
  ['340711', '郊区审计局', 'COUNTY', '3407'],
  ['3410', '黄山市审计局', 'CITY', '34'],
  ['341002', '屯溪区审计局', 'COUNTY', '3410'],
  ['341003', '黄山区审计局', 'COUNTY', '3410'],
  ['341021', '歙县审计局', 'COUNTY', '3410'],
  ['3405', '马鞍山市审计局', 'CITY', '34'],
  ['340523', '和县审计局', 'COUNTY', '3405'],
];

export const ANHUI: AssessmentUnit[] = DIVISIONS.map(([code, name, level, parentCode]) => ({
  id: `org-${code}`,
  code,
  name,
  level,
  parentCode,
}));

/**
 * A constructed national slice where one county name exists in two cities of two provinces
 * (鼓楼区 is real in 南京, 徐州 and 福州), to test ambiguity beyond Anhui.
 */
export const NATIONAL: AssessmentUnit[] = [
  { id: 'org-00', code: '00', name: '审计署', level: 'NATIONAL', parentCode: null },
  ...ANHUI.map((u) => (u.code === '34' ? { ...u, parentCode: '00' } : u)),
  { id: 'org-32', code: '32', name: '江苏省审计厅', level: 'PROVINCE', parentCode: '00' },
  { id: 'org-3201', code: '3201', name: '南京市审计局', level: 'CITY', parentCode: '32' },
  { id: 'org-320106', code: '320106', name: '鼓楼区审计局', level: 'COUNTY', parentCode: '3201' },
  { id: 'org-3203', code: '3203', name: '徐州市审计局', level: 'CITY', parentCode: '32' },
  { id: 'org-320302', code: '320302', name: '鼓楼区审计局', level: 'COUNTY', parentCode: '3203' },
];

export const unitId = (code: string): string => `org-${code}`;

/** Writes a workbook filled by `fill` and returns the file's bytes. */
export async function xlsx(fill: (workbook: Workbook) => void): Promise<Buffer> {
  const workbook = new Workbook();
  fill(workbook);
  const data: unknown = await workbook.xlsx.writeBuffer();
  if (!Buffer.isBuffer(data)) throw new Error('exceljs did not return a Buffer');
  return data;
}

/** One sheet with the given rows (row 1 first). */
export function sheetOf(name: string, rows: CellValue[][], then?: (sheet: Worksheet) => void) {
  return (workbook: Workbook): void => {
    const sheet = workbook.addWorksheet(name);
    rows.forEach((row) => sheet.addRow(row));
    then?.(sheet);
  };
}

export async function open(buffer: Buffer): Promise<Workbook> {
  const workbook = new Workbook();
  await workbook.xlsx.load(buffer as unknown as Parameters<Workbook['xlsx']['load']>[0]);
  return workbook;
}

/**
 * A minimal ZIP (stored or raw-deflated entries, CRCs left 0): enough for the reader's package
 * guard, which refuses a hostile file before anything else reads it.
 */
export function zip(files: Record<string, Buffer | { deflated: Buffer; size: number }>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const nameBytes = Buffer.from(name, 'utf8');
    const data = Buffer.isBuffer(content) ? content : content.deflated;
    const size = Buffer.isBuffer(content) ? content.length : content.size;
    const method = Buffer.isBuffer(content) ? 0 : 8;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    locals.push(local, nameBytes, data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const count = Object.keys(files).length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** Builders for the .xlsx files used in the tests (real files written by exceljs). */
import { deflateRawSync } from 'node:zlib';
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
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** An entry's content: text or bytes (stored, or deflated with `deflate`), or raw deflate data. */
export type ZipContent = string | Buffer | { deflated: Buffer; claimedSize: number };

export interface ZipOptions {
  /** Overrides every entry's uncompressed size in the central directory (to imitate a ZIP bomb). */
  claimedSize?: number;
  /** Deflates text and byte contents instead of storing them. */
  deflate?: boolean;
  /** Overrides the entry count of the end record (to imitate a lying directory). */
  claimedCount?: number;
}

/** A minimal ZIP with the given files. */
export function zip(files: Record<string, ZipContent>, options: ZipOptions = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const nameBytes = Buffer.from(name, 'utf8');
    let data: Buffer;
    let size: number;
    let crc = 0;
    let method = 0;
    if (typeof content === 'string' || Buffer.isBuffer(content)) {
      const plain = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
      crc = crc32(plain);
      size = plain.length;
      method = options.deflate ? 8 : 0;
      data = options.deflate ? deflateRawSync(plain) : plain;
    } else {
      data = content.deflated;
      size = content.claimedSize;
      method = 8;
    }
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    locals.push(local, nameBytes, data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(options.claimedSize ?? size, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const count = Math.min(options.claimedCount ?? Object.keys(files).length, 0xffff);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';

export interface RawWorkbook {
  /** Inner XML of <sheetData> (or the whole worksheet when `rawSheet` is set). */
  sheetData?: string;
  /** A complete worksheet part, used as is. */
  rawSheet?: string;
  /** XML after </sheetData>, e.g. <mergeCells>. */
  afterSheetData?: string;
  sharedStrings?: readonly string[];
  /** Inner XML of <styleSheet>. */
  styles?: string;
  date1904?: boolean;
  /** Where the worksheet part lives, relative to xl/. */
  sheetTarget?: string;
  /** Sheets before the worksheet: chart sheets. */
  chartSheetFirst?: boolean;
  noSheets?: boolean;
  /** More parts, by path. */
  extraFiles?: Record<string, ZipContent>;
  /** Deflate the parts (a large sheet would not fit the upload limit stored). */
  deflate?: boolean;
}

/** A hand-written .xlsx package, for reader cases exceljs never writes itself. */
export function rawXlsx(book: RawWorkbook): Buffer {
  const target = book.sheetTarget ?? 'worksheets/sheet1.xml';
  const sheetPath = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
  const sheets = [
    ...(book.chartSheetFirst ? ['<sheet name="图表" sheetId="2" r:id="rId9"/>'] : []),
    '<sheet name="清单" sheetId="1" r:id="rId1"/>',
  ];
  const rels = [
    `<Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="${target}"/>`,
    `<Relationship Id="rId2" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/>`,
    `<Relationship Id="rId3" Type="${REL_NS}/styles" Target="styles.xml"/>`,
    ...(book.chartSheetFirst
      ? [`<Relationship Id="rId9" Type="${REL_NS}/chartsheet" Target="chartsheets/sheet1.xml"/>`]
      : []),
  ];
  const files: Record<string, ZipContent> = {
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/></Types>',
    '_rels/.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PACKAGE_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">${
      book.date1904 ? '<workbookPr date1904="1"/>' : ''
    }<sheets>${book.noSheets ? '' : sheets.join('')}</sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PACKAGE_REL_NS}">${rels.join('')}</Relationships>`,
    [sheetPath]:
      book.rawSheet ??
      `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN_NS}"><sheetData>${
        book.sheetData ?? ''
      }</sheetData>${book.afterSheetData ?? ''}</worksheet>`,
  };
  if (book.sharedStrings) {
    files['xl/sharedStrings.xml'] =
      `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN_NS}" count="${book.sharedStrings.length}">${book.sharedStrings.join('')}</sst>`;
  }
  if (book.styles) {
    files['xl/styles.xml'] =
      `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="${MAIN_NS}">${book.styles}</styleSheet>`;
  }
  if (book.chartSheetFirst) {
    files['xl/chartsheets/sheet1.xml'] = `<chartsheet xmlns="${MAIN_NS}"/>`;
  }
  return zip({ ...files, ...book.extraFiles }, { deflate: book.deflate });
}

/** An inline-string cell. */
export const inline = (ref: string, text: string): string =>
  `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;

/** The standard header as inline strings in the given row. */
export function headerRowXml(row = 1): string {
  const cells = HEADERS.map((header, i) => inline(`${String.fromCharCode(65 + i)}${row}`, header));
  return `<row r="${row}">${cells.join('')}</row>`;
}

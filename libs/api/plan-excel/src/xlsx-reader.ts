/**
 * A fast reader for the first worksheet of an .xlsx file, for imports.
 *
 * exceljs builds a full document model through a character-by-character XML parser, which costs
 * about a second for a 5,000-row checklist in a fresh process. An import needs much less: the
 * cell values of one sheet, the shared strings, which styles are dates and the merged ranges. This
 * reader inflates just those parts with node:zlib and reads them with targeted regular
 * expressions (the parts are machine-written XML without nesting of the elements read here).
 * It follows the workbook's relationships to find the first sheet, accepts namespace prefixes,
 * inline strings, rich text, formulas (their cached result), both date systems and the Chinese
 * built-in date formats. Anything it cannot read makes it throw, and the caller then falls back
 * to exceljs, so that an unusual file is slower to import but never rejected because of this.
 */
import { chinaDateOf } from '@sunshine/shared/domain';
import { EMPTY, formatNumber, type PlainValue } from './cells';
import {
  EMPTY_CELL,
  MAX_XML_ROWS,
  TooManyRowsError,
  WorkbookRejectedError,
  type GridCell,
  type RowScan,
  type SheetGrid,
} from './sheet-grid';
import { extractEntry, type ZipEntry } from './xlsx-container';

/** Thrown when the file uses something this reader does not handle (exceljs then tries). */
export class UnsupportedWorkbookError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedWorkbookError';
  }
}

// An optional namespace prefix ('x:' in files written by some .NET libraries).
const P = '(?:[A-Za-z_][\\w.-]*:)?';
const ATTRIBUTE = /([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const ENTITY = /&(?:#x([0-9a-fA-F]+)|#(\d+)|(lt|gt|amp|quot|apos));/g;
const OOXML_ESCAPE = /_x([0-9A-Fa-f]{4})_/g;
const CDATA = /<!\[CDATA\[([\s\S]*?)\]\]>/g;
const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
};

const element = (name: string, flags = 'g'): RegExp =>
  new RegExp(`<${P}${name}((?:\\s[^>]*?)?)(?:\\/>|>([\\s\\S]*?)<\\/${P}${name}>)`, flags);

const ROW = element('row');
const CELL = element('c');
const VALUE = element('v', '');
const INLINE_STRING = element('is', '');
const TEXT = element('t');
const SHARED_STRING = element('si');
const PHONETIC = element('rPh');
const MERGE = new RegExp(`<${P}mergeCell\\s([^>]*?)\\/?>`, 'g');
const SHEET = new RegExp(`<${P}sheet\\s([^>]*?)\\/?>`, 'g');
const WORKBOOK_PROPERTIES = new RegExp(`<${P}workbookPr\\s([^>]*?)\\/?>`);
const RELATIONSHIP = new RegExp(`<${P}Relationship\\s([^>]*?)\\/?>`, 'g');
const CELL_FORMATS = element('cellXfs', '');
const FORMAT = new RegExp(`<${P}xf\\s([^>]*?)\\/?>`, 'g');
const NUMBER_FORMAT = new RegExp(`<${P}numFmt\\s([^>]*?)\\/?>`, 'g');
const ADDRESS = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;

/** Built-in number formats that are dates or times (including the Chinese-locale ones). */
const BUILTIN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51,
  52, 53, 54, 55, 56, 57, 58,
]);
const BUILTIN_NUMBER_FORMATS: Readonly<Record<number, string>> = { 1: '0', 2: '0.00' };
const DAY_MS = 86_400_000;
const EXCEL_EPOCH_OFFSET = 25_569;
const DATE_1904_OFFSET = 1_462;

function attributes(text: string | undefined): Map<string, string> {
  const result = new Map<string, string>();
  if (!text) return result;
  ATTRIBUTE.lastIndex = 0;
  for (let m = ATTRIBUTE.exec(text); m !== null; m = ATTRIBUTE.exec(text)) {
    // Local name: 'r:id' → 'id'.
    const name = m[1].slice(m[1].lastIndexOf(':') + 1);
    result.set(name, decodeXml(m[2] ?? m[3] ?? ''));
  }
  return result;
}

/** XML character data to text: entities, and OOXML's _xHHHH_ escapes of control characters. */
function decodeXml(text: string): string {
  let result = text;
  if (result.includes('&')) {
    result = result.replace(ENTITY, (_, hex: string, dec: string, name: string) =>
      hex || dec ? String.fromCodePoint(parseInt(hex ?? dec, hex ? 16 : 10)) : NAMED_ENTITIES[name],
    );
  }
  if (result.includes('_x')) {
    result = result.replace(OOXML_ESCAPE, (_, hex: string) =>
      String.fromCharCode(parseInt(hex, 16)),
    );
  }
  return result;
}

/** Character data that may contain CDATA sections. */
function characterData(raw: string): string {
  if (!raw.includes('<![CDATA[')) return decodeXml(raw);
  let result = '';
  let last = 0;
  CDATA.lastIndex = 0;
  for (let m = CDATA.exec(raw); m !== null; m = CDATA.exec(raw)) {
    result += decodeXml(raw.slice(last, m.index)) + m[1];
    last = m.index + m[0].length;
  }
  return result + decodeXml(raw.slice(last));
}

/** The text of a shared or inline string: its <t> runs, without phonetic guides. */
function runText(xml: string): string {
  const body = xml.includes('rPh') ? xml.replace(PHONETIC, '') : xml;
  let text = '';
  TEXT.lastIndex = 0;
  for (let m = TEXT.exec(body); m !== null; m = TEXT.exec(body)) {
    if (m[2] !== undefined) text += characterData(m[2]);
  }
  return text;
}

/** 'AB' → 28. */
function columnNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i += 1)
    n = n * 26 + (letters.toUpperCase().charCodeAt(i) - 64);
  return n;
}

function parseAddress(address: string): { row: number; column: number } | null {
  const m = ADDRESS.exec(address.trim());
  return m ? { row: Number(m[2]), column: columnNumber(m[1]) } : null;
}

/** Same test as exceljs: date/time tokens outside quoted text and [..] sections. */
function isDateFormat(code: string): boolean {
  return /[ymdhMsb]/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

interface CellStyle {
  date: boolean;
  format: string | undefined;
}

function readStyles(xml: string | null): CellStyle[] {
  if (xml === null) return [];
  const custom = new Map<number, string>();
  NUMBER_FORMAT.lastIndex = 0;
  for (let m = NUMBER_FORMAT.exec(xml); m !== null; m = NUMBER_FORMAT.exec(xml)) {
    const attrs = attributes(m[1]);
    custom.set(Number(attrs.get('numFmtId')), attrs.get('formatCode') ?? '');
  }
  const block = CELL_FORMATS.exec(xml)?.[2] ?? '';
  const styles: CellStyle[] = [];
  FORMAT.lastIndex = 0;
  for (let m = FORMAT.exec(block); m !== null; m = FORMAT.exec(block)) {
    const id = Number(attributes(m[1]).get('numFmtId') ?? 0);
    const code = custom.get(id);
    styles.push(
      code !== undefined
        ? { date: isDateFormat(code), format: code }
        : { date: BUILTIN_DATE_FORMATS.has(id), format: BUILTIN_NUMBER_FORMATS[id] },
    );
  }
  return styles;
}

function readSharedStrings(xml: string | null): string[] {
  if (xml === null) return [];
  const strings: string[] = [];
  SHARED_STRING.lastIndex = 0;
  for (let m = SHARED_STRING.exec(xml); m !== null; m = SHARED_STRING.exec(xml)) {
    strings.push(m[2] === undefined ? '' : runText(m[2]));
  }
  return strings;
}

/** 'worksheets/sheet1.xml' relative to 'xl/workbook.xml' → 'xl/worksheets/sheet1.xml'. */
function resolvePart(base: string, target: string): string {
  const parts = target.startsWith('/') ? [] : base.split('/').slice(0, -1);
  for (const segment of target.replace(/^\//, '').split('/')) {
    if (segment === '..') parts.pop();
    else if (segment !== '.' && segment !== '') parts.push(segment);
  }
  return parts.join('/').toLowerCase();
}

function text(value: string): PlainValue {
  const trimmed = value.trim();
  return trimmed === '' ? EMPTY : { kind: 'text', text: trimmed };
}

interface MergeRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** Most merged cells in the sheet; more means a file built to exhaust the server. */
const MAX_MERGED_CELLS = 1_000_000;
const TOO_MANY_MERGES = '文件中的合并单元格过多，无法导入，请取消不必要的合并后重试';

class XmlGrid implements SheetGrid {
  private readonly merges = new Map<number, MergeRange[]>();

  constructor(
    private readonly rows: Map<number, Map<number, PlainValue>>,
    readonly rowCount: number,
    ranges: readonly MergeRange[],
  ) {
    for (const range of ranges) {
      // Rows below the last row hold nothing to read.
      const bottom = Math.min(range.bottom, rowCount);
      for (let r = range.top; r <= bottom; r += 1) {
        const list = this.merges.get(r);
        if (list) list.push(range);
        else this.merges.set(r, [range]);
      }
    }
  }

  rowNumbers(): number[] {
    const numbers = new Set([...this.rows.keys(), ...this.merges.keys()]);
    return [...numbers].sort((a, b) => a - b);
  }

  columnCount(row: number): number {
    let last = 0;
    for (const column of this.rows.get(row)?.keys() ?? []) last = Math.max(last, column);
    for (const range of this.merges.get(row) ?? []) last = Math.max(last, range.right);
    return last;
  }

  private own(row: number, column: number): PlainValue {
    return this.rows.get(row)?.get(column) ?? EMPTY;
  }

  private mergeOf(row: number, column: number): MergeRange | null {
    const ranges = this.merges.get(row);
    if (!ranges) return null;
    for (const range of ranges) {
      if (column >= range.left && column <= range.right) {
        return range.top === row && range.left === column ? null : range;
      }
    }
    return null;
  }

  cell(row: number, column: number): GridCell {
    const range = this.mergeOf(row, column);
    if (range === null) {
      const value = this.own(row, column);
      return value === EMPTY ? EMPTY_CELL : { own: value, value };
    }
    if (range.left !== column) return EMPTY_CELL;
    return { own: EMPTY, value: this.own(range.top, range.left) };
  }

  scan(row: number): RowScan {
    const texts: string[] = [];
    const cells = this.rows.get(row);
    if (cells) {
      for (const column of [...cells.keys()].sort((a, b) => a - b)) {
        if (this.mergeOf(row, column) !== null) continue;
        const value = cells.get(column);
        if (value && value.kind !== 'empty') texts.push(value.text);
      }
    }
    const mergedAcross = (this.merges.get(row) ?? []).some((range) => range.right > range.left);
    return { texts, mergedAcross };
  }
}

/**
 * Reads the first worksheet. Returns null when the workbook has no sheet; throws
 * TooManyRowsError for a huge sheet and another error for anything it cannot read.
 */
export function readFirstSheet(
  bytes: Buffer,
  entries: ReadonlyMap<string, ZipEntry>,
): SheetGrid | null {
  const part = (name: string): string | null => {
    const entry = entries.get(name.toLowerCase());
    return entry ? extractEntry(bytes, entry).toString('utf8') : null;
  };
  const workbook = part('xl/workbook.xml');
  if (workbook === null) throw new UnsupportedWorkbookError('no workbook part');
  const date1904 = ['1', 'true'].includes(
    attributes(WORKBOOK_PROPERTIES.exec(workbook)?.[1]).get('date1904') ?? '',
  );

  const targets = new Map<string, { part: string; type: string }>();
  let sharedStringsPart = 'xl/sharedStrings.xml';
  let stylesPart = 'xl/styles.xml';
  const rels = part('xl/_rels/workbook.xml.rels') ?? '';
  RELATIONSHIP.lastIndex = 0;
  for (let m = RELATIONSHIP.exec(rels); m !== null; m = RELATIONSHIP.exec(rels)) {
    const attrs = attributes(m[1]);
    const target = resolvePart('xl/workbook.xml', attrs.get('Target') ?? '');
    const type = attrs.get('Type') ?? '';
    targets.set(attrs.get('Id') ?? '', { part: target, type });
    if (type.endsWith('/sharedStrings')) sharedStringsPart = target;
    if (type.endsWith('/styles')) stylesPart = target;
  }
  // The first sheet that is a worksheet (a chart sheet has no cells), as exceljs counts them.
  let sheetPart: string | undefined;
  let sheets = 0;
  SHEET.lastIndex = 0;
  for (
    let m = SHEET.exec(workbook);
    m !== null && sheetPart === undefined;
    m = SHEET.exec(workbook)
  ) {
    sheets += 1;
    const target = targets.get(attributes(m[1]).get('id') ?? '');
    if (target === undefined) throw new UnsupportedWorkbookError('sheet relationship not found');
    if (target.type.endsWith('/worksheet')) sheetPart = target.part;
  }
  if (sheetPart === undefined) {
    if (sheets === 0) return null;
    throw new UnsupportedWorkbookError('no worksheet');
  }
  const sheet = part(sheetPart);
  if (sheet === null) throw new UnsupportedWorkbookError(`missing part ${sheetPart}`);

  const merges: MergeRange[] = [];
  // <mergeCells> follows <sheetData>: search only the tail of the part.
  const tail = sheet.slice(Math.max(0, sheet.lastIndexOf('sheetData>')));
  MERGE.lastIndex = 0;
  for (let m = MERGE.exec(tail); m !== null; m = MERGE.exec(tail)) {
    const [from, to = from] = (attributes(m[1]).get('ref') ?? '').split(':');
    const start = parseAddress(from);
    const end = parseAddress(to);
    if (!start || !end) throw new UnsupportedWorkbookError(`bad merge ${from}:${to}`);
    merges.push({
      top: Math.min(start.row, end.row),
      left: Math.min(start.column, end.column),
      bottom: Math.max(start.row, end.row),
      right: Math.max(start.column, end.column),
    });
  }
  // Checked before anything else, since exceljs (the fallback) creates a cell object for every
  // merged cell: a few huge merges would exhaust the server.
  const mergedCells = merges.reduce(
    (sum, m) => sum + (m.bottom - m.top + 1) * (m.right - m.left + 1),
    0,
  );
  if (mergedCells > MAX_MERGED_CELLS) throw new WorkbookRejectedError(TOO_MANY_MERGES);

  const strings = readSharedStrings(part(sharedStringsPart));
  const styles = readStyles(part(stylesPart));

  const rows = new Map<number, Map<number, PlainValue>>();
  let rowCount = 0;
  let rowNumber = 0;
  let rowElements = 0;
  ROW.lastIndex = 0;
  for (let row = ROW.exec(sheet); row !== null; row = ROW.exec(sheet)) {
    if (++rowElements > MAX_XML_ROWS) throw new TooManyRowsError();
    const rowAttrs = attributes(row[1]);
    rowNumber = rowAttrs.has('r') ? Number(rowAttrs.get('r')) : rowNumber + 1;
    if (!Number.isInteger(rowNumber) || rowNumber < 1) {
      throw new UnsupportedWorkbookError('bad row number');
    }
    rowCount = Math.max(rowCount, rowNumber);
    const body = row[2];
    if (body === undefined) continue;
    const cells = new Map<number, PlainValue>();
    let column = 0;
    CELL.lastIndex = 0;
    for (let cell = CELL.exec(body); cell !== null; cell = CELL.exec(body)) {
      const attrs = attributes(cell[1]);
      const address = attrs.get('r');
      if (address !== undefined) {
        const parsed = parseAddress(address);
        if (parsed === null || parsed.row !== rowNumber) {
          throw new UnsupportedWorkbookError(`bad cell address ${address}`);
        }
        column = parsed.column;
      } else {
        column += 1;
      }
      const value = cellValue(cell[2], attrs, strings, styles, date1904);
      if (value !== EMPTY) cells.set(column, value);
    }
    if (cells.size > 0) rows.set(rowNumber, cells);
  }

  return new XmlGrid(rows, rowCount, merges);
}

function cellValue(
  body: string | undefined,
  attrs: Map<string, string>,
  strings: readonly string[],
  styles: readonly CellStyle[],
  date1904: boolean,
): PlainValue {
  if (body === undefined) return EMPTY;
  const type = attrs.get('t') ?? 'n';
  if (type === 'inlineStr') {
    const inline = INLINE_STRING.exec(body);
    return inline?.[2] === undefined ? EMPTY : text(runText(inline[2]));
  }
  const raw = VALUE.exec(body)?.[2];
  if (raw === undefined) return EMPTY;
  switch (type) {
    case 's': {
      const string = strings[Number(raw)];
      if (string === undefined) throw new UnsupportedWorkbookError(`bad shared string ${raw}`);
      return text(string);
    }
    case 'str':
    case 'e':
      return text(characterData(raw));
    case 'b':
      return text(raw.trim() === '1' ? 'TRUE' : 'FALSE');
    case 'd': {
      const value = raw.trim();
      const instant = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`);
      if (Number.isNaN(instant.getTime())) return text(value);
      const date = chinaDateOf(instant);
      return { kind: 'date', date, text: date };
    }
    case 'n': {
      const value = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(value)) return EMPTY;
      const style = styles[Number(attrs.get('s') ?? 0)];
      if (style?.date) {
        const offset = EXCEL_EPOCH_OFFSET - (date1904 ? DATE_1904_OFFSET : 0);
        const instant = new Date(Math.round((value - offset) * DAY_MS));
        if (Number.isNaN(instant.getTime())) return EMPTY;
        const date = chinaDateOf(instant);
        return { kind: 'date', date, text: date };
      }
      return { kind: 'number', value, text: formatNumber(value, style?.format) };
    }
    default:
      throw new UnsupportedWorkbookError(`unknown cell type ${type}`);
  }
}

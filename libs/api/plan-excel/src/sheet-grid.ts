/**
 * The first worksheet as the importer sees it: cell values with merged cells resolved. Two readers
 * produce it: the fast XML reader (xlsx-reader.ts) and exceljs, used when the fast reader cannot
 * handle a file. Both must give the same grid; the tests run the importer against each.
 */
import { Workbook, type Worksheet, type XlsxReadOptions } from 'exceljs';
import { EMPTY, mergeDirection, plainValue, textOf, type PlainValue } from './cells';

export interface GridCell {
  /** The cell's own value (empty for a cell merged into another). */
  own: PlainValue;
  /** What the cell means: its own value, or its master's when merged vertically. */
  value: PlainValue;
}

export interface RowScan {
  /** Non-empty own texts of the row, in column order. */
  texts: string[];
  /** The row holds a cell merged into a cell of another column (a merge across the row). */
  mergedAcross: boolean;
}

export interface SheetGrid {
  /** The last row number of the sheet. */
  readonly rowCount: number;
  /** The last column number used in a row (0 for an empty row). */
  columnCount(row: number): number;
  cell(row: number, column: number): GridCell;
  scan(row: number): RowScan;
  /** Numbers of the rows that hold a value or a merged cell, ascending. */
  rowNumbers(): number[];
}

/** Thrown by a reader when the sheet has more rows than the importer will look at. */
export class TooManyRowsError extends Error {
  constructor() {
    super('too many rows');
    this.name = 'TooManyRowsError';
  }
}

/** Thrown by a reader for a file it refuses outright (no other reader should try it). */
export class WorkbookRejectedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkbookRejectedError';
  }
}

export const EMPTY_CELL: GridCell = { own: EMPTY, value: EMPTY };

/** exceljs refuses sheets with more <row> elements than this (styled empty rows included). */
export const MAX_XML_ROWS = 50_000;

/** Parts exceljs need not parse for an import: skipping them saves time and avoids known crashes. */
const IGNORED_NODES = [
  'dataValidations',
  'conditionalFormatting',
  'hyperlinks',
  'drawing',
  'picture',
  'legacyDrawing',
  'tableParts',
  'extLst',
  'rowBreaks',
  'colBreaks',
  'headerFooter',
  'pageSetup',
  'printOptions',
  'pageMargins',
  'sheetProtection',
  'autoFilter',
];

type ExcelBuffer = Parameters<Workbook['xlsx']['load']>[0];

class ExcelJsGrid implements SheetGrid {
  constructor(private readonly sheet: Worksheet) {}

  get rowCount(): number {
    return this.sheet.rowCount;
  }

  columnCount(row: number): number {
    return this.sheet.findRow(row)?.cellCount ?? 0;
  }

  cell(row: number, column: number): GridCell {
    const cell = this.sheet.findRow(row)?.findCell(column);
    if (!cell) return EMPTY_CELL;
    switch (mergeDirection(cell)) {
      case 'horizontal':
        return EMPTY_CELL;
      case 'vertical':
        return { own: EMPTY, value: plainValue(cell) };
      default: {
        const value = plainValue(cell);
        return { own: value, value };
      }
    }
  }

  rowNumbers(): number[] {
    const numbers: number[] = [];
    this.sheet.eachRow((_row, number) => numbers.push(number));
    return numbers;
  }

  scan(row: number): RowScan {
    const texts: string[] = [];
    let mergedAcross = false;
    this.sheet.findRow(row)?.eachCell((cell) => {
      const direction = mergeDirection(cell);
      if (direction === 'horizontal') mergedAcross = true;
      if (direction !== null) return;
      const text = textOf(plainValue(cell));
      if (text !== '') texts.push(text);
    });
    return { texts, mergedAcross };
  }
}

/**
 * Loads the first worksheet with exceljs. Throws TooManyRowsError for a huge sheet, any other
 * error for a file exceljs cannot read, and null when the workbook has no worksheet.
 */
export async function loadExcelJsGrid(bytes: Buffer): Promise<SheetGrid | null> {
  const workbook = new Workbook();
  const readOptions: Partial<XlsxReadOptions> & { maxRows: number } = {
    ignoreNodes: IGNORED_NODES,
    maxRows: MAX_XML_ROWS,
  };
  try {
    await workbook.xlsx.load(bytes as unknown as ExcelBuffer, readOptions);
  } catch (error) {
    if (error instanceof Error && /^Max row count/.test(error.message)) {
      throw new TooManyRowsError();
    }
    throw error;
  }
  const sheet = workbook.worksheets[0];
  return sheet ? new ExcelJsGrid(sheet) : null;
}

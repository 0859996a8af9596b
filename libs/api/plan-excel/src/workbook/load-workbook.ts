/**
 * Reads every worksheet of an .xlsx into plain grids, with exceljs, after the package guard.
 * Runs in the reader's worker thread (see read-workbook.ts): it blocks the thread it runs on.
 */
import { createRequire } from 'node:module';
import { ValueType, Workbook, type Cell, type Worksheet, type XlsxReadOptions } from 'exceljs';
import { readCell } from './excel-cells';
import { WorkbookFailure, type WorkbookLimits } from './limits';
import type { MergeRange, WireSheet } from './wire';
import { guardPackage } from './zip-guard';

/** Parts a grid does not need: skipping them saves time and avoids known exceljs crashes. */
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

/**
 * exceljs knows the built-in number formats 27–36 and 50–58 only per locale and, given no locale,
 * treats them as no format at all: a date typed in Chinese Excel ('2025年6月30日', format 31) would
 * read as the number 45838. Give them their zh-CN codes, once, in this worker's copy of exceljs.
 */
function useChineseBuiltInFormats(): void {
  const formats = createRequire(require.resolve('exceljs'))(
    './lib/xlsx/defaultnumformats.js',
  ) as Record<string, { f?: string; 'zh-cn'?: string }>;
  for (const format of Object.values(formats)) {
    if (format.f === undefined && format['zh-cn'] !== undefined) format.f = format['zh-cn'];
  }
}
useChineseBuiltInFormats();

/** exceljs reads these options although its typings do not list them. */
type ReadOptions = Partial<XlsxReadOptions> & { maxRows: number; maxCols: number };

function toWireSheet(sheet: Worksheet): WireSheet {
  const rows: number[] = [];
  const columns: number[] = [];
  const kinds: number[] = [];
  const numbers: number[] = [];
  const texts: string[] = [];
  // exceljs gives every cell of a merged range but the master the type Merge and a link to the
  // master: the range is the box around the master and its merged cells.
  const merges = new Map<string, MergeRange>();
  sheet.eachRow((row, rowNumber) => {
    row.eachCell((cell, column) => {
      if (cell.type === ValueType.Merge) {
        // exceljs also types a cell without value or style as Merge, with no master.
        const master: Cell | undefined = cell.master;
        if (master === undefined || master === cell) return;
        const { row: top, col: left } = master.fullAddress;
        const range = merges.get(master.address) ?? { top, left, bottom: top, right: left };
        merges.set(master.address, range);
        range.top = Math.min(range.top, rowNumber);
        range.bottom = Math.max(range.bottom, rowNumber);
        range.left = Math.min(range.left, column);
        range.right = Math.max(range.right, column);
        return;
      }
      const value = readCell(cell);
      if (value === null) return;
      rows.push(rowNumber);
      columns.push(column);
      kinds.push(value.kind);
      numbers.push(value.number);
      texts.push(value.text);
    });
  });
  return {
    name: sheet.name,
    rowCount: sheet.rowCount,
    merges: [...merges.values()],
    rows: Int32Array.from(rows),
    columns: Int32Array.from(columns),
    kinds: Uint8Array.from(kinds),
    numbers: Float64Array.from(numbers),
    texts,
  };
}

/** The worksheets of an .xlsx, in workbook order; throws WorkbookFailure. */
export async function loadWorkbook(bytes: Buffer, limits: WorkbookLimits): Promise<WireSheet[]> {
  await guardPackage(bytes, limits);
  const workbook = new Workbook();
  const options: ReadOptions = {
    ignoreNodes: IGNORED_NODES,
    maxRows: limits.maxRows,
    maxCols: limits.maxColumns,
  };
  try {
    await workbook.xlsx.load(bytes as unknown as Parameters<Workbook['xlsx']['load']>[0], options);
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    if (message.startsWith('Max row count')) throw new WorkbookFailure('TOO_MANY_ROWS');
    if (message.startsWith('Max column count')) throw new WorkbookFailure('TOO_COMPLEX');
    throw new WorkbookFailure('UNREADABLE');
  }
  return workbook.worksheets.map(toWireSheet);
}

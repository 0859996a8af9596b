import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createDeflateRaw } from 'node:zlib';
import { OrgLevel } from '@sunshine/shared/domain';
import { buildPlanExport } from '../export-plan';
import { buildSampleChecklist } from '../sample';
import { buildChecklistTemplate } from '../template';
import {
  closeWorkbookReader,
  readWorkbook,
  warmUpWorkbookReader,
  type CellValue,
  type Sheet,
  type WorkbookLimits,
} from '../workbook';
import { inline, rawXlsx, zip, type RawWorkbook } from './helpers';

// The reader runs in a worker thread: start it once (about a second), end it after the file.
beforeAll(() => warmUpWorkbookReader(), 60_000);
afterAll(() => closeWorkbookReader());

async function sheetOf(book: RawWorkbook): Promise<Sheet> {
  const { sheets } = await readWorkbook(rawXlsx(book));
  if (!sheets[0]) throw new Error('no sheet');
  return sheets[0];
}

const text = (t: string): CellValue => ({ kind: 'text', text: t });

describe('readWorkbook: cell values', () => {
  it('reads shared strings with rich text, phonetic runs, entities and escapes', async () => {
    const s = await sheetOf({
      sharedStrings: [
        '<si><t>用权公开</t></si>',
        '<si><r><rPr><b/></rPr><t>审计</t></r><r><t xml:space="preserve">结果 </t></r><rPh sb="0" eb="1"><t>シン</t></rPh></si>',
        '<si><t>A &amp; B &lt;C&gt; &#x4E00;&#20108;</t></si>',
        '<si><t>第一行_x000D__x000A_第二行</t></si>',
        '<si/>',
      ],
      sheetData:
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c>' +
        '<c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c></row>',
    });
    expect(s.value(1, 1)).toEqual(text('用权公开'));
    expect(s.value(1, 2)).toEqual(text('审计结果'));
    expect(s.value(1, 3)).toEqual(text('A & B <C> 一二'));
    expect(s.value(1, 4)).toEqual(text('第一行\r\n第二行'));
    expect(s.value(1, 5)).toEqual({ kind: 'empty' });
  });

  it('reads inline strings, booleans, errors, formula results and numbers', async () => {
    const s = await sheetOf({
      sheetData:
        '<row r="3">' +
        inline('A3', ' 前后空格 ') +
        '<c r="B3" t="b"><v>1</v></c>' +
        '<c r="C3" t="e"><v>#N/A</v></c>' +
        '<c r="D3" t="str"><f>A3&amp;"x"</f><v>公式结果</v></c>' +
        '<c r="E3"><f>1+2</f><v>3</v></c>' +
        '<c r="F3"><v>3.2</v></c>' +
        '<c r="G3"><f>NOW()</f></c>' +
        '<c r="H3" s="0"/>' +
        '</row>',
    });
    expect(s.rowCount).toBe(3);
    expect(s.value(3, 1)).toEqual(text('前后空格'));
    expect(s.value(3, 2)).toEqual(text('TRUE'));
    expect(s.value(3, 3)).toEqual(text('#N/A'));
    expect(s.value(3, 4)).toEqual(text('公式结果'));
    expect(s.value(3, 5)).toEqual({ kind: 'number', value: 3, text: '3' });
    expect(s.value(3, 6)).toEqual({ kind: 'number', value: 3.2, text: '3.2' });
    expect(s.value(3, 7)).toEqual({ kind: 'empty' });
    expect(s.value(3, 8)).toEqual({ kind: 'empty' });
    expect(s.columnCount(3)).toBe(6); // empty cells do not count
  });

  it('turns date-formatted numbers into China calendar days, in both date systems', async () => {
    const styles =
      '<numFmts count="2"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>' +
      '<numFmt numFmtId="177" formatCode="0.00"/></numFmts>' +
      '<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>' +
      '<cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="31"/>' +
      '<xf numFmtId="176"/><xf numFmtId="177"/><xf numFmtId="58" applyNumberFormat="1"></xf></cellXfs>';
    // 45838 is 2025-06-30 in the 1900 system.
    const row =
      '<row r="1"><c r="A1"><v>45838</v></c><c r="B1" s="1"><v>45838</v></c><c r="C1" s="2"><v>45838</v></c>' +
      '<c r="D1" s="3"><v>45838.5</v></c><c r="E1" s="4"><v>3.1</v></c><c r="F1" s="5"><v>45838</v></c></row>';
    const s = await sheetOf({ styles, sheetData: row });
    const day = { kind: 'date', date: '2025-06-30', text: '2025-06-30' };
    expect(s.value(1, 1)).toEqual({ kind: 'number', value: 45838, text: '45838' });
    expect(s.value(1, 2)).toEqual(day);
    expect(s.value(1, 3)).toEqual(day);
    // Noon UTC is 20:00 in Beijing: the same day.
    expect(s.value(1, 4)).toEqual(day);
    expect(s.value(1, 5)).toEqual({ kind: 'number', value: 3.1, text: '3.10' });
    // 31 and 58 are Chinese built-in date formats ('2025年6月30日', '6月30日').
    expect(s.value(1, 6)).toEqual(day);

    const s1904 = await sheetOf({
      styles,
      sheetData: '<row r="1"><c r="A1" s="1"><v>44376</v></c></row>',
      date1904: true,
    });
    expect(s1904.value(1, 1)).toEqual(day);
  });

  it('gives vertical, horizontal and block merges as ranges', async () => {
    const s = await sheetOf({
      sheetData:
        `<row r="1">${inline('A1', '一、用权公开')}</row>` +
        `<row r="2">${inline('A2', '1.1')}${inline('B2', '用权公开')}</row>` +
        `<row r="3">${inline('A3', '1.2')}</row>` +
        `<row r="5">${inline('A5', '块')}</row><row r="6" ht="20" customHeight="1"/>`,
      afterSheetData:
        '<mergeCells count="3"><mergeCell ref="A1:K1"/><mergeCell ref="B2:B4"/><mergeCell ref="A5:C6"/></mergeCells>',
    });
    expect([...s.merges].sort((a, b) => a.top - b.top)).toEqual([
      { top: 1, left: 1, bottom: 1, right: 11 },
      { top: 2, left: 2, bottom: 4, right: 2 },
      { top: 5, left: 1, bottom: 6, right: 3 },
    ]);
    expect(s.value(1, 1)).toEqual(text('一、用权公开'));
    expect(s.value(1, 3)).toEqual({ kind: 'empty' });
    expect(s.mergeAt(3, 2)).toEqual({ top: 2, left: 2, bottom: 4, right: 2 });
    expect(s.mergeAt(3, 1)).toBeNull();
    expect(s.rowCount).toBe(6);
    // Row 4 has no cells of its own, but the merge covers it.
    expect(s.rowNumbers()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(s.columnCount(1)).toBe(11);
    expect(s.cells(3)).toEqual([{ column: 1, value: text('1.2') }]);
  });

  it('reads every worksheet, in order, with its name', async () => {
    const bytes = await buildChecklistTemplate();
    const { sheets } = await readWorkbook(bytes);
    expect(sheets.length).toBeGreaterThan(1);
    expect(sheets.map((s) => s.name)).toContain('填写说明');
  });
});

describe('readWorkbook: files written by this library', () => {
  it('reads the template, the sample and an export', async () => {
    const files = [
      await buildChecklistTemplate(),
      await buildSampleChecklist(2025),
      await buildPlanExport({
        plan: { year: 2025, title: '导出', status: 'DRAFT' },
        categories: [
          {
            name: '用权公开',
            order: 1,
            tasks: [
              {
                number: '1.1',
                title: '任务',
                description: '',
                leadDepartments: ['办公室'],
                cooperatingDepartments: [],
                deadline: { kind: 'CONTINUOUS' },
                levels: [OrgLevel.COUNTY],
                weight: 1,
                evidence: '',
                target: null,
              },
            ],
          },
        ],
        assignments: [],
      }),
    ];
    for (const bytes of files) {
      const { sheets } = await readWorkbook(bytes);
      expect(sheets[0]?.rowNumbers().length).toBeGreaterThan(2);
    }
  });
});

/** What readWorkbook throws for a file, and how long it took. */
async function refusal(
  bytes: Buffer,
  limits: Partial<WorkbookLimits> = {},
): Promise<{ code: string; message: string; ms: number; maxDelayMs: number }> {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const started = Date.now();
  try {
    await readWorkbook(bytes, limits);
  } catch (error) {
    delay.disable();
    const { code, message } = error as { code: string; message: string };
    return { code, message, ms: Date.now() - started, maxDelayMs: delay.max / 1e6 };
  }
  throw new Error('the file was read');
}

/** Raw deflate data of `total` zero bytes, made chunk by chunk (never holding them all). */
function deflatedZeros(total: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const deflate = createDeflateRaw({ level: 9 });
    const out: Buffer[] = [];
    deflate.on('data', (chunk: Buffer) => out.push(chunk));
    deflate.on('end', () => resolve(Buffer.concat(out)));
    deflate.on('error', reject);
    const chunk = Buffer.alloc(1024 * 1024);
    for (let written = 0; written < total; written += chunk.length) deflate.write(chunk);
    deflate.end();
  });
}

// Generous bounds: the machine running the tests may be busy. A reader on the event loop would
// block it for the whole read; here only the answer's arrival touches it.
const QUICKLY_MS = 10_000;
const RESPONSIVE_MS = 500;

describe('readWorkbook: hostile files are refused quickly, off the event loop', () => {
  it('a ZIP bomb whose headers lie: 300 KB inflating to 300 MB', async () => {
    const deflated = await deflatedZeros(300 * 1024 * 1024);
    expect(deflated.length).toBeLessThan(1024 * 1024);
    const bomb = rawXlsx({
      sheetData: `<row r="1">${inline('A1', '序号')}</row>`,
      // Declares 1 KB: only counting the bytes while inflating catches it.
      extraFiles: { 'xl/media/image1.png': { deflated, claimedSize: 1024 } },
    });
    const refused = await refusal(bomb);
    expect(refused).toMatchObject({
      code: 'INFLATED_TOO_LARGE',
      message: '文件解压后内容过大，无法导入，请检查是否包含大量空行或图片',
    });
    expect(refused.ms).toBeLessThan(QUICKLY_MS);
    expect(refused.maxDelayMs).toBeLessThan(RESPONSIVE_MS);
  }, 60_000);

  it('a ZIP of 100,000 entries, declared or hidden behind a small count', async () => {
    const files: Record<string, string> = {
      '[Content_Types].xml': '<Types/>',
      'xl/workbook.xml': '<workbook/>',
    };
    for (let i = 0; i < 100_000; i += 1) files[i.toString(36)] = '';
    for (const claimedCount of [undefined, 2]) {
      const refused = await refusal(zip(files, { claimedCount }));
      expect(refused).toMatchObject({
        code: 'TOO_MANY_ENTRIES',
        message:
          '文件内部包含的部件过多（超过 1000 个），不是正常的 Excel 文件，请在 Excel 中另存为 .xlsx 后重试',
      });
      expect(refused.ms).toBeLessThan(QUICKLY_MS);
    }
  }, 60_000);

  it('a sheet of 1,000,000 rows', async () => {
    const rows = Array.from({ length: 1_000_000 }, (_, i) => `<row r="${i + 1}"/>`).join('');
    const file = rawXlsx({ sheetData: rows, deflate: true });
    const refused = await refusal(file);
    expect(refused).toMatchObject({
      code: 'TOO_MANY_ROWS',
      message: '工作表行数超过上限（50000 行），请删除多余的空行或拆分后分批导入',
    });
    expect(refused.ms).toBeLessThan(QUICKLY_MS);
    expect(refused.maxDelayMs).toBeLessThan(RESPONSIVE_MS);
  }, 60_000);

  it('a file that keeps the parser busy for hours is cut off at the time limit', async () => {
    // exceljs checks every merged range against all earlier ones: 100,000 ranges are 5·10⁹
    // checks. The range limit refuses such a file at once; lifted here to reach the parser.
    const merges = Array.from(
      { length: 100_000 },
      (_, i) => `<mergeCell ref="A${i + 1}:B${i + 1}"/>`,
    );
    const file = rawXlsx({
      sheetData: `<row r="1">${inline('C1', '序号')}</row>`,
      afterSheetData: `<mergeCells count="${merges.length}">${merges.join('')}</mergeCells>`,
      deflate: true,
    });
    expect(await refusal(file)).toMatchObject({
      code: 'TOO_MANY_MERGED_CELLS',
      message: '文件中的合并单元格过多，无法导入，请取消不必要的合并后重试',
    });

    const refused = await refusal(file, {
      maxMergedRanges: Number.POSITIVE_INFINITY,
      timeoutMs: 2_000,
    });
    expect(refused).toMatchObject({
      code: 'TIMEOUT',
      message: '读取文件超时，文件可能过于复杂，请删除无关内容或拆分后重试',
    });
    expect(refused.ms).toBeGreaterThanOrEqual(2_000);
    expect(refused.ms).toBeLessThan(2_000 + QUICKLY_MS);
    expect(refused.maxDelayMs).toBeLessThan(RESPONSIVE_MS);

    // The stuck worker was ended; the next file is read by a fresh one.
    const { sheets } = await readWorkbook(
      rawXlsx({ sheetData: `<row r="1">${inline('A1', '甲')}</row>` }),
    );
    expect(sheets[0]?.value(1, 1)).toEqual(text('甲'));
  }, 60_000);

  it('an upload over the size limit, without starting the worker', async () => {
    const refused = await refusal(Buffer.alloc(11 * 1024 * 1024));
    expect(refused).toMatchObject({
      code: 'FILE_TOO_LARGE',
      message: '文件超过 10 MB，无法导入，请删除无关内容（如图片）后重试',
    });
  });
});

import type { PlainValue } from '../cells';
import { parseChecklistWorkbook } from '../parse-checklist';
import type { SheetGrid } from '../sheet-grid';
import { checkXlsxContainer } from '../xlsx-container';
import { readFirstSheet, UnsupportedWorkbookError } from '../xlsx-reader';
import { OrgLevel } from '@sunshine/shared/domain';
import { buildPlanExport } from '../export-plan';
import { buildSampleChecklist } from '../sample';
import { buildChecklistTemplate } from '../template';
import { headerRowXml, inline, rawXlsx, type RawWorkbook } from './helpers';

function grid(book: RawWorkbook): SheetGrid {
  const bytes = rawXlsx(book);
  const container = checkXlsxContainer(bytes);
  if (!container.ok) throw new Error(container.message);
  const result = readFirstSheet(bytes, container.entries);
  if (!result) throw new Error('no sheet');
  return result;
}

const value = (g: SheetGrid, row: number, column: number): PlainValue => g.cell(row, column).value;
const text = (t: string): PlainValue => ({ kind: 'text', text: t });

/** A task row (row 2) of inline strings after the standard header, with `extra` cells appended. */
const taskXml = (extra = ''): string =>
  headerRowXml(1) +
  `<row r="2">${inline('A2', '1.1')}${inline('B2', '用权公开')}${inline('C2', '更新机构职能信息')}` +
  `${inline('E2', '办公室')}${inline('G2', '6月底前')}${extra}</row>`;

describe('readFirstSheet', () => {
  it('reads shared strings with rich text, phonetic runs, entities, escapes and CDATA', () => {
    const g = grid({
      sharedStrings: [
        '<si><t>用权公开</t></si>',
        '<si><r><rPr><b/></rPr><t>审计</t></r><r><t xml:space="preserve">结果 </t></r><rPh sb="0" eb="1"><t>シン</t></rPh></si>',
        '<si><t>A &amp; B &lt;C&gt; &#x4E00;&#20108;</t></si>',
        '<si><t>第一行_x000D__x000A_第二行</t></si>',
        '<si><t><![CDATA[<原样> & 保留]]></t></si>',
        '<si/>',
      ],
      sheetData:
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c>' +
        '<c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c><c r="F1" t="s"><v>5</v></c></row>',
    });
    expect(value(g, 1, 1)).toEqual(text('用权公开'));
    expect(value(g, 1, 2)).toEqual(text('审计结果'));
    expect(value(g, 1, 3)).toEqual(text('A & B <C> 一二'));
    expect(value(g, 1, 4)).toEqual(text('第一行\r\n第二行'));
    expect(value(g, 1, 5)).toEqual(text('<原样> & 保留'));
    expect(value(g, 1, 6)).toEqual({ kind: 'empty' });
  });

  it('reads inline strings, booleans, errors, formula results and numbers', () => {
    const g = grid({
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
    expect(g.rowCount).toBe(3);
    expect(value(g, 3, 1)).toEqual(text('前后空格'));
    expect(value(g, 3, 2)).toEqual(text('TRUE'));
    expect(value(g, 3, 3)).toEqual(text('#N/A'));
    expect(value(g, 3, 4)).toEqual(text('公式结果'));
    expect(value(g, 3, 5)).toEqual({ kind: 'number', value: 3, text: '3' });
    expect(value(g, 3, 6)).toEqual({ kind: 'number', value: 3.2, text: '3.2' });
    expect(value(g, 3, 7)).toEqual({ kind: 'empty' });
    expect(value(g, 3, 8)).toEqual({ kind: 'empty' });
    expect(g.columnCount(3)).toBe(6); // empty cells do not count
  });

  it('accepts namespace prefixes and rows and cells without addresses', () => {
    const g = grid({
      rawSheet:
        '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>' +
        '<x:row><x:c t="inlineStr"><x:is><x:t>甲</x:t></x:is></x:c><x:c><x:v>2</x:v></x:c></x:row>' +
        '<x:row r="4"><x:c t="inlineStr"><x:is><x:t>乙</x:t></x:is></x:c></x:row>' +
        '<x:row><x:c r="C5" t="inlineStr"><x:is><x:t>丙</x:t></x:is></x:c><x:c><x:v>9</x:v></x:c></x:row>' +
        '</x:sheetData></x:worksheet>',
    });
    expect(value(g, 1, 1)).toEqual(text('甲'));
    expect(value(g, 1, 2)).toEqual({ kind: 'number', value: 2, text: '2' });
    expect(value(g, 4, 1)).toEqual(text('乙'));
    expect(value(g, 5, 3)).toEqual(text('丙'));
    expect(value(g, 5, 4)).toEqual({ kind: 'number', value: 9, text: '9' });
  });

  it('turns date-formatted numbers into China calendar days, in both date systems', () => {
    const styles =
      '<numFmts count="2"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>' +
      '<numFmt numFmtId="177" formatCode="0.00"/></numFmts>' +
      '<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>' +
      '<cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="31"/>' +
      '<xf numFmtId="176"/><xf numFmtId="177"/><xf numFmtId="58" applyNumberFormat="1"></xf></cellXfs>';
    // 45838 is 2025-06-30 in the 1900 system.
    const row =
      '<row r="1"><c r="A1"><v>45838</v></c><c r="B1" s="1"><v>45838</v></c><c r="C1" s="2"><v>45838</v></c>' +
      '<c r="D1" s="3"><v>45838.5</v></c><c r="E1" s="4"><v>3.1</v></c><c r="F1" s="5"><v>45838</v></c>' +
      '<c r="G1" t="d"><v>2025-06-30T00:00:00</v></c></row>';
    const g = grid({ styles, sheetData: row });
    const day = { kind: 'date', date: '2025-06-30', text: '2025-06-30' };
    expect(value(g, 1, 1)).toEqual({ kind: 'number', value: 45838, text: '45838' });
    expect(value(g, 1, 2)).toEqual(day);
    expect(value(g, 1, 3)).toEqual(day);
    // Noon UTC is 20:00 in Beijing: the same day.
    expect(value(g, 1, 4)).toEqual(day);
    expect(value(g, 1, 5)).toEqual({ kind: 'number', value: 3.1, text: '3.10' });
    expect(value(g, 1, 6)).toEqual(day);
    expect(value(g, 1, 7)).toEqual(day);

    const g1904 = grid({
      styles,
      sheetData: '<row r="1"><c r="A1" s="1"><v>44376</v></c></row>',
      date1904: true,
    });
    expect(value(g1904, 1, 1)).toEqual(day);
  });

  it('resolves vertical, horizontal and block merges', () => {
    const g = grid({
      sheetData:
        `<row r="1">${inline('A1', '一、用权公开')}</row>` +
        `<row r="2">${inline('A2', '1.1')}${inline('B2', '用权公开')}</row>` +
        `<row r="3">${inline('A3', '1.2')}</row>` +
        `<row r="5">${inline('A5', '块')}</row><row r="6" ht="20" customHeight="1"/>`,
      afterSheetData:
        '<mergeCells count="3"><mergeCell ref="A1:K1"/><mergeCell ref="B2:B4"/><mergeCell ref="A5:C6"/></mergeCells>',
    });
    expect(g.cell(1, 1)).toEqual({ own: text('一、用权公开'), value: text('一、用权公开') });
    expect(g.cell(1, 3).value).toEqual({ kind: 'empty' });
    expect(g.scan(1)).toEqual({ texts: ['一、用权公开'], mergedAcross: true });
    expect(g.cell(3, 2)).toEqual({ own: { kind: 'empty' }, value: text('用权公开') });
    // Row 4 has no cells of its own, but the merge still covers it.
    expect(g.cell(4, 2).value).toEqual(text('用权公开'));
    expect(g.scan(3)).toEqual({ texts: ['1.2'], mergedAcross: false });
    expect(g.rowCount).toBe(6);
    expect(g.cell(6, 1).value).toEqual(text('块'));
    expect(g.cell(5, 2).value).toEqual({ kind: 'empty' });
    expect(g.rowNumbers()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(g.columnCount(1)).toBe(11);
  });

  it('follows the relationships to the first worksheet, skipping chart sheets', () => {
    const g = grid({
      chartSheetFirst: true,
      sheetTarget: '/xl/worksheets/任务清单.xml',
      sheetData: `<row r="1">${inline('A1', '序号')}</row>`,
    });
    expect(value(g, 1, 1)).toEqual(text('序号'));
  });

  it('returns null for a workbook without sheets and throws for unknown cell types', () => {
    const empty = rawXlsx({ noSheets: true });
    const container = checkXlsxContainer(empty);
    expect(container.ok && readFirstSheet(empty, container.entries)).toBeNull();

    const odd = rawXlsx({ sheetData: '<row r="1"><c r="A1" t="x"><v>1</v></c></row>' });
    const oddContainer = checkXlsxContainer(odd);
    expect(oddContainer.ok).toBe(true);
    if (oddContainer.ok) {
      expect(() => readFirstSheet(odd, oddContainer.entries)).toThrow(UnsupportedWorkbookError);
    }
  });
});

describe('files written by this library', () => {
  it('are all read by the fast reader, without falling back to exceljs', async () => {
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
      const container = checkXlsxContainer(bytes);
      if (!container.ok) throw new Error(container.message);
      const sheet = readFirstSheet(bytes, container.entries);
      expect(sheet?.rowNumbers().length).toBeGreaterThan(2);
    }
  });
});

describe('parseChecklistWorkbook with hand-written files', () => {
  it('imports a hand-written file with inline strings', async () => {
    const result = await parseChecklistWorkbook(rawXlsx({ sheetData: taskXml() }), {
      planYear: 2025,
    });
    expect(result).toMatchObject({
      ok: true,
      categories: [{ name: '用权公开', order: 1 }],
      tasks: [
        {
          number: '1.1',
          title: '更新机构职能信息',
          deadline: { kind: 'DATE', date: '2025-06-30' },
        },
      ],
    });
  });

  it('falls back to exceljs when the fast reader cannot read the sheet', async () => {
    // exceljs reads an unknown cell type as a number; the fast reader refuses it.
    const file = rawXlsx({ sheetData: taskXml('<c r="L2" t="x"><v>7</v></c>') });
    const result = await parseChecklistWorkbook(file, { planYear: 2025 });
    expect(result).toMatchObject({ ok: true, tasks: [{ number: '1.1' }] });
  });

  it('reports a workbook without sheets', async () => {
    const result = await parseChecklistWorkbook(rawXlsx({ noSheets: true }), { planYear: 2025 });
    expect(result).toEqual({
      ok: false,
      errors: [{ row: 0, column: '', code: 'BAD_FILE', message: '文件中没有工作表' }],
    });
  });

  it('refuses a merge bomb outright instead of handing it to exceljs', async () => {
    // The unknown cell type would send the file to exceljs, which builds every merged cell.
    const file = rawXlsx({
      sheetData: `${headerRowXml(1)}<row r="2"><c r="A2" t="x"><v>1</v></c></row>`,
      afterSheetData: '<mergeCells count="1"><mergeCell ref="L3:Z1048576"/></mergeCells>',
    });
    const started = Date.now();
    const result = await parseChecklistWorkbook(file, { planYear: 2025 });
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          row: 0,
          column: '',
          code: 'BAD_FILE',
          message: '文件中的合并单元格过多，无法导入，请取消不必要的合并后重试',
        },
      ],
    });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('skips the empty rows between a table and a stray cell far below it', async () => {
    const file = rawXlsx({
      sheetData: `${taskXml()}<row r="1000000">${inline('A1000000', '注：此处为表外说明')}</row>`,
    });
    const progress: number[] = [];
    const result = await parseChecklistWorkbook(file, {
      planYear: 2025,
      onProgress: (_done, total) => progress.push(total),
    });
    expect(result).toMatchObject({ ok: true, tasks: [{ number: '1.1' }] });
    expect(progress[0]).toBe(2);
  });

  it('refuses a sheet with more than 50,000 rows before reading it', async () => {
    const rows = Array.from({ length: 50_001 }, (_, i) => `<row r="${i + 1}"/>`).join('');
    const result = await parseChecklistWorkbook(rawXlsx({ sheetData: rows }), { planYear: 2025 });
    expect(result).toMatchObject({ ok: false, errors: [{ code: 'TOO_MANY_ROWS' }] });
  });
});

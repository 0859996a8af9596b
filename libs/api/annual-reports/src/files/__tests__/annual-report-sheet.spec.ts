import ExcelJS from 'exceljs';
import { closeWorkbookReader, readWorkbook, warmUpWorkbookReader } from '@sunshine/api/plan-excel';
import { ANNUAL_FORMAT_2021 as FORMAT } from '@sunshine/shared/domain';
import { readAnnualReportSheets } from '../annual-report-sheet';
import { buildAnnualReportTemplate, TEMPLATE_SHEETS } from '../annual-report-template';

beforeAll(() => warmUpWorkbookReader(), 60_000);
afterAll(() => closeWorkbookReader());

const sample: Record<string, number> = {
  't2.regulation.issued': 1,
  't2.fees.amount': 12.5,
  't3.received.natural': 3,
  't3.received.total': 3,
  't3.disclosed.natural': 2,
  't3.disclosed.total': 2,
  't3.unavailable1.natural': 1,
  't3.unavailable1.total': 1,
  't3.resultTotal.natural': 3,
  't3.resultTotal.total': 3,
  't4.reconsideration.upheld': 1,
  't4.reconsideration.total': 1,
};

async function edit(bytes: Buffer, change: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  change(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function read(bytes: Buffer) {
  return readAnnualReportSheets(FORMAT, (await readWorkbook(bytes)).sheets);
}

describe('annual report template and reader', () => {
  it('reads back every cell of the template it wrote, with the merged headers in place', async () => {
    const bytes = await buildAnnualReportTemplate(FORMAT, sample);
    const r = await read(bytes);
    expect(r.problems).toEqual([]);
    expect(Object.keys(r.values)).toHaveLength(FORMAT.cells.length);
    for (const c of FORMAT.cells) expect(r.values[c.key]).toBe(sample[c.key] ?? 0);
    expect(r.found.table3).toEqual({ sheet: TEMPLATE_SHEETS.table3, at: 'A2' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const t3 = wb.getWorksheet(TEMPLATE_SHEETS.table3)!;
    // 三、本年度办理结果 spans the 22 result rows; 申请人情况 spans the 7 applicant columns.
    expect(t3.getCell('A7').isMerged).toBe(true);
    expect(t3.getCell('A28').master.address).toBe('A7');
    expect(t3.getCell('J2').master.address).toBe('D2');
  });

  it('finds the tables pasted onto one sheet at other offsets without merges; reads blanks, dashes and text numbers', async () => {
    const template = new ExcelJS.Workbook();
    await template.xlsx.load(
      (await buildAnnualReportTemplate(FORMAT, sample)) as unknown as ArrayBuffer,
    );
    const wb = new ExcelJS.Workbook();
    const one = wb.addWorksheet('Sheet1');
    one.getCell('A1').value = '某某审计局2025年政府信息公开工作年度报告（表格）';
    let top = 3;
    for (const id of ['table2', 'table3', 'table4'] as const) {
      const from = template.getWorksheet(TEMPLATE_SHEETS[id])!;
      // Rows 2… of the template (its title row left out), one column to the right.
      for (let r = 2; r <= from.rowCount; r += 1)
        from.getRow(r).eachCell((cell, c) => {
          if (cell.isMerged && cell.master.address !== cell.address) return;
          one.getCell(top + r - 2, c + 1).value = cell.value;
        });
      top += from.rowCount + 1;
    }
    // 表三 starts at row 3 + 15 + 1 = 19, column B; its 一、本年新收 row is 3 rows below.
    one.getCell('E22').value = '３';
    one.getCell('F22').value = null;
    one.getCell('G22').value = '—';
    const r = await read(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(r.found).toEqual({
      table2: { sheet: 'Sheet1', at: 'B3' },
      table3: { sheet: 'Sheet1', at: 'B19' },
      table4: { sheet: 'Sheet1', at: 'B49' },
    });
    expect(r.values['t3.received.natural']).toBe(3);
    expect(r.values['t2.fees.amount']).toBe(12.5);
    expect(r.values['t4.reconsideration.total']).toBe(1);
    expect(r.problems.map((p) => [p.severity, p.code])).toEqual([
      ['WARNING', 'DASH_AS_ZERO'],
      ['WARNING', 'BLANK_AS_ZERO'],
    ]);
    expect(r.problems[0]!.message).toContain('工作表「Sheet1」G22');
  });

  it('names each bad cell in Chinese: text, negative, fractional counts; rounds amounts', async () => {
    const bytes = await buildAnnualReportTemplate(FORMAT, sample);
    const bad = await edit(bytes, (wb) => {
      const t2 = wb.getWorksheet(TEMPLATE_SHEETS.table2)!;
      t2.getCell('B4').value = '一件';
      t2.getCell('C4').value = -1;
      t2.getCell('D4').value = 1.5;
      t2.getCell('B15').value = 3.456;
    });
    const r = await read(bad);
    const codes = r.problems.map((p) => `${p.severity}:${p.code}:${p.cell}`);
    expect(codes).toEqual([
      'ERROR:NOT_A_NUMBER:t2.regulation.issued',
      'ERROR:NEGATIVE:t2.regulation.repealed',
      'ERROR:NOT_INTEGER:t2.regulation.inForce',
      'WARNING:ROUNDED:t2.fees.amount',
    ]);
    expect(r.problems[0]!.message).toBe(
      '工作表「表二 主动公开」B4（表二 规章 · 本年制发件数）：「一件」不是数字',
    );
    expect(r.values['t2.fees.amount']).toBe(3.46);
  });

  it('reports a missing table and a changed row label', async () => {
    const bytes = await buildAnnualReportTemplate(FORMAT, null);
    const changed = await edit(bytes, (wb) => {
      wb.removeWorksheet(wb.getWorksheet(TEMPLATE_SHEETS.table4)!.id);
      wb.getWorksheet(TEMPLATE_SHEETS.table3)!.getCell('C9').value = '1.国家秘密事项';
    });
    const r = await read(changed);
    expect(r.problems.map((p) => `${p.severity}:${p.code}:${p.address}`)).toEqual([
      'WARNING:LABEL_CHANGED:工作表「表三 依申请公开」C9',
      'ERROR:TABLE_NOT_FOUND:',
    ]);
  });
});

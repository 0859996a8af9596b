import {
  ANNUAL_FORMAT_2021 as F,
  NO_APPLICATIONS_SENTENCE,
  checkAnnualReport,
} from '@sunshine/shared/domain';
import {
  cellProblems,
  cellsInput,
  fillZeros,
  table3Plan,
  valuesFromCells,
  withNoApplications,
} from '../lib/annual-report-model';

describe('annual report form model', () => {
  it('lays out 表三 like the national template: merged label columns', () => {
    const plan = table3Plan(F);
    expect(plan).toHaveLength(25);
    const byKey = new Map(plan.map((p) => [p.row.key, p.labels]));
    expect(byKey.get('received')).toEqual([
      { text: '一、本年新收政府信息公开申请数量', rowSpan: 1, colSpan: 3 },
    ]);
    // 三、本年度办理结果 spans its 22 data rows in the first column, opened on (一)予以公开.
    expect(byKey.get('disclosed')).toEqual([
      { text: '三、本年度办理结果', rowSpan: 22, colSpan: 1, heading: true },
      { text: '（一）予以公开', rowSpan: 1, colSpan: 2 },
    ]);
    expect(byKey.get('withheld1')).toEqual([
      { text: '（三）不予公开', rowSpan: 8, colSpan: 1, heading: true },
      { text: '1.属于国家秘密', rowSpan: 1, colSpan: 1 },
    ]);
    expect(byKey.get('withheld2')).toEqual([
      { text: '2.其他法律行政法规禁止公开', rowSpan: 1, colSpan: 1 },
    ]);
    expect(byKey.get('otherHandling1')?.[0]).toMatchObject({ text: '（六）其他处理', rowSpan: 3 });
    expect(byKey.get('resultTotal')).toEqual([{ text: '（七）总计', rowSpan: 1, colSpan: 2 }]);
    expect(byKey.get('carriedOut')).toEqual([
      { text: '四、结转下年度继续办理', rowSpan: 1, colSpan: 3 },
    ]);
  });

  it('round-trips values and fills blanks with zero, keeping typed ones', () => {
    const v = valuesFromCells(
      [{ key: 't3.received.natural', value: 2 }],
      [{ key: 't2.fees.amount', value: null }],
    );
    expect(v).toEqual({ 't3.received.natural': 2, 't2.fees.amount': null });
    const filled = fillZeros(F, v);
    expect(filled['t3.received.natural']).toBe(2);
    expect(filled['t2.fees.amount']).toBe(0);
    expect(Object.keys(filled)).toHaveLength(F.cells.length);
    const input = cellsInput(F, v);
    expect(input).toHaveLength(200);
    expect(input.find((c) => c.key === 't4.reconsideration.total')).toEqual({
      key: 't4.reconsideration.total',
      value: null,
    });
  });

  it('appends the no-application sentence once', () => {
    expect(withNoApplications('')).toBe(NO_APPLICATIONS_SENTENCE);
    expect(withNoApplications('本机关认真落实条例')).toBe(
      `本机关认真落实条例。${NO_APPLICATIONS_SENTENCE}`,
    );
    expect(withNoApplications(`概述。${NO_APPLICATIONS_SENTENCE}`)).toBe(
      `概述。${NO_APPLICATIONS_SENTENCE}`,
    );
  });

  it('highlights the cells a failing identity names, errors over warnings', () => {
    const values = { 't3.received.natural': 2, 't3.received.total': 2 };
    const problems = cellProblems(checkAnnualReport({ format: F, values }));
    expect(problems.get('t3.received.natural')).toEqual({
      severity: 'ERROR',
      messages: [expect.stringContaining('「自然人」列：本年新收＋上年结转为 2')],
    });
    expect(problems.get('t3.carriedOut.total')?.severity).toBe('ERROR');
    expect(problems.has('t4.reconsideration.total')).toBe(false);
  });
});

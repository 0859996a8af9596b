import {
  ANNUAL_FORMAT_2021 as F,
  annualCell,
  annualReportFormat,
  annualTableKeys,
} from '../annual-report-format';
import {
  amountCents,
  annualRuleCount,
  annualSumRules,
  carriedInFromPrevious,
  checkAnnualIdentities,
  checkAnnualValues,
  checkCarriedIn,
  roundAmount,
  unknownAnnualCells,
} from '../annual-report-rules';
import {
  checkAnnualReport,
  checksByCell,
  failingRules,
  sumAnnualValues,
  zeroAnnualValues,
} from '../annual-report-checks';

/** A consistent report: 3 applications (2 natural persons, 1 business), 1 carried over. */
function balanced(): Record<string, number> {
  const v = zeroAnnualValues(F);
  const set = (row: string, natural: number, business: number) => {
    v[`t3.${row}.natural`] = natural;
    v[`t3.${row}.business`] = business;
    v[`t3.${row}.total`] = natural + business;
  };
  set('received', 2, 1);
  set('carriedIn', 1, 0);
  set('disclosed', 1, 1);
  set('unavailable1', 1, 0);
  set('resultTotal', 2, 1);
  set('carriedOut', 1, 0);
  v['t4.reconsideration.upheld'] = 1;
  v['t4.reconsideration.total'] = 1;
  v['t2.fees.amount'] = 1.25;
  return v;
}

const rules = (values: Record<string, number | null>) =>
  checkAnnualIdentities(F, values).map((c) => c.rule);

describe('annual report format 2021', () => {
  it('has every cell of the national tables with a stable, unique key', () => {
    const keys = F.cells.map((c) => c.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(annualTableKeys(F, 'table2')).toHaveLength(2 * 3 + 1 + 2 + 1);
    expect(annualTableKeys(F, 'table3')).toHaveLength(25 * 7);
    expect(annualTableKeys(F, 'table4')).toHaveLength(15);
    expect(annualCell(F, 't3.withheld3.total')?.label).toBe('表三 3.危及“三安全一稳定” · 总计');
    expect(annualCell(F, 't2.fees.amount')?.kind).toBe('amount');
    expect(annualCell(F, 't3.received.research')?.label).toContain('法人或其他组织·科研机构');
    expect(annualReportFormat('2021')).toBe(F);
    expect(() => annualReportFormat('1999')).toThrow();
  });

  it('names the unknown keys of a values map', () => {
    expect(unknownAnnualCells(F, { 't3.received.total': 1, 't9.x.y': 2 })).toEqual(['t9.x.y']);
  });

  it('counts its rules', () => {
    expect(annualSumRules(F)).toHaveLength(7 + 7 + 25 + 3);
    expect(annualRuleCount(F)).toEqual({ identities: 42, carriedIn: 7, values: 200, total: 249 });
  });
});

describe('identity engine', () => {
  it('passes a consistent report and an all-zero one', () => {
    expect(
      checkAnnualReport({ format: F, values: balanced() }).filter((c) => c.severity === 'ERROR'),
    ).toEqual([]);
    expect(failingRules(checkAnnualReport({ format: F, values: zeroAnnualValues(F) }))).toEqual([]);
    expect(failingRules(checkAnnualReport({ format: F, values: {} }))).toEqual([]);
  });

  it('per column, the results add up to (七)总计', () => {
    const v = balanced();
    v['t3.partial.natural'] = 1;
    v['t3.partial.total'] = 1;
    const failed = checkAnnualIdentities(F, v);
    expect(failed.map((c) => c.rule)).toEqual(['T3_RESULT_SUM:natural', 'T3_RESULT_SUM:total']);
    expect(failed[0]?.cells).toContain('t3.partial.natural');
    expect(failed[0]?.cells).toContain('t3.resultTotal.natural');
    expect(failed[0]?.message).toBe(
      '表三「自然人」列：予以公开、部分公开、不予公开、无法提供、不予处理、其他处理之和为 3，与（七）总计 2 不符',
    );
  });

  it('新收 + 上年结转 = 办理结果总计 + 结转下年度, per column', () => {
    const v = balanced();
    v['t3.carriedOut.natural'] = 0;
    v['t3.carriedOut.total'] = 0;
    expect(rules(v)).toEqual(['T3_BALANCE:natural', 'T3_BALANCE:total']);
    const msg = checkAnnualIdentities(F, v)[0]?.message;
    expect(msg).toContain('本年新收＋上年结转为 3');
    expect(msg).toContain('结转下年度继续办理 2 不符');
  });

  it('自然人 and the five legal-person sub-columns add up to 总计, per row', () => {
    const v = balanced();
    v['t3.received.legalService'] = 1; // received now 4 in the parts, 3 in 总计, and the column unbalanced
    expect(rules(v)).toEqual(['T3_BALANCE:legalService', 'T3_ROW_SUM:received']);
    const row = checkAnnualIdentities(F, v)[1];
    expect(row?.cells).toEqual([
      't3.received.natural',
      't3.received.business',
      't3.received.research',
      't3.received.publicInterest',
      't3.received.legalService',
      't3.received.otherOrg',
      't3.received.total',
    ]);
    expect(row?.message).toBe(
      '表三「一、本年新收政府信息公开申请数量」行：自然人与法人或其他组织各项之和为 4，与总计 3 不符',
    );
  });

  it('表四: 维持 + 纠正 + 其他 + 尚未审结 = 总计 for 复议 and both kinds of 诉讼', () => {
    const v = balanced();
    v['t4.litigationAfter.pending'] = 2;
    v['t4.litigationAfter.total'] = 1;
    v['t4.litigationDirect.total'] = 1;
    expect(rules(v)).toEqual(['T4_SUM:litigationDirect', 'T4_SUM:litigationAfter']);
    expect(checkAnnualIdentities(F, v)[1]?.message).toBe(
      '表四「行政诉讼·复议后起诉」：结果维持、结果纠正、其他结果、尚未审结之和为 2，与总计 1 不符',
    );
  });

  it('counts are non-negative integers; amounts non-negative with two decimals', () => {
    const v: Record<string, number> = {
      't3.received.natural': -1,
      't3.received.business': 1.5,
      't2.fees.amount': 1.005,
    };
    expect(checkAnnualValues(F, v).map((c) => c.rule)).toEqual([
      'AMOUNT_CENTS:t2.fees.amount',
      'COUNT_INTEGER:t3.received.natural',
      'COUNT_INTEGER:t3.received.business',
    ]);
    expect(checkAnnualValues(F, { 't2.fees.amount': 12.34, 't2.regulation.issued': 3 })).toEqual(
      [],
    );
    expect(checkAnnualValues(F, { 't2.fees.amount': -0.01 })[0]?.message).toContain('非负金额');
    expect(checkAnnualValues(F, { 't2.fees.amount': 0.1 + 0.2 })).toEqual([]);
  });

  it('rounds amounts in whole cents, also when summing reports', () => {
    expect(amountCents(0.1 + 0.2)).toBe(30);
    expect(roundAmount(1.2349999)).toBe(1.23);
    const sum = sumAnnualValues(F, [
      { 't2.fees.amount': 0.1 },
      { 't2.fees.amount': 0.2 },
      { 't3.received.total': 2 },
    ]);
    expect(sum['t2.fees.amount']).toBe(0.3);
    expect(sum['t3.received.total']).toBe(2);
  });

  it("prefills 上年结转 from last year's 结转下年度 and flags an edit", () => {
    const last = balanced();
    const prefill = carriedInFromPrevious(F, last);
    expect(prefill['t3.carriedIn.natural']).toBe(1);
    expect(prefill['t3.carriedIn.total']).toBe(1);
    expect(prefill['t3.carriedIn.business']).toBe(0);
    const v = { ...balanced(), ...prefill };
    expect(checkCarriedIn(F, v, last)).toEqual([]);
    expect(checkCarriedIn(F, v, null)).toEqual([]);
    const edited = { ...v, 't3.carriedIn.natural': 2 };
    const flagged = checkCarriedIn(F, edited, last);
    expect(flagged).toEqual([
      {
        rule: 'CARRIED_IN:natural',
        cells: ['t3.carriedIn.natural'],
        message: '表三「自然人」列：上年结转 2 与上年度报告的结转下年度继续办理 1 不一致',
        severity: 'ERROR',
      },
    ]);
  });

  it('maps checks to the cells they name', () => {
    const v = balanced();
    v['t4.reconsideration.total'] = 2;
    const byCell = checksByCell(checkAnnualReport({ format: F, values: v }));
    expect(byCell.get('t4.reconsideration.total')?.[0]?.rule).toBe('T4_SUM:reconsideration');
    expect(byCell.has('t3.received.total')).toBe(false);
  });
});

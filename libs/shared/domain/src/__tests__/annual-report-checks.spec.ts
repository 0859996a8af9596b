import { ANNUAL_FORMAT_2021 as F, NO_APPLICATIONS_SENTENCE } from '../annual-report-format';
import {
  checkAllZero,
  checkAnnualReport,
  checkTextNumbers,
  checkYearOnYear,
  failingRules,
  parseQuotedNumber,
  zeroAnnualValues,
} from '../annual-report-checks';
import {
  annualReportDeadline,
  annualReportMove,
  annualReportReminder,
  canActOnAnnualReport,
  isAnnualReportLate,
} from '../annual-report-workflow';

const sections = (overview: string) => ({ overview, problems: '', other: '' });

describe('soft checks', () => {
  it('parses numbers quoted as digits or Chinese numerals', () => {
    expect(parseQuotedNumber('12')).toBe(12);
    expect(parseQuotedNumber('三')).toBe(3);
    expect(parseQuotedNumber('两')).toBe(2);
    expect(parseQuotedNumber('十')).toBe(10);
    expect(parseQuotedNumber('十二')).toBe(12);
    expect(parseQuotedNumber('二十三')).toBe(23);
    expect(parseQuotedNumber('三三')).toBeNull();
    expect(parseQuotedNumber('x')).toBeNull();
  });

  it('warns, without failing, when the text quotes other numbers than the tables', () => {
    const v: Record<string, number> = zeroAnnualValues(F);
    for (const row of ['received', 'disclosed', 'resultTotal']) {
      v[`t3.${row}.natural`] = 2;
      v[`t3.${row}.total`] = 2;
    }
    const text = sections('本年度共收到政府信息公开申请3件（含备案1件），办理行政复议一起。');
    const warnings = checkTextNumbers(v, text);
    expect(warnings.map((w) => w.rule)).toEqual([
      'TEXT_MISMATCH:t3.received.total',
      'TEXT_MISMATCH:t4.reconsideration.total',
    ]);
    expect(warnings[0]?.severity).toBe('WARNING');
    expect(warnings[0]?.message).toContain('表格（收到政府信息公开申请 2）');
    expect(checkTextNumbers(v, sections('本年度共收到政府信息公开申请2件。'))).toEqual([]);
    expect(checkTextNumbers(v, sections('本年度新收申请两件。'))).toEqual([]);
    const report = checkAnnualReport({ format: F, values: v, sections: text });
    expect(report.some((c) => c.rule.startsWith('TEXT_MISMATCH'))).toBe(true);
    // The text warning does not block: the tables themselves balance.
    expect(failingRules(report)).toEqual([]);
    expect(failingRules(report).some((c) => c.rule.startsWith('TEXT'))).toBe(false);
  });

  it('warns when the text says no applications but 表三 has some', () => {
    const v = { 't3.received.total': 1 };
    expect(checkTextNumbers(v, sections(NO_APPLICATIONS_SENTENCE))[0]?.message).toContain(
      '本年新收为 1',
    );
  });

  it('offers the no-application sentence for an all-zero 表三, once', () => {
    expect(checkAllZero(F, zeroAnnualValues(F), sections(''))[0]).toMatchObject({
      rule: 'ALL_ZERO:table3',
      severity: 'WARNING',
    });
    expect(checkAllZero(F, {}, null)).toHaveLength(1);
    expect(
      checkAllZero(F, zeroAnnualValues(F), sections(`总体情况……${NO_APPLICATIONS_SENTENCE}`)),
    ).toEqual([]);
    expect(checkAllZero(F, { 't3.received.total': 1 }, sections(''))).toEqual([]);
  });

  it('flags a change of more than ×3 year on year, not small numbers', () => {
    const last = { 't3.received.total': 1, 't2.normative.issued': 10 };
    expect(checkYearOnYear(F, { 't3.received.total': 3, 't2.normative.issued': 10 }, last)).toEqual(
      [],
    );
    const flagged = checkYearOnYear(F, { 't3.received.total': 4, 't2.normative.issued': 3 }, last);
    expect(flagged.map((c) => c.rule)).toEqual([
      'YEAR_ON_YEAR:t2.normative.issued',
      'YEAR_ON_YEAR:t3.received.total',
    ]);
    expect(flagged[1]?.message).toContain('本年 4，上年 1');
    expect(checkYearOnYear(F, { 't3.received.total': 3 }, {})).toEqual([]);
    expect(checkYearOnYear(F, { 't3.received.total': 4 }, {})).toHaveLength(1);
    expect(checkYearOnYear(F, { 't3.received.total': 40 }, null)).toEqual([]);
  });
});

describe('annual report workflow', () => {
  it('is due on 31 January of the next year, that day on time', () => {
    expect(annualReportDeadline(2025)).toBe('2026-01-31');
    expect(isAnnualReportLate(2025, new Date('2026-01-31T15:59:59Z'), new Date())).toBe(false);
    expect(isAnnualReportLate(2025, new Date('2026-01-31T16:00:00Z'), new Date())).toBe(true);
    expect(isAnnualReportLate(2025, null, new Date('2026-02-02T00:00:00Z'))).toBe(true);
    expect(isAnnualReportLate(2025, null, new Date('2026-01-10T00:00:00Z'))).toBe(false);
  });

  it('reminds a week ahead, the day before, and once overdue', () => {
    expect(annualReportReminder(2025, new Date('2026-01-10T02:00:00Z'))).toBeNull();
    expect(annualReportReminder(2025, new Date('2026-01-25T02:00:00Z'))).toBe('DUE_SOON');
    expect(annualReportReminder(2025, new Date('2026-01-30T02:00:00Z'))).toBe('DUE_TOMORROW');
    expect(annualReportReminder(2025, new Date('2026-02-01T02:00:00Z'))).toBe('OVERDUE');
  });

  it('moves draft → submitted → approved → accepted, and back on return', () => {
    expect(annualReportMove('DRAFT', 'SUBMIT')).toBe('SUBMITTED');
    expect(annualReportMove('RETURNED', 'SUBMIT')).toBe('SUBMITTED');
    expect(annualReportMove('SUBMITTED', 'APPROVE')).toBe('APPROVED');
    expect(annualReportMove('APPROVED', 'ACCEPT')).toBe('ACCEPTED');
    expect(annualReportMove('ACCEPTED', 'RETURN')).toBe('RETURNED');
    expect(annualReportMove('DRAFT', 'APPROVE')).toBeNull();
    expect(annualReportMove('SUBMITTED', 'SAVE')).toBeNull();
    expect(annualReportMove('DRAFT', 'SAVE')).toBe('DRAFT');
  });

  it('lets each actor take only its own steps', () => {
    expect(canActOnAnnualReport('DRAFT', 'SUBMIT', 'BUREAU_EDITOR')).toBe(true);
    expect(canActOnAnnualReport('DRAFT', 'SUBMIT', 'OVERSEER')).toBe(false);
    expect(canActOnAnnualReport('SUBMITTED', 'APPROVE', 'BUREAU_EDITOR')).toBe(false);
    expect(canActOnAnnualReport('SUBMITTED', 'APPROVE', 'BUREAU_REVIEWER')).toBe(true);
    expect(canActOnAnnualReport('APPROVED', 'ACCEPT', 'BUREAU_REVIEWER')).toBe(false);
    expect(canActOnAnnualReport('APPROVED', 'ACCEPT', 'OVERSEER')).toBe(true);
    expect(canActOnAnnualReport('SUBMITTED', 'RETURN', 'BUREAU_REVIEWER')).toBe(true);
    expect(canActOnAnnualReport('SUBMITTED', 'RETURN', 'OVERSEER')).toBe(false);
    expect(canActOnAnnualReport('APPROVED', 'RETURN', 'OVERSEER')).toBe(true);
    expect(canActOnAnnualReport('APPROVED', 'RETURN', 'BUREAU_REVIEWER')).toBe(false);
  });
});

import {
  Deadline,
  deadlineCheckpoints,
  deadlineDueDate,
  formatDeadlineZh,
  isValidDeadline,
  parseDeadline,
} from '../deadline';
import { isCalendarDate } from '../period';

const PLAN_YEAR = 2025;
const parse = (text: string, year = PLAN_YEAR): Deadline => parseDeadline(text, year);
const dated = (date: string): Deadline => ({ kind: 'DATE', date });

describe('parseDeadline', () => {
  it.each([
    ['2025年6月30日', '2025-06-30'],
    ['2025年6月30日前', '2025-06-30'],
    ['2025年6月30日之前', '2025-06-30'],
    ['2025年6月30日以前完成', '2025-06-30'],
    ['2025年06月30号', '2025-06-30'],
    ['2025年6月30', '2025-06-30'],
    ['2025-06-30', '2025-06-30'],
    ['2025-6-30', '2025-06-30'],
    ['2025/6/30', '2025-06-30'],
    ['2025/06/30前', '2025-06-30'],
    ['2025.6.30', '2025-06-30'],
    ['2025.6.30。', '2025-06-30'],
    ['２０２５年６月３０日', '2025-06-30'], // full-width digits
    ['２０２５／６／３０', '2025-06-30'],
    [' 2025 年 6 月 30 日 前 ', '2025-06-30'],
    ['于2025年6月30日前完成', '2025-06-30'],
    ['截至2025年6月30日', '2025-06-30'],
    ['2026年1月31日前', '2026-01-31'],
    ['2024年12月31日', '2024-12-31'],
  ])('reads the full date %s', (text, date) => {
    expect(parse(text)).toEqual(dated(date));
  });

  it.each([
    ['6月底前', '2025-06-30'],
    ['6月底', '2025-06-30'],
    ['6月末', '2025-06-30'],
    ['六月底前', '2025-06-30'],
    ['2月底前', '2025-02-28'],
    ['12月底前完成', '2025-12-31'],
    ['十二月底', '2025-12-31'],
    ['6月', '2025-06-30'],
    ['6月份', '2025-06-30'],
    ['2025年9月底前', '2025-09-30'],
    ['6月30日前', '2025-06-30'],
    ['6月30日', '2025-06-30'],
    ['六月三十日前', '2025-06-30'],
    ['十月十日', '2025-10-10'],
    ['3月31日', '2025-03-31'],
    ['12月31号前', '2025-12-31'],
    ['次年1月31日前', '2026-01-31'],
    ['次年1月底前', '2026-01-31'],
    ['明年3月底', '2026-03-31'],
    ['当年底', '2025-12-31'],
    ['本年度内', '2025-12-31'],
  ])('resolves %s against the plan year', (text, date) => {
    expect(parse(text)).toEqual(dated(date));
  });

  it.each([
    ['年底前', '2025-12-31'],
    ['年底', '2025-12-31'],
    ['年末', '2025-12-31'],
    ['年内', '2025-12-31'],
    ['年内完成', '2025-12-31'],
    ['2025年底前', '2025-12-31'],
    ['2025年年底前', '2025-12-31'],
    ['2025年', '2025-12-31'],
    ['2025年度', '2025-12-31'],
    ['上半年', '2025-06-30'],
    ['上半年前完成', '2025-06-30'],
    ['2025年上半年', '2025-06-30'],
    ['下半年', '2025-12-31'],
    ['第一季度', '2025-03-31'],
    ['一季度末', '2025-03-31'],
    ['第二季度', '2025-06-30'],
    ['第三季度', '2025-09-30'],
    ['三季度末', '2025-09-30'],
    ['三季度末前', '2025-09-30'],
    ['第3季度', '2025-09-30'],
    ['三季末', '2025-09-30'],
    ['第四季度', '2025-12-31'],
    ['2026年第一季度', '2026-03-31'],
  ])('reads the period %s as its last day', (text, date) => {
    expect(parse(text)).toEqual(dated(date));
  });

  it.each([
    ['每月', 'MONTH'],
    ['按月', 'MONTH'],
    ['每月底前', 'MONTH'],
    ['每季度', 'QUARTER'],
    ['每季', 'QUARTER'],
    ['按季度', 'QUARTER'],
    ['每个季度', 'QUARTER'],
    ['每半年', 'HALF_YEAR'],
    ['每年', 'YEAR'],
    ['每年度', 'YEAR'],
  ])('reads the recurrence %s', (text, every) => {
    expect(parse(text)).toEqual({ kind: 'RECURRING', every });
  });

  it.each([
    '持续推进',
    '长期坚持',
    '全年',
    '长期',
    '持续',
    '常态化推进',
    '全年持续推进',
    '持续推进中',
  ])('reads %s as continuous', (text) => {
    expect(parse(text)).toEqual({ kind: 'CONTINUOUS' });
  });

  it('resolves year-less dates against the plan year, leap days included', () => {
    expect(parse('2月29日', 2024)).toEqual(dated('2024-02-29'));
    expect(parse('2月底', 2024)).toEqual(dated('2024-02-29'));
    expect(parse('2月29日', 2025)).toEqual({
      kind: 'INVALID',
      message: '日期不存在：2025年2月29日',
    });
    expect(parse('2024年2月29日', 2024)).toEqual(dated('2024-02-29'));
  });

  it.each([
    ['2025年2月30日', '日期不存在：2025年2月30日'],
    ['2025-02-29', '日期不存在：2025年2月29日'],
    ['2025/4/31', '日期不存在：2025年4月31日'],
    ['2025年6月0日', '日期不存在：2025年6月0日'],
    ['6月31日', '日期不存在：2025年6月31日'],
    ['6月32日', '日期不存在：2025年6月32日'],
  ])('rejects the impossible date %s', (text, message) => {
    expect(parse(text)).toEqual({ kind: 'INVALID', message });
  });

  it('accepts the plan year ± 1 and rejects other years', () => {
    expect(parse('2024年12月31日')).toEqual(dated('2024-12-31'));
    expect(parse('2026年12月31日')).toEqual(dated('2026-12-31'));
    for (const text of [
      '2027年6月30日',
      '2023-06-30',
      '2027年底',
      '2020年上半年',
      '2099年',
      '1025/6/30',
    ]) {
      const result = parse(text);
      expect(result.kind).toBe('INVALID');
      expect(result.kind === 'INVALID' && result.message).toContain(
        '应在计划年度2025年的前后一年内',
      );
    }
  });

  it('rejects ambiguous "before month N" forms with a hint', () => {
    const result = parse('6月前');
    expect(result).toEqual({
      kind: 'INVALID',
      message: '完成时限“6月前”含义不明确，请写明具体日期，如“6月底前”或“6月30日前”',
    });
    expect(parse('2025年2月前').kind).toBe('INVALID');
    expect(parse('6月份前').kind).toBe('INVALID');
    expect(parse('三季度前')).toEqual({
      kind: 'INVALID',
      message: '完成时限“三季度前”含义不明确，请写明具体日期，如“三季度末前”',
    });
  });

  it.each([
    '尽快',
    '适时',
    '按要求',
    '13月底',
    '第五季度',
    '2025年13月1日',
    '2025-06/30',
    '2025.06',
    '底',
    '前',
    '完成',
    '中旬',
    '6月底前完成，并持续推进',
    'asap',
  ])('does not recognise %s', (text) => {
    expect(parse(text)).toEqual({ kind: 'INVALID', message: `无法识别的完成时限：${text}` });
  });

  it('rejects an empty deadline', () => {
    expect(parse('')).toEqual({ kind: 'INVALID', message: '完成时限不能为空' });
    expect(parse('   ')).toEqual({ kind: 'INVALID', message: '完成时限不能为空' });
  });

  it('refuses a nonsensical plan year', () => {
    expect(() => parseDeadline('年底前', 2025.5)).toThrow(RangeError);
    expect(() => parseDeadline('年底前', 0)).toThrow(RangeError);
  });

  it('always yields a valid calendar date within the plan year ± 1', () => {
    const samples = [
      '年底前',
      '6月底前',
      '上半年',
      '第三季度',
      '2月底',
      '次年1月31日前',
      '12月31日',
    ];
    for (let year = 2000; year <= 2100; year++) {
      for (const text of samples) {
        const result = parseDeadline(text, year);
        expect(result.kind).toBe('DATE');
        if (result.kind === 'DATE') {
          expect(isCalendarDate(result.date)).toBe(true);
          expect(Math.abs(Number(result.date.slice(0, 4)) - year)).toBeLessThanOrEqual(1);
        }
      }
    }
  });
});

describe('deadlineDueDate', () => {
  it('is the date itself, or the year end for recurring and continuous tasks', () => {
    expect(deadlineDueDate(dated('2025-06-30'), 2025)).toBe('2025-06-30');
    expect(deadlineDueDate({ kind: 'RECURRING', every: 'QUARTER' }, 2025)).toBe('2025-12-31');
    expect(deadlineDueDate({ kind: 'RECURRING', every: 'MONTH' }, 2024)).toBe('2024-12-31');
    expect(deadlineDueDate({ kind: 'CONTINUOUS' }, 2025)).toBe('2025-12-31');
    expect(deadlineDueDate({ kind: 'INVALID', message: 'x' }, 2025)).toBeNull();
    expect(deadlineDueDate(parse('持续推进'), 2025)).toBe('2025-12-31');
  });
});

describe('deadlineCheckpoints', () => {
  it('lists when progress is expected', () => {
    expect(deadlineCheckpoints(dated('2025-06-30'), 2025)).toEqual(['2025-06-30']);
    expect(deadlineCheckpoints({ kind: 'RECURRING', every: 'QUARTER' }, 2025)).toEqual([
      '2025-03-31',
      '2025-06-30',
      '2025-09-30',
      '2025-12-31',
    ]);
    expect(deadlineCheckpoints({ kind: 'RECURRING', every: 'HALF_YEAR' }, 2025)).toEqual([
      '2025-06-30',
      '2025-12-31',
    ]);
    expect(deadlineCheckpoints({ kind: 'RECURRING', every: 'YEAR' }, 2025)).toEqual(['2025-12-31']);
    const monthly = deadlineCheckpoints({ kind: 'RECURRING', every: 'MONTH' }, 2024);
    expect(monthly).toHaveLength(12);
    expect(monthly[1]).toBe('2024-02-29');
    expect(monthly[11]).toBe('2024-12-31');
    expect(deadlineCheckpoints({ kind: 'CONTINUOUS' }, 2025)).toEqual([
      '2025-03-31',
      '2025-06-30',
      '2025-09-30',
      '2025-12-31',
    ]);
    expect(deadlineCheckpoints({ kind: 'INVALID', message: 'x' }, 2025)).toEqual([]);
  });

  it('ends every valid deadline on its due date', () => {
    const all: Deadline[] = [
      dated('2025-06-30'),
      { kind: 'CONTINUOUS' },
      ...(['MONTH', 'QUARTER', 'HALF_YEAR', 'YEAR'] as const).map((every): Deadline => ({
        kind: 'RECURRING',
        every,
      })),
    ];
    for (const deadline of all) {
      const points = deadlineCheckpoints(deadline, 2025);
      expect(points[points.length - 1]).toBe(deadlineDueDate(deadline, 2025));
      expect([...points].sort()).toEqual(points);
    }
  });
});

describe('formatDeadlineZh', () => {
  it('writes deadlines in Chinese', () => {
    expect(formatDeadlineZh(dated('2025-06-30'))).toBe('2025年6月30日');
    expect(formatDeadlineZh({ kind: 'RECURRING', every: 'MONTH' })).toBe('每月');
    expect(formatDeadlineZh({ kind: 'RECURRING', every: 'QUARTER' })).toBe('每季度');
    expect(formatDeadlineZh({ kind: 'RECURRING', every: 'HALF_YEAR' })).toBe('每半年');
    expect(formatDeadlineZh({ kind: 'RECURRING', every: 'YEAR' })).toBe('每年');
    expect(formatDeadlineZh({ kind: 'CONTINUOUS' })).toBe('持续推进');
    expect(formatDeadlineZh(parse('尽快'))).toBe('无法识别的完成时限：尽快');
  });

  it('round-trips: formatting a valid deadline and parsing it back gives the same value', () => {
    const inputs = [
      '6月底前',
      '年底前',
      '上半年',
      '第三季度',
      '每月',
      '每季度',
      '每半年',
      '每年',
      '持续推进',
    ];
    for (const text of inputs) {
      const parsed = parse(text);
      expect(parse(formatDeadlineZh(parsed))).toEqual(parsed);
    }
  });
});

describe('isValidDeadline', () => {
  it('accepts well-formed stored values only', () => {
    expect(isValidDeadline(dated('2025-06-30'))).toBe(true);
    expect(isValidDeadline({ kind: 'RECURRING', every: 'QUARTER' })).toBe(true);
    expect(isValidDeadline({ kind: 'CONTINUOUS' })).toBe(true);
    expect(isValidDeadline(dated('2025-02-30'))).toBe(false);
    expect(isValidDeadline({ kind: 'RECURRING', every: 'WEEK' })).toBe(false);
    expect(isValidDeadline({ kind: 'RECURRING', every: 'toString' })).toBe(false);
    expect(isValidDeadline({ kind: 'INVALID', message: 'x' })).toBe(false);
    expect(isValidDeadline(null)).toBe(false);
    expect(isValidDeadline('2025-06-30')).toBe(false);
  });
});

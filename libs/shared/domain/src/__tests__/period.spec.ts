import {
  addDays,
  chinaDateOf,
  chinaDayBounds,
  compareDates,
  compareQuarters,
  daysInMonth,
  daysUntilDue,
  defaultDueDate,
  diffDays,
  DUE_STATUS_LABEL,
  dueStatus,
  formatDateZh,
  formatQuarterKey,
  formatQuarterZh,
  isCalendarDate,
  isLate,
  isLeapYear,
  isQuarter,
  isSameQuarter,
  makeQuarter,
  nextQuarter,
  parseCalendarDate,
  parseQuarterKey,
  previousQuarter,
  Quarter,
  quarterEnd,
  quarterOf,
  quartersOfYear,
  quartersUpTo,
  quarterStart,
  toCalendarDate,
} from '../period';

const q = (year: number, quarter: 1 | 2 | 3 | 4): Quarter => ({ year, quarter });

/** Every quarter from 1999 to 2101, for hand-written property checks. */
function allQuarters(): Quarter[] {
  const out: Quarter[] = [];
  for (let year = 1999; year <= 2101; year++) out.push(...quartersOfYear(year));
  return out;
}

describe('calendar dates', () => {
  it('knows leap years, including the century rules', () => {
    expect(isLeapYear(2024)).toBe(true);
    expect(isLeapYear(2025)).toBe(false);
    expect(isLeapYear(1900)).toBe(false);
    expect(isLeapYear(2000)).toBe(true);
    expect(isLeapYear(2100)).toBe(false);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2025, 2)).toBe(28);
    expect(daysInMonth(2025, 4)).toBe(30);
    expect(daysInMonth(2025, 12)).toBe(31);
  });

  it('parses only real YYYY-MM-DD days', () => {
    expect(parseCalendarDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseCalendarDate('2025-02-29')).toBeNull();
    expect(parseCalendarDate('2025-2-28')).toBeNull();
    expect(parseCalendarDate('2025-13-01')).toBeNull();
    expect(parseCalendarDate('2025-00-10')).toBeNull();
    expect(parseCalendarDate('2025-04-31')).toBeNull();
    expect(parseCalendarDate('2025-04-10T00:00:00Z')).toBeNull();
    expect(parseCalendarDate('0999-01-01')).toBeNull();
    expect(isCalendarDate('2025-04-10')).toBe(true);
    expect(isCalendarDate(20250410)).toBe(false);
    expect(isCalendarDate(null)).toBe(false);
  });

  it('builds dates and refuses impossible ones', () => {
    expect(toCalendarDate(2024, 4, 1)).toBe('2024-04-01');
    expect(() => toCalendarDate(2025, 2, 30)).toThrow(RangeError);
    expect(() => toCalendarDate(2025, 1.5, 1)).toThrow('无效日期');
  });

  it('adds and subtracts days across months, years and leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2024-12-31', 10)).toBe('2025-01-10');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(diffDays('2025-01-01', '2024-01-01')).toBe(366);
    expect(diffDays('2026-01-01', '2025-01-01')).toBe(365);
    expect(diffDays('2024-04-01', '2024-04-10')).toBe(-9);
    expect(compareDates('2024-04-10', '2024-04-09')).toBe(1);
    expect(compareDates('2024-04-10', '2024-04-10')).toBe(0);
    expect(compareDates('2023-12-31', '2024-01-01')).toBe(-1);
    expect(() => addDays('2024-02-30', 1)).toThrow(RangeError);
    expect(() => addDays('2024-02-01', 0.5)).toThrow(RangeError);
  });

  it('takes the China calendar day of an instant (UTC+8)', () => {
    expect(chinaDateOf(new Date('2024-03-31T15:59:59.999Z'))).toBe('2024-03-31');
    expect(chinaDateOf(new Date('2024-03-31T16:00:00Z'))).toBe('2024-04-01');
    expect(chinaDateOf(new Date('2024-12-31T16:00:00Z'))).toBe('2025-01-01');
    expect(chinaDateOf(new Date('2024-02-28T16:00:00Z'))).toBe('2024-02-29');
    expect(() => chinaDateOf(new Date('nonsense'))).toThrow(RangeError);
  });

  it('gives the UTC bounds of a China day', () => {
    const { start, end } = chinaDayBounds('2024-04-10');
    expect(start.toISOString()).toBe('2024-04-09T16:00:00.000Z');
    expect(end.toISOString()).toBe('2024-04-10T16:00:00.000Z');
  });

  it('formats dates in Chinese without leading zeros', () => {
    expect(formatDateZh('2024-04-10')).toBe('2024年4月10日');
    expect(formatDateZh('2025-01-01')).toBe('2025年1月1日');
    expect(formatDateZh('2024-12-31')).toBe('2024年12月31日');
    expect(formatDateZh(new Date('2024-04-09T16:30:00Z'))).toBe('2024年4月10日');
    expect(() => formatDateZh('2024-4-10')).toThrow(RangeError);
  });
});

describe('quarters', () => {
  it('parses and formats keys', () => {
    expect(parseQuarterKey('2024Q1')).toEqual(q(2024, 1));
    expect(parseQuarterKey(' 2024q4 ')).toEqual(q(2024, 4));
    for (const bad of ['2024Q0', '2024Q5', '24Q1', '2024-Q1', '2024', 'Q1', '', '2024Q1x']) {
      expect(parseQuarterKey(bad)).toBeNull();
    }
    expect(formatQuarterKey(q(2024, 3))).toBe('2024Q3');
    expect(() => formatQuarterKey({ year: 2024, quarter: 5 } as unknown as Quarter)).toThrow(
      RangeError,
    );
  });

  it('round-trips every key', () => {
    for (const item of allQuarters()) {
      expect(parseQuarterKey(formatQuarterKey(item))).toEqual(item);
    }
  });

  it('validates quarters', () => {
    expect(isQuarter(q(2024, 1))).toBe(true);
    expect(isQuarter({ year: 2024.5, quarter: 1 })).toBe(false);
    expect(isQuarter({ year: 2024, quarter: 0 })).toBe(false);
    expect(isQuarter({ year: '2024', quarter: 1 })).toBe(false);
    expect(isQuarter(null)).toBe(false);
    expect(isQuarter('2024Q1')).toBe(false);
    expect(makeQuarter(2024, 2)).toEqual(q(2024, 2));
    expect(() => makeQuarter(2024, 5)).toThrow('无效季度');
  });

  it('formats quarters in Chinese', () => {
    expect(formatQuarterZh(q(2024, 1))).toBe('2024年第一季度');
    expect(formatQuarterZh(q(2024, 2))).toBe('2024年第二季度');
    expect(formatQuarterZh(q(2024, 3))).toBe('2024年第三季度');
    expect(formatQuarterZh(q(2025, 4))).toBe('2025年第四季度');
  });

  it('finds the quarter of a day, and of an instant in China time', () => {
    expect(quarterOf('2024-01-01')).toEqual(q(2024, 1));
    expect(quarterOf('2024-03-31')).toEqual(q(2024, 1));
    expect(quarterOf('2024-04-01')).toEqual(q(2024, 2));
    expect(quarterOf('2024-09-30')).toEqual(q(2024, 3));
    expect(quarterOf('2024-12-31')).toEqual(q(2024, 4));
    // 2024-03-31T16:30Z is 00:30 on 1 April in Beijing.
    expect(quarterOf(new Date('2024-03-31T16:30:00Z'))).toEqual(q(2024, 2));
    expect(quarterOf(new Date('2024-12-31T16:00:00Z'))).toEqual(q(2025, 1));
    expect(quarterOf(new Date('2024-03-31T15:59:00Z'))).toEqual(q(2024, 1));
  });

  it('gives quarter starts and ends', () => {
    expect(quarterStart(q(2024, 1))).toBe('2024-01-01');
    expect(quarterEnd(q(2024, 1))).toBe('2024-03-31');
    expect(quarterStart(q(2024, 2))).toBe('2024-04-01');
    expect(quarterEnd(q(2024, 2))).toBe('2024-06-30');
    expect(quarterStart(q(2024, 3))).toBe('2024-07-01');
    expect(quarterEnd(q(2024, 3))).toBe('2024-09-30');
    expect(quarterStart(q(2024, 4))).toBe('2024-10-01');
    expect(quarterEnd(q(2024, 4))).toBe('2024-12-31');
  });

  it('computes default due dates, crossing into the next year for Q4', () => {
    expect(defaultDueDate(q(2024, 1))).toBe('2024-04-10');
    expect(defaultDueDate(q(2024, 2))).toBe('2024-07-10');
    expect(defaultDueDate(q(2024, 3))).toBe('2024-10-10');
    expect(defaultDueDate(q(2024, 4))).toBe('2025-01-10');
    expect(defaultDueDate(q(2024, 1), 15)).toBe('2024-04-15');
    expect(defaultDueDate(q(2024, 1), 0)).toBe('2024-03-31');
    expect(defaultDueDate(q(2024, 4), 31)).toBe('2025-01-31');
    expect(() => defaultDueDate(q(2024, 1), -1)).toThrow(RangeError);
    expect(() => defaultDueDate(q(2024, 1), 2.5)).toThrow(RangeError);
  });

  it('steps to previous and next quarters across years', () => {
    expect(previousQuarter(q(2024, 1))).toEqual(q(2023, 4));
    expect(previousQuarter(q(2024, 3))).toEqual(q(2024, 2));
    expect(nextQuarter(q(2024, 4))).toEqual(q(2025, 1));
    expect(nextQuarter(q(2024, 2))).toEqual(q(2024, 3));
  });

  it('lists the quarters of a year and the year to date', () => {
    expect(quartersOfYear(2024).map(formatQuarterKey)).toEqual([
      '2024Q1',
      '2024Q2',
      '2024Q3',
      '2024Q4',
    ]);
    expect(quartersUpTo(q(2024, 1))).toEqual([q(2024, 1)]);
    expect(quartersUpTo(q(2024, 3)).map(formatQuarterKey)).toEqual(['2024Q1', '2024Q2', '2024Q3']);
    expect(quartersUpTo(q(2024, 4))).toEqual(quartersOfYear(2024));
  });

  it('compares quarters', () => {
    expect(compareQuarters(q(2024, 4), q(2025, 1))).toBe(-1);
    expect(compareQuarters(q(2025, 1), q(2024, 4))).toBe(1);
    expect(compareQuarters(q(2025, 1), q(2025, 1))).toBe(0);
    expect(isSameQuarter(q(2025, 1), { year: 2025, quarter: 1 })).toBe(true);
    const shuffled = [q(2025, 2), q(2024, 4), q(2025, 1), q(2024, 1)];
    expect([...shuffled].sort(compareQuarters).map(formatQuarterKey)).toEqual([
      '2024Q1',
      '2024Q4',
      '2025Q1',
      '2025Q2',
    ]);
  });

  describe('properties, for every quarter 1999–2101', () => {
    const quarters = allQuarters();

    it('start ≤ end, both inside the quarter, and 90–92 days long', () => {
      for (const item of quarters) {
        const start = quarterStart(item);
        const end = quarterEnd(item);
        expect(quarterOf(start)).toEqual(item);
        expect(quarterOf(end)).toEqual(item);
        const length = diffDays(end, start) + 1;
        expect(length).toBeGreaterThanOrEqual(90);
        expect(length).toBeLessThanOrEqual(92);
      }
    });

    it('quarters tile the calendar: the next one starts the day after this one ends', () => {
      for (const item of quarters) {
        expect(quarterStart(nextQuarter(item))).toBe(addDays(quarterEnd(item), 1));
      }
    });

    it('next and previous are inverses and move by one', () => {
      for (const item of quarters) {
        expect(previousQuarter(nextQuarter(item))).toEqual(item);
        expect(nextQuarter(previousQuarter(item))).toEqual(item);
        expect(compareQuarters(item, nextQuarter(item))).toBe(-1);
      }
    });

    it('the due date is after the quarter end, in the next quarter, and on the 10th of a month', () => {
      for (const item of quarters) {
        const due = defaultDueDate(item);
        expect(compareDates(due, quarterEnd(item))).toBe(1);
        expect(diffDays(due, quarterEnd(item))).toBe(10);
        expect(quarterOf(due)).toEqual(nextQuarter(item));
        expect(due.endsWith('-10')).toBe(true);
      }
    });

    it('quartersUpTo ends with the quarter and stays in its year', () => {
      for (const item of quarters) {
        const ytd = quartersUpTo(item);
        expect(ytd).toHaveLength(item.quarter);
        expect(ytd[ytd.length - 1]).toEqual(item);
        expect(ytd.every((x) => x.year === item.year)).toBe(true);
      }
    });
  });
});

describe('lateness and due status (China time, server in UTC)', () => {
  it('is on time up to the end of the due day in Beijing', () => {
    expect(isLate(new Date('2024-04-10T15:59:00Z'), '2024-04-10')).toBe(false);
    expect(isLate(new Date('2024-04-10T15:59:59.999Z'), '2024-04-10')).toBe(false);
    expect(isLate(new Date('2024-04-10T16:00:00Z'), '2024-04-10')).toBe(true);
    expect(isLate(new Date('2024-04-01T00:00:00Z'), '2024-04-10')).toBe(false);
    // Early morning of the due day in Beijing is the previous UTC day.
    expect(isLate(new Date('2024-04-09T17:00:00Z'), '2024-04-10')).toBe(false);
    expect(isLate(new Date('2024-04-11T01:00:00Z'), '2024-04-10')).toBe(true);
  });

  it('handles a Q4 due date in the next year', () => {
    const due = defaultDueDate(q(2024, 4));
    expect(isLate(new Date('2025-01-10T15:59:00Z'), due)).toBe(false);
    expect(isLate(new Date('2025-01-10T16:00:00Z'), due)).toBe(true);
  });

  it('agrees with the China calendar day of the submission', () => {
    const due = '2024-04-10';
    for (let hour = -48; hour <= 48; hour++) {
      const at = new Date(Date.UTC(2024, 3, 10, hour, 30));
      expect(isLate(at, due)).toBe(compareDates(chinaDateOf(at), due) > 0);
    }
  });

  it('counts days until the due day on the China calendar', () => {
    expect(daysUntilDue(new Date('2024-04-10T15:00:00Z'), '2024-04-10')).toBe(0);
    expect(daysUntilDue(new Date('2024-04-10T16:00:00Z'), '2024-04-10')).toBe(-1);
    expect(daysUntilDue(new Date('2024-04-02T00:00:00Z'), '2024-04-10')).toBe(8);
  });

  it('classifies due status', () => {
    const due = '2024-04-10';
    const at = (iso: string) => dueStatus(new Date(iso), due);
    expect(at('2024-04-01T04:00:00Z')).toBe('OPEN'); // 9 days
    expect(at('2024-04-02T04:00:00Z')).toBe('OPEN'); // 8 days
    expect(at('2024-04-03T04:00:00Z')).toBe('DUE_SOON'); // 7 days
    expect(at('2024-04-08T04:00:00Z')).toBe('DUE_SOON'); // 2 days
    expect(at('2024-04-09T04:00:00Z')).toBe('DUE_TOMORROW');
    // 2024-04-08T16:00Z is already 9 April in Beijing.
    expect(at('2024-04-08T16:00:00Z')).toBe('DUE_TOMORROW');
    expect(at('2024-04-10T04:00:00Z')).toBe('DUE_SOON'); // the due day itself
    expect(at('2024-04-10T15:59:59Z')).toBe('DUE_SOON');
    expect(at('2024-04-10T16:00:00Z')).toBe('OVERDUE');
    expect(at('2025-01-01T00:00:00Z')).toBe('OVERDUE');
    expect(dueStatus(new Date('2024-04-02T04:00:00Z'), due, 14)).toBe('DUE_SOON');
  });

  it('labels due status in Chinese', () => {
    expect(DUE_STATUS_LABEL.OVERDUE).toBe('已逾期');
    expect(DUE_STATUS_LABEL.DUE_TOMORROW).toBe('明天截止');
    expect(DUE_STATUS_LABEL.DUE_SOON).toBe('即将截止');
    expect(DUE_STATUS_LABEL.OPEN).toBe('未到期');
  });

  it('never depends on the host time zone', () => {
    // The functions only use UTC accessors; shifting TZ must not change anything.
    const saved = process.env.TZ;
    try {
      process.env.TZ = 'America/Los_Angeles';
      expect(chinaDateOf(new Date('2024-03-31T16:30:00Z'))).toBe('2024-04-01');
      expect(isLate(new Date('2024-04-10T15:59:00Z'), '2024-04-10')).toBe(false);
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});

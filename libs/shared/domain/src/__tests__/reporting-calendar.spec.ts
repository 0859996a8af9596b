import {
  CALENDAR_DAYS,
  compareQuarters,
  makeQuarter,
  quarterFromKey,
  quarterKey,
  ReportingCalendar,
  reportingPeriodAt,
  workingDays,
} from '../index';

const q = makeQuarter;
/** Noon in Beijing on a China calendar day. */
const day = (date: string): Date => new Date(`${date}T12:00:00+08:00`);

describe('quarter keys', () => {
  it('is year × 10 + quarter, round-trips and sorts like the quarters', () => {
    expect(quarterKey(q(2024, 1))).toBe(20241);
    expect(quarterKey(q(2025, 4))).toBe(20254);
    expect(quarterFromKey(20253)).toEqual(q(2025, 3));
    expect(() => quarterFromKey(20255)).toThrow(RangeError);
    expect(() => quarterFromKey(2025.1)).toThrow(RangeError);
    const quarters = [q(2025, 1), q(2024, 4), q(2024, 1), q(2025, 2)];
    const byKey = [...quarters].sort((a, b) => quarterKey(a) - quarterKey(b));
    const byCompare = [...quarters].sort(compareQuarters);
    expect(byKey).toEqual(byCompare);
    expect(byKey).toEqual([q(2024, 1), q(2024, 4), q(2025, 1), q(2025, 2)]);
  });
});

describe('ReportingCalendar', () => {
  it('defaults to a 10-day window, and honours a plan’s window', () => {
    expect(ReportingCalendar.forPlan(null).dueDate(q(2024, 1))).toBe('2024-04-10');
    expect(ReportingCalendar.forPlan({}).dueDate(q(2024, 4))).toBe('2025-01-10');
    const twenty = ReportingCalendar.forPlan({ dueDaysAfterQuarter: 20 });
    expect(twenty.dueDate(q(2024, 2))).toBe('2024-07-20');
    expect(twenty.dueDate(q(2024, 4))).toBe('2025-01-20');
    expect(() => ReportingCalendar.forPlan({ dueDaysAfterQuarter: -1 })).toThrow(RangeError);
  });

  it('takes the latest window for several plans read together', () => {
    const cal = ReportingCalendar.forPlans([
      { dueDaysAfterQuarter: 10 },
      { dueDaysAfterQuarter: 15 },
    ]);
    expect(cal.dueDaysAfterQuarter).toBe(15);
    expect(ReportingCalendar.forPlans([]).dueDaysAfterQuarter).toBe(10);
  });

  it('agrees on due date, late flag, reminders and reporting period, day by day (20-day window)', () => {
    const cal = ReportingCalendar.forPlan({ dueDaysAfterQuarter: 20 });
    const q2 = q(2025, 2);
    const rows = ['2025-07-12', '2025-07-13', '2025-07-19', '2025-07-20', '2025-07-21'].map(
      (d) => ({
        d,
        reminder: cal.reminder(q2, day(d)),
        late: cal.isLate(q2, day(d)),
        period: cal.reportingPeriod(day(d)),
      }),
    );
    expect(rows.map((r) => [r.d, r.reminder, r.late, quarterKey(r.period.quarter)])).toEqual([
      ['2025-07-12', null, false, 20252],
      ['2025-07-13', 'DUE_SOON', false, 20252],
      ['2025-07-19', 'DUE_TOMORROW', false, 20252],
      ['2025-07-20', 'DUE_TOMORROW', false, 20252],
      ['2025-07-21', 'OVERDUE', true, 20253],
    ]);
    expect(rows[3]?.period.dueDate).toBe('2025-07-20');
    expect(rows[4]?.period.dueDate).toBe('2025-10-20');
    // The default window would already be overdue on day 11.
    expect(ReportingCalendar.forPlan(null).reminder(q2, day('2025-07-11'))).toBe('OVERDUE');
    expect(cal.reminder(q2, day('2025-07-11'))).toBe(null);
  });

  it('ends the due day at midnight in China time', () => {
    const cal = ReportingCalendar.forPlan({ dueDaysAfterQuarter: 20 });
    expect(cal.isLate(q(2025, 2), new Date('2025-07-20T15:59:59.999Z'))).toBe(false);
    expect(cal.isLate(q(2025, 2), new Date('2025-07-20T16:00:00Z'))).toBe(true);
  });

  it('reminds about the previous quarter', () => {
    const cal = ReportingCalendar.forPlan(null);
    expect(cal.reminderQuarter(day('2025-07-04'))).toEqual(q(2025, 2));
    expect(cal.reminderQuarter(day('2025-01-05'))).toEqual(q(2024, 4));
  });

  it('takes each year’s calendar around the new year', () => {
    const calendars: Record<number, ReportingCalendar> = {
      2024: ReportingCalendar.forPlan({ dueDaysAfterQuarter: 20 }),
      2025: ReportingCalendar.forPlan({ dueDaysAfterQuarter: 10 }),
    };
    const at = (d: string) => reportingPeriodAt(day(d), (y) => calendars[y]!);
    expect(at('2025-01-15')).toEqual({ quarter: q(2024, 4), dueDate: '2025-01-20' });
    expect(at('2025-01-21')).toEqual({ quarter: q(2025, 1), dueDate: '2025-04-10' });
  });

  it('counts working days with holidays and make-up days when given that strategy', () => {
    // 2025: 劳动节 5月1日–5日 off, 4月27日 (Sunday) a make-up working day.
    const table = {
      holidays: ['2025-05-01', '2025-05-02', '2025-05-05'],
      workdays: ['2025-04-27'],
    };
    const cal = ReportingCalendar.forPlan({ dueDaysAfterQuarter: 5 }, workingDays(table));
    // Q1 ends Monday 2025-03-31: working days Apr 1, 2, 3, 4, 7.
    expect(cal.dueDate(q(2025, 1))).toBe('2025-04-07');
    const counting = workingDays(table);
    expect(counting.dayAfter('2025-04-25', 1)).toBe('2025-04-27'); // the make-up Sunday
    expect(counting.dayAfter('2025-04-30', 1)).toBe('2025-05-06'); // over the holiday
    expect(counting.dayAfter('2025-04-30', 0)).toBe('2025-04-30');
    expect(CALENDAR_DAYS.dayAfter('2025-04-30', 1)).toBe('2025-05-01');
  });
});

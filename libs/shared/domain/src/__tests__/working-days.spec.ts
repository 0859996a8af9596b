import fc from 'fast-check';
import * as chineseDays from 'chinese-days';
import { addDays } from '../period';
import { makeQuarter } from '../period';
import { ReportingCalendar, workingDays } from '../reporting-calendar';
import {
  loadChineseWorkingDays,
  remainingWorkingDaysLabel,
  WorkingDayCalendar,
} from '../working-days';
import { chineseWorkingDays } from '../chinese-calendar';

const cal = chineseWorkingDays();

describe('working days on the Chinese calendar (chinese-days data)', () => {
  it('counts the make-up Saturdays and Sundays of Spring Festival 2025 and skips the holiday', () => {
    expect(cal.isMakeUpWorkday('2025-01-26')).toBe(true); // Sunday
    expect(cal.isMakeUpWorkday('2025-02-08')).toBe(true); // Saturday
    expect(cal.addWorkingDays('2025-01-24', 1)).toBe('2025-01-26');
    expect(cal.addWorkingDays('2025-01-26', 1)).toBe('2025-01-27');
    expect(cal.addWorkingDays('2025-01-27', 1)).toBe('2025-02-05'); // 28 Jan – 4 Feb off
    expect(cal.addWorkingDays('2025-02-07', 1)).toBe('2025-02-08');
    expect(cal.addWorkingDays('2025-02-08', 1)).toBe('2025-02-10');
    // 26, 27 Jan; 5, 6, 7, 8, 10 Feb.
    expect(cal.workingDaysBetween('2025-01-24', '2025-02-10')).toBe(7);
    expect(cal.workingDaysBetween('2025-02-10', '2025-01-24')).toBe(-7);
  });

  it('counts National Day 2025 with its make-up days (28 Sep, 11 Oct)', () => {
    expect(cal.isWorkingDay('2025-09-28')).toBe(true);
    expect(cal.isWorkingDay('2025-10-11')).toBe(true);
    expect(cal.isWorkingDay('2025-10-08')).toBe(false); // a Wednesday off
    expect(cal.addWorkingDays('2025-09-26', 1)).toBe('2025-09-28');
    expect(cal.addWorkingDays('2025-09-30', 1)).toBe('2025-10-09');
    expect(cal.addWorkingDays('2025-10-10', 1)).toBe('2025-10-11');
    // "5个工作日内" from Monday 29 Sep: 30 Sep, 9, 10, 11, 13 Oct.
    expect(cal.addWorkingDays('2025-09-29', 5)).toBe('2025-10-13');
    expect(cal.addWorkingDays('2025-10-13', -5)).toBe('2025-09-29');
  });

  it('counts Spring Festival 2026 (15–23 Feb off; 14 and 28 Feb make-up Saturdays)', () => {
    expect(cal.addWorkingDays('2026-02-13', 1)).toBe('2026-02-14');
    expect(cal.addWorkingDays('2026-02-14', 1)).toBe('2026-02-24');
    expect(cal.isWorkingDay('2026-02-28')).toBe(true);
    // 14, 24, 25, 26, 27, 28 Feb, 2 Mar.
    expect(cal.workingDaysBetween('2026-02-13', '2026-03-02')).toBe(7);
  });

  it('counts National Day 2026 (Mid-Autumn 25–27 Sep, 1–7 Oct off; 20 Sep and 10 Oct make-up)', () => {
    expect(cal.addWorkingDays('2026-09-18', 1)).toBe('2026-09-20'); // Sunday
    expect(cal.addWorkingDays('2026-09-24', 1)).toBe('2026-09-28');
    expect(cal.addWorkingDays('2026-09-30', 1)).toBe('2026-10-08');
    expect(cal.addWorkingDays('2026-10-09', 1)).toBe('2026-10-10'); // Saturday
    expect(cal.workingDaysBetween('2026-09-30', '2026-10-12')).toBe(4); // 8, 9, 10, 12 Oct
  });

  it('says "剩余 N 个工作日" counting today and the due day', () => {
    expect(cal.remainingWorkingDays('2025-09-29', '2025-10-09')).toBe(3); // 29, 30 Sep, 9 Oct
    expect(cal.remainingWorkingDays('2025-10-09', '2025-10-09')).toBe(1);
    expect(cal.remainingWorkingDays('2025-10-01', '2025-10-01')).toBe(0); // a holiday
    expect(cal.remainingWorkingDays('2025-10-10', '2025-10-09')).toBe(0); // overdue
  });

  it('labels the time left and gives a deadline with its coverage warning', () => {
    expect(remainingWorkingDaysLabel(cal, '2025-09-29', '2025-10-09')).toBe('剩余 3 个工作日');
    expect(remainingWorkingDaysLabel(cal, '2025-10-09', '2025-10-09')).toBe('今天截止');
    expect(remainingWorkingDaysLabel(cal, '2025-10-10', '2025-10-09')).toBe('已逾期 1 个工作日');
    // Due on the last holiday: the only working day left is none.
    expect(remainingWorkingDaysLabel(cal, '2025-10-02', '2025-10-08')).toBe('截止日前无工作日');
    expect(cal.deadlineAfter('2025-09-29', 5)).toEqual({ date: '2025-10-13', warning: null });
    const last = cal.coverage!.lastYear;
    const late = cal.deadlineAfter(`${last}-12-28`, 5);
    expect(late.date.startsWith(`${last + 1}-`)).toBe(true);
    expect(late.warning).toContain(`${last + 1} 年`);
  });

  it('agrees with the package’s own isWorkday on every day it covers', () => {
    const { firstYear, lastYear } = cal.coverage!;
    let disagreements = 0;
    for (let d = `${firstYear}-01-01`; d <= `${lastYear}-12-31`; d = addDays(d, 1)) {
      if (cal.isWorkingDay(d) !== chineseDays.isWorkday(d)) disagreements++;
    }
    expect(disagreements).toBe(0);
  });

  it('is its own inverse: workingDaysBetween(d, addWorkingDays(d, n)) = n', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 729 }), fc.integer({ min: -40, max: 40 }), (o, n) => {
        const d = addDays('2025-01-01', o);
        // Backwards, the start is counted when it is a working day (the inverse needs one).
        if (n < 0 && !cal.isWorkingDay(d)) return;
        expect(cal.workingDaysBetween(d, cal.addWorkingDays(d, n))).toBe(n);
      }),
    );
  });

  it('reports the years it covers and warns for a deadline outside them', () => {
    expect(cal.coverage?.firstYear).toBe(2004);
    expect(cal.coverage!.lastYear).toBeGreaterThanOrEqual(2026);
    expect(cal.covers(2025)).toBe(true);
    expect(cal.covers('2026-12-31')).toBe(true);
    expect(cal.coverageWarning('2026-10-09')).toBeNull();
    const next = cal.coverage!.lastYear + 1;
    const warning = cal.coverageWarning('2026-12-20', `${next}-01-08`);
    expect(warning).toContain(`${next} 年的放假安排尚未收录`);
    expect(warning).toContain('2004–');
    // Outside the table: Monday to Friday.
    expect(cal.addWorkingDays(`${next}-01-01`, 0)).toBe(`${next}-01-01`);
    expect(() => cal.addWorkingDays('2025-02-30', 1)).toThrow('无效日期');
    expect(() => cal.addWorkingDays('2025-02-03', 1.5)).toThrow(RangeError);
  });

  it('is the same calendar for the reporting calendar and loaded lazily once', async () => {
    const loaded = await loadChineseWorkingDays();
    expect(loaded).toBe(cal);
    expect(await loadChineseWorkingDays()).toBe(loaded);
    // Q3 2025 ends Tuesday 30 Sep; five working days: 9, 10, 11 (Sat), 13, 14 Oct.
    const reporting = ReportingCalendar.forPlan({ dueDaysAfterQuarter: 5 }, workingDays(loaded));
    expect(reporting.dueDate(makeQuarter(2025, 3))).toBe('2025-10-14');
    expect(reporting.counting.kind).toBe('WORKING_DAYS');
  });

  it('takes a hand-made table with the same rules', () => {
    const small = new WorkingDayCalendar({ holidays: ['2030-01-01'], workdays: ['2030-01-05'] });
    expect(small.coverage).toEqual({ firstYear: 2030, lastYear: 2030, years: [2030] });
    expect(small.addWorkingDays('2029-12-31', 1)).toBe('2030-01-02');
    expect(small.addWorkingDays('2030-01-04', 1)).toBe('2030-01-05');
  });
});

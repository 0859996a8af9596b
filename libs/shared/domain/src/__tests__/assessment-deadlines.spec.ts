import { chineseWorkingDays } from '../chinese-calendar';
import {
  assessmentDeadlineReminder,
  bureauOwesAnswer,
  roundDeadline,
} from '../assessment-deadlines';
import { assessmentTransition, ASSESSMENT_ISSUE_STATUSES } from '../assessment-workflow';
import { WorkingDayCalendar, workingDayDeadline } from '../working-days';

const cal = chineseWorkingDays();
const label = (today: string, due: string) => workingDayDeadline(cal, today, due).label;

describe('剩余 / 已逾期 N 个工作日 on the Chinese calendar', () => {
  it('counts Spring Festival 2025 with its make-up Sunday 26 Jan and Saturday 8 Feb', () => {
    // Friday 24 Jan → Monday 10 Feb: 24, 26, 27 Jan; 5, 6, 7, 8, 10 Feb.
    expect(label('2025-01-24', '2025-02-10')).toBe('剩余 8 个工作日');
    // On the make-up Sunday itself, it counts.
    expect(label('2025-01-26', '2025-01-27')).toBe('剩余 2 个工作日');
    // During the holiday, nothing counts until 5 Feb.
    expect(label('2025-01-30', '2025-02-05')).toBe('剩余 1 个工作日');
    // Due 27 Jan, seen on 8 Feb (a make-up Saturday): 5, 6, 7, 8 Feb late.
    expect(workingDayDeadline(cal, '2025-02-08', '2025-01-27')).toEqual({
      state: 'OVERDUE',
      workingDays: 4,
      label: '已逾期 4 个工作日',
    });
  });

  it('counts National Day 2025 (28 Sep and 11 Oct worked) and 2026 (20 Sep and 10 Oct worked)', () => {
    expect(label('2025-09-28', '2025-09-30')).toBe('剩余 3 个工作日');
    expect(label('2025-09-30', '2025-10-09')).toBe('剩余 2 个工作日');
    expect(label('2025-10-11', '2025-09-30')).toBe('已逾期 3 个工作日'); // 9, 10, Saturday 11 Oct
    expect(label('2026-09-20', '2026-09-24')).toBe('剩余 5 个工作日'); // Sunday 20 Sep worked
    expect(label('2026-09-30', '2026-10-10')).toBe('剩余 4 个工作日'); // 30 Sep; 8, 9, Saturday 10 Oct
    expect(label('2026-10-12', '2026-09-30')).toBe('已逾期 4 个工作日'); // 8, 9, 10, 12 Oct
  });

  it('counts Spring Festival 2026 (14 and 28 Feb worked, 15–23 Feb off)', () => {
    expect(label('2026-02-13', '2026-02-24')).toBe('剩余 3 个工作日'); // 13, 14, 24 Feb
    expect(label('2026-02-28', '2026-02-24')).toBe('已逾期 4 个工作日'); // 25, 26, 27, Saturday 28 Feb
  });

  it('says 今天截止 on the day and 已逾期 over the weekend after a Friday deadline', () => {
    expect(workingDayDeadline(cal, '2025-11-14', '2025-11-14').state).toBe('DUE_TODAY');
    expect(label('2025-11-14', '2025-11-14')).toBe('今天截止');
    expect(label('2025-11-15', '2025-11-14')).toBe('已逾期');
    expect(label('2025-11-17', '2025-11-14')).toBe('已逾期 1 个工作日');
    expect(label('2025-10-02', '2025-10-08')).toBe('截止日前无工作日');
  });
});

describe('assessment deadline reminders', () => {
  it('is due soon within 3 working days, due tomorrow on the next working day, overdue after', () => {
    // Thursday 25 Sep 2025; Sunday 28 Sep is worked.
    expect(assessmentDeadlineReminder(cal, '2025-09-25', '2025-10-09', 'OPEN')).toBeNull();
    expect(assessmentDeadlineReminder(cal, '2025-09-25', '2025-09-29', 'OPEN')).toBe('DUE_SOON');
    expect(assessmentDeadlineReminder(cal, '2025-09-26', '2025-09-28', 'RECTIFYING')).toBe(
      'DUE_TOMORROW',
    );
    // Across National Day: on 30 Sep a 9 Oct deadline is the next working day.
    expect(assessmentDeadlineReminder(cal, '2025-09-30', '2025-10-09', 'RETURNED')).toBe(
      'DUE_TOMORROW',
    );
    expect(assessmentDeadlineReminder(cal, '2025-10-09', '2025-10-09', 'OPEN')).toBe(
      'DUE_TOMORROW',
    );
    expect(assessmentDeadlineReminder(cal, '2025-10-10', '2025-10-09', 'AWAITING_APPROVAL')).toBe(
      'OVERDUE',
    );
  });

  it('never reminds about an answer the bureau has given', () => {
    for (const s of ASSESSMENT_ISSUE_STATUSES) {
      const kind = assessmentDeadlineReminder(cal, '2025-10-10', '2025-10-09', s);
      expect(kind === null).toBe(!bureauOwesAnswer(s));
    }
    expect(bureauOwesAnswer('AWAITING_VERIFICATION')).toBe(false);
    expect(bureauOwesAnswer('VERIFIED')).toBe(false);
  });
});

describe('a round default deadline', () => {
  it('is N working days from publication, or the given date', () => {
    expect(roundDeadline(cal, { kind: 'WORKING_DAYS', workingDays: 5 }, '2025-09-29')).toEqual({
      date: '2025-10-13',
      warning: null,
    });
    expect(roundDeadline(cal, { kind: 'DATE', date: '2025-12-31' }, '2025-09-29')).toEqual({
      date: '2025-12-31',
      warning: null,
    });
  });

  it('warns when the count runs into a year without holiday data', () => {
    const last = cal.coverage!.lastYear;
    const r = roundDeadline(cal, { kind: 'WORKING_DAYS', workingDays: 10 }, `${last}-12-24`);
    expect(r.date.startsWith(`${last + 1}-`)).toBe(true);
    expect(r.warning).toContain(`${last + 1} 年`);
    const d = roundDeadline(cal, { kind: 'DATE', date: `${last + 1}-03-01` }, `${last}-12-01`);
    expect(d.warning).toContain('尚未收录');
  });

  it('refuses a count outside 1–250', () => {
    const plain = new WorkingDayCalendar({ holidays: [], workdays: [], years: [2025] });
    for (const n of [0, -1, 1.5, 251])
      expect(() =>
        roundDeadline(plain, { kind: 'WORKING_DAYS', workingDays: n }, '2025-01-01'),
      ).toThrow(RangeError);
  });
});

describe('the reviewer sends an answer back to the editor', () => {
  const req = {
    status: 'AWAITING_APPROVAL' as const,
    action: 'SEND_BACK' as const,
    actor: 'BUREAU_REVIEWER' as const,
    reason: '整改链接打不开',
  };

  it('returns it to the editor with a reason', () => {
    expect(assessmentTransition(req)).toEqual({ ok: true, to: 'RETURNED' });
    // …who answers again.
    expect(
      assessmentTransition({ status: 'RETURNED', action: 'SUBMIT', actor: 'BUREAU_EDITOR' }),
    ).toEqual({ ok: true, to: 'AWAITING_APPROVAL' });
  });

  it('needs a reason, the reviewer, an answer awaiting approval, and someone else’s answer', () => {
    expect(assessmentTransition({ ...req, reason: '  ' })).toEqual({
      ok: false,
      reason: 'REASON_REQUIRED',
    });
    for (const actor of ['BUREAU_EDITOR', 'ASSESSOR', 'ROUND_ADMIN'] as const)
      expect(assessmentTransition({ ...req, actor })).toEqual({ ok: false, reason: 'WRONG_ACTOR' });
    for (const status of ASSESSMENT_ISSUE_STATUSES.filter((s) => s !== 'AWAITING_APPROVAL'))
      expect(assessmentTransition({ ...req, status })).toEqual({
        ok: false,
        reason: 'WRONG_STATUS',
      });
    expect(assessmentTransition({ ...req, ownSubmission: true })).toEqual({
      ok: false,
      reason: 'OWN_SUBMISSION',
    });
  });
});

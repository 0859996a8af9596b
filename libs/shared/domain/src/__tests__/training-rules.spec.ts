import { OrgLevel } from '../organization';
import {
  audienceRoleOf,
  checkAudience,
  daysUntil,
  deadlineReminderDue,
  inFourthQuarter,
  quarterDays,
} from '../training-rules';

describe('the target audience', () => {
  it('reads a leader from the post, anyone else as staff', () => {
    expect(audienceRoleOf('副局长')).toBe('分管领导');
    expect(audienceRoleOf('办公室主任')).toBe('分管领导');
    expect(audienceRoleOf('科员')).toBe('工作人员');
    expect(audienceRoleOf(' ')).toBeNull();
  });

  it('refuses a level outside the targets, warns on a role outside them, accepts everyone with no targets', () => {
    const target = { levels: ['CITY'], roles: ['分管领导'] };
    expect(checkAudience(target, OrgLevel.CITY, '副局长')).toEqual({
      levelOutside: false,
      warning: null,
    });
    const county = checkAudience(target, OrgLevel.COUNTY, '副局长');
    expect(county.levelOutside).toBe(true);
    expect(county.warning).toBe('本培训面向市级单位');
    const staff = checkAudience(target, OrgLevel.CITY, '科员');
    expect(staff.levelOutside).toBe(false);
    expect(staff.warning).toBe('本培训面向分管领导，科员不在培训对象之内');
    // An unknown post is not judged.
    expect(checkAudience(target, OrgLevel.CITY, '').warning).toBeNull();
    expect(checkAudience({ levels: [], roles: [] }, OrgLevel.COUNTY, '科员')).toEqual({
      levelOutside: false,
      warning: null,
    });
  });
});

describe('quarters and reminders', () => {
  it('gives each quarter’s first and last day, leap years included', () => {
    expect(quarterDays(2024, 1)).toEqual({ from: '2024-01-01', to: '2024-03-31' });
    expect(quarterDays(2025, 2)).toEqual({ from: '2025-04-01', to: '2025-06-30' });
    expect(quarterDays(2025, 4)).toEqual({ from: '2025-10-01', to: '2025-12-31' });
  });

  it('is due from N days before the deadline to the deadline day, for planned sessions only', () => {
    const s = { status: 'PLANNED', registrationDeadline: '2025-06-05' };
    expect(daysUntil('2025-06-01', '2025-06-05')).toBe(4);
    expect(deadlineReminderDue(s, '2025-06-01', 3)).toBe(false);
    expect(deadlineReminderDue(s, '2025-06-02', 3)).toBe(true);
    expect(deadlineReminderDue(s, '2025-06-05', 3)).toBe(true);
    expect(deadlineReminderDue(s, '2025-06-06', 3)).toBe(false);
    expect(deadlineReminderDue({ ...s, status: 'HELD' }, '2025-06-04', 3)).toBe(false);
    expect(deadlineReminderDue({ ...s, registrationDeadline: null }, '2025-06-04', 3)).toBe(false);
  });

  it('knows when the fourth quarter has begun', () => {
    expect(inFourthQuarter('2025-09-30', 2025)).toBe(false);
    expect(inFourthQuarter('2025-10-01', 2025)).toBe(true);
    expect(inFourthQuarter('2026-01-02', 2025)).toBe(false);
  });
});

import {
  formatCount,
  formatDate,
  formatDateTime,
  formatDateTimeSeconds,
  formatDay,
  formatDeadline,
  deadlineNamesDate,
  formatFileSize,
  formatFraction,
  formatPercent,
  formatQuarter,
  isOrgLevel,
  orgLevelLabel,
  percentValue,
  roleLabel,
  roleLabels,
} from '../lib/format';

describe('formatDate', () => {
  it('writes dates in Chinese form without leading zeros', () => {
    expect(formatDate(new Date(2024, 3, 10, 9, 5))).toBe('2024年4月10日');
    expect(formatDate(new Date(2024, 11, 31))).toBe('2024年12月31日');
  });

  it('accepts ISO strings and timestamps', () => {
    const local = new Date(2025, 0, 2, 12, 0);
    expect(formatDate(local.toISOString())).toBe('2025年1月2日');
    expect(formatDate(local.getTime())).toBe('2025年1月2日');
  });

  it('shows a dash (or the given fallback) for missing or invalid values', () => {
    expect(formatDate(null)).toBe('—');
    expect(formatDate(undefined)).toBe('—');
    expect(formatDate('')).toBe('—');
    expect(formatDate('not a date', '未知')).toBe('未知');
  });
});

describe('formatDateTime', () => {
  it('adds a 24-hour time with leading zeros', () => {
    expect(formatDateTime(new Date(2024, 3, 10, 9, 5))).toBe('2024年4月10日 09:05');
    expect(formatDateTime(new Date(2024, 3, 10, 21, 30))).toBe('2024年4月10日 21:30');
    expect(formatDateTimeSeconds(new Date(2024, 3, 10, 9, 5, 7))).toBe('2024年4月10日 09:05:07');
  });
});

describe('formatQuarter', () => {
  it('names quarters in Chinese', () => {
    expect(formatQuarter('2024Q1')).toBe('2024年第一季度');
    expect(formatQuarter('2024-Q4')).toBe('2024年第四季度');
    expect(formatQuarter(2025, 2)).toBe('2025年第二季度');
    expect(formatQuarter(2025, 3)).toBe('2025年第三季度');
  });

  it('leaves anything else unchanged', () => {
    expect(formatQuarter('2024Q5')).toBe('2024Q5');
    expect(formatQuarter('全年')).toBe('全年');
    expect(formatQuarter(2025, 0)).toBe('2025');
  });
});

describe('labels', () => {
  it('gives organisation levels their Chinese names', () => {
    expect(orgLevelLabel('PROVINCE')).toBe('省级');
    expect(orgLevelLabel('CITY')).toBe('市级');
    expect(orgLevelLabel('COUNTY')).toBe('县级');
    expect(orgLevelLabel('TOWNSHIP')).toBe('TOWNSHIP');
    expect(isOrgLevel('CITY')).toBe(true);
    expect(isOrgLevel('city')).toBe(false);
  });

  it('gives roles their Chinese names', () => {
    expect(roleLabels(['ADMIN', 'LEADER', 'EDITOR', 'REVIEWER', 'ASSESSOR', 'AUDITOR'])).toEqual([
      '管理员',
      '领导',
      '填报员',
      '审核人',
      '第三方测评',
      '审计管理员',
    ]);
    expect(roleLabel('UNKNOWN')).toBe('UNKNOWN');
  });
});

describe('formatCount', () => {
  it('groups thousands and handles missing values', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(null)).toBe('—');
    expect(formatCount(Number.NaN)).toBe('—');
  });
});

describe('formatPercent and percentValue', () => {
  it('shows a 0–1 rate as a percentage with one decimal', () => {
    expect(formatPercent(0.5914)).toBe('59.1%');
    expect(formatPercent(1)).toBe('100.0%');
    expect(formatPercent(0)).toBe('0.0%');
    expect(formatPercent(0.00049)).toBe('0.0%');
    expect(formatPercent(0.99951)).toBe('100.0%');
  });

  it('shows a dash for a missing rate', () => {
    expect(formatPercent(null)).toBe('—');
    expect(formatPercent(Number.NaN)).toBe('—');
  });

  it('gives progress bars a clamped percentage', () => {
    expect(percentValue(0.5914)).toBe(59.1);
    expect(percentValue(1.2)).toBe(100);
    expect(percentValue(-0.1)).toBe(0);
    expect(percentValue(undefined)).toBe(0);
  });
});

describe('formatFraction, formatDay, formatFileSize', () => {
  it('writes numerator / denominator with grouping', () => {
    expect(formatFraction(958, 1620)).toBe('958 / 1,620');
  });

  it('reads a YYYY-MM-DD day as written, without a time zone', () => {
    expect(formatDay('2025-07-10')).toBe('2025年7月10日');
    expect(formatDay('2025-01-01')).toBe('2025年1月1日');
    expect(formatDay(null)).toBe('—');
    expect(formatDay('', '未定')).toBe('未定');
  });

  it('sizes files in 字节, KB and MB', () => {
    expect(formatFileSize(512)).toBe('512 字节');
    expect(formatFileSize(1536)).toBe('1.5 KB');
    expect(formatFileSize(20 * 1024 * 1024)).toBe('20.0 MB');
    expect(formatFileSize(150 * 1024)).toBe('150 KB');
    expect(formatFileSize(-1)).toBe('—');
  });
});

describe('formatDeadline', () => {
  it('says a date once when the deadline is written as that date', () => {
    expect(formatDeadline('2026年4月30日', '2026-04-30')).toBe('2026年4月30日');
    expect(formatDeadline('2026年04月30日前', '2026-04-30')).toBe('2026年04月30日前');
    expect(formatDeadline('2026-04-30', '2026-04-30')).toBe('2026-04-30');
    expect(deadlineNamesDate('2026.4.30', '2026-04-30')).toBe(true);
  });

  it('adds the due date to a deadline written in words', () => {
    expect(formatDeadline('年底前', '2025-12-31')).toBe('年底前（2025年12月31日）');
    expect(formatDeadline('2026年6月底前', '2026-06-30')).toBe('2026年6月底前（2026年6月30日）');
    expect(formatDeadline('2026年4月30日', '2026-05-31')).toBe('2026年4月30日（2026年5月31日）');
    expect(formatDeadline('', '2025-12-31')).toBe('2025年12月31日');
  });
});

import {
  inspectDocx,
  OFFICIAL_LAYOUT,
  renderOfficialDocument,
  type OfficialTable,
} from '@sunshine/api/official-docs';
import {
  reminderCounts,
  reminderLetterDocument,
  type ReminderLetterFacts,
} from '../reminder-letter';
import { letterPeriod, parseQuarter, parseYear } from '../period-query';

const base: ReminderLetterFacts = {
  bureauName: '合肥市审计局',
  issuerName: '安徽省审计厅',
  year: 2025,
  quarter: 2,
  today: '2025-07-20',
  overdueReports: [
    {
      taskNumber: '3.2',
      taskTitle: '及时公开审计结果公告',
      year: 2025,
      quarter: 1,
      dueDate: '2025-04-10',
    },
    {
      taskNumber: '1.1',
      taskTitle: '更新政府信息公开指南',
      year: 2025,
      quarter: 2,
      dueDate: '2025-07-10',
    },
  ],
  overdueIssues: [
    {
      issueType: 'BROKEN_LINK',
      description: '首页“通知公告”链接失效',
      deadline: '2025-06-30',
      status: 'RECTIFYING',
    },
  ],
  training: {
    requirement: { minProvinceAttendees: 2, minHours: 16 },
    provinceAttendees: 1,
    personHours: 6.5,
  },
};

type Table = OfficialTable;

describe('reminderLetterDocument', () => {
  it('addresses the bureau, lists each overdue part with its table, and is signed and dated', () => {
    const doc = reminderLetterDocument(base);
    expect(doc.title).toBe('关于督促合肥市审计局做好\n政务公开重点工作的函');
    expect(doc.recipients).toBe('合肥市审计局：');
    expect(doc.issuer).toBe('安徽省审计厅');
    expect(doc.date).toBe('2025-07-20');
    const headings = doc.blocks.filter((b) => b.kind === 'heading').map((b) => b.text);
    expect(headings).toEqual([
      '一、逾期未报送的季度工作进展（2项）',
      '二、逾期未完成整改的第三方评估问题（1个）',
      '三、年度培训要求未达标',
    ]);
    const tables = doc.blocks.filter((b): b is Table => b.kind === 'table');
    expect(tables[0]?.rows[0]).toEqual([
      1,
      '3.2',
      { text: '及时公开审计结果公告', align: 'left' },
      '2025年第一季度',
      '2025年4月10日',
    ]);
    expect(tables[1]?.rows[0]?.[1]).toBe('链接失效/错链');
    expect(tables[1]?.rows[0]?.[4]).toBe('整改中');
    const text = doc.blocks.map((b) => ('text' in b ? b.text : '')).join('\n');
    expect(text).toContain('截至2025年7月20日');
    expect(text).toContain('不少于2人参加省级政务公开培训、全年累计培训不少于16学时');
    expect(text).toContain('参加省级培训1人、累计6.5学时');
    expect(text).toContain('5个工作日内');
    expect(text).toContain('特此函告。');
  });

  it('numbers only the parts present and says so when nothing is overdue', () => {
    const onlyTraining = reminderLetterDocument({
      ...base,
      overdueReports: [],
      overdueIssues: [],
      training: { requirement: null, provinceAttendees: 0, personHours: 0 },
    });
    const headings = onlyTraining.blocks.filter((b) => b.kind === 'heading').map((b) => b.text);
    expect(headings).toEqual(['一、年度培训要求未达标']);
    expect(JSON.stringify(onlyTraining.blocks)).toContain('2025年度尚未参加政务公开业务培训');

    const none = reminderLetterDocument({
      ...base,
      overdueReports: [],
      overdueIssues: [],
      training: null,
    });
    expect(none.blocks.some((b) => b.kind === 'heading' || b.kind === 'table')).toBe(false);
    expect(JSON.stringify(none.blocks)).toContain('均无逾期事项');
  });

  it('counts what it lists for the audit event', () => {
    expect(reminderCounts(base)).toEqual({
      overdueReports: 2,
      overdueIssues: 1,
      trainingUnmet: true,
    });
  });
});

describe('letter period query', () => {
  const now = new Date('2025-07-20T10:00:00+08:00');
  it('defaults to the business quarter, a past year to its fourth quarter', () => {
    expect(letterPeriod({}, now)).toEqual({ year: 2025, quarter: 3 });
    expect(letterPeriod({ year: '2024' }, now)).toEqual({ year: 2024, quarter: 4 });
    expect(letterPeriod({ year: '2025', quarter: '1' }, now)).toEqual({ year: 2025, quarter: 1 });
  });
  it('refuses malformed values as bad input', () => {
    expect(() => parseYear('20x5')).toThrow('年度应为');
    expect(() => parseYear('1999')).toThrow('年度应为');
    expect(() => parseQuarter('5', 1)).toThrow('季度应为');
    expect(() => parseQuarter(['1'], 1)).toThrow('季度应为');
    expect(parseQuarter(undefined, 2)).toBe(2);
  });
});

describe('the rendered 催办函', () => {
  it('is an A4 official document whose tables hold the overdue items', async () => {
    const doc = await inspectDocx(await renderOfficialDocument(reminderLetterDocument(base)));
    expect(doc.page).toEqual({
      widthMm: 210,
      heightMm: 297,
      margins: { top: 37, bottom: 35, left: 28, right: 26 },
    });
    expect(doc.fonts).toEqual(
      expect.arrayContaining([
        OFFICIAL_LAYOUT.fonts.title.name,
        OFFICIAL_LAYOUT.fonts.body.name,
        '黑体',
      ]),
    );
    expect(doc.paragraphs).toContain('合肥市审计局：');
    expect(doc.text).toContain('关于督促合肥市审计局做好');
    expect(doc.tables).toHaveLength(2);
    expect(doc.tables[0]?.[0]).toEqual(['序号', '任务编号', '工作任务', '季度', '报送截止日期']);
    expect(doc.tables[0]?.slice(1).map((r) => r[1])).toEqual(['3.2', '1.1']);
    expect(doc.tables[1]?.[1]?.[2]).toBe('首页“通知公告”链接失效');
    expect(doc.text).toContain('安徽省审计厅');
    expect(doc.text).toContain('2025年7月20日');
  });
});

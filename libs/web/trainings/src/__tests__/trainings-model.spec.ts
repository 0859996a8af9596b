// The pure parts of @sunshine/web/ui only (its index also loads antd's components).
jest.mock('@sunshine/web/ui', () => ({
  ...jest.requireActual('../../../ui/src/lib/format'),
  ...jest.requireActual('../../../ui/src/lib/escape-html'),
}));

import {
  coverageExportPath,
  formatBytes,
  inQuarter,
  orgTree,
  periodText,
  updateInputOf,
  coverageChartOption,
  rankByCoverage,
  requirementText,
  sessionDates,
  sessionInput,
} from '../lib/trainings-model';

const item = (id: string, name: string, rate: number, hours = 10) => ({
  id,
  name,
  bureaus: 10,
  bureausTrained: Math.round(rate * 10),
  trainees: 5,
  personHours: hours,
  coverageRate: rate,
});

describe('trainings model', () => {
  it('ranks by coverage, then hours, then name', () => {
    const ranked = rankByCoverage([
      item('a', '芜湖市审计局', 0.5),
      item('b', '合肥市审计局', 0.8),
      item('c', '蚌埠市审计局', 0.5, 20),
    ]);
    expect(ranked.map((r) => r.id)).toEqual(['b', 'c', 'a']);
  });

  it('draws coverage bars with the below-average ones in amber, and escapes names in the tooltip', () => {
    const { option, ids } = coverageChartOption(
      [item('a', '<b>芜湖市审计局</b>', 0.2), item('b', '合肥市审计局', 0.9)],
      0.5,
    );
    expect(ids).toEqual(['b', 'a']);
    const series = option.series as Array<{
      data: Array<{ value: number; itemStyle: { color: string } } | number>;
    }>;
    const bars = series[0]!.data as Array<{ value: number; itemStyle: { color: string } }>;
    expect(bars.map((b) => b.value)).toEqual([90, 20]);
    expect(bars[0]!.itemStyle.color).not.toBe(bars[1]!.itemStyle.color);
    expect(series[1]!.data).toEqual([10, 10]);
    const formatter = (option.tooltip as { formatter: (p: unknown) => string }).formatter;
    const html = formatter([{ dataIndex: 1 }]);
    expect(html).toContain('&lt;b&gt;');
    expect(html).toContain('覆盖率：20');
    expect((option.yAxis as { data: string[] }).data).toEqual(['合肥市', '<b>芜湖市审计局</b>']);
  });

  it('formats dates, requirements and the form input', () => {
    expect(sessionDates('2025-06-10', '2025-06-10')).toBe('2025年6月10日');
    expect(sessionDates('2025-06-10', '2025-06-11')).toBe('2025年6月10日—11日');
    expect(sessionDates('2025-06-30', '2025-07-01')).toBe('2025年6月30日—7月1日');
    expect(requirementText({ level: 'COUNTY', minProvinceAttendees: 1, minHours: 8 })).toBe(
      '县级：至少 1 人参加省级培训，全年累计不少于 8 学时',
    );
    expect(
      sessionInput({
        title: '培训',
        dates: ['2025-06-10', '2025-06-11'],
        hours: 12,
        topics: '条例解读；政策解读',
        lecturers: '王强 处长 省政务公开办\n李明 教授 安徽大学',
      }),
    ).toMatchObject({
      topics: ['条例解读', '政策解读'],
      lecturers: [
        { name: '王强', title: '处长', organization: '省政务公开办' },
        { name: '李明', title: '教授', organization: '安徽大学' },
      ],
      startDate: '2025-06-10',
      endDate: '2025-06-11',
    });
  });
});

describe('quarters, exports, invitations', () => {
  it('filters sessions by the quarter they start in and labels the period', () => {
    const sessions = [
      { startDate: '2025-03-31' },
      { startDate: '2025-04-01' },
      { startDate: '2025-12-01' },
    ];
    expect(inQuarter(sessions, null)).toHaveLength(3);
    expect(inQuarter(sessions, 2)).toEqual([{ startDate: '2025-04-01' }]);
    expect(inQuarter(sessions, 4)).toEqual([{ startDate: '2025-12-01' }]);
    expect(periodText(2025, null)).toBe('2025年度');
    expect(periodText(2025, 3)).toBe('2025年第三季度');
  });

  it('builds the coverage export path with only what is set', () => {
    expect(coverageExportPath(2025, null, null)).toBe('/files/trainings/coverage.xlsx?year=2025');
    expect(coverageExportPath(2025, 2, 'abc')).toBe(
      '/files/trainings/coverage.xlsx?year=2025&quarter=2&organizationId=abc',
    );
    expect(formatBytes(2048)).toBe('2.0 KB');
  });

  it('keeps every field of a session when only its invitations or status change', () => {
    const s = {
      id: 's1',
      version: 3,
      status: 'PLANNED',
      title: '培训班',
      organiserName: null,
      startDate: '2025-06-10',
      endDate: '2025-06-10',
      place: '合肥',
      online: false,
      hours: 6,
      topics: ['条例'],
      lecturers: [
        { name: '王', title: '处长', organization: '省办', __typename: 'TrainingLecturer' },
      ],
      audienceLevels: ['CITY'],
      audienceRoles: ['分管领导'],
      invited: [{ id: 'a' }, { id: 'b' }],
      capacity: 30,
      registrationDeadline: '2025-06-01',
    };
    expect(updateInputOf(s)).toMatchObject({
      status: 'PLANNED',
      invitedOrganizationIds: ['a', 'b'],
    });
    const edited = updateInputOf(s, { invitedOrganizationIds: ['c'] });
    expect(edited).toMatchObject({
      id: 's1',
      version: 3,
      title: '培训班',
      invitedOrganizationIds: ['c'],
    });
    expect(edited.lecturers).toEqual([{ name: '王', title: '处长', organization: '省办' }]);
    expect(updateInputOf(s, { status: 'HELD' }).status).toBe('HELD');
  });

  it('builds the tree of units below the organiser in code order', () => {
    const orgs = [
      { id: 'c2', code: '3402', name: '芜湖', parentId: 'p' },
      { id: 'c1', code: '3401', name: '合肥', parentId: 'p' },
      { id: 'k1', code: '340102', name: '瑶海', parentId: 'c1' },
      { id: 'p', code: '34', name: '省', parentId: null },
    ];
    expect(orgTree(orgs, 'p')).toEqual([
      { value: 'c1', title: '合肥', children: [{ value: 'k1', title: '瑶海', children: [] }] },
      { value: 'c2', title: '芜湖', children: [] },
    ]);
  });
});

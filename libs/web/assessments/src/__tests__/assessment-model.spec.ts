jest.mock('@sunshine/web/ui', () => ({
  ...jest.requireActual('../../../ui/src/lib/format'),
  ...jest.requireActual('../../../ui/src/lib/escape-html'),
}));

import {
  issueActions,
  kpiViews,
  matchesView,
  shortName,
  viewCounts,
  type Figures,
  type Issue,
} from '../lib/assessment-model';
import { byOrganizationOption, byTypeOption } from '../lib/charts/assessment-charts';

const org = (id: string, name: string) => ({ id, code: id, name });

function issue(over: Partial<Issue> = {}): Issue {
  return {
    id: 'i1',
    roundId: 'r1',
    organization: org('b1', '瑶海区审计局'),
    issueType: 'EMPTY_COLUMN',
    issueTypeLabel: '空白栏目',
    description: '空白栏目',
    location: '',
    severity: 'MEDIUM',
    pointsDeducted: 1,
    deadline: '2025-05-30',
    deadlineStatus: { state: 'REMAINING', workingDays: 9, label: '剩余 9 个工作日', warning: null },
    status: 'OPEN',
    overdue: false,
    measure: '',
    rectificationLinks: [],
    dispute: false,
    disputeReason: '',
    late: false,
    answeredAt: null,
    verifiedAt: null,
    version: 1,
    ...over,
  };
}

function figures(over: Partial<Figures> = {}): Figures {
  return {
    organization: org('c1', '合肥市审计局'),
    issues: 10,
    rectified: 6,
    verified: 4,
    overdue: 2,
    pointsDeducted: 7.5,
    rectificationRate: 0.4,
    onTimeRate: 0.3,
    ...over,
  };
}

describe('assessment model', () => {
  it('builds the seven KPI cards, the overdue one in warning tone', () => {
    const k = kpiViews(figures());
    expect(k.map((x) => [x.title, x.value])).toEqual([
      ['问题总数', '10'],
      ['已整改', '6'],
      ['已销号', '4'],
      ['逾期未销号', '2'],
      ['整改率', '40.0%'],
      ['按时整改率', '30.0%'],
      ['累计扣分', '7.5'],
    ]);
    expect(k.find((x) => x.key === 'overdue')?.tone).toBe('warning');
    expect(
      kpiViews(figures({ overdue: 0 })).find((x) => x.key === 'overdue')?.tone,
    ).toBeUndefined();
  });

  it('offers each role its own step only', () => {
    const editor = { roles: ['EDITOR'], organizationId: 'b1' };
    const reviewer = { roles: ['REVIEWER'], organizationId: 'b1' };
    const neighbour = { roles: ['EDITOR'], organizationId: 'b2' };
    const assessor = { roles: ['ASSESSOR'], organizationId: 'p' };
    const provinceAdmin = { roles: ['ADMIN'], organizationId: 'p' };
    const cityAdmin = { roles: ['ADMIN'], organizationId: 'c1' };
    expect(issueActions(issue(), editor, 'p')).toEqual(['save', 'submit', 'dispute']);
    expect(issueActions(issue(), neighbour, 'p')).toEqual([]);
    expect(issueActions(issue({ status: 'AWAITING_APPROVAL' }), reviewer, 'p')).toEqual([
      'approve',
      'sendBack',
    ]);
    const waiting = issue({ status: 'AWAITING_VERIFICATION' });
    const decisions = ['verify', 'return', 'deadline', 'evidence'];
    expect(issueActions(waiting, assessor, 'p')).toEqual(decisions);
    expect(issueActions(waiting, provinceAdmin, 'p')).toEqual(decisions);
    expect(issueActions(issue(), assessor, 'p')).toEqual(['deadline', 'evidence']);
    expect(issueActions(issue({ status: 'VERIFIED' }), assessor, 'p')).toEqual([]);
    expect(issueActions(waiting, cityAdmin, 'p')).toEqual([]);
    expect(issueActions(issue({ status: 'VERIFIED' }), editor, 'p')).toEqual([]);
  });

  it('counts the worklist views', () => {
    const list = [
      issue({ id: 'a' }),
      issue({ id: 'b', status: 'RETURNED', overdue: true }),
      issue({ id: 'c', status: 'AWAITING_VERIFICATION' }),
    ];
    expect(viewCounts(list)).toEqual({
      all: 3,
      todo: 1,
      returned: 1,
      approval: 0,
      verification: 1,
      overdue: 1,
    });
    expect(matchesView(list[1]!, 'overdue')).toBe(true);
  });

  it('names deadlines and units briefly', () => {
    expect(shortName('合肥市审计局')).toBe('合肥市');
    expect(shortName('安徽省审计厅')).toBe('安徽省');
  });
});

describe('assessment charts', () => {
  it('ranks units by problems and stacks verified and open, ids in drawn order', () => {
    const { option, ids } = byOrganizationOption([
      figures({ organization: org('a', '芜湖市审计局'), issues: 3, verified: 1 }),
      figures({ organization: org('b', '合肥市审计局'), issues: 8, verified: 5 }),
    ]);
    expect(ids).toEqual(['b', 'a']);
    expect((option.yAxis as { data: string[] }).data).toEqual(['合肥市', '芜湖市']);
    const series = option.series as Array<{ name: string; data: number[] }>;
    expect(series.map((x) => [x.name, x.data])).toEqual([
      ['已销号', [5, 1]],
      ['未销号', [3, 2]],
    ]);
  });

  it('escapes unit names in the tooltip', () => {
    const { option } = byOrganizationOption([
      figures({ organization: org('x', '<img src=x onerror=alert(1)>') }),
    ]);
    const html = (option.tooltip as { formatter: (p: unknown) => string }).formatter([
      { dataIndex: 0 },
    ]);
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img');
  });

  it('shows types with problems, most frequent first', () => {
    const { option, types } = byTypeOption([
      { issueType: 'A', label: '空白栏目', issues: 2, verified: 1, overdue: 0 },
      { issueType: 'B', label: '链接失效/错链', issues: 5, verified: 0, overdue: 1 },
      { issueType: 'C', label: '其他', issues: 0, verified: 0, overdue: 0 },
    ]);
    expect(types).toEqual(['B', 'A']);
    expect((option.series as Array<{ data: number[] }>)[0]!.data).toEqual([5, 2]);
  });
});

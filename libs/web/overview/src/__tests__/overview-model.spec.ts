// The ui barrel also exports React components whose icon package cannot load under Jest's
// CommonJS runtime, so the pure helpers it re-exports are wired in directly.
jest.mock('@sunshine/web/ui', () => ({
  ...jest.requireActual('../../../ui/src/lib/tree'),
  ...jest.requireActual('../../../ui/src/lib/format'),
}));

import {
  awaitingAcceptance,
  childRows,
  drillPath,
  kpiViews,
  missingBelow,
  periodFromParams,
  periodOptions,
  rankByCompletion,
  shortOrgName,
  showsTasks,
  type Figures,
  type Overview,
} from '../lib/overview-model';
import { filterTasks, taskFilterCounts } from '../lib/task-filter';

function figures(patch: Partial<Figures> = {}): Figures {
  return {
    assigned: 100,
    due: 40,
    completed: 20,
    accepted: 30,
    reported: 80,
    onTime: 70,
    awaitingAcceptance: 12,
    completionRate: 0.5,
    reportingRate: 0.8,
    onTimeRate: 0.7,
    ...patch,
  };
}

const org = (
  id: string,
  parentId: string | null,
  level: 'PROVINCE' | 'CITY' | 'COUNTY',
  name: string,
) => ({
  id,
  parentId,
  level,
  name,
  code: id,
});

describe('periodFromParams', () => {
  const fallback = { year: 2025, quarter: 2 };
  it('reads year and quarter from the address', () => {
    expect(periodFromParams(new URLSearchParams('year=2024&quarter=4'), fallback)).toEqual({
      year: 2024,
      quarter: 4,
    });
  });
  it('falls back on missing or invalid values', () => {
    expect(periodFromParams(new URLSearchParams(''), fallback)).toEqual(fallback);
    expect(periodFromParams(new URLSearchParams('year=2024&quarter=5'), fallback)).toEqual(
      fallback,
    );
    expect(periodFromParams(new URLSearchParams('year=abc&quarter=1'), fallback)).toEqual(fallback);
  });
});

describe('periodOptions', () => {
  it('lists plan years newest first and disables quarters not reported yet', () => {
    const options = periodOptions([2024, 2025, 2025], { year: 2025, quarter: 2 });
    expect(options.map((o) => o.year)).toEqual([2025, 2024]);
    expect(options[0]?.quarters.map((q) => [q.label, q.disabled])).toEqual([
      ['第一季度', false],
      ['第二季度', false],
      ['第三季度', true],
      ['第四季度', true],
    ]);
    expect(options[1]?.quarters.every((q) => !q.disabled)).toBe(true);
  });
  it('includes the reporting year even without a plan and drops future plan years', () => {
    expect(periodOptions([2026], { year: 2025, quarter: 1 }).map((o) => o.year)).toEqual([2025]);
  });
});

describe('drillPath', () => {
  const orgs = [
    org('34', null, 'PROVINCE', '安徽省审计厅'),
    org('3401', '34', 'CITY', '合肥市审计局'),
    org('340102', '3401', 'COUNTY', '瑶海区审计局'),
  ];
  it('walks from the user organisation down to the one opened', () => {
    expect(drillPath(orgs, '34', '340102').map((o) => o.name)).toEqual([
      '安徽省审计厅',
      '合肥市审计局',
      '瑶海区审计局',
    ]);
    expect(drillPath(orgs, '3401', '340102').map((o) => o.id)).toEqual(['3401', '340102']);
    expect(drillPath(orgs, '34', '34').map((o) => o.id)).toEqual(['34']);
  });
  it('returns only the target when it is not below the root, and nothing when unknown', () => {
    expect(drillPath(orgs, '3402', '340102').map((o) => o.id)).toEqual(['340102']);
    expect(drillPath(orgs, '34', 'x')).toEqual([]);
  });
});

describe('figures and KPI cards', () => {
  it('counts what waits for acceptance and what is missing below', () => {
    // 待验收 is the API's figure (approved reports of direct subordinates), not reported − accepted.
    expect(awaitingAcceptance({ awaitingAcceptance: 12 })).toBe(12);
    expect(missingBelow({ assigned: 100, reported: 80 }, { assigned: 10, reported: 5 })).toBe(15);
    expect(missingBelow({ assigned: 100, reported: 80 }, null)).toBe(20);
  });

  it('shows the rates with one decimal and their numerators and denominators', () => {
    const k = kpiViews(figures({ completionRate: 0.5914, completed: 958, due: 1620 }));
    expect(k.map((x) => x.title)).toEqual(['完成率', '报送率', '按时报送率', '待验收']);
    expect(k[0]).toMatchObject({
      value: '59.1%',
      percent: 59.1,
      caption: '已完成 958 / 1,620 项到期任务',
    });
    expect(k[1]?.caption).toBe('已报送 80 / 100 项任务');
    expect(k[3]).toMatchObject({
      value: '12',
      unit: '项',
      caption: '已验收 30 / 80 项已报送',
      percent: 37.5,
    });
  });
});

describe('childRows', () => {
  const overview: Overview = {
    year: 2025,
    quarter: 2,
    asOf: '2025-05-20',
    open: true,
    dueDate: '2025-07-10',
    lastReminder: null,
    organization: org('3401', '34', 'CITY', '合肥市审计局'),
    total: figures(),
    own: figures({ assigned: 43 }),
    rows: [
      {
        figures: figures(),
        childCount: 0,
        organization: org('340102', '3401', 'COUNTY', '瑶海区审计局'),
      },
    ],
    byCategory: [],
    trend: [],
  };

  it('puts the organisation’s own tasks (本级) above its subordinates', () => {
    const rows = childRows(overview);
    expect(rows.map((r) => [r.name, r.own])).toEqual([
      ['合肥市审计局（本级）', true],
      ['瑶海区审计局', false],
    ]);
    expect(rows[1]).toMatchObject({ organizationId: '340102', awaiting: 12 });
  });

  it('leaves 本级 out when the organisation has no tasks of its own', () => {
    expect(childRows({ ...overview, own: null }).map((r) => r.own)).toEqual([false]);
    expect(childRows({ ...overview, own: figures({ assigned: 0 }) })).toHaveLength(1);
  });

  it('lists tasks for a bureau without subordinates, or when asked', () => {
    expect(showsTasks({ rows: [] }, false)).toBe(true);
    expect(showsTasks(overview, false)).toBe(false);
    expect(showsTasks(overview, true)).toBe(true);
  });
});

describe('rankByCompletion and shortOrgName', () => {
  it('ranks by completion, then reporting rate, then name', () => {
    const ranked = rankByCompletion([
      { name: '乙', completionRate: 0.5, reportingRate: 0.5 },
      { name: '甲', completionRate: 0.5, reportingRate: 0.9 },
      { name: '丙', completionRate: 0.9, reportingRate: 0.1 },
    ]);
    expect(ranked.map((r) => r.name)).toEqual(['丙', '甲', '乙']);
  });
  it('drops the institution suffix for chart axes', () => {
    expect(shortOrgName('合肥市审计局')).toBe('合肥市');
    expect(shortOrgName('安徽省审计厅')).toBe('安徽省');
    expect(shortOrgName('审计署')).toBe('审计署');
  });
});

describe('task filters', () => {
  const items = [
    { report: null },
    { report: { status: 'DRAFT' } },
    { report: { status: 'SUBMITTED' } },
    { report: { status: 'ACCEPTED' } },
  ];
  it('counts and filters tasks by report state', () => {
    expect(taskFilterCounts(items)).toEqual({ all: 4, missing: 2, reported: 2, accepted: 1 });
    expect(filterTasks(items, 'missing')).toHaveLength(2);
    expect(filterTasks(items, 'accepted')).toEqual([{ report: { status: 'ACCEPTED' } }]);
  });
});

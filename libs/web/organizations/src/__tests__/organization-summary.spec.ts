// The ui barrel also exports React components whose icon package cannot load under Jest's
// CommonJS runtime (@ant-design/icons requires an ESM-only file), so the pure helpers it
// re-exports are wired in directly.
jest.mock('@sunshine/web/ui', () => ({
  ...jest.requireActual('../../../ui/src/lib/tree'),
  ...jest.requireActual('../../../ui/src/lib/format'),
}));

import {
  organizationTreeView,
  summarizeOrganizations,
  withCounts,
  type OrganizationItem,
} from '../lib/organization-summary';

function org(id: string, parentId: string | null, level: OrganizationItem['level'], name: string) {
  return { id, parentId, level, name, code: id };
}

// 安徽省审计厅 with two cities; 合肥 has two counties, 芜湖 one.
const records = [
  org('34', null, 'PROVINCE', '安徽省审计厅'),
  org('3402', '34', 'CITY', '芜湖市审计局'),
  org('3401', '34', 'CITY', '合肥市审计局'),
  org('340102', '3401', 'COUNTY', '瑶海区审计局'),
  org('340103', '3401', 'COUNTY', '庐阳区审计局'),
  org('340202', '3402', 'COUNTY', '镜湖区审计局'),
];
const province: OrganizationItem[] = withCounts(records);

describe('withCounts', () => {
  it('counts direct children and all descendants from the parent links', () => {
    const byId = new Map(province.map((o) => [o.id, o]));
    expect(byId.get('34')).toMatchObject({ childCount: 2, descendantCount: 5 });
    expect(byId.get('3401')).toMatchObject({ childCount: 2, descendantCount: 2 });
    expect(byId.get('3402')).toMatchObject({ childCount: 1, descendantCount: 1 });
    expect(byId.get('340102')).toMatchObject({ childCount: 0, descendantCount: 0 });
  });

  it('ignores a parent outside the visible list and survives a cycle', () => {
    expect(withCounts([org('3401', '34', 'CITY', '合肥市审计局')])[0]?.descendantCount).toBe(0);
    const cyclic = withCounts([org('a', 'b', 'CITY', 'A'), org('b', 'a', 'CITY', 'B')]);
    expect(cyclic.map((o) => o.childCount)).toEqual([1, 1]);
  });
});

describe('summarizeOrganizations', () => {
  it('counts the organisations below the caller by level, top-down', () => {
    const s = summarizeOrganizations(province, '34');
    expect(s.self?.name).toBe('安徽省审计厅');
    expect(s.belowTotal).toBe(5);
    expect(s.levelCounts).toEqual([
      { level: 'CITY', label: '市级', count: 2 },
      { level: 'COUNTY', label: '县级', count: 3 },
    ]);
  });

  it('lists direct children in division-code order, not ranked by their number of counties', () => {
    const s = summarizeOrganizations(province, '34');
    expect(s.directChildren.map((o) => o.id)).toEqual(['3401', '3402']);
    // 芜湖 oversees more counties than 合肥 here: it still comes after 合肥 (3401 < 3402).
    const more = withCounts([
      ...records,
      org('340203', '3402', 'COUNTY', '弋江区审计局'),
      org('340207', '3402', 'COUNTY', '鸠江区审计局'),
    ]);
    expect(summarizeOrganizations(more, '34').directChildren.map((o) => o.id)).toEqual([
      '3401',
      '3402',
    ]);
  });

  it('for a city user counts only its counties', () => {
    const city = withCounts(records.filter((o) => o.id === '3401' || o.parentId === '3401'));
    const s = summarizeOrganizations(city, '3401');
    expect(s.belowTotal).toBe(2);
    expect(s.levelCounts).toEqual([{ level: 'COUNTY', label: '县级', count: 2 }]);
  });

  it('for a county user that sees only itself reports nothing below', () => {
    const s = summarizeOrganizations(withCounts([records[3]!]), '340102');
    expect(s.self?.id).toBe('340102');
    expect(s.belowTotal).toBe(0);
    expect(s.levelCounts).toEqual([]);
    expect(s.directChildren).toEqual([]);
  });

  it('does not assume three levels (a national root over provinces)', () => {
    const national = withCounts([
      org('0', null, 'NATIONAL', '审计署'),
      ...records.map((o) => (o.id === '34' ? { ...o, parentId: '0' } : o)),
    ]);
    const s = summarizeOrganizations(national, '0');
    expect(s.levelCounts.map((c) => [c.label, c.count])).toEqual([
      ['省级', 1],
      ['市级', 2],
      ['县级', 3],
    ]);
  });

  it('returns no self when the id is not in the list', () => {
    expect(summarizeOrganizations(province, 'x').self).toBeNull();
  });
});

describe('organizationTreeView', () => {
  it('without a search returns the tree sorted by code with the roots expanded', () => {
    const v = organizationTreeView(province, '');
    expect(v.nodes.map((n) => n.id)).toEqual(['34']);
    expect(v.nodes[0]?.children?.map((n) => n.id)).toEqual(['3401', '3402']);
    expect(v.expandedKeys).toEqual(['34']);
    expect(v.matchCount).toBe(6);
  });

  it('searches by name or code and opens the path to each match', () => {
    const byName = organizationTreeView(province, '镜湖');
    expect(byName.matchCount).toBe(1);
    expect(byName.expandedKeys.sort()).toEqual(['34', '3402']);
    const byCode = organizationTreeView(province, '340103');
    expect(byCode.nodes[0]?.children?.[0]?.children?.map((n) => n.name)).toEqual(['庐阳区审计局']);
  });
});

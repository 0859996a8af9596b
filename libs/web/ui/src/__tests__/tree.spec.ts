import { buildTree, filterTree, flattenTree, matchesText, type TreeNode } from '../lib/tree';

interface Org {
  id: string;
  parentId: string | null;
  code: string;
  name: string;
}

const orgs: Org[] = [
  { id: 'c2', parentId: 'p', code: '3402', name: '芜湖市审计局' },
  { id: 'k11', parentId: 'c1', code: '340102', name: '瑶海区审计局' },
  { id: 'p', parentId: null, code: '34', name: '安徽省审计厅' },
  { id: 'c1', parentId: 'p', code: '3401', name: '合肥市审计局' },
  { id: 'k12', parentId: 'c1', code: '340103', name: '庐阳区审计局' },
  { id: 'k21', parentId: 'c2', code: '340202', name: '镜湖区审计局' },
];

const byCode = (a: Org, b: Org) => a.code.localeCompare(b.code);
const ids = (nodes: TreeNode<Org>[]) => nodes.map((n) => n.id);

describe('buildTree', () => {
  it('nests children under their parents in the given order', () => {
    const tree = buildTree(orgs, byCode);
    expect(ids(tree)).toEqual(['p']);
    expect(ids(tree[0]?.children ?? [])).toEqual(['c1', 'c2']);
    expect(ids(tree[0]?.children?.[0]?.children ?? [])).toEqual(['k11', 'k12']);
  });

  it('leaves no children array on leaves', () => {
    const tree = buildTree(orgs, byCode);
    const leaf = tree[0]?.children?.[1]?.children?.[0];
    expect(leaf?.id).toBe('k21');
    expect(leaf && 'children' in leaf).toBe(false);
  });

  it('makes a node whose parent is not visible a root (a city user sees its own bureau first)', () => {
    const cityView = orgs.filter((o) => o.id === 'c1' || o.parentId === 'c1');
    const tree = buildTree(cityView, byCode);
    expect(ids(tree)).toEqual(['c1']);
    expect(tree[0]?.children).toHaveLength(2);
  });

  it('returns a single root for a county user that sees only itself', () => {
    const tree = buildTree([orgs[1]!]);
    expect(ids(tree)).toEqual(['k11']);
    expect(tree[0]!.children).toBeUndefined();
  });

  it('does not mutate its input and survives self-references', () => {
    const input = [
      { id: 'a', parentId: 'a' },
      { id: 'b', parentId: 'a' },
    ];
    const tree = buildTree(input);
    expect(ids(tree as TreeNode<Org>[])).toEqual(['a']);
    expect(input[0]).toEqual({ id: 'a', parentId: 'a' });
  });

  it('handles any depth (a national root above provinces)', () => {
    const national = [
      { id: 'n', parentId: null, code: '0', name: '审计署' },
      ...orgs.map((o) => (o.id === 'p' ? { ...o, parentId: 'n' } : o)),
    ];
    const tree = buildTree(national, byCode);
    expect(flattenTree(tree).map((n) => n.id)).toEqual(['n', 'p', 'c1', 'k11', 'k12', 'c2', 'k21']);
  });
});

describe('filterTree', () => {
  const tree = buildTree(orgs, byCode);

  it('keeps matches with their ancestors and expands the path', () => {
    const result = filterTree(tree, (o) => matchesText('瑶海', o.name, o.code));
    expect(flattenTree(result.nodes).map((n) => n.id)).toEqual(['p', 'c1', 'k11']);
    expect(result.expandedKeys.sort()).toEqual(['c1', 'p']);
    expect(result.matchCount).toBe(1);
  });

  it('keeps the whole subtree of a matching node and expands to matches inside it', () => {
    const result = filterTree(tree, (o) => matchesText('3401', o.name, o.code));
    expect(flattenTree(result.nodes).map((n) => n.id)).toEqual(['p', 'c1', 'k11', 'k12']);
    expect(result.expandedKeys.sort()).toEqual(['c1', 'p']);
    expect(result.matchCount).toBe(3);
  });

  it('returns nothing when nothing matches', () => {
    const result = filterTree(tree, (o) => matchesText('不存在', o.name, o.code));
    expect(result.nodes).toEqual([]);
    expect(result.matchCount).toBe(0);
  });
});

describe('matchesText', () => {
  it('is a trimmed, case-insensitive contains on any field; empty matches all', () => {
    expect(matchesText('  hefei ', 'HeFei City')).toBe(true);
    expect(matchesText('', null)).toBe(true);
    expect(matchesText('x', null, undefined, 'abc')).toBe(false);
  });
});

import { ORG_LEVEL_ORDER } from '@sunshine/shared/domain';
import { buildTree, filterTree, matchesText, orgLevelLabel, type TreeNode } from '@sunshine/web/ui';
import type { OrganizationsQuery } from '@sunshine/web/graphql';

type OrganizationRecord = OrganizationsQuery['organizations'][number];

/** An organisation with its counts within the caller's visible tree. */
export type OrganizationItem = OrganizationRecord & {
  /** Direct subordinates. */
  childCount: number;
  /** All organisations below it, any depth. */
  descendantCount: number;
};
export type OrganizationNode = TreeNode<OrganizationItem>;

/** Adds child and descendant counts, computed from the parent links of the flat list. */
export function withCounts(orgs: readonly OrganizationRecord[]): OrganizationItem[] {
  const children = new Map<string, string[]>();
  for (const o of orgs) {
    if (o.parentId && o.parentId !== o.id) {
      const list = children.get(o.parentId);
      if (list) list.push(o.id);
      else children.set(o.parentId, [o.id]);
    }
  }
  const descendants = new Map<string, number>();
  const count = (id: string, path: Set<string>): number => {
    const known = descendants.get(id);
    if (known !== undefined) return known;
    path.add(id);
    let total = 0;
    for (const child of children.get(id) ?? []) {
      if (!path.has(child)) total += 1 + count(child, path);
    }
    path.delete(id);
    descendants.set(id, total);
    return total;
  };
  return orgs.map((o) => ({
    ...o,
    childCount: children.get(o.id)?.length ?? 0,
    descendantCount: count(o.id, new Set()),
  }));
}

export interface LevelCount {
  level: string;
  label: string;
  count: number;
}

export interface OrganizationSummary {
  self: OrganizationItem | null;
  /** Organisations below the caller's own, in its visible subtree. */
  belowTotal: number;
  /** Per level below the caller's, top-down; only levels that occur. */
  levelCounts: LevelCount[];
  /** The caller's direct children in division-code order (the official order; no ranking). */
  directChildren: OrganizationItem[];
}

function levelRank(level: string): number {
  const i = (ORG_LEVEL_ORDER as readonly string[]).indexOf(level);
  return i === -1 ? ORG_LEVEL_ORDER.length : i;
}

export const byCode = (a: OrganizationItem, b: OrganizationItem) => a.code.localeCompare(b.code);

/** Everything below `selfId` in the flat list (found through parent links, any depth). */
function descendantsOf(orgs: readonly OrganizationItem[], selfId: string): OrganizationItem[] {
  const children = new Map<string, OrganizationItem[]>();
  for (const o of orgs) {
    if (!o.parentId) continue;
    const list = children.get(o.parentId);
    if (list) list.push(o);
    else children.set(o.parentId, [o]);
  }
  const out: OrganizationItem[] = [];
  const seen = new Set<string>([selfId]);
  const stack = [...(children.get(selfId) ?? [])];
  while (stack.length > 0) {
    const o = stack.pop() as OrganizationItem;
    if (seen.has(o.id)) continue;
    seen.add(o.id);
    out.push(o);
    stack.push(...(children.get(o.id) ?? []));
  }
  return out;
}

/** KPI figures for the home page: the caller's bureau and what lies below it, by level. */
export function summarizeOrganizations(
  orgs: readonly OrganizationItem[],
  selfId: string,
): OrganizationSummary {
  const self = orgs.find((o) => o.id === selfId) ?? null;
  const below = descendantsOf(orgs, selfId);
  const counts = new Map<string, number>();
  for (const o of below) counts.set(o.level, (counts.get(o.level) ?? 0) + 1);
  const levelCounts = [...counts.entries()]
    .sort(([a], [b]) => levelRank(a) - levelRank(b))
    .map(([level, count]) => ({ level, label: orgLevelLabel(level), count }));
  const directChildren = orgs.filter((o) => o.parentId === selfId && o.id !== selfId).sort(byCode);
  return { self, belowTotal: below.length, levelCounts, directChildren };
}

export interface OrganizationTreeView {
  nodes: OrganizationNode[];
  expandedKeys: string[];
  matchCount: number;
}

/** The tree for the table: full when the search is empty, else matches with their ancestors. */
export function organizationTreeView(
  orgs: readonly OrganizationItem[],
  search: string,
): OrganizationTreeView {
  const tree = buildTree(orgs, byCode);
  if (!search.trim()) {
    return { nodes: tree, expandedKeys: tree.map((n) => n.id), matchCount: orgs.length };
  }
  return filterTree(tree, (o) => matchesText(search, o.name, o.code));
}

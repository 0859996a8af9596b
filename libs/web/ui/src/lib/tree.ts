/** An item of a flat list that points to its parent (an organisation, a plan category). */
export interface FlatNode {
  id: string;
  parentId?: string | null;
}

/** A tree node; `children` is absent on leaves so tables show no expand icon there. */
export type TreeNode<T extends FlatNode> = T & { children?: TreeNode<T>[] };

/**
 * Builds a forest from a flat list. Roots are the items without a parent or whose parent is not in
 * the list (a city user's own bureau has a parent it cannot see). Siblings keep `compare` order.
 * Items caught in a parent cycle are dropped rather than looping forever.
 */
export function buildTree<T extends FlatNode>(
  items: readonly T[],
  compare?: (a: T, b: T) => number,
): TreeNode<T>[] {
  const byId = new Map<string, TreeNode<T>>();
  for (const item of items) byId.set(item.id, { ...item });
  const roots: TreeNode<T>[] = [];
  for (const node of byId.values()) {
    const parent = node.parentId ? byId.get(node.parentId) : undefined;
    if (parent && parent !== node) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  if (compare) {
    const sort = (nodes: TreeNode<T>[]): void => {
      nodes.sort(compare);
      for (const n of nodes) if (n.children) sort(n.children);
    };
    sort(roots);
  }
  return roots;
}

/** Depth-first list of the nodes (pre-order). */
export function flattenTree<T extends FlatNode>(nodes: readonly TreeNode<T>[]): TreeNode<T>[] {
  const out: TreeNode<T>[] = [];
  const stack = [...nodes].reverse();
  while (stack.length > 0) {
    const node = stack.pop() as TreeNode<T>;
    out.push(node);
    if (node.children) stack.push(...[...node.children].reverse());
  }
  return out;
}

export interface FilteredTree<T extends FlatNode> {
  nodes: TreeNode<T>[];
  /** Ids of the ancestors of every match, to expand so that matches are visible. */
  expandedKeys: string[];
  matchCount: number;
}

/**
 * Keeps the nodes that match and their ancestors. A matching node keeps its whole subtree, so a
 * search for a city still lets the user open its counties; matches below a match are expanded too.
 */
export function filterTree<T extends FlatNode>(
  nodes: readonly TreeNode<T>[],
  matches: (node: T) => boolean,
): FilteredTree<T> {
  const expanded = new Set<string>();
  let matchCount = 0;
  // Marks the path to every match below `node` (whole subtree kept); true when there is one.
  const expandInside = (node: TreeNode<T>): boolean => {
    let found = false;
    for (const child of node.children ?? []) {
      if (matches(child)) {
        matchCount += 1;
        found = true;
      }
      if (expandInside(child)) found = true;
    }
    if (found) expanded.add(node.id);
    return found;
  };
  const visit = (list: readonly TreeNode<T>[]): TreeNode<T>[] => {
    const kept: TreeNode<T>[] = [];
    for (const node of list) {
      if (matches(node)) {
        matchCount += 1;
        expandInside(node);
        kept.push(node);
        continue;
      }
      const children = node.children ? visit(node.children) : [];
      if (children.length > 0) {
        expanded.add(node.id);
        kept.push({ ...node, children });
      }
    }
    return kept;
  };
  const filtered = visit(nodes);
  return { nodes: filtered, expandedKeys: [...expanded], matchCount };
}

/** Normalised, case-insensitive "contains" on several fields, for search boxes. */
export function matchesText(query: string, ...fields: ReadonlyArray<string | null | undefined>) {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  return fields.some((f) => f?.toLowerCase().includes(q));
}

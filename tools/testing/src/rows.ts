/**
 * The one element of a list a test expects exactly one of (a count, an INSERT ... RETURNING row):
 * fails with the length when there are none or several.
 */
export function only<T>(items: readonly T[]): T {
  const [item] = items;
  if (items.length !== 1 || item === undefined) {
    throw new Error(`expected exactly one item, got ${items.length}`);
  }
  return item;
}

/** The first element of a list a test expects to be non-empty. */
export function first<T>(items: readonly T[]): T {
  const [item] = items;
  if (item === undefined) throw new Error('expected at least one item, got none');
  return item;
}

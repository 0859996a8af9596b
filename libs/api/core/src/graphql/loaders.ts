import DataLoader from 'dataloader';
import type { RequestContext } from '../auth/request-context';

/**
 * One DataLoader per request and key: nested GraphQL fields batch into one query per level
 * instead of one per row. Loaders live on the request context and die with it.
 */
export function loaderFor<K, V>(
  ctx: RequestContext,
  key: string,
  batch: (keys: readonly K[]) => Promise<Array<V | Error>>,
): DataLoader<K, V> {
  ctx.loaders ??= new Map();
  let loader = ctx.loaders.get(key) as DataLoader<K, V> | undefined;
  if (!loader) {
    loader = new DataLoader<K, V>(batch, { maxBatchSize: 1000 });
    ctx.loaders.set(key, loader as DataLoader<unknown, unknown>);
  }
  return loader;
}

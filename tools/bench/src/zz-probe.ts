import { benchDatabase, interleave, Session, startServer, dropDatabases, type BenchContext } from './harness';
import { OVERVIEW_QUERY } from './overview';
import { orgIdForCode } from '@sunshine/tools/seed';
async function main() {
  const ctx: BenchContext = { cleanup: [], log: console.error };
  const db = await benchDatabase(ctx, 'anhui');
  const url = await startServer(ctx, db);
  const s = new Session(url, '34-leader');
  const r = await interleave({
    typename: () => s.request('{ __typename }'),
    me: () => s.request('{ me { id } }'),
    city: () => s.request(OVERVIEW_QUERY, { o: orgIdForCode('3401') }),
    province: () => s.request(OVERVIEW_QUERY, { o: orgIdForCode('34') }),
  }, 60);
  for (const [k, v] of Object.entries(r)) console.log(k, v.p50.toFixed(1), v.p95.toFixed(1));
  for (const c of ctx.cleanup.reverse()) await c();
  await dropDatabases();
}
main();

import { Client } from 'pg';
import { RAW_SQL } from './overview';
import { orgIdForCode } from '@sunshine/tools/seed';
async function main() {
  const c = new Client({ connectionString: process.env.DB });
  await c.connect();
  const r = await c.query(`EXPLAIN (ANALYZE, BUFFERS off) ${RAW_SQL}`, [orgIdForCode(process.argv[2] ?? '34'), 2025, 2]);
  console.log(r.rows.map((x: any) => x['QUERY PLAN']).join('\n'));
  await c.end();
}
main();

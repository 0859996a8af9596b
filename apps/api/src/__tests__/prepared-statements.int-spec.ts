import { Client } from 'pg';
import { TenantDatabase } from '@sunshine/api/core';
import { provinceAdminScope, signedIn, type ApiClient } from '@sunshine/testing';
import { orgIdForCode } from '@sunshine/tools/seed';
import type { StartedApi } from '../bootstrap';
import { startTestApi } from '../testing';

/**
 * Hot reads run as named (prepared) statements (`select(..., { prepared: true })`): after five
 * runs on a connection PostgreSQL may plan them once, generically, for every later caller of that
 * connection. The tenant context must still decide what each caller reads: the policies' functions
 * are STABLE (evaluated per execution, never folded into a plan). One pooled connection, so every
 * request below shares the same prepared statement and its plan; once with the code-level checks,
 * once with row-level security alone.
 */
const OVERVIEW = `query($o: ID) { completionOverview(year: 2025, quarter: 2, organizationId: $o) {
  organization { id } total { assigned reported accepted }
  rows { organization { id code } figures { assigned reported accepted } } } }`;

interface Overview {
  organization: { id: string };
  total: { assigned: number; reported: number; accepted: number };
  rows: Array<{
    organization: { id: string; code: string };
    figures: { assigned: number; reported: number; accepted: number };
  }>;
}

async function overview(client: ApiClient, code: string) {
  return client.request<{ completionOverview: Overview }>(OVERVIEW, { o: orgIdForCode(code) });
}

describe.each([
  ['with the code-level checks', true],
  ['with row-level security alone', false],
])('a prepared overview statement shared by tenants on one connection, %s', (_, codeChecks) => {
  let api: StartedApi;
  let hefei: ApiClient;
  let wuhu: ApiClient;
  let owner: Client;

  beforeAll(async () => {
    owner = new Client({ connectionString: process.env.SUNSHINE_TEST_OWNER_URL });
    await owner.connect();
    api = await startTestApi({ DATABASE_POOL_SIZE: '1' }, { codeChecks });
    hefei = await signedIn(api.url, '3401-admin');
    wuhu = await signedIn(api.url, '3402-admin');
  }, 120_000);

  afterAll(async () => {
    await owner?.end();
    await api?.app.close();
  });

  it('answers each city its own figures after another city warmed the plan', async () => {
    const first = await overview(wuhu, '3402');
    expect(first.errors).toBeUndefined();
    const own = first.data!.completionOverview;
    expect(own.rows.length).toBeGreaterThan(0);
    expect(own.total.assigned).toBeGreaterThan(0);
    // Eight runs by 合肥: past the five custom plans, onto the generic one.
    for (let i = 0; i < 8; i++) {
      const r = await overview(hefei, '3401');
      expect(r.errors).toBeUndefined();
      const o = r.data!.completionOverview;
      expect(o.organization.id).toBe(orgIdForCode('3401'));
      expect(o.rows.every((row) => row.organization.code.startsWith('3401'))).toBe(true);
    }
    const again = await overview(wuhu, '3402');
    expect(again.data!.completionOverview).toEqual(own);
    // The one connection holds the named statement, planned generically by now.
    const plans = (await api.app.get(TenantDatabase).run(await provinceAdminScope(owner), (m) =>
      m.query(
        `SELECT generic_plans::int AS generic, custom_plans::int AS custom
           FROM pg_prepared_statements WHERE name LIKE 's\\_%' AND statement LIKE '%report_figures%'`,
      ),
    )) as Array<{ generic: number; custom: number }>;
    expect(plans).toHaveLength(1);
    expect(plans[0]!.generic).toBeGreaterThan(0);
  });

  it('never gives one city the other city’s figures through the shared plan', async () => {
    const r = await overview(wuhu, '3401');
    if (codeChecks) {
      expect(r.errors?.[0]?.extensions?.code).toMatch(/FORBIDDEN|NOT_FOUND/);
      return;
    }
    // Row-level security alone: the statement runs with 合肥's subtree, and reads nothing of it.
    if (r.errors) {
      expect(r.errors[0]?.extensions?.code).toMatch(/FORBIDDEN|NOT_FOUND/);
      return;
    }
    const o = r.data!.completionOverview;
    expect(o.total).toEqual({ assigned: 0, reported: 0, accepted: 0 });
    expect(o.rows.every((row) => row.figures.assigned === 0)).toBe(true);
  });
});

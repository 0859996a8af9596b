import { Client } from 'pg';
import {
  cellMismatches,
  doesBusiness,
  errorCode,
  MATRIX_ACTORS,
  MATRIX_MODES,
  MATRIX_TARGETS,
  sees,
  signedIn,
  type ApiClient,
  type CellOutcome,
  type GraphQLResult,
} from '@sunshine/testing';
import { orgIdForCode } from '@sunshine/tools/seed';
import type { StartedApi } from '../bootstrap';
import { startTestApi, testJobSchema } from '../testing';
import { coverageProblems } from './tenancy-coverage';

/**
 * The link operations × every demo role × target organisations, with code checks and with RLS
 * alone. Each target has a link of its own (inserted by the owner connection, with an owner
 * record), at an address the checker refuses (a queued check touches nothing). An organisation
 * sees its own links and its subtree's; the audit and security administrators none.
 */
const MARK = 'http://192.0.2.1/links-matrix';
const OWNER_KIND = 'links-matrix';

interface Fixture {
  linkId: string;
  url: string;
  ownerId: string;
}

interface Row {
  name: string;
  covers: string[];
  allowed(actor: string, target: string): boolean;
  run(client: ApiClient, owner: Client, target: string, fx: Fixture): Promise<CellOutcome>;
}

const gql = (r: GraphQLResult): CellOutcome => ({ ok: !r.errors, code: errorCode(r) });

/** The check jobs queued for a link (a refused call must queue none). */
async function jobsFor(owner: Client, linkId: string): Promise<number> {
  const { rows } = await owner.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${testJobSchema}.job WHERE name = 'link-checks.check' AND data->'linkIds' ? $1`,
    [linkId],
  );
  return rows[0]!.n;
}

const business = (a: string, t: string): boolean => doesBusiness(a) && sees(a, t);

const ROWS: Row[] = [
  {
    name: 'recheckLinks(urls, organizationId)',
    covers: ['Mutation.recheckLinks'],
    allowed: business,
    async run(client, owner, target, fx) {
      const before = await jobsFor(owner, fx.linkId);
      const r = await client.request<{ recheckLinks: Array<{ linkId: string }> }>(
        'mutation($i: RecheckLinksInput!) { recheckLinks(input: $i) { linkId url } }',
        { i: { urls: [fx.url], organizationId: orgIdForCode(target) } },
      );
      const after = await jobsFor(owner, fx.linkId);
      const out = gql(r);
      if (out.ok && r.data?.recheckLinks.some((l) => l.linkId !== fx.linkId))
        return { ...out, leaked: true };
      return { ...out, leaked: !out.ok && after !== before };
    },
  },
  {
    name: 'recheckLinks(urls) across the visible tree',
    covers: ['Mutation.recheckLinks'],
    allowed: business,
    async run(client, owner, _target, fx) {
      const before = await jobsFor(owner, fx.linkId);
      const r = await client.request<{ recheckLinks: Array<{ linkId: string }> }>(
        'mutation($i: RecheckLinksInput!) { recheckLinks(input: $i) { linkId } }',
        { i: { urls: [fx.url] } },
      );
      const after = await jobsFor(owner, fx.linkId);
      const out = gql(r);
      return { ...out, leaked: !out.ok && after !== before };
    },
  },
  {
    name: 'recheckLinks(owner)',
    covers: ['Mutation.recheckLinks'],
    allowed: business,
    async run(client, owner, _target, fx) {
      const before = await jobsFor(owner, fx.linkId);
      const r = await client.request(
        'mutation($i: RecheckLinksInput!) { recheckLinks(input: $i) { linkId } }',
        { i: { owner: { kind: OWNER_KIND, id: fx.ownerId } } },
      );
      const after = await jobsFor(owner, fx.linkId);
      const out = gql(r);
      return { ...out, leaked: !out.ok && after !== before };
    },
  },
  {
    name: 'linkHistory(organizationId, url)',
    covers: ['Query.linkHistory'],
    allowed: business,
    async run(client, _owner, target, fx) {
      const r = await client.request<{ linkHistory: { link: { linkId: string } } }>(
        'query($i: LinkHistoryInput!) { linkHistory(input: $i) { link { linkId url health } checks { id snapshot } } }',
        { i: { organizationId: orgIdForCode(target), url: fx.url } },
      );
      const out = gql(r);
      if (out.ok && r.data?.linkHistory.link.linkId !== fx.linkId) return { ...out, leaked: true };
      return out;
    },
  },
];

describe.each(MATRIX_MODES)('links tenancy matrix — %s', (_name, mode) => {
  let api: StartedApi;
  let owner: Client;
  const clients = new Map<string, ApiClient>();
  const fixtures = new Map<string, Fixture>();

  beforeAll(async () => {
    api = await startTestApi({}, mode);
    owner = new Client({ connectionString: process.env.SUNSHINE_TEST_OWNER_URL });
    await owner.connect();
    for (const target of MATRIX_TARGETS) {
      // One URL per target organisation, the same path in each (so a URL-only recheck must
      // choose by organisation), and an owner record per target.
      const url = `${MARK}/${target}`;
      const { rows } = await owner.query<{ id: string }>(
        `INSERT INTO links (organization_id, url) VALUES ($1, $2)
         ON CONFLICT (organization_id, url) DO UPDATE SET url = EXCLUDED.url RETURNING id`,
        [orgIdForCode(target), url],
      );
      const linkId = rows[0]!.id;
      const ownerId = (await owner.query<{ id: string }>('SELECT gen_random_uuid() AS id')).rows[0]!
        .id;
      await owner.query(
        `INSERT INTO link_owners (link_id, organization_id, owner_kind, owner_id) VALUES ($1, $2, $3, $4)`,
        [linkId, orgIdForCode(target), OWNER_KIND, ownerId],
      );
      fixtures.set(target, { linkId, url, ownerId });
    }
    for (const actor of MATRIX_ACTORS) clients.set(actor, await signedIn(api.url, actor));
  });

  afterAll(async () => {
    await owner.query(`DELETE FROM links WHERE url LIKE $1`, [`${MARK}%`]);
    await owner.end();
    await api.app.close();
  });

  it.each(ROWS.map((row) => [row.name, row] as const))(
    '%s: exactly the allowed cells succeed',
    async (_n, row) => {
      const mismatches: string[] = [];
      let allowedCells = 0;
      for (const actor of MATRIX_ACTORS) {
        for (const target of MATRIX_TARGETS) {
          const expected = row.allowed(actor, target);
          if (expected) allowedCells++;
          const out = await row.run(clients.get(actor)!, owner, target, fixtures.get(target)!);
          mismatches.push(...cellMismatches(actor, target, expected, out));
        }
      }
      expect(mismatches).toEqual([]);
      expect(allowedCells).toBeGreaterThan(0);
    },
  );

  it('its rows are the registry entries of links-matrix, each really called', () => {
    const called = [...clients.values()].flatMap((c) => [...c.called]);
    expect(coverageProblems('links-matrix', ROWS, called)).toEqual([]);
  });
});

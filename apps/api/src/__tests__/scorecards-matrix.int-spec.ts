import { Client } from 'pg';
import {
  ApiClient,
  cellMismatches,
  doesBusiness,
  errorCode,
  MATRIX_ACTORS,
  MATRIX_MODES,
  MATRIX_TARGETS,
  orgOf,
  oversees,
  roleOf,
  sees,
  signedIn,
  type CellOutcome,
  type GraphQLResult,
} from '@sunshine/testing';
import { orgIdForCode } from '@sunshine/tools/seed';
import type { StartedApi } from '../bootstrap';
import { startTestApi } from '../testing';
import { coverageProblems } from './tenancy-coverage';

/**
 * The scorecard operations × every demo role × target organisations, with code checks and with
 * RLS alone. Everything happens in 2003 (a matrix year no seed touches); rows written are removed
 * after each cell and at the end.
 */
const YEAR = 2003;
const MARK = '【考评矩阵】';
/** Targets with children (a ranking); counties have none. */
const PARENTS = ['34', '3401', '3402'];

interface Cell {
  client: ApiClient;
  owner: Client;
  actor: string;
  target: string;
}
interface Row {
  name: string;
  covers: string[];
  targets?(actor: string): readonly string[];
  allowed(actor: string, target: string): boolean;
  run(c: Cell): Promise<CellOutcome>;
}

const gql = (r: GraphQLResult): CellOutcome => ({ ok: !r.errors, code: errorCode(r) });

async function count(owner: Client, sql: string, params: unknown[]): Promise<number> {
  const { rows } = await owner.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (${sql}) x`,
    params,
  );
  return rows[0]!.n;
}

const ROWS: Row[] = [
  {
    name: 'scorecard(organizationId): the rows are all within the caller’s subtree',
    covers: ['Query.scorecard'],
    allowed: (a, t) => doesBusiness(a) && sees(a, t),
    async run({ client, actor, target }) {
      const r = await client.request<{
        scorecard: { rows: Array<{ organization: { code: string } }> };
      }>(
        'query($y: Int!, $o: ID) { scorecard(year: $y, organizationId: $o) { rows { organization { code } rank } } }',
        { y: YEAR, o: orgIdForCode(target) },
      );
      const out = gql(r);
      const rows = r.data?.scorecard.rows ?? [];
      return {
        ...out,
        leaked: rows.some((x) => !sees(actor, x.organization.code)),
      };
    },
  },
  {
    name: 'scoreBreakdown(organizationId)',
    covers: ['Query.scoreBreakdown'],
    targets: () => MATRIX_TARGETS.filter((t) => t !== '34'),
    allowed: (a, t) => doesBusiness(a) && sees(a, t),
    async run({ client, target }) {
      return gql(
        await client.request(
          'query($y: Int!, $o: ID!) { scoreBreakdown(year: $y, organizationId: $o) { score rank items { source { id } } } }',
          { y: YEAR, o: orgIdForCode(target) },
        ),
      );
    },
  },
  {
    name: 'scorecardDiff(organizationId)',
    covers: ['Query.scorecardDiff'],
    targets: () => PARENTS,
    allowed: (a, t) => doesBusiness(a) && sees(a, t),
    async run({ client, actor, target }) {
      const r = await client.request<{
        scorecardDiff: { rows: Array<{ organization: { code: string } }> };
      }>(
        'query($y: Int!, $o: ID) { scorecardDiff(year: $y, organizationId: $o) { currentHash rows { organization { code } } } }',
        { y: YEAR, o: orgIdForCode(target) },
      );
      return {
        ...gql(r),
        leaked: (r.data?.scorecardDiff.rows ?? []).some((x) => !sees(actor, x.organization.code)),
      };
    },
  },
  {
    name: 'rubric (the caller’s own)',
    covers: ['Query.rubric'],
    targets: (a) => [orgOf(a)],
    allowed: (a) => doesBusiness(a),
    async run({ client }) {
      return gql(
        await client.request(
          'query($y: Int!) { rubric(year: $y, level: COUNTY) { version content } }',
          {
            y: YEAR,
          },
        ),
      );
    },
  },
  {
    name: 'saveRubric (own organisation, province or city ADMIN)',
    covers: ['Mutation.saveRubric'],
    targets: (a) => [orgOf(a)],
    allowed: (a) => roleOf(a) === 'ADMIN' && orgOf(a).length <= 4,
    async run({ client, owner, actor }) {
      const current = await client.request<{ rubric: { content: string } }>(
        'query($y: Int!) { rubric(year: $y, level: COUNTY) { content } }',
        { y: YEAR },
      );
      const content = current.data?.rubric.content ?? '{}';
      const r = await client.request(
        'mutation($i: SaveRubricInput!) { saveRubric(input: $i) { version } }',
        { i: { year: YEAR, level: 'COUNTY', content, note: `${MARK}${actor}` } },
      );
      const { rows } = await owner.query<{ organization_id: string }>(
        'DELETE FROM score_rubrics WHERE year = $1 RETURNING organization_id',
        [YEAR],
      );
      const out = gql(r);
      return {
        ...out,
        leaked:
          (!out.ok && rows.length > 0) ||
          rows.some((x) => x.organization_id !== orgIdForCode(orgOf(actor))),
      };
    },
  },
  {
    name: 'addScoreAdjustment (an ADMIN above the target)',
    covers: ['Mutation.addScoreAdjustment'],
    allowed: (a, t) => roleOf(a) === 'ADMIN' && oversees(a, t),
    async run({ client, owner, target }) {
      const r = await client.request(
        'mutation($i: AddScoreAdjustmentInput!) { addScoreAdjustment(input: $i) { id } }',
        {
          i: {
            organizationId: orgIdForCode(target),
            year: YEAR,
            quarter: 1,
            kind: 'BONUS',
            points: 1,
            reason: `${MARK}表彰`,
          },
        },
      );
      const n = await count(owner, 'SELECT 1 FROM score_adjustments WHERE year = $1', [YEAR]);
      await owner.query('DELETE FROM score_adjustments WHERE year = $1', [YEAR]);
      const out = gql(r);
      return { ...out, leaked: !out.ok && n > 0 };
    },
  },
  {
    name: 'publishScorecard (an ADMIN at or above the ranked unit)',
    covers: ['Mutation.publishScorecard'],
    targets: () => PARENTS,
    allowed: (a, t) => roleOf(a) === 'ADMIN' && sees(a, t),
    async run({ client, owner, target }) {
      const r = await client.request(
        'mutation($i: PublishScorecardInput!) { publishScorecard(input: $i) { revision } }',
        { i: { year: YEAR, organizationId: orgIdForCode(target), note: MARK } },
      );
      const n = await count(owner, 'SELECT 1 FROM published_scorecards WHERE year = $1', [YEAR]);
      await owner.query('DELETE FROM published_scorecards WHERE year = $1', [YEAR]);
      const out = gql(r);
      return { ...out, leaked: !out.ok && n > 0 };
    },
  },
];

describe.each(MATRIX_MODES)('scorecards tenancy matrix — %s', (_name, mode) => {
  let api: StartedApi;
  let owner: Client;
  const clients = new Map<string, ApiClient>();

  beforeAll(async () => {
    api = await startTestApi({}, mode);
    owner = new Client({ connectionString: process.env.SUNSHINE_TEST_OWNER_URL });
    await owner.connect();
    for (const actor of MATRIX_ACTORS) clients.set(actor, await signedIn(api.url, actor));
  });
  afterAll(async () => {
    await owner.query('DELETE FROM published_scorecards WHERE year = $1', [YEAR]);
    await owner.query('DELETE FROM score_adjustments WHERE year = $1', [YEAR]);
    await owner.query('DELETE FROM score_rubrics WHERE year = $1', [YEAR]);
    await owner.end();
    await api.app.close();
  });

  it.each(ROWS.map((row) => [row.name, row] as const))(
    '%s: exactly the allowed cells succeed',
    async (_n, row) => {
      const mismatches: string[] = [];
      let allowedCells = 0;
      for (const actor of MATRIX_ACTORS) {
        for (const target of row.targets?.(actor) ?? MATRIX_TARGETS) {
          const expected = row.allowed(actor, target);
          if (expected) allowedCells++;
          const out = await row.run({ client: clients.get(actor)!, owner, actor, target });
          mismatches.push(...cellMismatches(actor, target, expected, out));
        }
      }
      expect(mismatches).toEqual([]);
      expect(allowedCells).toBeGreaterThan(0);
    },
  );

  it('its rows are the registry entries of scorecards-matrix, each really called', () => {
    const called = [...clients.values()].flatMap((c) => [...c.called]);
    expect(coverageProblems('scorecards-matrix', ROWS, called)).toEqual([]);
  });
});

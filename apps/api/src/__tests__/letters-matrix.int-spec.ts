import {
  ApiClient,
  cellMismatches,
  httpOutcome,
  MATRIX_ACTORS,
  MATRIX_MODES,
  MATRIX_TARGETS,
  oversees,
  roleOf,
  sees,
  signedIn,
  type CellOutcome,
  type MatrixMode,
} from '@sunshine/testing';
import { orgIdForCode } from '@sunshine/tools/seed';
import type { StartedApi } from '../bootstrap';
import { startTestApi } from '../testing';
import { coverageProblems } from './tenancy-coverage';

/**
 * The official letters × every demo role × target organisations, with code checks and with RLS
 * alone: a 催办函 goes only from an overseer's administrator or leader to a bureau below it.
 */
interface Row {
  name: string;
  covers: string[];
  allowed(actor: string, target: string, mode: MatrixMode): boolean;
  run(client: ApiClient, target: string): Promise<CellOutcome>;
}

/** Ranks subordinates: the province and the cities among the targets. */
const hasSubordinates = (t: string): boolean => t.length <= 4;
const fileOutcome = async (res: Response, magic: string): Promise<CellOutcome> => {
  if (!res.ok) return httpOutcome(res);
  const bytes = Buffer.from(await res.arrayBuffer());
  return bytes.subarray(0, 2).toString() === magic ? { ok: true } : { ok: false, code: 'EMPTY' };
};

const ROWS: Row[] = [
  {
    name: 'scorecard bulletin',
    covers: ['GET /files/scorecards/:year/bulletin.docx'],
    allowed: (a, t) => ['ADMIN', 'LEADER'].includes(roleOf(a)) && sees(a, t) && hasSubordinates(t),
    async run(client, target) {
      return fileOutcome(
        await client.http(
          'GET',
          '/files/scorecards/:year/bulletin.docx',
          { year: '2025' },
          { query: { quarter: '2', organizationId: orgIdForCode(target) } },
        ),
        'PK',
      );
    },
  },
  {
    name: 'scorecard Excel export',
    covers: ['GET /files/scorecards/:year/scorecard.xlsx'],
    allowed: (a, t) => ['ADMIN', 'LEADER'].includes(roleOf(a)) && sees(a, t) && hasSubordinates(t),
    async run(client, target) {
      return fileOutcome(
        await client.http(
          'GET',
          '/files/scorecards/:year/scorecard.xlsx',
          { year: '2025' },
          { query: { organizationId: orgIdForCode(target) } },
        ),
        'PK',
      );
    },
  },
  {
    name: 'reminder letter',
    covers: ['GET /files/reminder-letters/:organizationId.docx'],
    allowed: (a, t) => ['ADMIN', 'LEADER'].includes(roleOf(a)) && oversees(a, t),
    async run(client, target) {
      const res = await client.http('GET', '/files/reminder-letters/:organizationId.docx', {
        organizationId: orgIdForCode(target),
      });
      if (!res.ok) return httpOutcome(res);
      const bytes = Buffer.from(await res.arrayBuffer());
      // A .docx is a ZIP: "PK".
      return bytes.subarray(0, 2).toString() === 'PK' ? { ok: true } : { ok: false, code: 'EMPTY' };
    },
  },
];

describe.each(MATRIX_MODES)('letters tenancy matrix — %s', (_name, mode) => {
  let api: StartedApi;
  const clients = new Map<string, ApiClient>();

  beforeAll(async () => {
    api = await startTestApi({}, mode);
    for (const actor of MATRIX_ACTORS) clients.set(actor, await signedIn(api.url, actor));
  });
  afterAll(async () => {
    await api.app.close();
  });

  it.each(ROWS.map((row) => [row.name, row] as const))(
    '%s: exactly the allowed cells succeed',
    async (_n, row) => {
      const mismatches: string[] = [];
      let allowedCells = 0;
      for (const actor of MATRIX_ACTORS) {
        for (const target of MATRIX_TARGETS) {
          const expected = row.allowed(actor, target, mode);
          if (expected) allowedCells++;
          const out = await row.run(clients.get(actor)!, target);
          mismatches.push(...cellMismatches(actor, target, expected, out));
        }
      }
      expect(mismatches).toEqual([]);
      expect(allowedCells).toBeGreaterThan(0);
    },
    // 66 cells, each computing a scorecard (the Excel export every ranked bureau's breakdown).
    300_000,
  );

  it('its rows are the registry entries of letters-matrix, each really called', () => {
    const called = [...clients.values()].flatMap((c) => [...c.called]);
    expect(coverageProblems('letters-matrix', ROWS, called)).toEqual([]);
  });
});

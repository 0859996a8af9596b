import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, isEnumType } from 'graphql';
import { Client } from 'pg';
import { signedIn } from '@sunshine/testing';
import type { StartedApi } from '../bootstrap';
import { startTestApi } from '../testing';

// Rows carry their figures whole (`figures: CompletionFigures!`) beside the deprecated flat
// fields, and string columns with a fixed set of values are GraphQL enums with the same values.
let api: StartedApi;
let owner: Client;

beforeAll(async () => {
  api = await startTestApi();
  owner = new Client({ connectionString: process.env.SUNSHINE_TEST_OWNER_URL });
  await owner.connect();
});
afterAll(async () => {
  await owner.end();
  await api.app.close();
});

const FIELDS =
  'assigned due completed accepted reported onTime completionRate reportingRate onTimeRate';

type Figures = Record<string, number>;
type Row = Figures & { figures: Figures };

describe('completion rows', () => {
  it('carry the same figures in `figures` as in the deprecated flat fields', async () => {
    const leader = await signedIn(api.url, '34-leader');
    const r = await leader.request<{
      completionOverview: { total: Figures; rows: Row[]; byCategory: Row[]; trend: Row[] };
    }>(
      `{ completionOverview(year: 2025, quarter: 1) {
          total { ${FIELDS} }
          rows { ${FIELDS} figures { ${FIELDS} } }
          byCategory { ${FIELDS} figures { ${FIELDS} } }
          trend { ${FIELDS} figures { ${FIELDS} } } } }`,
    );
    expect(r.errors).toBeUndefined();
    const o = r.data!.completionOverview;
    expect(o.rows.length).toBeGreaterThan(0);
    expect(o.byCategory.length).toBeGreaterThan(0);
    expect(o.trend.length).toBe(1);
    for (const row of [...o.rows, ...o.byCategory, ...o.trend]) {
      const { figures, ...flat } = row;
      expect(figures).toEqual(flat);
    }
    const sum = (key: string) => o.rows.reduce((s, row) => s + (row.figures[key] ?? 0), 0);
    expect(sum('assigned')).toBeLessThanOrEqual(o.total['assigned'] ?? 0);
  });
});

describe('enums for fixed sets of values', () => {
  const schema = buildSchema(readFileSync(join(__dirname, '..', '..', 'schema.graphql'), 'utf8'));
  function enumValues(name: string): string[] {
    const type = schema.getType(name);
    if (!isEnumType(type)) throw new Error(`${name} is not an enum`);
    return type.getValues().map((v) => v.value as string);
  }

  it.each([
    ['NotificationKind', 'SELECT DISTINCT kind AS v FROM notifications'],
    ['ReportEventAction', 'SELECT DISTINCT action AS v FROM report_events'],
    [
      'ReturnedStage',
      'SELECT DISTINCT returned_stage AS v FROM progress_reports WHERE returned_stage IS NOT NULL',
    ],
  ])('%s can carry every value stored in the seeded database', async (name, sql) => {
    const { rows } = await owner.query<{ v: string }>(sql);
    expect(rows.length).toBeGreaterThan(0);
    expect(enumValues(name)).toEqual(expect.arrayContaining(rows.map((r) => r.v)));
  });

  it('sends the same strings as before on the wire', async () => {
    const editor = await signedIn(api.url, '340102-editor');
    const r = await editor.request<{
      progressReports: {
        items: Array<{ returnedStage: string | null; history: Array<{ action: string }> }>;
      };
    }>(
      '{ progressReports(filter: { year: 2025, limit: 50 }) { items { returnedStage history { action } } } }',
    );
    expect(r.errors).toBeUndefined();
    const items = r.data!.progressReports.items;
    const actions = new Set(items.flatMap((i) => i.history.map((h) => h.action)));
    expect(actions.has('SUBMIT')).toBe(true);
    for (const a of actions) expect(enumValues('ReportEventAction')).toContain(a);
    for (const i of items)
      if (i.returnedStage !== null) expect(['REVIEWER', 'OVERSEER']).toContain(i.returnedStage);
  });
});

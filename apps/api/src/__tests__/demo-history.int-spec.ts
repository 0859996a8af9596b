import { Client } from 'pg';
import { createTestDatabase, runServerUrl, type TestDatabase } from '@sunshine/testing';

/**
 * The demo seed's history (`reportingYears`, as the history benchmark builds it): assessment
 * rounds and training sessions for every year, the earlier years closed and held like last year,
 * and this year's and last year's data the same as the default demo's (which the other suites
 * count). Two databases of its own: the default demo and three years.
 */
describe('demo history', () => {
  let demo: TestDatabase;
  let history: TestDatabase;
  const clients: Client[] = [];
  const connect = async (db: TestDatabase): Promise<Client> => {
    const c = new Client({ connectionString: db.ownerUrl });
    await c.connect();
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    demo = await createTestDatabase({ serverUrl: runServerUrl() });
    history = await createTestDatabase({ serverUrl: runServerUrl(), reportingYears: 3 });
  }, 300_000);

  afterAll(async () => {
    for (const c of clients) await c.end();
    await demo?.drop();
    await history?.drop();
  });

  /** Every problem and every attendance of the given years, by natural keys, in a fixed order. */
  const content = async (c: Client, years: number[]): Promise<string[]> => {
    const { rows } = await c.query<{ line: string }>(
      `SELECT concat_ws('|', r.title, o.code, i.issue_type, i.description, i.location, i.status,
                i.points_deducted, i.deadline, i.late, i.answered_at, i.verified_at) AS line
       FROM assessment_issues i JOIN assessment_rounds r ON r.id = i.round_id
       JOIN organizations o ON o.id = i.organization_id
       WHERE extract(year FROM r.period_end)::int = ANY($1)
       UNION ALL
       SELECT concat_ws('|', s.title, s.status, o.code, a.trainee_name, a.phone, a.attended, a.hours)
       FROM training_attendances a JOIN training_sessions s ON s.id = a.session_id
       JOIN organizations o ON o.id = a.organization_id
       WHERE s.year = ANY($1)
       ORDER BY 1`,
      [years],
    );
    return rows.map((r) => r.line);
  };

  it('keeps the demo’s two years as they are', async () => {
    const [a, b] = [await connect(demo), await connect(history)];
    const lines = await content(a, [2024, 2025]);
    expect(lines.length).toBeGreaterThan(1000);
    expect(await content(b, [2024, 2025])).toEqual(lines);
  });

  it('adds a closed round and held courses with attendance for the earlier year', async () => {
    const c = await connect(history);
    const { rows: rounds } = await c.query<{
      year: number;
      status: string;
      bureaus: number;
      issues: number;
      open: number;
    }>(
      `SELECT extract(year FROM r.period_end)::int AS year, r.status,
              count(DISTINCT i.organization_id)::int AS bureaus, count(i.id)::int AS issues,
              count(i.id) FILTER (WHERE i.status NOT IN ('VERIFIED', 'WITHDRAWN', 'OPEN'))::int AS open
       FROM assessment_rounds r LEFT JOIN assessment_issues i ON i.round_id = r.id
       GROUP BY r.id ORDER BY 1`,
    );
    expect(rounds.map((r) => [r.year, r.status])).toEqual([
      [2023, 'CLOSED'],
      [2024, 'CLOSED'],
      [2025, 'PUBLISHED'],
    ]);
    const [earlier, last] = rounds;
    // Every city and county bureau, about as many problems as last year, none left mid-loop.
    expect(earlier?.bureaus).toBe(last?.bureaus);
    expect(earlier?.issues).toBeGreaterThan((last?.issues ?? 0) * 0.8);
    expect(earlier?.issues).toBeLessThan((last?.issues ?? 0) * 1.2);
    expect(earlier?.open).toBe(0);

    const { rows: sessions } = await c.query<{
      year: number;
      sessions: number;
      held: number;
      attendances: number;
    }>(
      `SELECT s.year, count(DISTINCT s.id)::int AS sessions,
              count(DISTINCT s.id) FILTER (WHERE s.status = 'HELD')::int AS held,
              count(a.id)::int AS attendances
       FROM training_sessions s LEFT JOIN training_attendances a ON a.session_id = s.id
       GROUP BY s.year ORDER BY 1`,
    );
    expect(sessions.map((s) => s.year)).toEqual([2023, 2024, 2025]);
    expect(sessions[0]).toMatchObject({ sessions: sessions[1]?.sessions, held: 5 });
    expect(sessions[0]?.attendances).toBeGreaterThan(100);
    const { rows: required } = await c.query<{ year: number }>(
      `SELECT DISTINCT year FROM training_requirements ORDER BY year`,
    );
    expect(required.map((r) => r.year)).toEqual([2023, 2024, 2025]);
  });
});

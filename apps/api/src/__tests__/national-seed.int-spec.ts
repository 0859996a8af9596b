import { Client } from 'pg';
import { createOwnerDataSource } from '@sunshine/api/schema';
import { createTestDatabase, runServerUrl, TEST_CLOCK, type TestDatabase } from '@sunshine/testing';
import { NATIONAL_CODE, orgIdForCode, seedNational } from '@sunshine/tools/seed';

/**
 * `npm run seed -- --national`: an existing province (the demo's Anhui) is put below 审计署 with
 * its whole subtree, the national demo accounts exist, and the generated reports of a new
 * province land in the overview's precomputed figures. Its own database.
 */
describe('national seed', () => {
  let db: TestDatabase;
  let owner: Client;
  const q = async <T>(sql: string, params: unknown[] = []): Promise<T[]> =>
    (await owner.query(sql, params)).rows as T[];

  beforeAll(async () => {
    db = await createTestDatabase({ serverUrl: runServerUrl() });
    const ds = createOwnerDataSource(db.ownerUrl);
    await ds.initialize();
    try {
      const r = await seedNational(ds, {
        provinces: ['11', '34'],
        demo: true,
        reportingYears: 1,
        now: TEST_CLOCK,
      });
      expect(r.attached).toEqual(['34']);
      expect(r.organizations).toBeGreaterThan(10);
      // Run again: nothing new, nothing attached twice.
      const again = await seedNational(ds, {
        provinces: ['11', '34'],
        demo: true,
        now: TEST_CLOCK,
      });
      expect(again).toMatchObject({ organizations: 0, attached: [], users: 0 });
    } finally {
      await ds.destroy();
    }
    owner = new Client({ connectionString: db.ownerUrl });
    await owner.connect();
  }, 300_000);

  afterAll(async () => {
    await owner.end();
    await db.drop();
  });

  it('puts the existing province and every bureau below it under the national root', async () => {
    const root = orgIdForCode(NATIONAL_CODE);
    const [anhui] = await q<{ parent_id: string; name: string }>(
      `SELECT parent_id, (SELECT name FROM organizations WHERE id = $1) AS name FROM organizations WHERE code = '34'`,
      [root],
    );
    expect(anhui).toEqual({ parent_id: root, name: '审计署' });
    const [c] = await q<{ below: number; all: number; county_depth: number }>(
      `SELECT (SELECT count(*) FROM org_closure WHERE ancestor_id = $1)::int AS below,
              (SELECT count(*) FROM organizations)::int AS all,
              (SELECT depth FROM org_closure WHERE ancestor_id = $1 AND descendant_id = $2) AS county_depth`,
      [root, orgIdForCode('340102')],
    );
    expect(c?.below).toBe(c?.all);
    expect(c?.county_depth).toBe(3);
    // The parent rule holds again for the app.
    await expect(
      owner.query(`UPDATE organizations SET parent_id = NULL WHERE code = '34'`),
    ).rejects.toThrow(/cannot change/);
  });

  it('creates the national demo accounts and a new province’s accounts', async () => {
    const users = await q<{ username: string; roles: string[] }>(
      `SELECT username, roles FROM users WHERE username LIKE '100000-%' OR username = '11-admin' ORDER BY username`,
    );
    expect(users.map((u) => u.username)).toEqual([
      '100000-admin',
      '100000-auditor',
      '100000-leader',
      '100000-security',
      '11-admin',
    ]);
  });

  it('generates the new province’s reports, counted in the precomputed figures', async () => {
    const [r] = await q<{ reports: number; reported: number; figures: number }>(
      `SELECT (SELECT count(*) FROM progress_reports r JOIN plans p ON p.id = r.plan_id
                WHERE p.organization_id = $1 AND r.status <> 'DRAFT')::int AS reports,
              (SELECT sum(f.reported) FROM report_figures f JOIN plans p ON p.id = f.plan_id
                WHERE p.organization_id = $1)::int AS reported,
              (SELECT count(*) FROM plans WHERE organization_id = $2)::int AS figures`,
      [orgIdForCode('11'), orgIdForCode('34')],
    );
    expect(r?.reports).toBeGreaterThan(100);
    expect(r?.reported).toBe(r?.reports);
    // Anhui kept its own plans (no second set).
    expect(r?.figures).toBe(2);
  });
});

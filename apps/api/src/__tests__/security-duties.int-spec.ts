import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import * as argon2 from 'argon2';
import { createOwnerDataSource, prepareDatabase } from '@sunshine/api/schema';
import { ApiClient, errorCode, only, signedIn, type GraphQLResult } from '@sunshine/testing';
import { anhuiDivisions, orgIdForCode, seedProduction } from '@sunshine/tools/seed';
import type { StartedApi } from '../bootstrap';
import { startTestApi } from '../testing';

/**
 * Separation of duties (三员分立, 等保 2.0 level 3): the system administrator, the security
 * administrator and the audit administrator are three accounts, none of which can act as another.
 * Each case below was an attack that succeeded before the control existed.
 */
let api: StartedApi;
let owner: Client;
let admin: ApiClient;
let cityAdmin: ApiClient;
let security: ApiClient;
let auditor: ApiClient;

const CREATE = 'mutation($i: CreateUserInput!) { createUser(input: $i) { id username roles } }';
const UPDATE = 'mutation($i: UpdateUserInput!) { updateUser(input: $i) { id roles } }';
const RESET =
  'mutation($i: UserIdInput!) { resetUserPassword(input: $i) { temporaryPassword user { id } } }';
const DISABLE = 'mutation($i: UserIdInput!) { disableUser(input: $i) { id status } }';
const ENABLE = 'mutation($i: UserIdInput!) { enableUser(input: $i) { id status } }';

interface Account {
  id: string;
  roles: string[];
  status: string;
  version: number;
  password_hash: string;
  display_name: string;
}

async function account(username: string): Promise<Account | undefined> {
  const { rows } = await owner.query<Account>(
    'SELECT id, roles, status, version, password_hash, display_name FROM users WHERE username = $1',
    [username],
  );
  return rows[0];
}

function refused(r: GraphQLResult): string | undefined {
  return r.errors ? errorCode(r) : 'ALLOWED';
}

/** A signed-in account inserted by the owner (an installation step), sharing 34-admin's password. */
async function insertAccount(username: string, orgCode: string, roles: string[]): Promise<string> {
  const { rows } = await owner.query<{ id: string }>(
    `INSERT INTO users(organization_id, username, display_name, password_hash, roles)
     SELECT $1, $2, '测试账户', password_hash, $3 FROM users WHERE username = '34-admin'
     RETURNING id`,
    [orgIdForCode(orgCode), username, roles],
  );
  return only(rows).id;
}

beforeAll(async () => {
  api = await startTestApi();
  owner = new Client({ connectionString: process.env.SUNSHINE_TEST_OWNER_URL });
  await owner.connect();
  admin = await signedIn(api.url, '34-admin');
  cityAdmin = await signedIn(api.url, '3401-admin');
  security = await signedIn(api.url, '34-security');
  auditor = await signedIn(api.url, '34-auditor');
});
afterAll(async () => {
  await owner.end();
  await api.app.close();
});

describe('system administrators cannot manage audit or security administrators', () => {
  it('refuses an ADMIN creating an AUDITOR with a password of its choosing', async () => {
    const r = await admin.request(CREATE, {
      i: {
        organizationId: orgIdForCode('34'),
        username: 'rogue-auditor',
        displayName: '冒名审计员',
        roles: ['AUDITOR'],
        password: 'Rogue#Pass2025',
      },
    });
    expect(refused(r)).toBe('FORBIDDEN');
    expect(r.errors?.[0]?.extensions?.reason).toBe('DUTY_SEPARATION');
    expect(await account('rogue-auditor')).toBeUndefined();
  });

  it('refuses a city ADMIN creating a city-level AUDITOR', async () => {
    const r = await cityAdmin.request(CREATE, {
      i: {
        organizationId: orgIdForCode('3401'),
        username: 'rogue-city-auditor',
        displayName: '市级审计员',
        roles: ['AUDITOR'],
        password: 'Rogue#Pass2025',
      },
    });
    expect(refused(r)).toBe('FORBIDDEN');
    expect(await account('rogue-city-auditor')).toBeUndefined();
  });

  it('refuses an ADMIN creating a SECURITY_ADMIN', async () => {
    const r = await admin.request(CREATE, {
      i: {
        organizationId: orgIdForCode('34'),
        username: 'rogue-security',
        displayName: '冒名安全员',
        roles: ['SECURITY_ADMIN'],
        password: 'Rogue#Pass2025',
      },
    });
    expect(refused(r)).toBe('FORBIDDEN');
    expect(await account('rogue-security')).toBeUndefined();
  });

  it("refuses an ADMIN resetting the auditor's password (and so signing in as the auditor)", async () => {
    const before = await account('34-auditor');
    const r = await admin.request(RESET, { i: { id: before!.id } });
    expect(refused(r)).toBe('FORBIDDEN');
    expect(JSON.stringify(r)).not.toMatch(/temporaryPassword":"/);
    expect((await account('34-auditor'))!.password_hash).toBe(before!.password_hash);
  });

  it('refuses an ADMIN disabling, enabling or re-roling the auditor', async () => {
    const before = await account('34-auditor');
    expect(refused(await admin.request(DISABLE, { i: { id: before!.id } }))).toBe('FORBIDDEN');
    expect(refused(await admin.request(ENABLE, { i: { id: before!.id } }))).toBe('FORBIDDEN');
    const toAdmin = await admin.request(UPDATE, {
      i: { id: before!.id, version: before!.version, roles: ['ADMIN'] },
    });
    expect(refused(toAdmin)).toBe('FORBIDDEN');
    const rename = await admin.request(UPDATE, {
      i: { id: before!.id, version: before!.version, displayName: '改名' },
    });
    expect(refused(rename)).toBe('FORBIDDEN');
    const after = await account('34-auditor');
    expect(after).toMatchObject({
      roles: ['AUDITOR'],
      status: 'ACTIVE',
      version: before!.version,
      display_name: before!.display_name,
    });
  });

  it('refuses an ADMIN turning a business account into an AUDITOR or SECURITY_ADMIN', async () => {
    const editor = await account('340102-editor');
    for (const roles of [['AUDITOR'], ['SECURITY_ADMIN']]) {
      const r = await admin.request(UPDATE, {
        i: { id: editor!.id, version: editor!.version, roles },
      });
      expect(refused(r)).toBe('FORBIDDEN');
    }
    expect((await account('340102-editor'))!.roles).toEqual(['EDITOR']);
  });

  it('refuses an ADMIN touching the security administrator', async () => {
    const sec = await account('34-security');
    expect(refused(await admin.request(RESET, { i: { id: sec!.id } }))).toBe('FORBIDDEN');
    expect(refused(await admin.request(DISABLE, { i: { id: sec!.id } }))).toBe('FORBIDDEN');
    expect((await account('34-security'))!.password_hash).toBe(sec!.password_hash);
  });

  it('refuses an ADMIN changing its own roles', async () => {
    const me = await account('3401-admin');
    const r = await cityAdmin.request(UPDATE, {
      i: { id: me!.id, version: me!.version, roles: ['ADMIN', 'LEADER'] },
    });
    expect(refused(r)).toBe('FORBIDDEN');
    expect((await account('3401-admin'))!.roles).toEqual(['ADMIN']);
  });

  it('still lets an ADMIN manage business accounts', async () => {
    const r = await cityAdmin.request<{ createUser: { id: string } }>(CREATE, {
      i: {
        organizationId: orgIdForCode('340102'),
        username: 'duties-editor',
        displayName: '填报员',
        roles: ['EDITOR', 'REVIEWER'],
        password: 'Duties#Pass2025',
      },
    });
    expect(r.errors).toBeUndefined();
    const id = r.data!.createUser.id;
    expect(refused(await cityAdmin.request(RESET, { i: { id } }))).toBe('ALLOWED');
    expect(refused(await cityAdmin.request(DISABLE, { i: { id } }))).toBe('ALLOWED');
  });
});

describe('roles that one account never combines', () => {
  it.each([
    [['AUDITOR', 'EDITOR']],
    [['AUDITOR', 'LEADER']],
    [['SECURITY_ADMIN', 'ADMIN']],
    [['SECURITY_ADMIN', 'AUDITOR']],
    [['SECURITY_ADMIN', 'REVIEWER']],
  ])('refuses %j in the API and in the database', async (roles) => {
    const r = await security.request(CREATE, {
      i: {
        organizationId: orgIdForCode('34'),
        username: `combo-${roles.join('-').toLowerCase()}`,
        displayName: '组合',
        roles,
        password: 'Combo#Pass2025',
      },
    });
    expect(['BAD_USER_INPUT', 'FORBIDDEN']).toContain(refused(r));
    await expect(
      owner.query(`UPDATE users SET roles = $1 WHERE username = '3402-editor'`, [roles]),
    ).rejects.toThrow(/users_duty_roles_alone/);
  });

  it('refuses a role the product does not know, in the database', async () => {
    await expect(
      owner.query(`UPDATE users SET roles = '{ROOT}' WHERE username = '3402-editor'`),
    ).rejects.toThrow(/users_roles_known/);
  });
});

describe('the security administrator', () => {
  let createdId = '';

  it('creates an AUDITOR (a city auditor too), resets, disables and enables it', async () => {
    const r = await security.request<{ createUser: { id: string; roles: string[] } }>(CREATE, {
      i: {
        organizationId: orgIdForCode('3401'),
        username: 'city-auditor',
        displayName: '合肥市审计管理员',
        roles: ['AUDITOR'],
        password: 'CityAud#2025x',
      },
    });
    expect(r.errors).toBeUndefined();
    createdId = r.data!.createUser.id;
    const reset = await security.request<{ resetUserPassword: { temporaryPassword: string } }>(
      RESET,
      { i: { id: createdId } },
    );
    expect(reset.data?.resetUserPassword.temporaryPassword).toMatch(/.{12}/);
    expect(refused(await security.request(DISABLE, { i: { id: createdId } }))).toBe('ALLOWED');
    expect(refused(await security.request(ENABLE, { i: { id: createdId } }))).toBe('ALLOWED');
  });

  it('has every such change audited and shown to the auditor', async () => {
    const r = await auditor.request<{
      auditEvents: { items: Array<{ action: string; username: string; targetId: string }> };
    }>(
      'query($f: AuditEventsFilter) { auditEvents(filter: $f) { items { action username targetId } } }',
      { f: { userId: (await account('34-security'))!.id, limit: 50 } },
    );
    const mine = r.data!.auditEvents.items.filter((e) => e.targetId === createdId);
    expect(mine.map((e) => e.action).sort()).toEqual([
      'USER_CREATE',
      'USER_DISABLE',
      'USER_ENABLE',
      'USER_PASSWORD_RESET',
    ]);
    expect(mine.every((e) => e.username === '34-security')).toBe(true);
  });

  it('lists only audit and security accounts', async () => {
    const r = await security.request<{ users: { items: Array<{ roles: string[] }> } }>(
      '{ users(filter: { limit: 200 }) { items { username roles } } }',
    );
    const roles = new Set(r.data!.users.items.flatMap((u) => u.roles));
    expect([...roles].sort()).toEqual(['AUDITOR', 'SECURITY_ADMIN']);
  });

  it('cannot create or manage business accounts', async () => {
    const r = await security.request(CREATE, {
      i: {
        organizationId: orgIdForCode('34'),
        username: 'security-made-admin',
        displayName: '管理员',
        roles: ['ADMIN'],
        password: 'Rogue#Pass2025',
      },
    });
    expect(refused(r)).toBe('FORBIDDEN');
    const target = await account('34-admin');
    expect(refused(await security.request(RESET, { i: { id: target!.id } }))).toBe('FORBIDDEN');
    expect(refused(await security.request(DISABLE, { i: { id: target!.id } }))).toBe('FORBIDDEN');
    expect((await account('34-admin'))!.password_hash).toBe(target!.password_hash);
  });

  it('cannot re-role itself', async () => {
    const me = await account('34-security');
    const r = await security.request(UPDATE, {
      i: { id: me!.id, version: me!.version, roles: ['AUDITOR'] },
    });
    expect(refused(r)).toBe('FORBIDDEN');
    expect((await account('34-security'))!.roles).toEqual(['SECURITY_ADMIN']);
  });

  it('cannot read the audit trail', async () => {
    expect(refused(await security.request('{ auditEvents { total } }'))).toBe('FORBIDDEN');
    expect(refused(await security.request('{ verifyAuditTrail { ok } }'))).toBe('FORBIDDEN');
  });
});

describe('duty accounts see no business data', () => {
  let evidenceId = '';

  beforeAll(async () => {
    const { rows } = await owner.query<{ id: string; organization_id: string }>(
      // A settled report of last year: other suites of the run delete and rewrite this year's
      // reports (a deleted report takes its evidence with it, and the download would be a 404).
      `SELECT id, organization_id FROM progress_reports WHERE year = 2024 AND status = 'ACCEPTED'
       ORDER BY id LIMIT 1`,
    );
    const inserted = await owner.query<{ id: string }>(
      `INSERT INTO evidence_files(report_id, organization_id, file_name, mime_type, size_bytes, sha256, content)
       VALUES ($1, $2, 'evidence.pdf', 'application/pdf', 8, repeat('0', 64), '\\x255044462d312e34'::bytea)
       RETURNING id`,
      [only(rows).id, only(rows).organization_id],
    );
    evidenceId = only(inserted.rows).id;
  });

  const reads: Array<[string, string]> = [
    ['plans', '{ plans { id } }'],
    ['progressReports', '{ progressReports { total } }'],
    [
      'assignments',
      `{ assignments(filter: { organizationId: "${orgIdForCode('34')}", year: 2025, quarter: 1 }) { total } }`,
    ],
    [
      'completionOverview',
      '{ completionOverview(year: 2025, quarter: 1) { organization { id } } }',
    ],
    ['worklist', '{ worklist { quarter } }'],
    ['notifications', '{ notifications { total } }'],
  ];

  it.each(reads)('refuses the auditor and the security administrator: %s', async (_n, query) => {
    expect(refused(await auditor.request(query))).toBe('FORBIDDEN');
    expect(refused(await security.request(query))).toBe('FORBIDDEN');
  });

  it('refuses evidence downloads and templates to both', async () => {
    for (const c of [auditor, security]) {
      const file = await c.http('GET', '/files/evidence/:id', { id: evidenceId });
      expect(file.status).toBe(403);
      const template = await c.http('GET', '/files/templates/checklist.xlsx', {});
      expect(template.status).toBe(403);
    }
    const editor = await signedIn(api.url, '34-admin');
    expect((await editor.http('GET', '/files/evidence/:id', { id: evidenceId })).status).toBe(200);
  });

  it('still lets both sign in, read themselves and the organisation tree', async () => {
    for (const c of [auditor, security]) {
      expect(refused(await c.request('{ me { username } }'))).toBe('ALLOWED');
      expect(refused(await c.request('{ organizations { id } }'))).toBe('ALLOWED');
    }
  });

  it('refuses business rows to duty accounts in PostgreSQL too (RLS alone)', async () => {
    const app = new Client({ connectionString: process.env.SUNSHINE_TEST_APP_URL });
    await app.connect();
    try {
      for (const username of ['34-auditor', '34-security', '34-admin']) {
        const user = await account(username);
        await app.query('BEGIN');
        await app.query('SELECT app_begin($1, $2, $3, $4, NULL, 1800)', [
          orgIdForCode('34'),
          user!.id,
          orgIdForCode('34'),
          username === '34-auditor',
        ]);
        const counts = await app.query<{ plans: number; reports: number; files: number }>(
          `SELECT (SELECT count(*)::int FROM plans) AS plans,
                  (SELECT count(*)::int FROM progress_reports) AS reports,
                  (SELECT count(*)::int FROM evidence_files) AS files`,
        );
        const expectRows = username === '34-admin';
        expect(only(counts.rows).plans > 0).toBe(expectRows);
        expect(only(counts.rows).reports > 0).toBe(expectRows);
        expect(only(counts.rows).files > 0).toBe(expectRows);
        if (!expectRows) {
          await expect(
            app.query(
              `INSERT INTO plans(organization_id, year, title, status) VALUES ($1, 2031, '越权', 'DRAFT')`,
              [orgIdForCode('34')],
            ),
          ).rejects.toThrow(/row-level security/);
        }
        await app.query('ROLLBACK');
      }
    } finally {
      await app.end();
    }
  });
});

describe('verification reveals only the caller scope', () => {
  it('gives the province auditor the whole chain', async () => {
    // Counted first, and only what is chained: other suites keep appending to the run's trail.
    const { rows } = await owner.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM audit_events WHERE chain_seq IS NOT NULL',
    );
    const r = await auditor.request<{
      verifyAuditTrail: { ok: boolean; checked: number; wholeChain: boolean };
    }>('{ verifyAuditTrail { ok checked wholeChain } }');
    expect(r.data!.verifyAuditTrail).toMatchObject({ ok: true, wholeChain: true });
    expect(r.data!.verifyAuditTrail.checked).toBeGreaterThanOrEqual(only(rows).n);
  });

  it("gives a city auditor a scoped answer, without the province chain's size", async () => {
    await insertAccount('3402-auditor-t', '3402', ['AUDITOR']);
    const city = await signedIn(api.url, '3402-auditor-t');
    const r = await city.request<{
      verifyAuditTrail: { ok: boolean; checked: number; wholeChain: boolean };
    }>('{ verifyAuditTrail { ok checked wholeChain } }');
    const { rows } = await owner.query<{ all: number; mine: number }>(
      `SELECT count(*)::int AS all,
              count(*) FILTER (WHERE organization_id IN
                (SELECT descendant_id FROM org_closure WHERE ancestor_id = $1))::int AS mine
       FROM audit_events`,
      [orgIdForCode('3402')],
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.verifyAuditTrail.wholeChain).toBe(false);
    expect(r.data!.verifyAuditTrail.ok).toBe(true);
    expect(r.data!.verifyAuditTrail.checked).toBe(only(rows).mine);
    expect(only(rows).mine).toBeLessThan(only(rows).all);
  });

  it('detects an edited event within the city scope', async () => {
    const city = await signedIn(api.url, '3402-auditor-t');
    // Verifying chains the events committed so far (its own sign-in included): the edit below
    // is then one of a chained event. (An event edited before it is chained is quarantined.)
    await city.request('{ verifyAuditTrail { ok } }');
    const mine = await owner.query<{ id: string; result: string }>(
      `SELECT id, result FROM audit_events WHERE organization_id = $1 AND chain_seq IS NOT NULL
       ORDER BY id DESC LIMIT 1`,
      [orgIdForCode('3402')],
    );
    expect(mine.rows.length).toBe(1);
    const { id, result } = only(mine.rows);
    await owner.query(`UPDATE audit_events SET result = 'FORGED' WHERE id = $1`, [id]);
    try {
      const r = await city.request<{
        verifyAuditTrail: { ok: boolean; firstBrokenId: string | null };
      }>('{ verifyAuditTrail { ok firstBrokenId } }');
      expect(r.data!.verifyAuditTrail).toEqual({ ok: false, firstBrokenId: id });
    } finally {
      await owner.query(`UPDATE audit_events SET result = $2 WHERE id = $1`, [id, result]);
    }
  });
});

describe('installation', () => {
  it('creates a system, a security and an audit administrator with random passwords', async () => {
    const server = new URL(process.env.SUNSHINE_TEST_OWNER_URL ?? '');
    const name = `sunshine_install_${randomBytes(4).toString('hex')}`;
    const adminDb = new Client({ connectionString: server.toString() });
    await adminDb.connect();
    await adminDb.query(`CREATE DATABASE ${name}`);
    const url = new URL(server.toString());
    url.pathname = `/${name}`;
    let appRole = '';
    try {
      const prepared = await prepareDatabase({ databaseUrl: url.toString() });
      appRole = prepared.appRole;
      const ds = createOwnerDataSource(url.toString());
      await ds.initialize();
      try {
        const accounts = await seedProduction(ds, anhuiDivisions());
        expect(accounts?.map((a) => a.roles)).toEqual([['ADMIN'], ['SECURITY_ADMIN'], ['AUDITOR']]);
        expect(new Set(accounts!.map((a) => a.password)).size).toBe(3);
        const rows = (await ds.query(
          'SELECT username, roles, password_hash, must_change_password FROM users ORDER BY username',
        )) as Array<{
          username: string;
          roles: string[];
          password_hash: string;
          must_change_password: boolean;
        }>;
        expect(rows.map((r) => r.username)).toEqual(['34-admin', '34-auditor', '34-security']);
        for (const a of accounts!) {
          const row = rows.find((r) => r.username === a.username)!;
          expect(row.must_change_password).toBe(true);
          expect(await argon2.verify(row.password_hash, a.password)).toBe(true);
        }
        expect(await seedProduction(ds, anhuiDivisions())).toBeNull();
      } finally {
        await ds.destroy();
      }
    } finally {
      await adminDb.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      if (appRole) await adminDb.query(`DROP ROLE IF EXISTS ${appRole}`);
      await adminDb.end();
    }
  });
});

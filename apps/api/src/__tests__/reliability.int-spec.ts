import { Client } from 'pg';
import { AuditTrail, TenantDatabase, type Scope } from '@sunshine/api/core';
import { Role } from '@sunshine/shared/domain';
import { signedIn } from '@sunshine/testing';
import { orgIdForCode } from '@sunshine/tools/seed';
import type { StartedApi } from '../bootstrap';
import { startTestApi } from '../testing';

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

describe('a database connection killed in the middle of a write', () => {
  it('leaves neither the business row nor its audit event, and the app keeps serving', async () => {
    const { rows } = await owner.query(`SELECT id FROM users WHERE username = '34-admin'`);
    const scope: Scope = {
      userId: rows[0].id,
      username: '34-admin',
      sessionId: null,
      organizationId: orgIdForCode('34'),
      roles: [Role.ADMIN],
      rootOrgIds: [orgIdForCode('34')],
      ip: '127.0.0.1',
    };
    const db = api.app.get(TenantDatabase);
    const audit = api.app.get(AuditTrail);
    const username = `killed-${Date.now()}`;
    await expect(
      db.run(scope, async (m) => {
        await m.query(
          `INSERT INTO users(organization_id, username, display_name, password_hash, roles) VALUES ($1, $2, '中断测试', 'x', '{EDITOR}')`,
          [orgIdForCode('3401'), username],
        );
        await audit.record(m, scope, {
          action: 'USER_CREATE',
          targetType: 'User',
          targetId: username,
          organizationId: orgIdForCode('3401'),
        });
        const [{ pid }] = (await m.query('SELECT pg_backend_pid() AS pid')) as Array<{
          pid: number;
        }>;
        await owner.query('SELECT pg_terminate_backend($1)', [pid]);
        await m.query('SELECT 1');
      }),
    ).rejects.toThrow();
    const user = await owner.query('SELECT 1 FROM users WHERE username = $1', [username]);
    const event = await owner.query('SELECT 1 FROM audit_events WHERE target_id = $1', [username]);
    expect(user.rowCount).toBe(0);
    expect(event.rowCount).toBe(0);
    // The pool replaced the dead connection. (The chain itself is verified in audit-trail.int-spec,
    // which tampers with it on purpose and must not race with this file.)
    const admin = await signedIn(api.url, '34-admin');
    const me = await admin.request<{ me: { username: string } }>('{ me { username } }');
    expect(me.data?.me.username).toBe('34-admin');
  });
});

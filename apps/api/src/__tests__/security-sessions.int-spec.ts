import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { ApiClient, errorCode, first, signedIn } from '@sunshine/testing';
import { hashPassword } from '@sunshine/api/core/database';
import { orgIdForCode } from '@sunshine/tools/seed';
import type { StartedApi } from '../bootstrap';
import { startTestApi } from '../testing';

const PASSWORD = 'Sunshine#2025';
let api: StartedApi;
let owner: Client;
let hash: string;

async function freshUser(name: string): Promise<string> {
  const username = `${name}-${Math.random().toString(36).slice(2, 8)}`;
  await owner.query(
    `INSERT INTO users(organization_id, username, display_name, password_hash, roles) VALUES ($1, $2, '会话测试', $3, '{EDITOR}')`,
    [orgIdForCode('340102'), username, hash],
  );
  return username;
}

/** The session id a signed-in client's refresh cookie names. */
function sessionIdOf(c: ApiClient): string {
  const value = (c.cookie ?? '').replace(/^sunshine_rt=/, '');
  return first(decodeURIComponent(value).split('.'));
}

/** A client that knows a session id (say, from a log or an audit screen) but not its secret. */
function forger(sessionId: string): ApiClient {
  const c = new ApiClient(api.url);
  c.cookie = `sunshine_rt=${sessionId}.${randomBytes(32).toString('base64url')}`;
  return c;
}

beforeAll(async () => {
  api = await startTestApi();
  owner = new Client({ connectionString: process.env.SUNSHINE_TEST_OWNER_URL });
  await owner.connect();
  hash = await hashPassword(PASSWORD);
});
afterAll(async () => {
  await owner.end();
  await api.app.close();
});

describe('forged refresh cookies', () => {
  it('logout with <sessionId>.<anything> does not end that session', async () => {
    const victim = await signedIn(api.url, await freshUser('logout-forged'), PASSWORD);
    const sid = sessionIdOf(victim);
    const r = await forger(sid).request('mutation { logout }');
    expect(r.errors).toBeUndefined();
    const { rows } = await owner.query('SELECT revoked_at FROM sessions WHERE id = $1', [sid]);
    expect(rows[0].revoked_at).toBeNull();
    expect((await victim.request('{ me { username } }')).errors).toBeUndefined();
    expect((await victim.request('mutation { refresh { accessToken } }')).errors).toBeUndefined();
  });

  it('refresh with <sessionId>.<anything> is refused and does not end that session', async () => {
    const victim = await signedIn(api.url, await freshUser('refresh-forged'), PASSWORD);
    const sid = sessionIdOf(victim);
    const r = await forger(sid).request('mutation { refresh { accessToken } }');
    expect(errorCode(r)).toBe('UNAUTHENTICATED');
    const { rows } = await owner.query('SELECT revoked_at FROM sessions WHERE id = $1', [sid]);
    expect(rows[0].revoked_at).toBeNull();
    expect((await victim.request('mutation { refresh { accessToken } }')).errors).toBeUndefined();
    expect((await victim.request('{ me { username } }')).errors).toBeUndefined();
  });

  it('the real cookie still signs out', async () => {
    const c = await signedIn(api.url, await freshUser('logout-real'), PASSWORD);
    const sid = sessionIdOf(c);
    c.token = null;
    expect((await c.request('mutation { logout }')).errors).toBeUndefined();
    const { rows } = await owner.query('SELECT revoked_reason FROM sessions WHERE id = $1', [sid]);
    expect(rows[0].revoked_reason).toBe('LOGOUT');
  });
});

describe('session ids in the audit trail', () => {
  it('no audit event names a session id; sign-in events name the user', async () => {
    const username = await freshUser('audit-sid');
    const c = await signedIn(api.url, username, PASSWORD);
    const sid = sessionIdOf(c);
    await c.request('mutation { refresh { accessToken } }');
    await c.request('mutation { logout }');
    const leaked = await owner.query(
      `SELECT action FROM audit_events WHERE target_id = $1 OR changes::text LIKE '%' || $1 || '%'`,
      [sid],
    );
    expect(leaked.rows).toEqual([]);
    const login = await owner.query(
      `SELECT target_type, target_id FROM audit_events
       WHERE action = 'LOGIN' AND result = 'SUCCESS' AND user_id = (SELECT id FROM users WHERE username = $1)`,
      [username],
    );
    expect(login.rows).toHaveLength(1);
    expect(login.rows[0].target_type).toBe('User');
  });
});

import { Client } from 'pg';
import { ApiClient, errorCode, signedIn } from '@sunshine/testing';
import { hashPassword } from '@sunshine/api/core/database';
import { orgIdForCode } from '@sunshine/tools/seed';
import type { StartedApi } from '../bootstrap';
import { startTestApi } from '../testing';

const PASSWORD = 'Sunshine#2025';
let api: StartedApi;
let owner: Client;
let hash: string;

/** A fresh account for tests that change account state, so parallel files never collide. */
async function freshUser(name: string, org = '340102', roles = ['EDITOR']): Promise<string> {
  const username = `${name}-${Math.random().toString(36).slice(2, 8)}`;
  await owner.query(
    `INSERT INTO users(organization_id, username, display_name, password_hash, roles) VALUES ($1, $2, $3, $4, $5)`,
    [orgIdForCode(org), username, '测试用户', hash, roles],
  );
  return username;
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

describe('sign-in', () => {
  it('returns the contract shape for a demo account', async () => {
    const c = new ApiClient(api.url);
    const r = await c.login('340102-editor');
    expect(r.errors).toBeUndefined();
    const login = (
      r.data as {
        login: {
          accessToken: string;
          user: {
            username: string;
            roles: string[];
            organization: { code: string; name: string; level: string };
          };
        };
      }
    ).login;
    expect(login.accessToken.split('.')).toHaveLength(3);
    expect(login.user).toMatchObject({
      username: '340102-editor',
      roles: ['EDITOR'],
      organization: { code: '340102', name: '瑶海区审计局', level: 'COUNTY' },
    });
    expect(c.cookie).toMatch(/^sunshine_rt=/);
    expect(r.headers.get('set-cookie')).toMatch(/HttpOnly/i);
    expect(r.headers.get('set-cookie')).toMatch(/SameSite=Strict/i);
  });

  it('answers a wrong password and an unknown user alike, in Chinese', async () => {
    const wrong = await new ApiClient(api.url).login('3401-editor', 'Wrong#2025x');
    const unknown = await new ApiClient(api.url).login('no-such-user', 'Wrong#2025x');
    expect(errorCode(wrong)).toBe('UNAUTHENTICATED');
    expect(errorCode(unknown)).toBe('UNAUTHENTICATED');
    expect(wrong.errors?.[0]?.message).toMatch(/用户名或密码错误/);
    expect(unknown.errors?.[0]?.message).toBe('用户名或密码错误');
    await owner.query(`UPDATE users SET failed_attempts = 0 WHERE username = '3401-editor'`);
  });

  it('locks the account after five consecutive failures, and the right password no longer works', async () => {
    const username = await freshUser('lock');
    const c = new ApiClient(api.url);
    for (let i = 0; i < 4; i++)
      expect(errorCode(await c.login(username, 'Wrong#pass1'))).toBe('UNAUTHENTICATED');
    const fifth = await c.login(username, 'Wrong#pass1');
    expect(fifth.errors?.[0]?.extensions?.reason).toBe('ACCOUNT_LOCKED');
    expect(fifth.errors?.[0]?.message).toMatch(/锁定/);
    const right = await c.login(username, PASSWORD);
    expect(right.errors?.[0]?.extensions?.reason).toBe('ACCOUNT_LOCKED');
    const { rows } = await owner.query(
      `SELECT locked_until > now() + interval '29 minutes' AS locked FROM users WHERE username = $1`,
      [username],
    );
    expect(rows[0].locked).toBe(true);
    const events = await owner.query(
      `SELECT action FROM audit_events WHERE target_id = (SELECT id::text FROM users WHERE username = $1) ORDER BY id`,
      [username],
    );
    expect(events.rows.map((e) => e.action)).toContain('ACCOUNT_LOCKED');
  });

  it('counts attempts aliased into one request one by one', async () => {
    const username = await freshUser('alias');
    const c = new ApiClient(api.url);
    const aliased = (a: string, b: string): string =>
      `mutation { a: login(input: {username: "${username}", password: "${a}"}) { accessToken } b: login(input: {username: "${username}", password: "${b}"}) { accessToken } }`;
    // Mutations run in order; the first failure ends the request, so a second guess never runs for free.
    const r = await c.request(aliased('Wrong#pass1', PASSWORD));
    expect(r.errors?.map((e) => e.extensions?.reason)).toEqual(['INVALID_CREDENTIALS']);
    for (let i = 0; i < 3; i++) await c.request(aliased('Wrong#pass2', 'Wrong#pass3'));
    const last = await c.request(aliased('Wrong#pass4', PASSWORD));
    expect(last.errors?.[0]?.extensions?.reason).toBe('ACCOUNT_LOCKED');
    const { rows } = await owner.query(
      `SELECT failed_attempts, locked_until IS NOT NULL AS locked FROM users WHERE username = $1`,
      [username],
    );
    expect(rows[0]).toEqual({ failed_attempts: 5, locked: true });
  });
});

describe('sessions', () => {
  it('rotates the refresh token and treats a replayed old one as theft', async () => {
    const username = await freshUser('rotate');
    const c = await signedIn(api.url, username);
    const first = c.cookie;
    const r1 = await c.request('mutation { refresh { accessToken } }');
    expect(r1.errors).toBeUndefined();
    expect(c.cookie).not.toEqual(first);
    // Within 10 s of the rotation a parallel tab may still present the old token (no new cookie).
    const tab = new ApiClient(api.url);
    tab.cookie = first;
    const parallel = await tab.request('mutation { refresh { accessToken } }');
    expect(parallel.errors).toBeUndefined();
    expect(parallel.headers.get('set-cookie')).toBeNull();
    // Past the grace window for parallel tabs, the old token comes back:
    await owner.query(
      `UPDATE sessions SET rotated_at = now() - interval '11 seconds' WHERE user_id = (SELECT id FROM users WHERE username = $1)`,
      [username],
    );
    const thief = new ApiClient(api.url);
    thief.cookie = first;
    expect(errorCode(await thief.request('mutation { refresh { accessToken } }'))).toBe(
      'UNAUTHENTICATED',
    );
    // ...and the whole session is revoked, for the legitimate holder too.
    expect(errorCode(await c.request('{ me { username } }'))).toBe('UNAUTHENTICATED');
  });

  it('signs out on the server: the access token stops working at once', async () => {
    const c = await signedIn(api.url, await freshUser('logout'));
    expect((await c.request('{ me { username } }')).errors).toBeUndefined();
    const cookie = c.cookie;
    expect((await c.request('mutation { logout }')).data).toEqual({ logout: true });
    expect(errorCode(await c.request('{ me { username } }'))).toBe('UNAUTHENTICATED');
    const replay = new ApiClient(api.url);
    replay.cookie = cookie;
    expect(errorCode(await replay.request('mutation { refresh { accessToken } }'))).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('expires a session idle for 30 minutes', async () => {
    const username = await freshUser('idle');
    const c = await signedIn(api.url, username);
    await owner.query(
      `UPDATE sessions SET last_seen_at = now() - interval '31 minutes' WHERE user_id = (SELECT id FROM users WHERE username = $1)`,
      [username],
    );
    const r = await c.request('{ me { username } }');
    expect(r.errors?.[0]?.extensions?.reason).toBe('SESSION_IDLE');
    expect(r.errors?.[0]?.message).toMatch(/长时间未操作/);
    expect(errorCode(await c.request('mutation { refresh { accessToken } }'))).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('ends the sessions of a disabled user and forces a change after a password reset', async () => {
    const admin = await signedIn(api.url, '340102-admin');
    const victimName = await freshUser('victim');
    const victim = await signedIn(api.url, victimName);
    const { rows } = await owner.query(`SELECT id FROM users WHERE username = $1`, [victimName]);
    const reset = await admin.request<{ resetUserPassword: { temporaryPassword: string } }>(
      'mutation($i: UserIdInput!) { resetUserPassword(input: $i) { temporaryPassword user { mustChangePassword } } }',
      { i: { id: rows[0].id } },
    );
    expect(reset.errors).toBeUndefined();
    expect(errorCode(await victim.request('{ me { username } }'))).toBe('UNAUTHENTICATED');
    const temp = reset.data!.resetUserPassword.temporaryPassword;
    const again = await signedIn(api.url, victimName, temp);
    const blocked = await again.request('{ organizations { id } }');
    expect(blocked.errors?.[0]?.extensions?.reason).toBe('PASSWORD_CHANGE_REQUIRED');
    const weak = await again.request(
      'mutation($i: ChangePasswordInput!) { changePassword(input: $i) { accessToken } }',
      {
        i: { currentPassword: temp, newPassword: 'short' },
      },
    );
    expect(errorCode(weak)).toBe('BAD_USER_INPUT');
    expect(weak.errors?.[0]?.message).toMatch(/至少为 8 位/);
    const changed = await again.request<{ changePassword: { accessToken: string } }>(
      'mutation($i: ChangePasswordInput!) { changePassword(input: $i) { accessToken user { mustChangePassword } } }',
      { i: { currentPassword: temp, newPassword: 'Better#Pass2026' } },
    );
    expect(changed.errors).toBeUndefined();
    again.token = changed.data!.changePassword.accessToken;
    expect((await again.request('{ organizations { id } }')).errors).toBeUndefined();

    const disabled = await admin.request(
      'mutation($i: UserIdInput!) { disableUser(input: $i) { status } }',
      { i: { id: rows[0].id } },
    );
    expect(disabled.data).toEqual({ disableUser: { status: 'DISABLED' } });
    expect(errorCode(await again.request('{ me { username } }'))).toBe('UNAUTHENTICATED');
    expect(
      (await new ApiClient(api.url).login(victimName, 'Better#Pass2026')).errors?.[0]?.extensions
        ?.reason,
    ).toBe('ACCOUNT_DISABLED');
  });

  it('refuses ADMIN together with AUDITOR (三员分立)', async () => {
    const admin = await signedIn(api.url, '34-admin');
    const r = await admin.request(
      'mutation($i: CreateUserInput!) { createUser(input: $i) { id } }',
      {
        i: {
          organizationId: orgIdForCode('34'),
          username: `sod-${Date.now()}`,
          displayName: '兼任',
          roles: ['ADMIN', 'AUDITOR'],
          password: 'Strong#Pass1',
        },
      },
    );
    expect(errorCode(r)).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0]?.message).toMatch(/三员分立/);
    await expect(
      owner.query(`UPDATE users SET roles = '{ADMIN,AUDITOR}' WHERE username = '34-admin'`),
    ).rejects.toThrow(/users_no_admin_auditor|users_duty_roles_alone/);
  });

  it('detects a concurrent edit of a user instead of overwriting it', async () => {
    const admin = await signedIn(api.url, '3401-admin');
    const name = await freshUser('concurrent', '3401');
    const { rows } = await owner.query(`SELECT id, version FROM users WHERE username = $1`, [name]);
    const mutation =
      'mutation($i: UpdateUserInput!) { updateUser(input: $i) { displayName version } }';
    const [a, b] = await Promise.all([
      admin.request(mutation, {
        i: { id: rows[0].id, version: rows[0].version, displayName: '甲' },
      }),
      admin.request(mutation, {
        i: { id: rows[0].id, version: rows[0].version, displayName: '乙' },
      }),
    ]);
    const outcomes = [a, b].map((r) => (r.errors ? errorCode(r) : 'OK')).sort();
    expect(outcomes).toEqual(['CONFLICT', 'OK']);
  });
});

describe('GraphQL hardening', () => {
  it('refuses a request without the CSRF-prevention header', async () => {
    const res = await fetch(`${api.url}/graphql?query=%7Bme%7Bid%7D%7D`, { method: 'GET' });
    expect(res.status).toBe(400);
  });

  it('refuses batched requests', async () => {
    const res = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true' },
      body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    });
    expect(res.status).toBe(400);
  });

  it('limits depth and aliases with a Chinese message', async () => {
    const c = new ApiClient(api.url);
    const aliases = await c.request(
      `{ ${Array.from({ length: 20 }, (_, i) => `a${i}: __typename`).join(' ')} }`,
    );
    expect(aliases.errors?.[0]?.message).toBe('查询中的别名过多');
    expect(errorCode(aliases)).toBe('BAD_USER_INPUT');
  });

  it('sets security headers on every response', async () => {
    const res = await fetch(`${api.url}/health`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('masks unknown errors and validates input in Chinese', async () => {
    const admin = await signedIn(api.url, '34-admin');
    const bad = await admin.request(
      'mutation($i: CreateUserInput!) { createUser(input: $i) { id } }',
      {
        i: {
          organizationId: 'not-a-uuid',
          username: 'x',
          displayName: '',
          roles: [],
          password: 'a',
        },
      },
    );
    expect(errorCode(bad)).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0]?.message).toMatch(/单位编号格式不正确/);
    expect(JSON.stringify(bad)).not.toMatch(/stack|at \//);
  });
});

describe('production mode', () => {
  let prod: StartedApi;
  beforeAll(async () => {
    prod = await startTestApi({ NODE_ENV: 'production', COOKIE_SECURE: 'false' });
  });
  afterAll(async () => {
    await prod.app.close();
  });

  it('turns introspection and field suggestions off', async () => {
    const c = new ApiClient(prod.url);
    const intro = await c.request('{ __schema { types { name } } }');
    expect(intro.errors).toBeDefined();
    const typo = await c.request('{ mee { id } }');
    expect(JSON.stringify(typo)).not.toMatch(/Did you mean/);
    expect(typo.errors?.[0]?.message).toBe('请求格式不正确');
  });
});

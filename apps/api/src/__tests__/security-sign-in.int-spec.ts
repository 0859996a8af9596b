import { Client } from 'pg';
import { ApiClient, only, signedIn, type GraphQLResult } from '@sunshine/testing';
import { hashPassword } from '@sunshine/api/core/database';
import { orgIdForCode } from '@sunshine/tools/seed';
import type { StartedApi } from '../bootstrap';
import { startTestApi } from '../testing';

const PASSWORD = 'Sunshine#2025';
const WRONG = 'Wrong#pass1';
let api: StartedApi;
let owner: Client;
let hash: string;

// The API trusts one proxy hop here, so each test can speak from its own client address.
let lastAddress = 0;
function newAddress(): string {
  lastAddress += 1;
  return `198.51.100.${lastAddress}`;
}

async function freshUser(name: string, org = '340102'): Promise<string> {
  const username = `${name}-${Math.random().toString(36).slice(2, 8)}`;
  await owner.query(
    `INSERT INTO users(organization_id, username, display_name, password_hash, roles) VALUES ($1, $2, '登录测试', $3, '{EDITOR}')`,
    [orgIdForCode(org), username, hash],
  );
  return username;
}

function unknownName(): string {
  return `nobody-${Math.random().toString(36).slice(2, 8)}`;
}

const LOGIN =
  'mutation($i: LoginInput!) { login(input: $i) { accessToken securityNotice { failedAttempts wasLocked message firstFailedAt lastFailedAt } } }';

type LoginData = {
  login: {
    accessToken: string;
    securityNotice: {
      failedAttempts: number;
      wasLocked: boolean;
      message: string;
      firstFailedAt: string | null;
      lastFailedAt: string | null;
    } | null;
  };
};

async function login(
  username: string,
  password: string,
  address: string,
  url = api.url,
): Promise<GraphQLResult<LoginData>> {
  const c = new ApiClient(url);
  return c.request<LoginData>(LOGIN, { i: { username, password } }, { 'x-forwarded-for': address });
}

function reason(r: Pick<GraphQLResult, 'errors'>): string | undefined {
  return r.errors?.[0]?.extensions?.reason;
}

/** Forgets every throttle counter and the account's failures (between measured attempts). */
async function resetCounters(username: string): Promise<void> {
  await owner.query('DELETE FROM sign_in_throttle');
  await owner.query(
    'UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE lower(username) = lower($1)',
    [username],
  );
}

/** Lets the progressive delay of every key pass, without touching counts or locks. */
async function skipDelays(): Promise<void> {
  await owner.query('UPDATE sign_in_throttle SET blocked_until = NULL');
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) throw new Error('median of no values');
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

beforeAll(async () => {
  api = await startTestApi({ TRUST_PROXY: 'true' });
  owner = new Client({ connectionString: process.env.SUNSHINE_TEST_OWNER_URL });
  await owner.connect();
  hash = await hashPassword(PASSWORD);
});
afterAll(async () => {
  await owner.end();
  await api.app.close();
});

describe('user name enumeration', () => {
  it('a wrong password and an unknown user name answer with identical bodies, in the same time', async () => {
    const existing = await freshUser('enum');
    const unknown = unknownName();
    const address = newAddress();
    // Warm-up: the first unknown name computes the decoy hash once.
    await login(unknown, WRONG, address);
    await login(existing, WRONG, address);
    const times: Record<'existing' | 'unknown', number[]> = { existing: [], unknown: [] };
    const bodies = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const order: Array<'existing' | 'unknown'> =
        i % 2 ? ['existing', 'unknown'] : ['unknown', 'existing'];
      for (const who of order) {
        await resetCounters(existing);
        const started = performance.now();
        const r = await login(who === 'existing' ? existing : unknown, WRONG, address);
        times[who].push(performance.now() - started);
        bodies.add(JSON.stringify({ data: r.data, errors: r.errors, status: r.status }));
      }
    }
    // One body for all 40 answers.
    expect(bodies.size).toBe(1);
    const body = only(
      [...bodies].map(
        (b) => JSON.parse(b) as { data: unknown; errors: GraphQLResult['errors']; status: number },
      ),
    );
    expect(body.data).toBeNull();
    expect(body.errors).toHaveLength(1);
    expect(body.errors?.[0]).toMatchObject({
      message: '用户名或密码错误',
      extensions: { code: 'UNAUTHENTICATED', reason: 'INVALID_CREDENTIALS' },
    });
    const a = median(times.existing);
    const b = median(times.unknown);
    console.log(`median sign-in failure: existing ${a.toFixed(1)} ms, unknown ${b.toFixed(1)} ms`);
    // Within noise: a skipped hash check would make one side several times faster (an argon2id
    // check is most of the work); the machine is shared, so the bound is a ratio of medians.
    expect(Math.min(a, b) / Math.max(a, b)).toBeGreaterThan(0.6);
  });

  it('the lockout answers alike for an unknown name, and while locked even the right password says only "locked"', async () => {
    const existing = await freshUser('enum-lock');
    const unknown = unknownName();
    const seen: Record<'existing' | 'unknown', string[]> = { existing: [], unknown: [] };
    for (let i = 0; i < 5; i++) {
      for (const [who, name] of [
        ['existing', existing],
        ['unknown', unknown],
      ] as const) {
        const r = await login(name, WRONG, newAddress());
        seen[who].push(`${reason(r)}:${r.errors?.[0]?.message}`);
      }
    }
    expect(seen.existing).toEqual(seen.unknown);
    expect(seen.existing.slice(0, 4)).toEqual(
      Array(4).fill('INVALID_CREDENTIALS:用户名或密码错误'),
    );
    expect(seen.existing[4]).toMatch(/^ACCOUNT_LOCKED:连续登录失败次数过多，账户已锁定/);
    const right = await login(existing, PASSWORD, newAddress());
    const wrong = await login(unknown, PASSWORD, newAddress());
    expect(reason(right)).toBe('ACCOUNT_LOCKED');
    expect(right.errors).toEqual(wrong.errors);
  });

  it('a disabled account answers like a wrong password, unless the password is right', async () => {
    const username = await freshUser('enum-disabled');
    await owner.query(`UPDATE users SET status = 'DISABLED' WHERE username = $1`, [username]);
    const wrong = await login(username, WRONG, newAddress());
    const unknown = await login(unknownName(), WRONG, newAddress());
    expect(wrong.errors).toEqual(unknown.errors);
    expect(reason(await login(username, PASSWORD, newAddress()))).toBe('ACCOUNT_DISABLED');
  });
});

describe('lockout abuse', () => {
  it('throttles a client address after 30 failures with a retry-after, in the database (another instance agrees)', async () => {
    const address = newAddress();
    const victim = await freshUser('ip-victim');
    // A second instance of the API, reading the same counters.
    const other = await startTestApi({ TRUST_PROXY: 'true' });
    try {
      for (let i = 0; i < 30; i++) {
        expect(reason(await login(unknownName(), WRONG, address))).not.toBe('TOO_MANY_ATTEMPTS');
      }
      // The 31st failure starts the delay (1 s, then 2 s, 4 s...).
      expect(reason(await login(unknownName(), WRONG, address))).toBe('INVALID_CREDENTIALS');
      const [refused, elsewhere] = await Promise.all([
        login(victim, PASSWORD, address),
        login(victim, PASSWORD, address, other.url),
      ]);
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(reason(refused)).toBe('TOO_MANY_ATTEMPTS');
      expect(refused.errors?.[0]?.message).toMatch(/^登录尝试过于频繁，请 \d+ 秒后再试$/);
      expect(refused.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(reason(elsewhere)).toBe('TOO_MANY_ATTEMPTS');
    } finally {
      await other.app.close();
    }
    const { rows } = await owner.query('SELECT failures FROM sign_in_throttle WHERE key = $1', [
      `ip:${address}`,
    ]);
    expect(rows[0].failures).toBe(31);
    // The account itself is not harmed: its owner signs in from elsewhere.
    expect((await login(victim, PASSWORD, newAddress())).errors).toBeUndefined();
  });

  it('slows down guesses at one account from many addresses, progressively', async () => {
    const username = await freshUser('acct-delay');
    for (let i = 0; i < 5; i++) await login(username, WRONG, newAddress());
    await owner.query(
      'UPDATE users SET locked_until = NULL, failed_attempts = 0 WHERE username = $1',
      [username],
    );
    const delay = async (): Promise<number> => {
      const { rows } = await owner.query(
        `SELECT extract(epoch FROM blocked_until - last_failure_at)::float AS seconds
         FROM sign_in_throttle WHERE key = $1`,
        [`account:${username}`],
      );
      return Math.round(rows[0].seconds as number);
    };
    // The 6th, 7th and 8th failures, each from a new address: 1 s, 2 s, 4 s.
    const delays: number[] = [];
    for (let i = 0; i < 3; i++) {
      await skipDelays();
      expect(reason(await login(username, WRONG, newAddress()))).toBe('INVALID_CREDENTIALS');
      delays.push(await delay());
    }
    expect(delays).toEqual([1, 2, 4]);
    // Within the delay even the right password is refused, unchecked and uncounted.
    const refused = await login(username, PASSWORD, newAddress());
    expect(reason(refused)).toBe('TOO_MANY_ATTEMPTS');
    expect(refused.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(refused.errors?.[0]?.extensions?.retryAfterSeconds).toBeLessThanOrEqual(4);
    const { rows } = await owner.query('SELECT failures FROM sign_in_throttle WHERE key = $1', [
      `account:${username}`,
    ]);
    expect(rows[0].failures).toBe(8);
  });

  it('failures while locked never extend the lock', async () => {
    const username = await freshUser('no-extend');
    for (let i = 0; i < 5; i++) await login(username, WRONG, newAddress());
    const before = await owner.query('SELECT locked_until FROM users WHERE username = $1', [
      username,
    ]);
    expect(before.rows[0].locked_until).not.toBeNull();
    await owner.query(
      `UPDATE users SET locked_until = locked_until - interval '29 minutes' WHERE username = $1`,
      [username],
    );
    for (let i = 0; i < 5; i++) {
      await skipDelays();
      expect(reason(await login(username, WRONG, newAddress()))).toBe('ACCOUNT_LOCKED');
    }
    const after = await owner.query(
      `SELECT locked_until < now() + interval '2 minutes' AS soon, failed_attempts FROM users WHERE username = $1`,
      [username],
    );
    expect(after.rows[0]).toEqual({ soon: true, failed_attempts: 5 });
    const names = await owner.query(
      `SELECT locked_until < now() + interval '31 minutes' AS bounded FROM sign_in_throttle WHERE key = $1`,
      [`account:${username}`],
    );
    expect(names.rows[0].bounded).toBe(true);
  });

  it('an administrator above the user unlocks the account (audited); a sibling administrator cannot', async () => {
    const username = await freshUser('unlock');
    for (let i = 0; i < 5; i++) await login(username, WRONG, newAddress());
    const { rows } = await owner.query('SELECT id FROM users WHERE username = $1', [username]);
    const id = rows[0].id as string;
    const unlock = 'mutation($i: UserIdInput!) { unlockUser(input: $i) { id lockedUntil } }';
    const sibling = await signedIn(api.url, '340103-admin');
    expect((await sibling.request(unlock, { i: { id } })).errors?.[0]?.extensions?.code).toBe(
      'NOT_FOUND',
    );
    const editor = await signedIn(api.url, '340102-editor');
    expect((await editor.request(unlock, { i: { id } })).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
    const admin = await signedIn(api.url, '3401-admin');
    const r = await admin.request<{ unlockUser: { lockedUntil: string | null } }>(unlock, {
      i: { id },
    });
    expect(r.errors).toBeUndefined();
    expect(r.data?.unlockUser.lockedUntil).toBeNull();
    const event = await owner.query(
      `SELECT username, changes FROM audit_events WHERE action = 'USER_UNLOCK' AND target_id = $1`,
      [id],
    );
    expect(event.rows).toHaveLength(1);
    expect(event.rows[0].username).toBe('3401-admin');
    expect(event.rows[0].changes.lockedUntil).not.toBeNull();
    expect(event.rows[0].changes.failedAttempts).toBe(5);
    // The owner signs in at once (the account name's delay went too), and is told what happened.
    const back = await login(username, PASSWORD, newAddress());
    expect(back.errors).toBeUndefined();
    expect(back.data?.login.securityNotice).toMatchObject({ failedAttempts: 5, wasLocked: true });
    expect(back.data?.login.securityNotice?.message).toMatch(
      /^您的账户在 .+ 至 .+ 期间有 5 次失败的登录尝试，期间曾被锁定。/,
    );
  });

  it('tells the owner at the next sign-in about failures since the last one, once', async () => {
    const username = await freshUser('notice');
    expect((await login(username, PASSWORD, newAddress())).data?.login.securityNotice).toBeNull();
    await login(username, WRONG, newAddress());
    await login(username, WRONG, newAddress());
    const next = await login(username, PASSWORD, newAddress());
    expect(next.data?.login.securityNotice).toMatchObject({ failedAttempts: 2, wasLocked: false });
    expect(next.data?.login.securityNotice?.message).toMatch(/有 2 次失败的登录尝试。如非本人操作/);
    expect((await login(username, PASSWORD, newAddress())).data?.login.securityNotice).toBeNull();
  });

  it('a wrong current password in changePassword counts toward the lockout', async () => {
    const username = await freshUser('change-guess');
    const c = await signedIn(api.url, username, PASSWORD);
    const change = (current: string): ReturnType<ApiClient['request']> =>
      c.request(
        'mutation($i: ChangePasswordInput!) { changePassword(input: $i) { accessToken } }',
        {
          i: { currentPassword: current, newPassword: 'Another#Pass2026' },
        },
      );
    for (let i = 0; i < 4; i++)
      expect(reason(await change(`Guess#${i}abc`))).toBe('WRONG_PASSWORD');
    const fifth = await change('Guess#5abc');
    expect(reason(fifth)).toBe('ACCOUNT_LOCKED');
    const { rows } = await owner.query(
      `SELECT failed_attempts, locked_until > now() AS locked FROM users WHERE username = $1`,
      [username],
    );
    expect(rows[0]).toEqual({ failed_attempts: 5, locked: true });
    const events = await owner.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'PASSWORD_CHANGE' AND result = 'FAILURE'
       AND user_id = (SELECT id FROM users WHERE username = $1)`,
      [username],
    );
    expect(events.rows[0].n).toBe(5);
    // Locked: no more guesses through changePassword, nor through sign-in.
    await skipDelays();
    expect(reason(await change(PASSWORD))).toBe('ACCOUNT_LOCKED');
    expect(reason(await login(username, PASSWORD, newAddress()))).toBe('ACCOUNT_LOCKED');
  });
});

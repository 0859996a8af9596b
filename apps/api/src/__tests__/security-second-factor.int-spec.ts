import { Client } from 'pg';
import { generateSync } from 'otplib';
import { ApiClient, errorCode, signedIn, type GraphQLResult } from '@sunshine/testing';
import { orgIdForCode } from '@sunshine/tools/seed';
import type { StartedApi } from '../bootstrap';
import { startTestApi } from '../testing';

// The per-address sign-in throttle counts every attempt of the suite; when the machine runs the
// attempts faster than its one-second back-off, a test meets TOO_MANY_ATTEMPTS before what it
// checks. A retry starts after the back-off has passed.
jest.retryTimes(2, { logErrorsBeforeRetry: true });

/**
 * The second factor (TOTP with recovery codes) at sign-in, password expiry, history and common
 * passwords, and the devices signed in: against the real API and PostgreSQL, with enforcement on
 * as in production.
 */
const PASSWORD = 'Sunshine#2025';
const PERIOD = 30;
let api: StartedApi;
/** The same database without enforcement, for the demo administrators' own sign-in. */
let plain: StartedApi;
let owner: Client;
let hash: string;

type Reason = { reason?: string; challenge?: string };
const reasonOf = (r: GraphQLResult): string | undefined =>
  (r.errors?.[0]?.extensions as Reason | undefined)?.reason;
const challengeOf = (r: GraphQLResult): string => {
  const c = (r.errors?.[0]?.extensions as Reason | undefined)?.challenge;
  if (!c) throw new Error(`no challenge in ${JSON.stringify(r.errors)}`);
  return c;
};

/** The code of the step `offset` steps from now. */
function codeAt(secret: string, offset: number): string {
  return generateSync({ secret, epoch: Math.floor(Date.now() / 1000) + offset * PERIOD });
}

/** Waits while the current 30-second step is about to end, so "now" stays one step in a test. */
async function freshStep(): Promise<void> {
  const into = (Date.now() / 1000) % PERIOD;
  if (into > PERIOD - 4) await new Promise((r) => setTimeout(r, (PERIOD - into + 0.5) * 1000));
}

async function freshUser(prefix: string, role = 'ADMIN', org = '340102'): Promise<string> {
  const username = `${prefix}-${Math.random().toString(36).slice(2, 8)}`;
  await owner.query(
    `INSERT INTO users(organization_id, username, display_name, password_hash, roles)
     VALUES ($1, $2, '两步验证测试', $3, ARRAY[$4])`,
    [orgIdForCode(org), username, hash, role],
  );
  return username;
}

const LOGIN = 'mutation($i: LoginInput!) { login(input: $i) { accessToken } }';
const VERIFY =
  'mutation($i: SecondFactorCodeInput!) { verifySecondFactor(input: $i) { accessToken user { username } } }';
const BEGIN =
  'mutation($i: SecondFactorChallengeInput!) { beginSecondFactorEnrolment(input: $i) { secret otpauthUri qrCode } }';
const CONFIRM =
  'mutation($i: SecondFactorCodeInput!) { confirmSecondFactorEnrolment(input: $i) { recoveryCodes session { accessToken } } }';

/** Password step, then enrolment with the code of step `offset`: the secret and recovery codes. */
async function enrol(
  username: string,
  offset = 0,
): Promise<{ secret: string; recoveryCodes: string[]; client: ApiClient }> {
  await freshStep();
  const c = new ApiClient(api.url);
  const first = await c.request(LOGIN, { i: { username, password: PASSWORD } });
  expect(reasonOf(first)).toBe('SECOND_FACTOR_ENROLMENT_REQUIRED');
  const challenge = challengeOf(first);
  const begun = await c.request<{ beginSecondFactorEnrolment: { secret: string } }>(BEGIN, {
    i: { challenge },
  });
  const secret = begun.data?.beginSecondFactorEnrolment.secret;
  if (!secret) throw new Error(JSON.stringify(begun.errors));
  const done = await c.request<{
    confirmSecondFactorEnrolment: { recoveryCodes: string[]; session: { accessToken: string } };
  }>(CONFIRM, { i: { challenge, code: codeAt(secret, offset) } });
  const result = done.data?.confirmSecondFactorEnrolment;
  if (!result) throw new Error(JSON.stringify(done.errors));
  c.token = result.session.accessToken;
  return { secret, recoveryCodes: result.recoveryCodes, client: c };
}

/** The password step of an enrolled account: its challenge. */
async function passwordStep(username: string): Promise<string> {
  const r = await new ApiClient(api.url).request(LOGIN, { i: { username, password: PASSWORD } });
  expect(reasonOf(r)).toBe('SECOND_FACTOR_REQUIRED');
  return challengeOf(r);
}

async function verify(challenge: string, code: string): Promise<GraphQLResult> {
  return new ApiClient(api.url).request(VERIFY, { i: { challenge, code } });
}

beforeAll(async () => {
  api = await startTestApi({ SECOND_FACTOR_ENFORCE: 'true' });
  plain = await startTestApi();
  owner = new Client({ connectionString: process.env.SUNSHINE_TEST_OWNER_URL });
  await owner.connect();
  const { rows } = await owner.query(`SELECT password_hash FROM users WHERE username = '34-admin'`);
  hash = rows[0].password_hash;
});
afterAll(async () => {
  await owner.end();
  await api.app.close();
  await plain.app.close();
});

describe('second factor: enrolment at sign-in', () => {
  it('asks a privileged account to enrol (QR code, manual key), confirms with a code, and hands out ten recovery codes stored hashed', async () => {
    const username = await freshUser('tf-enrol');
    const c = new ApiClient(api.url);
    const first = await c.request(LOGIN, { i: { username, password: PASSWORD } });
    expect(errorCode(first)).toBe('UNAUTHENTICATED');
    expect(reasonOf(first)).toBe('SECOND_FACTOR_ENROLMENT_REQUIRED');
    expect(first.data).toBeNull();
    const challenge = challengeOf(first);
    const begun = await c.request<{
      beginSecondFactorEnrolment: { secret: string; otpauthUri: string; qrCode: string };
    }>(BEGIN, { i: { challenge } });
    const e = begun.data!.beginSecondFactorEnrolment;
    expect(e.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(e.otpauthUri).toContain(`secret=${e.secret}`);
    expect(e.qrCode).toMatch(/^data:image\/png;base64,/);
    // The secret is encrypted at rest.
    const { rows: stored } = await owner.query(
      `SELECT f.secret_enc FROM second_factors f JOIN users u ON u.id = f.user_id WHERE u.username = $1`,
      [username],
    );
    expect(stored[0].secret_enc).toMatch(/^v1:[0-9a-f]{16}:/);
    expect(stored[0].secret_enc).not.toContain(e.secret);

    await freshStep();
    const wrong = await c.request(CONFIRM, {
      i: { challenge, code: codeAt(e.secret, 3) },
    });
    expect(reasonOf(wrong)).toBe('SECOND_FACTOR_INVALID');
    const done = await c.request<{
      confirmSecondFactorEnrolment: { recoveryCodes: string[]; session: { accessToken: string } };
    }>(CONFIRM, { i: { challenge, code: codeAt(e.secret, 0) } });
    const result = done.data!.confirmSecondFactorEnrolment;
    expect(result.session.accessToken).toBeTruthy();
    expect(result.recoveryCodes).toHaveLength(10);
    expect(new Set(result.recoveryCodes).size).toBe(10);
    const { rows: codes } = await owner.query(
      `SELECT r.code_hash FROM recovery_codes r JOIN users u ON u.id = r.user_id WHERE u.username = $1`,
      [username],
    );
    expect(codes).toHaveLength(10);
    for (const row of codes) expect(row.code_hash).toMatch(/^\$argon2id\$/);
    const { rows: events } = await owner.query(
      `SELECT action, changes FROM audit_events WHERE username = $1 ORDER BY id`,
      [username],
    );
    expect(events.map((r) => r.action)).toEqual(
      expect.arrayContaining(['SECOND_FACTOR_ENROL', 'LOGIN']),
    );
  });

  it('does not force business accounts (privileged only by default), nor anyone when enforcement is off', async () => {
    const editor = await freshUser('tf-editor', 'EDITOR');
    expect((await new ApiClient(api.url).login(editor, PASSWORD)).errors).toBeUndefined();
    const relaxed = await startTestApi({ SECOND_FACTOR_ENFORCE: 'false' });
    try {
      const admin = await freshUser('tf-relaxed');
      expect((await new ApiClient(relaxed.url).login(admin, PASSWORD)).errors).toBeUndefined();
    } finally {
      await relaxed.app.close();
    }
  });
});

describe('second factor: codes', () => {
  it('accepts a code within ±1 step, once; refuses ±2 steps, a replay and an earlier step', async () => {
    const username = await freshUser('tf-window');
    const { secret } = await enrol(username, -1); // last accepted step: now − 1
    await freshStep();
    let challenge = await passwordStep(username);
    expect(reasonOf(await verify(challenge, codeAt(secret, -2)))).toBe('SECOND_FACTOR_INVALID');
    expect(reasonOf(await verify(challenge, codeAt(secret, 2)))).toBe('SECOND_FACTOR_INVALID');
    const next = codeAt(secret, 1);
    const ok = await verify(challenge, next);
    expect(ok.errors).toBeUndefined();
    expect(
      (ok.data as { verifySecondFactor: { user: { username: string } } }).verifySecondFactor.user
        .username,
    ).toBe(username);
    challenge = await passwordStep(username);
    // The same code again (replay), and the code of a step before the last accepted one.
    expect(reasonOf(await verify(challenge, next))).toBe('SECOND_FACTOR_INVALID');
    expect(reasonOf(await verify(challenge, codeAt(secret, 0)))).toBe('SECOND_FACTOR_INVALID');
  });

  it('two requests with one code: exactly one signs in', async () => {
    const username = await freshUser('tf-race');
    const { secret } = await enrol(username, -1);
    await freshStep();
    const [a, b] = [await passwordStep(username), await passwordStep(username)];
    const code = codeAt(secret, 0);
    const results = await Promise.all([verify(a, code), verify(b, code)]);
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
  });

  it('signs in with a recovery code, once each', async () => {
    const username = await freshUser('tf-recovery');
    const { recoveryCodes } = await enrol(username);
    const code = recoveryCodes[3]!;
    const ok = await verify(await passwordStep(username), code.toUpperCase());
    expect(ok.errors).toBeUndefined();
    const again = await verify(await passwordStep(username), code);
    expect(reasonOf(again)).toBe('SECOND_FACTOR_INVALID');
    const { rows } = await owner.query(
      `SELECT count(*)::int AS n FROM recovery_codes r JOIN users u ON u.id = r.user_id
       WHERE u.username = $1 AND r.used_at IS NOT NULL`,
      [username],
    );
    expect(rows[0].n).toBe(1);
    const { rows: events } = await owner.query(
      `SELECT changes FROM audit_events WHERE username = $1 AND action = 'LOGIN' AND result = 'SUCCESS' ORDER BY id DESC LIMIT 1`,
      [username],
    );
    expect(events[0].changes.secondFactor).toBe('RECOVERY_CODE');
  });

  it('counts wrong codes toward the lockout: the 5th locks, then even a right code is refused', async () => {
    const username = await freshUser('tf-lockout');
    const { secret } = await enrol(username, -1);
    const challenge = await passwordStep(username);
    const reasons: Array<string | undefined> = [];
    for (let i = 0; i < 5; i++) reasons.push(reasonOf(await verify(challenge, '000000')));
    expect(reasons.slice(0, 4)).toEqual(Array(4).fill('SECOND_FACTOR_INVALID'));
    expect(reasons[4]).toBe('ACCOUNT_LOCKED');
    await freshStep();
    const locked = await verify(challenge, codeAt(secret, 0));
    expect(reasonOf(locked)).toBe('ACCOUNT_LOCKED');
    const { rows } = await owner.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE username = $1 AND action = 'LOGIN'
       AND result = 'FAILURE' AND changes->>'reason' = 'BAD_SECOND_FACTOR'`,
      [username],
    );
    expect(rows[0].n).toBe(5);
    await owner.query(
      `UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE username = $1`,
      [username],
    );
    await owner.query(`DELETE FROM sign_in_throttle WHERE key = $1`, [`account:${username}`]);
  });

  it('refuses a forged or expired challenge', async () => {
    const r = await verify('eyJhbGciOiJIUzI1NiJ9.e30.forged', '123456');
    expect(reasonOf(r)).toBe('CHALLENGE_INVALID');
  });
});

describe('second factor: reset by the security administrator', () => {
  it('removes the factor (audited), notifies the user’s organisation, and the user enrols again', async () => {
    const username = await freshUser('tf-reset');
    await enrol(username);
    const { rows } = await owner.query('SELECT id FROM users WHERE username = $1', [username]);
    const userId = rows[0].id as string;
    const admin = await signedIn(plain.url, '34-admin');
    const refused = await admin.request(
      'mutation($i: SecurityUserInput!) { resetSecondFactor(input: $i) }',
      { i: { userId } },
    );
    expect(errorCode(refused)).toBe('FORBIDDEN');
    const security = await signedIn(plain.url, '34-security');
    const r = await security.request(
      'mutation($i: SecurityUserInput!) { resetSecondFactor(input: $i) }',
      { i: { userId } },
    );
    expect(r.errors).toBeUndefined();
    const { rows: left } = await owner.query('SELECT 1 FROM second_factors WHERE user_id = $1', [
      userId,
    ]);
    expect(left).toHaveLength(0);
    const { rows: events } = await owner.query(
      `SELECT username, changes FROM audit_events WHERE action = 'SECOND_FACTOR_RESET' AND target_id = $1`,
      [userId],
    );
    expect(events).toEqual([
      { username: '34-security', changes: { username, hadSecondFactor: true } },
    ]);
    const { rows: notes } = await owner.query(
      `SELECT title FROM notifications WHERE kind = 'SECURITY' AND organization_id = $1 AND body LIKE $2`,
      [orgIdForCode('340102'), `%${username}%`],
    );
    expect(notes).toHaveLength(1);
    const again = await new ApiClient(api.url).request(LOGIN, {
      i: { username, password: PASSWORD },
    });
    expect(reasonOf(again)).toBe('SECOND_FACTOR_ENROLMENT_REQUIRED');
  });
});

describe('passwords', () => {
  const CHANGE = 'mutation($i: ChangePasswordInput!) { changePassword(input: $i) { accessToken } }';

  it('refuses common passwords whatever the case, and the last five passwords', async () => {
    const username = await freshUser('pw-history', 'EDITOR');
    const c = await signedIn(api.url, username, PASSWORD);
    const common = await c.request(CHANGE, {
      i: { currentPassword: PASSWORD, newPassword: 'PASSWORD@123' },
    });
    expect(reasonOf(common)).toBe('PASSWORD_COMMON');
    expect(common.errors?.[0]?.message).toBe('该密码过于常见，容易被猜中，请换一个');
    expect(
      reasonOf(
        await c.request(CHANGE, { i: { currentPassword: PASSWORD, newPassword: 'Woaini@1314' } }),
      ),
    ).toBe('PASSWORD_COMMON');
    let current = PASSWORD;
    const used: string[] = [];
    for (let i = 0; i <= 5; i++) {
      const next = `Rotate#${i}x${i}Q`;
      const r = await c.request<{ changePassword: { accessToken: string } }>(CHANGE, {
        i: { currentPassword: current, newPassword: next },
      });
      expect(r.errors).toBeUndefined();
      c.token = r.data!.changePassword.accessToken;
      current = next;
      used.push(next);
    }
    // The last five (the current one included) are refused; the sixth-last is allowed again.
    for (const old of used.slice(-5)) {
      const r = await c.request(CHANGE, { i: { currentPassword: current, newPassword: old } });
      expect(reasonOf(r)).toBe('PASSWORD_REUSED');
    }
    const back = await c.request(CHANGE, {
      i: { currentPassword: current, newPassword: used[0] },
    });
    expect(back.errors).toBeUndefined();
  });

  it('leads to a password change once the password is older than the configured age', async () => {
    const username = await freshUser('pw-expiry', 'EDITOR');
    await owner.query(
      `UPDATE users SET password_changed_at = now() - interval '91 days' WHERE username = $1`,
      [username],
    );
    const c = new ApiClient(api.url);
    const r = await c.login(username, PASSWORD);
    expect(
      (r.data?.login as unknown as { user: { mustChangePassword: boolean } }).user
        .mustChangePassword,
    ).toBe(true);
    expect(reasonOf(await c.request('{ mySessions { id } }'))).toBe('PASSWORD_CHANGE_REQUIRED');

    const longer = await startTestApi({ PASSWORD_MAX_AGE_DAYS: '180' });
    try {
      const other = await freshUser('pw-expiry-180', 'EDITOR');
      await owner.query(
        `UPDATE users SET password_changed_at = now() - interval '91 days' WHERE username = $1`,
        [other],
      );
      const r2 = await new ApiClient(longer.url).login(other, PASSWORD);
      expect(
        (r2.data?.login as unknown as { user: { mustChangePassword: boolean } }).user
          .mustChangePassword,
      ).toBe(false);
    } finally {
      await longer.app.close();
    }
  });
});

describe('devices signed in', () => {
  const LIST = '{ mySessions { id device ip lastUsedAt signedInAt current } }';
  type Listed = {
    mySessions: Array<{ id: string; device: string; current: boolean; ip: string | null }>;
  };
  const FIREFOX =
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0';

  it('lists one’s sessions with the current one marked, ends another one, and cannot reach someone else’s', async () => {
    const username = await freshUser('sess-list', 'EDITOR');
    const laptop = new ApiClient(api.url);
    await laptop.request(
      'mutation($i: LoginInput!) { login(input: $i) { accessToken } }',
      { i: { username, password: PASSWORD } },
      { 'user-agent': FIREFOX },
    );
    const phone = await signedIn(api.url, username, PASSWORD);
    const list = await phone.request<Listed>(LIST);
    const sessions = list.data!.mySessions;
    expect(sessions).toHaveLength(2);
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    const other = sessions.find((s) => !s.current)!;
    expect(other.device).toBe('Firefox 128 · Windows');
    expect(other.id).toMatch(/^[0-9a-f]{16}$/);

    const stranger = await signedIn(api.url, await freshUser('sess-stranger', 'EDITOR'), PASSWORD);
    const foreign = await stranger.request(
      'mutation($i: EndSessionInput!) { endMySession(input: $i) }',
      {
        i: { id: other.id },
      },
    );
    expect(errorCode(foreign)).toBe('NOT_FOUND');

    const ended = await phone.request(
      'mutation($i: EndSessionInput!) { endMySession(input: $i) }',
      {
        i: { id: other.id },
      },
    );
    expect(ended.errors).toBeUndefined();
    laptop.token = null;
    expect(errorCode(await laptop.request('mutation { refresh { accessToken } }'))).toBe(
      'UNAUTHENTICATED',
    );
    expect((await phone.request<Listed>(LIST)).data!.mySessions).toHaveLength(1);
    const { rows } = await owner.query(
      `SELECT changes FROM audit_events WHERE username = $1 AND action = 'SESSION_END'`,
      [username],
    );
    expect(rows).toEqual([{ changes: { session: other.id, current: false } }]);
  });

  it('a security administrator ends every session of a user (audited); an administrator cannot', async () => {
    const username = await freshUser('sess-admin-end', 'EDITOR');
    const victim = await signedIn(api.url, username, PASSWORD);
    const { rows } = await owner.query('SELECT id FROM users WHERE username = $1', [username]);
    const userId = rows[0].id as string;
    const END = 'mutation($i: SecurityUserInput!) { endUserSessions(input: $i) }';
    const admin = await signedIn(plain.url, '34-admin');
    expect(errorCode(await admin.request(END, { i: { userId } }))).toBe('FORBIDDEN');
    const security = await signedIn(plain.url, '34-security');
    const r = await security.request<{ endUserSessions: number }>(END, { i: { userId } });
    expect(r.data?.endUserSessions).toBe(1);
    victim.token = null;
    expect(errorCode(await victim.request('mutation { refresh { accessToken } }'))).toBe(
      'UNAUTHENTICATED',
    );
    const { rows: events } = await owner.query(
      `SELECT username, changes FROM audit_events WHERE action = 'USER_SESSIONS_END' AND target_id = $1`,
      [userId],
    );
    expect(events).toEqual([{ username: '34-security', changes: { username, ended: 1 } }]);
  });
});

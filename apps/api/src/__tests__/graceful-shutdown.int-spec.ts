import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { TEST_AUDIT_HMAC_KEY, testCheckpointDir } from '@sunshine/testing';
import { orgIdForCode } from '@sunshine/tools/seed';

/**
 * Graceful shutdown of the real server process (issue 14, item 8): SIGTERM while a write is in
 * flight. The write completes and is audited, new connections are refused at once, the process
 * exits 0, and its JSON log lines carry the request and no secret.
 */
const root = join(__dirname, '..', '..', '..', '..');
const SLOW = `shutdown-slow-${Math.random().toString(36).slice(2, 8)}`;
const PASSWORD = 'Shutdown#Pass2025';

let owner: Client;
let server: ChildProcess | null = null;
let output = '';

beforeAll(async () => {
  owner = new Client({ connectionString: process.env.SUNSHINE_TEST_OWNER_URL });
  await owner.connect();
  // The insert of this one user takes two seconds: long enough to stop the server meanwhile.
  await owner.query(`
    CREATE OR REPLACE FUNCTION test_users_insert_slow() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.display_name = '${SLOW}' THEN PERFORM pg_sleep(2); END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER test_users_insert_slow BEFORE INSERT ON users
      FOR EACH ROW EXECUTE FUNCTION test_users_insert_slow();`);
});

afterAll(async () => {
  if (server && server.exitCode === null) server.kill('SIGKILL');
  await owner.query('DROP TRIGGER IF EXISTS test_users_insert_slow ON users');
  await owner.query('DROP FUNCTION IF EXISTS test_users_insert_slow()');
  await owner.end();
});

/** Starts apps/api/src/main.ts as production would run it, logging JSON lines; resolves its URL. */
function startServer(): Promise<string> {
  const child = spawn(
    process.execPath,
    ['-r', join(root, 'tools/scripts/register.cjs'), join(root, 'apps/api/src/main.ts')],
    {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'test',
        PORT: '0',
        DATABASE_URL: process.env.SUNSHINE_TEST_OWNER_URL,
        DATABASE_APP_URL: process.env.SUNSHINE_TEST_APP_URL,
        JWT_SECRET: 'graceful-shutdown-secret-0123456789',
        DEMO: 'false',
        DATABASE_POOL_SIZE: '4',
        SUNSHINE_CLOCK: '2025-05-20T10:00:00+08:00',
        AUDIT_HMAC_KEY: TEST_AUDIT_HMAC_KEY,
        AUDIT_CHECKPOINT_DIR: testCheckpointDir(),
        AUDIT_CHECKPOINT_MINUTES: '0',
        LOG_LEVEL: 'info',
        LOG_FORMAT: 'json',
        SHUTDOWN_TIMEOUT_MS: '15000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  server = child;
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /"url":"(http:\/\/localhost:\d+)"/.exec(output);
      if (match?.[1]) resolve(match[1]);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
}

async function graphql(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  token?: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'apollo-require-preflight': 'true',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function until(check: () => Promise<boolean>, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('condition not reached in time');
}

it('SIGTERM during a write: the write completes and is audited, then the process exits 0', async () => {
  const url = await startServer();
  const login = await graphql(
    url,
    'mutation($i: LoginInput!) { login(input: $i) { accessToken } }',
    { i: { username: '34-admin', password: 'Sunshine#2025' } },
  );
  const token = (login.body.data as { login: { accessToken: string } }).login.accessToken;

  const write = graphql(
    url,
    'mutation($i: CreateUserInput!) { createUser(input: $i) { id username } }',
    {
      i: {
        organizationId: orgIdForCode('3401'),
        username: SLOW,
        displayName: SLOW,
        password: PASSWORD,
        roles: ['EDITOR'],
      },
    },
    token,
  );
  // The insert is running (inside its two-second trigger) when the signal arrives.
  await until(async () => {
    const { rows } = await owner.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE state = 'active' AND query ILIKE '%INSERT INTO%users%' AND pid <> pg_backend_pid()`,
    );
    return (rows[0]?.n ?? 0) > 0;
  }, 10_000);
  const exited = new Promise<number | null>((resolve) => server?.once('exit', resolve));
  server?.kill('SIGTERM');

  // New connections are refused while the write finishes.
  await new Promise((r) => setTimeout(r, 300));
  await expect(fetch(`${url}/health/live`)).rejects.toThrow();

  const answer = await write;
  expect(answer.status).toBe(200);
  expect(answer.body.errors).toBeUndefined();
  const created = (answer.body.data as { createUser: { id: string; username: string } }).createUser;
  expect(created.username).toBe(SLOW);
  expect(await exited).toBe(0);

  // Stored and audited.
  const user = await owner.query('SELECT id FROM users WHERE id = $1', [created.id]);
  expect(user.rowCount).toBe(1);
  const audited = await owner.query(
    `SELECT action FROM audit_events WHERE action = 'USER_CREATE' AND target_id = $1`,
    [created.id],
  );
  expect(audited.rowCount).toBe(1);

  // Its JSON log line names the request, the caller, the operation and the time taken; no
  // password, token or statement parameter appears anywhere in the output.
  const lines = output
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  const line = lines.find((l) => l.msg === 'request' && l.op === 'Mutation.createUser');
  expect(line).toMatchObject({ level: 'info', status: 200, method: 'POST', path: '/graphql' });
  expect(line?.reqId).toEqual(expect.any(String));
  expect(line?.userId).toEqual(expect.any(String));
  expect(line?.orgId).toEqual(orgIdForCode('34'));
  expect(line?.ms).toBeGreaterThan(1500);
  expect(lines.some((l) => l.msg === '正在停止…' && l.inFlight === 1)).toBe(true);
  expect(output).not.toContain(PASSWORD);
  expect(output).not.toContain('Sunshine#2025');
  expect(output).not.toContain(token);
  expect(output).not.toMatch(/\$argon2/);
});

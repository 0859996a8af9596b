import { inspect } from 'node:util';
import { Client } from 'pg';
import { signedIn, type ApiClient } from '@sunshine/testing';
import { orgIdForCode } from '@sunshine/tools/seed';
import type { StartedApi } from '../bootstrap';
import { startTestApi } from '../testing';

let api: StartedApi;
let owner: Client;
let admin: ApiClient;

const RAISE = '日志脱敏测试-异常';
const NULLED = '日志脱敏测试-空值';

beforeAll(async () => {
  api = await startTestApi();
  owner = new Client({ connectionString: process.env.SUNSHINE_TEST_OWNER_URL });
  await owner.connect();
  // Makes inserts of users with these display names fail the way an unexpected database error
  // would: one raises an error, the other breaks a NOT NULL constraint (whose detail quotes the row).
  await owner.query(`
    CREATE OR REPLACE FUNCTION test_users_insert_fails() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.display_name = '${RAISE}' THEN RAISE EXCEPTION 'simulated failure'; END IF;
      IF NEW.display_name = '${NULLED}' THEN NEW.roles := NULL; END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER test_users_insert_fails BEFORE INSERT ON users
      FOR EACH ROW EXECUTE FUNCTION test_users_insert_fails();`);
  admin = await signedIn(api.url, '34-admin');
});
afterAll(async () => {
  await owner.query('DROP TRIGGER IF EXISTS test_users_insert_fails ON users');
  await owner.query('DROP FUNCTION IF EXISTS test_users_insert_fails()');
  await owner.end();
  await api.app.close();
});

/** Everything the process writes to the console while `work` runs, as it would be printed. */
async function captureConsole(work: () => Promise<void>): Promise<string> {
  const printed: string[] = [];
  const record =
    (stream: string) =>
    (...args: unknown[]): void => {
      printed.push(
        `${stream}: ${args.map((a) => (typeof a === 'string' ? a : inspect(a, { depth: 10 }))).join(' ')}`,
      );
    };
  const spies = [
    jest.spyOn(console, 'error').mockImplementation(record('error')),
    jest.spyOn(console, 'warn').mockImplementation(record('warn')),
    jest.spyOn(console, 'log').mockImplementation(record('log')),
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      printed.push(`stdout: ${String(chunk)}`);
      return true;
    }),
    jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      printed.push(`stderr: ${String(chunk)}`);
      return true;
    }),
  ];
  try {
    await work();
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
  return printed.join('\n');
}

describe('secrets in logs', () => {
  it.each([
    ['an error raised by the statement', RAISE],
    ['a NOT NULL violation whose detail quotes the row', NULLED],
  ])(
    'a failed createUser (%s) logs neither the password hash nor any parameter value',
    async (_case, displayName) => {
      const username = `redact-${Math.random().toString(36).slice(2, 8)}`;
      const password = 'Secret#Pass2025';
      let answer: Awaited<ReturnType<ApiClient['request']>> | undefined;
      const printed = await captureConsole(async () => {
        answer = await admin.request(
          'mutation($i: CreateUserInput!) { createUser(input: $i) { id } }',
          {
            i: {
              organizationId: orgIdForCode('3401'),
              username,
              displayName,
              password,
              roles: ['EDITOR'],
            },
          },
        );
      });
      expect(answer?.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      // The failure is logged for the operator...
      expect(printed).toMatch(/unexpected error/);
      // ...without the statement's parameters: no hash, no user name, no display name, no password.
      expect(printed).not.toMatch(/\$argon2/);
      expect(printed).not.toContain(username);
      expect(printed).not.toContain(displayName);
      expect(printed).not.toContain(password);
      expect(printed).not.toMatch(/parameters/i);
    },
  );
});

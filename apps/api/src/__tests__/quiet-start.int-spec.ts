import { TEST_AUDIT_HMAC_KEY, testCheckpointDir } from '@sunshine/testing';
import { startApi } from '../bootstrap';

/**
 * A quiet start (issue 8, stumble 2): `npm start` printed ~30 lines of English framework logs
 * between its Chinese messages. At the level npm start uses in development (warn) the API now
 * prints nothing of its own; the framework's lines are there at LOG_LEVEL=debug.
 */
function env(logLevel: string): NodeJS.ProcessEnv {
  return {
    NODE_ENV: 'development',
    DATABASE_URL: process.env.SUNSHINE_TEST_OWNER_URL,
    DATABASE_APP_URL: process.env.SUNSHINE_TEST_APP_URL,
    JWT_SECRET: 'quiet-start-secret-0123456789abcdef',
    DEMO: 'false',
    SUNSHINE_CLOCK: '2025-05-20T10:00:00+08:00',
    AUDIT_HMAC_KEY: TEST_AUDIT_HMAC_KEY,
    AUDIT_CHECKPOINT_DIR: testCheckpointDir(),
    AUDIT_CHECKPOINT_MINUTES: '0',
    LOG_LEVEL: logLevel,
  };
}

/** Everything written to stdout, stderr and the console while `work` runs. */
async function printedDuring(work: () => Promise<void>): Promise<string> {
  const printed: string[] = [];
  const keep = (chunk: unknown): boolean => {
    printed.push(String(chunk));
    return true;
  };
  const spies = [
    jest.spyOn(process.stdout, 'write').mockImplementation(keep),
    jest.spyOn(process.stderr, 'write').mockImplementation(keep),
    jest.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void keep(a.join(' '))),
    jest.spyOn(console, 'warn').mockImplementation((...a: unknown[]) => void keep(a.join(' '))),
    jest.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void keep(a.join(' '))),
  ];
  try {
    await work();
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
  return printed.join('');
}

it('prints nothing but its own messages at the npm start level, and the details at debug', async () => {
  const said: string[] = [];
  const quiet = await printedDuring(async () => {
    const api = await startApi(env('warn'), { port: 0, say: (m) => said.push(m) });
    await fetch(`${api.url}/health/ready`);
    await api.stop();
  });
  expect(quiet).toBe('');
  expect(said).toEqual([]); // the database is seeded already: nothing to announce

  const detailed = await printedDuring(async () => {
    const api = await startApi(env('debug'), { port: 0 });
    await api.stop();
  });
  expect(detailed).toContain('Mapped {/graphql, POST} route');
  expect(detailed).toMatch(/^\d{2}:\d{2}:\d{2} DEBUG /m);
});

import { startApi, type StartedApi } from './bootstrap';

/** Starts the real API (HTTP on a free port) against the test database of this Jest run. */
export async function startTestApi(overrides: Record<string, string> = {}): Promise<StartedApi> {
  const ownerUrl = process.env.SUNSHINE_TEST_OWNER_URL;
  const appUrl = process.env.SUNSHINE_TEST_APP_URL;
  if (!ownerUrl || !appUrl)
    throw new Error('integration tests need the global setup (tools/testing/global-setup.cjs)');
  return startApi(
    {
      NODE_ENV: 'test',
      DATABASE_URL: ownerUrl,
      DATABASE_APP_URL: appUrl,
      JWT_SECRET: 'integration-test-secret-0123456789abcdef',
      DEMO: 'false',
      DATABASE_POOL_SIZE: '10',
      SUNSHINE_CLOCK: '2025-05-20T10:00:00+08:00',
      ...overrides,
    },
    { port: 0, quiet: true },
  );
}

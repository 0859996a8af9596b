import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { TenancyChecks } from '@sunshine/api/core';
import { TEST_AUDIT_HMAC_KEY, TEST_SECOND_FACTOR_KEY, testCheckpointDir } from '@sunshine/testing';
import { startApi, type AppFactory, type StartedApi } from './bootstrap';

export interface TestApiOptions {
  /**
   * False runs the API with the code-level tenant checks replaced by a provider override, so that
   * row-level security alone must keep the tenants apart. Only a test module can do this: the
   * application has no setting for it.
   */
  codeChecks?: boolean;
}

/** The RLS-alone seam: the same application, built as a testing module with one provider replaced. */
const rlsAlone: AppFactory = async (root, logger) => {
  const moduleRef = await Test.createTestingModule({ imports: [root] })
    .overrideProvider(TenancyChecks)
    .useValue({ inCode: false } satisfies TenancyChecks)
    .compile();
  return moduleRef.createNestApplication<NestExpressApplication>({ logger });
};

/**
 * The job queue of this test file: every API a suite starts works it, and no other suite's. With
 * one queue for the whole run, a suite's jobs waited behind another suite's hundreds of link checks
 * (or were taken by an instance that then shut down, to be retried a minute later).
 */
export const testJobSchema = `pgboss_t${process.pid}_${Math.floor(Math.random() * 1e6)}`;

/** Starts the real API (HTTP on a free port) against the test database of this Jest run. */
export async function startTestApi(
  overrides: Record<string, string> = {},
  options: TestApiOptions = {},
): Promise<StartedApi> {
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
      // The audit key is shared by every API of the run (they append to one chain); each API
      // writes its checkpoints to a folder of its own, on demand only unless a test asks.
      AUDIT_HMAC_KEY: TEST_AUDIT_HMAC_KEY,
      AUDIT_CHECKPOINT_DIR: overrides.AUDIT_CHECKPOINT_DIR ?? testCheckpointDir(),
      AUDIT_CHECKPOINT_MINUTES: '0',
      SECOND_FACTOR_KEY: TEST_SECOND_FACTOR_KEY,
      // Production-mode suites sign in with demo administrators; the second-factor suite turns it on.
      SECOND_FACTOR_ENFORCE: 'false',
      JOB_QUEUE_SCHEMA: testJobSchema,
      LINK_CHECK_ALLOW: '127.0.0.1/32',
      LINK_CHECK_TIMEOUT_MS: '1500',
      LINK_CHECK_MAX_KB: '64',
      ...overrides,
    },
    { port: 0, quiet: true, createApp: options.codeChecks === false ? rlsAlone : undefined },
  );
}

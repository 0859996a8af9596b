import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The audit key of every test and benchmark run (never a real installation's). */
export const TEST_AUDIT_HMAC_KEY = 'test-only-audit-hmac-key-0123456789abcdef';

/** The key that encrypts TOTP secrets in every test and benchmark run. */
export const TEST_SECOND_FACTOR_KEY = 'test-only-second-factor-key-0123456789abcdef';

/**
 * A fresh folder for one API's audit checkpoints: under the run's folder when the integration
 * global setup made one (removed by its teardown), else under the system temp folder.
 */
export function testCheckpointDir(): string {
  const root = process.env.SUNSHINE_TEST_RUN_DIR || tmpdir();
  return mkdtempSync(join(root, 'audit-checkpoints-'));
}

import { TenancyChecks } from '@sunshine/api/core';
import { errorCode, signedIn } from '@sunshine/testing';
import { orgIdForCode } from '@sunshine/tools/seed';
import type { StartedApi } from '../bootstrap';
import { startTestApi } from '../testing';

/**
 * The code-level tenant checks cannot be switched off by configuration: only a testing module's
 * provider override reaches them. The probe is a request that the two layers answer differently:
 * the code check refuses another city's user list, RLS alone answers it with an empty list.
 */
async function probe(api: StartedApi): Promise<string> {
  const admin = await signedIn(api.url, '3401-admin');
  const r = await admin.request<{ users: { total: number } }>(
    'query($f: UsersFilter) { users(filter: $f) { total } }',
    { f: { organizationId: orgIdForCode('3402') } },
  );
  if (r.errors) return errorCode(r) ?? 'ERROR';
  return r.data?.users.total === 0 ? 'EMPTY' : 'LEAKED';
}

describe('tenancy checks', () => {
  it('stay on in production even when TENANCY_CODE_CHECKS=false is in the environment', async () => {
    const api = await startTestApi({
      NODE_ENV: 'production',
      COOKIE_SECURE: 'false',
      TENANCY_CODE_CHECKS: 'false',
    });
    try {
      expect(api.app.get(TenancyChecks).inCode).toBe(true);
      expect(await probe(api)).toBe('NOT_FOUND');
    } finally {
      await api.app.close();
    }
  });

  it('are replaced only by a testing module override, and RLS alone still hides the data', async () => {
    const api = await startTestApi({}, { codeChecks: false });
    try {
      expect(api.app.get(TenancyChecks).inCode).toBe(false);
      expect(await probe(api)).toBe('EMPTY');
    } finally {
      await api.app.close();
    }
  });
});

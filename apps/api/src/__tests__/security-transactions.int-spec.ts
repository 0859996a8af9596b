import { Client } from 'pg';
import { AppError, TenantDatabase } from '@sunshine/api/core';
import { provinceAdminScope } from '@sunshine/testing';
import { orgIdForCode } from '@sunshine/tools/seed';
import type { StartedApi } from '../bootstrap';
import { startTestApi } from '../testing';

let api: StartedApi;
let owner: Client;

beforeAll(async () => {
  // One pooled connection, so the next transaction runs on the connection the failed one used.
  api = await startTestApi({ DATABASE_POOL_SIZE: '1' });
  owner = new Client({ connectionString: process.env.SUNSHINE_TEST_OWNER_URL });
  await owner.connect();
});
afterAll(async () => {
  await owner.end();
  await api.app.close();
});

describe('an expected failure inside a transaction', () => {
  it('rolls its writes back; the next transaction on the same connection does not commit them', async () => {
    const scope = await provinceAdminScope(owner);
    const db = api.app.get(TenantDatabase);
    const username = `rolled-back-${Date.now()}`;
    await expect(
      db.run(scope, async (m) => {
        await m.query(
          `INSERT INTO users(organization_id, username, display_name, password_hash, roles) VALUES ($1, $2, '回滚测试', 'x', '{EDITOR}')`,
          [orgIdForCode('3401'), username],
        );
        throw AppError.conflict('TEST', '测试冲突');
      }),
    ).rejects.toMatchObject({ reason: 'TEST' });
    await db.run(scope, async (m) => {
      await m.query('SELECT 1');
    });
    const left = await owner.query('SELECT 1 FROM users WHERE username = $1', [username]);
    expect(left.rows).toEqual([]);
  });
});

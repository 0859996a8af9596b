import type { Client } from 'pg';
import type { Scope } from '@sunshine/api/core';
import { Role } from '@sunshine/shared/domain';
import { orgIdForCode } from '@sunshine/tools/seed';
import { only } from './rows';

/**
 * The scope the API would give the demo province administrator (34-admin), for tests that drive
 * TenantDatabase directly; its user id is read through the owner connection.
 */
export async function provinceAdminScope(owner: Client): Promise<Scope> {
  const { rows } = await owner.query<{ id: string }>(
    `SELECT id FROM users WHERE username = '34-admin'`,
  );
  return {
    userId: only(rows).id,
    username: '34-admin',
    sessionId: null,
    organizationId: orgIdForCode('34'),
    roles: [Role.ADMIN],
    rootOrgIds: [orgIdForCode('34')],
    ip: '127.0.0.1',
  };
}

import { Client } from 'pg';
import {
  ApiClient,
  errorCode,
  MATRIX_ACTORS,
  MATRIX_MODES,
  MATRIX_TARGETS,
  roleOf,
  sees,
  signedIn,
  TEST_AUDIT_HMAC_KEY,
  type MatrixRole,
} from '@sunshine/testing';
import { appendAuditEvent, AuditKeyring } from '@sunshine/api/core';
import { orgIdForCode } from '@sunshine/tools/seed';
import type { StartedApi } from '../bootstrap';
import { startTestApi } from '../testing';
import { coverageProblems } from './tenancy-coverage';

/**
 * Every operation of the foundation × every demo role × target organisations relative to the
 * caller (own, own county, sibling county, parent city, province, other city, other city's
 * county): exactly the allowed cells succeed and denied cells change nothing. The whole matrix
 * runs twice: with the code-level checks, and with them switched off so that RLS alone holds.
 */
const ACTORS = MATRIX_ACTORS;
const TARGETS = MATRIX_TARGETS;

type Role = MatrixRole;

interface Ctx {
  client: ApiClient;
  owner: Client;
  actor: string;
  target: string;
  victimId: string;
  victimUsername: string;
  tag: string;
}
interface Operation {
  name: string;
  /** The operations this row exercises (keys of TENANCY_COVERAGE). */
  covers: string[];
  roles: Role[] | 'ANY';
  /** True when the call succeeded; must also check that a refused call left no trace. */
  run(ctx: Ctx): Promise<{ ok: boolean; code?: string; leaked?: boolean }>;
}

const gqlOutcome = (
  r: { data?: unknown; errors?: unknown[] },
  code?: string,
): { ok: boolean; code?: string } => ({
  ok: !r.errors && r.data !== null && r.data !== undefined,
  code,
});

async function victimState(
  owner: Client,
  id: string,
): Promise<{ display_name: string; status: string; version: number; password_hash: string }> {
  const { rows } = await owner.query(
    'SELECT display_name, status, version, password_hash FROM users WHERE id = $1',
    [id],
  );
  return rows[0];
}

const OPERATIONS: Operation[] = [
  {
    name: 'organization(id)',
    covers: ['Query.organization'],
    roles: 'ANY',
    async run({ client, target }) {
      const r = await client.request('query($id: ID!) { organization(id: $id) { id code } }', {
        id: orgIdForCode(target),
      });
      return gqlOutcome(r, errorCode(r));
    },
  },
  {
    name: 'organizations (membership)',
    covers: ['Query.organizations'],
    roles: 'ANY',
    async run({ client, target }) {
      const r = await client.request<{ organizations: Array<{ code: string }> }>(
        '{ organizations { code } }',
      );
      const listed = r.data?.organizations.some((o) => o.code === target) ?? false;
      return { ok: listed, code: listed ? undefined : 'NOT_LISTED' };
    },
  },
  {
    name: 'users(filter)',
    covers: ['Query.users'],
    roles: ['ADMIN'],
    // A list is "allowed" when it shows the target's user; RLS alone answers an empty list.
    async run({ client, target, victimUsername }) {
      const r = await client.request<{
        users: { items: Array<{ username: string; organization: { code: string } }> };
      }>(
        'query($f: UsersFilter) { users(filter: $f) { total items { username organization { code } } } }',
        {
          f: {
            organizationId: orgIdForCode(target),
            includeDescendants: false,
            search: victimUsername,
          },
        },
      );
      const items = r.data?.users.items ?? [];
      const found = items.some((u) => u.username === victimUsername);
      return {
        ok: found,
        code: errorCode(r) ?? 'EMPTY',
        leaked: items.some((u) => u.organization.code !== target),
      };
    },
  },
  {
    name: 'createUser',
    covers: ['Mutation.createUser'],
    roles: ['ADMIN'],
    async run({ client, owner, target, tag }) {
      const username = `new-${tag}`;
      const r = await client.request(
        'mutation($i: CreateUserInput!) { createUser(input: $i) { id } }',
        {
          i: {
            organizationId: orgIdForCode(target),
            username,
            displayName: '矩阵新建',
            roles: ['EDITOR'],
            password: 'Matrix#Pass2025',
          },
        },
      );
      const { rowCount } = await owner.query('SELECT 1 FROM users WHERE username = $1', [username]);
      const outcome = gqlOutcome(r, errorCode(r));
      return { ...outcome, leaked: !outcome.ok && rowCount !== 0 };
    },
  },
  {
    name: 'updateUser',
    covers: ['Mutation.updateUser'],
    roles: ['ADMIN'],
    async run({ client, owner, victimId }) {
      const before = await victimState(owner, victimId);
      const r = await client.request(
        'mutation($i: UpdateUserInput!) { updateUser(input: $i) { id } }',
        {
          i: { id: victimId, version: before.version, displayName: '已修改' },
        },
      );
      const after = await victimState(owner, victimId);
      const outcome = gqlOutcome(r, errorCode(r));
      return { ...outcome, leaked: !outcome.ok && after.display_name !== before.display_name };
    },
  },
  {
    name: 'disableUser',
    covers: ['Mutation.disableUser'],
    roles: ['ADMIN'],
    async run({ client, owner, victimId }) {
      const r = await client.request(
        'mutation($i: UserIdInput!) { disableUser(input: $i) { id } }',
        { i: { id: victimId } },
      );
      const after = await victimState(owner, victimId);
      const outcome = gqlOutcome(r, errorCode(r));
      return { ...outcome, leaked: !outcome.ok && after.status !== 'ACTIVE' };
    },
  },
  {
    name: 'enableUser',
    covers: ['Mutation.enableUser'],
    roles: ['ADMIN'],
    async run({ client, owner, victimId }) {
      await owner.query(`UPDATE users SET status = 'DISABLED' WHERE id = $1`, [victimId]);
      const r = await client.request(
        'mutation($i: UserIdInput!) { enableUser(input: $i) { id } }',
        { i: { id: victimId } },
      );
      const after = await victimState(owner, victimId);
      const outcome = gqlOutcome(r, errorCode(r));
      return { ...outcome, leaked: !outcome.ok && after.status !== 'DISABLED' };
    },
  },
  {
    name: 'unlockUser',
    covers: ['Mutation.unlockUser'],
    roles: ['ADMIN'],
    async run({ client, owner, victimId }) {
      const lockedUntil = new Date(Date.now() + 3_600_000);
      await owner.query('UPDATE users SET failed_attempts = 5, locked_until = $2 WHERE id = $1', [
        victimId,
        lockedUntil,
      ]);
      const r = await client.request(
        'mutation($i: UserIdInput!) { unlockUser(input: $i) { id } }',
        {
          i: { id: victimId },
        },
      );
      const { rows } = await owner.query('SELECT locked_until FROM users WHERE id = $1', [
        victimId,
      ]);
      await owner.query('UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE id = $1', [
        victimId,
      ]);
      const outcome = gqlOutcome(r, errorCode(r));
      return { ...outcome, leaked: !outcome.ok && rows[0].locked_until === null };
    },
  },
  {
    name: 'resetSecondFactor',
    covers: ['Mutation.resetSecondFactor'],
    roles: ['SECURITY_ADMIN'],
    async run({ client, owner, victimId }) {
      await owner.query(
        `INSERT INTO second_factors(user_id, organization_id, secret_enc, confirmed_at)
         SELECT id, organization_id, 'v1:matrix', now() FROM users WHERE id = $1
         ON CONFLICT (user_id) DO NOTHING`,
        [victimId],
      );
      const r = await client.request(
        'mutation($i: SecurityUserInput!) { resetSecondFactor(input: $i) }',
        { i: { userId: victimId } },
      );
      const { rows } = await owner.query('SELECT 1 FROM second_factors WHERE user_id = $1', [
        victimId,
      ]);
      await owner.query('DELETE FROM second_factors WHERE user_id = $1', [victimId]);
      const outcome = gqlOutcome(r, errorCode(r));
      return { ...outcome, leaked: !outcome.ok && rows.length === 0 };
    },
  },
  {
    name: 'endUserSessions',
    covers: ['Mutation.endUserSessions'],
    roles: ['SECURITY_ADMIN'],
    async run({ client, owner, victimId }) {
      const { rows: made } = await owner.query<{ id: string }>(
        `INSERT INTO sessions(user_id, organization_id, token_hash, expires_at)
         SELECT id, organization_id, 'matrix', now() + interval '1 day' FROM users WHERE id = $1
         RETURNING id`,
        [victimId],
      );
      const r = await client.request(
        'mutation($i: SecurityUserInput!) { endUserSessions(input: $i) }',
        { i: { userId: victimId } },
      );
      const { rows } = await owner.query('SELECT revoked_at FROM sessions WHERE id = $1', [
        made[0]?.id,
      ]);
      const outcome = gqlOutcome(r, errorCode(r));
      return { ...outcome, leaked: !outcome.ok && rows[0]?.revoked_at !== null };
    },
  },
  {
    name: 'resetUserPassword',
    covers: ['Mutation.resetUserPassword'],
    roles: ['ADMIN'],
    async run({ client, owner, victimId }) {
      const before = await victimState(owner, victimId);
      const r = await client.request(
        'mutation($i: UserIdInput!) { resetUserPassword(input: $i) { temporaryPassword } }',
        { i: { id: victimId } },
      );
      const after = await victimState(owner, victimId);
      const outcome = gqlOutcome(r, errorCode(r));
      return {
        ...outcome,
        leaked:
          !outcome.ok &&
          (after.password_hash !== before.password_hash ||
            !!JSON.stringify(r).match(/temporaryPassword":"/)),
      };
    },
  },
  {
    name: 'auditEvents(filter)',
    covers: ['Query.auditEvents'],
    roles: ['AUDITOR'],
    async run({ client, target }) {
      const r = await client.request<{
        auditEvents: { items: Array<{ organizationId: string | null }> };
      }>(
        'query($f: AuditEventsFilter) { auditEvents(filter: $f) { total items { organizationId } } }',
        { f: { organizationId: orgIdForCode(target), action: 'MATRIX_MARKER', limit: 20 } },
      );
      const items = r.data?.auditEvents.items ?? [];
      return {
        ok: items.length > 0,
        code: errorCode(r) ?? 'EMPTY',
        leaked: items.some((e) => e.organizationId !== orgIdForCode(target)),
      };
    },
  },
  {
    // The export takes no organisation: the target's marker is in the file only when in scope.
    name: 'exportAuditTrail(JSON)',
    covers: ['Mutation.exportAuditTrail'],
    roles: ['AUDITOR'],
    async run({ client, actor, target }) {
      const r = await client.request<{ exportAuditTrail: { content: string } }>(
        'mutation($i: AuditExportInput!) { exportAuditTrail(input: $i) { content } }',
        { i: { format: 'JSON', action: 'MATRIX_MARKER' } },
      );
      const events = r.data
        ? (
            JSON.parse(r.data.exportAuditTrail.content) as {
              events: Array<{ organization_id: string | null }>;
            }
          ).events
        : [];
      return {
        ok: events.some((e) => e.organization_id === orgIdForCode(target)),
        code: errorCode(r) ?? 'EMPTY',
        // A marker of an organisation outside the actor's scope in the file.
        leaked: events.some((e) =>
          TARGETS.some((t) => orgIdForCode(t) === e.organization_id && !sees(actor, t)),
        ),
      };
    },
  },
];

const MODES = MATRIX_MODES;

describe.each(MODES)('tenancy matrix — %s', (_name, mode) => {
  let api: StartedApi;
  let owner: Client;
  const clients = new Map<string, ApiClient>();
  const victims = new Map<string, string>();
  const modeTag = mode.codeChecks ? 'all' : 'rls';

  beforeAll(async () => {
    api = await startTestApi({}, mode);
    owner = new Client({ connectionString: process.env.SUNSHINE_TEST_OWNER_URL });
    await owner.connect();
    const { rows } = await owner.query(
      `SELECT password_hash FROM users WHERE username = '34-admin'`,
    );
    const values: unknown[] = [];
    const tuples: string[] = [];
    for (const actor of ACTORS) {
      for (const target of TARGETS) {
        for (const op of OPERATIONS) {
          const username =
            `v-${modeTag}-${actor}-${target}-${op.name.replace(/\W/g, '')}`.toLowerCase();
          values.push(orgIdForCode(target), username, rows[0].password_hash);
          const o = values.length;
          tuples.push(`($${o - 2}::uuid, $${o - 1}, '矩阵对象', $${o}, '{EDITOR}')`);
        }
      }
    }
    const inserted = await owner.query<{ id: string; username: string }>(
      `INSERT INTO users(organization_id, username, display_name, password_hash, roles) VALUES ${tuples.join(',')} RETURNING id, username`,
      values,
    );
    for (const r of inserted.rows) victims.set(r.username, r.id);
    // One marker event per target organisation, for the audit-trail reads.
    for (const target of TARGETS) {
      await owner.query('BEGIN');
      await owner.query(`SELECT set_config('app.org_roots', $1, true)`, [orgIdForCode('34')]);
      // Through the keyed writer, with the run's audit key, as the app writes events.
      await appendAuditEvent(
        { query: async (sql, params) => (await owner.query(sql, params)).rows },
        new AuditKeyring(TEST_AUDIT_HMAC_KEY),
        {
          userId: null,
          username: 'matrix',
          organizationId: orgIdForCode(target),
          action: 'MATRIX_MARKER',
          targetType: null,
          targetId: null,
          result: 'SUCCESS',
          ip: null,
          changes: null,
        },
      );
      await owner.query('COMMIT');
    }
    for (const actor of ACTORS) clients.set(actor, await signedIn(api.url, actor));
  });

  afterAll(async () => {
    await owner.end();
    await api.app.close();
  });

  it.each(OPERATIONS.map((op) => [op.name, op] as const))(
    '%s: exactly the allowed cells succeed',
    async (_name, op) => {
      const mismatches: string[] = [];
      let allowedCells = 0;
      for (const actor of ACTORS) {
        for (const target of TARGETS) {
          const roleOk = op.roles === 'ANY' || op.roles.includes(roleOf(actor));
          const expected = roleOk && sees(actor, target);
          if (expected) allowedCells++;
          const username =
            `v-${modeTag}-${actor}-${target}-${op.name.replace(/\W/g, '')}`.toLowerCase();
          const outcome = await op.run({
            client: clients.get(actor)!,
            owner,
            actor,
            target,
            victimId: victims.get(username)!,
            victimUsername: username,
            tag: `${modeTag}-${actor}-${target}-${op.name.replace(/\W/g, '')}`.toLowerCase(),
          });
          if (outcome.ok !== expected) {
            mismatches.push(
              `${actor} → ${target}: expected ${expected ? 'allowed' : 'denied'}, got ${outcome.ok ? 'allowed' : outcome.code}`,
            );
          } else if (
            !expected &&
            !['FORBIDDEN', 'NOT_FOUND', 'EMPTY', 'NOT_LISTED'].includes(outcome.code ?? '')
          ) {
            mismatches.push(
              `${actor} → ${target}: denied with ${outcome.code}, expected FORBIDDEN or NOT_FOUND`,
            );
          }
          if (outcome.leaked)
            mismatches.push(`${actor} → ${target}: a refused call left a trace or leaked data`);
        }
      }
      expect(mismatches).toEqual([]);
      expect(allowedCells).toBeGreaterThan(0);
    },
  );

  it('me and verifyAuditTrail follow the roles', async () => {
    for (const actor of ACTORS) {
      const c = clients.get(actor)!;
      const me = await c.request<{ me: { username: string } }>('{ me { username } }');
      expect(me.data?.me.username).toBe(actor);
      const v = await c.request('{ verifyAuditTrail { ok checked } }');
      expect(v.errors ? errorCode(v) : 'OK').toBe(roleOf(actor) === 'AUDITOR' ? 'OK' : 'FORBIDDEN');
    }
  });

  it('its rows are the registry entries of tenancy-matrix, each really called', () => {
    const rows = [
      ...OPERATIONS,
      { name: 'me and verifyAuditTrail', covers: ['Query.verifyAuditTrail'] },
    ];
    const called = [...clients.values()].flatMap((c) => [...c.called]);
    expect(coverageProblems('tenancy-matrix', rows, called)).toEqual([]);
  });
});

import { Client } from 'pg';
import { ApiClient, signedIn } from '@sunshine/testing';
import { orgIdForCode } from '@sunshine/tools/seed';
import type { StartedApi } from '../bootstrap';
import { startTestApi } from '../testing';

let api: StartedApi;
let owner: Client;
let auditor: ApiClient;

interface Verification {
  ok: boolean;
  checked: number;
  firstBrokenId: string | null;
}

async function verify(): Promise<Verification> {
  const r = await auditor.request<{ verifyAuditTrail: Verification }>(
    '{ verifyAuditTrail { ok checked firstBrokenId } }',
  );
  if (!r.data) throw new Error(JSON.stringify(r.errors));
  return r.data.verifyAuditTrail;
}

beforeAll(async () => {
  api = await startTestApi();
  owner = new Client({ connectionString: process.env.SUNSHINE_TEST_OWNER_URL });
  await owner.connect();
  auditor = await signedIn(api.url, '34-auditor');
});
afterAll(async () => {
  await owner.end();
  await api.app.close();
});

describe('audit trail', () => {
  it('records a user change in the same transaction, with who, where and before/after', async () => {
    const admin = await signedIn(api.url, '3401-admin');
    const username = `audited-${Date.now()}`;
    const created = await admin.request<{ createUser: { id: string; version: number } }>(
      'mutation($i: CreateUserInput!) { createUser(input: $i) { id version } }',
      {
        i: {
          organizationId: orgIdForCode('340103'),
          username,
          displayName: '张三',
          roles: ['EDITOR'],
          password: 'Audit#Pass2025',
        },
      },
    );
    const id = created.data!.createUser.id;
    await admin.request('mutation($i: UpdateUserInput!) { updateUser(input: $i) { id } }', {
      i: { id, version: created.data!.createUser.version, roles: ['EDITOR', 'REVIEWER'] },
    });
    const r = await auditor.request<{
      auditEvents: {
        items: Array<{
          action: string;
          username: string;
          organizationName: string;
          ip: string;
          changes: string;
          result: string;
        }>;
      };
    }>(
      'query($f: AuditEventsFilter) { auditEvents(filter: $f) { total items { action username organizationName ip changes result } } }',
      { f: { organizationId: orgIdForCode('340103'), limit: 10 } },
    );
    const mine = r.data!.auditEvents.items.filter((e) => e.changes?.includes(username));
    expect(mine.map((e) => e.action).sort()).toEqual(['USER_CREATE', 'USER_UPDATE']);
    const update = mine.find((e) => e.action === 'USER_UPDATE')!;
    expect(update).toMatchObject({
      username: '3401-admin',
      organizationName: '庐阳区审计局',
      result: 'SUCCESS',
    });
    expect(update.ip).toMatch(/127\.0\.0\.1|::1/);
    const changes = JSON.parse(update.changes) as {
      before: { roles: string[] };
      after: { roles: string[] };
    };
    expect(changes.before.roles).toEqual(['EDITOR']);
    expect(changes.after.roles).toEqual(['EDITOR', 'REVIEWER']);
    expect(update.changes).not.toMatch(/password|hash/i);
  });

  it('records sign-in failures, including unknown user names', async () => {
    await new ApiClient(api.url).login('nobody-here', 'Wrong#pass1');
    const r = await auditor.request<{
      auditEvents: { items: Array<{ changes: string; result: string }> };
    }>('{ auditEvents(filter: { action: "LOGIN", limit: 50 }) { items { changes result } } }');
    expect(
      r.data!.auditEvents.items.some(
        (e) => e.result === 'FAILURE' && e.changes.includes('nobody-here'),
      ),
    ).toBe(true);
  });

  it('verifies an intact chain', async () => {
    const v = await verify();
    expect(v.ok).toBe(true);
    expect(v.checked).toBeGreaterThan(1);
    expect(v.firstBrokenId).toBeNull();
  });

  it('detects an edited event', async () => {
    const { rows } = await owner.query(
      `SELECT id, action FROM audit_events ORDER BY id LIMIT 1 OFFSET 1`,
    );
    await owner.query(`UPDATE audit_events SET action = 'HIDDEN' WHERE id = $1`, [rows[0].id]);
    try {
      expect(await verify()).toMatchObject({ ok: false, firstBrokenId: String(rows[0].id) });
    } finally {
      await owner.query(`UPDATE audit_events SET action = $2 WHERE id = $1`, [
        rows[0].id,
        rows[0].action,
      ]);
    }
    expect((await verify()).ok).toBe(true);
  });

  it('detects a deleted event', async () => {
    const { rows } = await owner.query(`SELECT id FROM audit_events ORDER BY id LIMIT 1 OFFSET 2`);
    const id = rows[0].id as string;
    await owner.query(
      `CREATE TEMP TABLE deleted_event AS SELECT * FROM audit_events WHERE id = $1`,
      [id],
    );
    await owner.query(`DELETE FROM audit_events WHERE id = $1`, [id]);
    try {
      const v = await verify();
      expect(v.ok).toBe(false);
      expect(Number(v.firstBrokenId)).toBeGreaterThan(Number(id));
    } finally {
      await owner.query(`INSERT INTO audit_events SELECT * FROM deleted_event`);
      await owner.query(`DROP TABLE deleted_event`);
    }
    expect((await verify()).ok).toBe(true);
  });

  it('detects reordered events', async () => {
    // The chain's order is its chain position (commit order as chained), not the id.
    const { rows } = await owner.query(
      `SELECT id, chain_seq FROM audit_events WHERE chain_seq IS NOT NULL ORDER BY chain_seq LIMIT 2 OFFSET 3`,
    );
    const [a, b] = rows.map((r) => ({ id: r.id as string, seq: r.chain_seq as string }));
    // Exchanges the two events' chain positions (twice: back where they were).
    const swap = async (): Promise<void> => {
      await owner.query(`
        DO $$
        DECLARE sa bigint; sb bigint;
        BEGIN
          SELECT chain_seq INTO sa FROM audit_events WHERE id = ${Number(a!.id)};
          SELECT chain_seq INTO sb FROM audit_events WHERE id = ${Number(b!.id)};
          UPDATE audit_events SET chain_seq = -1 WHERE id = ${Number(a!.id)};
          UPDATE audit_events SET chain_seq = sa WHERE id = ${Number(b!.id)};
          UPDATE audit_events SET chain_seq = sb WHERE id = ${Number(a!.id)};
        END $$`);
    };
    await swap();
    try {
      // b now comes first, and no longer follows the event before it.
      expect(await verify()).toMatchObject({ ok: false, firstBrokenId: String(b!.id) });
    } finally {
      await swap();
    }
    expect((await verify()).ok).toBe(true);
  });

  it('detects events cut off the end of the chain', async () => {
    await owner.query(
      // The chain's tail (events still waiting for the chainer are not in the chain yet).
      `CREATE TEMP TABLE last_event AS SELECT * FROM audit_events WHERE chain_seq IS NOT NULL
       ORDER BY chain_seq DESC LIMIT 1`,
    );
    await owner.query(`DELETE FROM audit_events WHERE id = (SELECT id FROM last_event)`);
    try {
      expect((await verify()).ok).toBe(false);
    } finally {
      await owner.query(`INSERT INTO audit_events SELECT * FROM last_event`);
      await owner.query(`DROP TABLE last_event`);
    }
    expect((await verify()).ok).toBe(true);
  });
});

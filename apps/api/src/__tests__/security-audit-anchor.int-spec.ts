import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  ApiClient,
  createTestDatabase,
  runServerUrl,
  errorCode,
  first,
  signedIn,
  type TestDatabase,
} from '@sunshine/testing';
import type { StartedApi } from '../bootstrap';
import { startTestApi } from '../testing';

/**
 * Issue 7, item 8: the audit chain anchored outside the database. Every attack here is done as
 * the database owner, who can run any SQL, including the database's own sha256 hash function.
 *
 * These tests rewrite the chain head, so they run on a database of their own (created beside the
 * run's shared one and dropped afterwards): nothing another test file appends can race with them.
 * Checkpoints go to a temporary folder of this run.
 */

let db: TestDatabase;
let api: StartedApi;
let owner: Client;
let auditor: ApiClient;
let checkpointDir: string;

interface Verification {
  ok: boolean;
  checked: number;
  firstBrokenId: string | null;
  anchoredFromId: string | null;
  checkpoints: number;
  lastCheckpointAt: string | null;
  reason: string | null;
}

const VERIFY =
  '{ verifyAuditTrail { ok checked firstBrokenId anchoredFromId checkpoints lastCheckpointAt reason } }';

async function verify(): Promise<Verification> {
  const r = await auditor.request<{ verifyAuditTrail: Verification }>(VERIFY);
  if (!r.data) throw new Error(JSON.stringify(r.errors));
  return r.data.verifyAuditTrail;
}

interface Checkpoint {
  seq: string;
  mac: string;
  at: string;
}

async function anchor(): Promise<Checkpoint> {
  const r = await auditor.request<{ anchorAuditTrail: Checkpoint }>(
    'mutation { anchorAuditTrail { seq mac at } }',
  );
  if (!r.data) throw new Error(JSON.stringify(r.errors));
  return r.data.anchorAuditTrail;
}

/** What the database alone says: its own `audit_verify()`, run by the owner with the auditor flag. */
async function databaseVerdict(): Promise<{ ok: boolean }> {
  await owner.query('BEGIN');
  try {
    await owner.query(`SELECT set_config('app.auditor', 'on', true)`);
    const { rows } = await owner.query<{ ok: boolean }>('SELECT ok FROM audit_verify()');
    return first(rows);
  } finally {
    await owner.query('ROLLBACK');
  }
}

/**
 * The owner's rewrite: recompute the sha256 hash of every event from `fromId` on (in chain order)
 * with the database's own audit_hash(), relink prev_hash, and move the head to the new last hash.
 */
async function recomputeHashesFrom(fromId: string): Promise<void> {
  await owner.query(`
    DO $$
    DECLARE r record; v_prev text; v_from bigint;
    BEGIN
      SELECT chain_seq INTO v_from FROM audit_events WHERE id = ${Number(fromId)};
      SELECT coalesce((SELECT hash FROM audit_events WHERE chain_seq < v_from ORDER BY chain_seq DESC LIMIT 1), repeat('0', 64))
        INTO v_prev;
      FOR r IN SELECT * FROM audit_events WHERE chain_seq >= v_from ORDER BY chain_seq LOOP
        UPDATE audit_events SET prev_hash = v_prev,
          hash = audit_hash(v_prev, r.id, r.occurred_at, r.user_id, r.username, r.organization_id,
                            r.action, r.target_type, r.target_id, r.result, r.ip, r.changes)
        WHERE id = r.id RETURNING hash INTO v_prev;
      END LOOP;
      UPDATE audit_chain_head SET last_hash = v_prev WHERE id = 1;
    END $$`);
}

async function keyedIds(): Promise<string[]> {
  const { rows } = await owner.query<{ id: string }>(
    'SELECT id::text AS id FROM audit_events WHERE mac IS NOT NULL ORDER BY chain_seq',
  );
  return rows.map((r) => r.id);
}

function checkpointLines(): string[] {
  return readdirSync(checkpointDir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .flatMap((f) =>
      readFileSync(join(checkpointDir, f), 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== ''),
    );
}

beforeAll(async () => {
  // The seed writes its event before the API's first start: that event predates the anchoring.
  db = await createTestDatabase({ serverUrl: runServerUrl() });
  checkpointDir = mkdtempSync(join(tmpdir(), 'sunshine-audit-checkpoints-'));
  api = await startTestApi({
    DATABASE_URL: db.ownerUrl,
    DATABASE_APP_URL: db.appUrl,
    AUDIT_CHECKPOINT_DIR: checkpointDir,
    // The hourly schedule, shortened for this run.
    AUDIT_CHECKPOINT_MINUTES: '0.02',
  });
  owner = new Client({ connectionString: db.ownerUrl });
  await owner.connect();
  auditor = await signedIn(api.url, '34-auditor');
  // A few keyed events: sign-ins and a user change.
  const admin = await signedIn(api.url, '3401-admin');
  await admin.request('{ me { id } }');
  await signedIn(api.url, '3401-editor');
  await signedIn(api.url, '340102-editor');
});

afterAll(async () => {
  await owner?.end();
  await api?.app.close();
  await db?.drop();
  if (checkpointDir) rmSync(checkpointDir, { recursive: true, force: true });
});

describe('audit trail anchored outside the database', () => {
  it('keys every event the application writes; the events before it stay in the hash chain', async () => {
    await verify(); // chains what the sign-ins entered
    const { rows } = await owner.query<{ id: string; action: string; mac: string | null }>(
      'SELECT id::text AS id, action, mac FROM audit_events ORDER BY chain_seq',
    );
    expect(rows[0]).toMatchObject({ action: 'SEED_DEMO', mac: null });
    const keyed = rows.filter((r) => r.mac !== null);
    expect(keyed.length).toBeGreaterThanOrEqual(4);
    // Every event after the first keyed one is keyed: the chain has no unkeyed gap.
    expect(rows.slice(rows.indexOf(first(keyed)))).toEqual(keyed);
    for (const r of keyed) expect(r.mac).toMatch(/^[0-9a-f]{16}:[0-9a-f]{64}$/);
    const v = await verify();
    expect(v).toMatchObject({ ok: true, firstBrokenId: null, anchoredFromId: first(keyed).id });
    expect(v.checked).toBe(rows.length);
  });

  it('refuses an unkeyed event once the chain is anchored', async () => {
    await expect(
      owner.query(
        `SELECT audit_append(NULL, 'forger', NULL, 'FORGED', NULL, NULL, 'SUCCESS', NULL, NULL)`,
      ),
    ).rejects.toThrow(/keyed/);
  });

  it('writes a signed checkpoint on demand, for the audit administrator only, and audits it', async () => {
    const admin = await signedIn(api.url, '34-admin');
    const refused = await admin.request('mutation { anchorAuditTrail { seq } }');
    expect(errorCode(refused)).toBe('FORBIDDEN');

    const cp = await anchor();
    const manual = checkpointLines()
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((c) => c.reason === 'manual');
    expect(manual).toHaveLength(1);
    const line = first(manual);
    expect(line).toMatchObject({ seq: cp.seq, mac: cp.mac, at: cp.at });
    expect(line.sig).toMatch(/^[0-9a-f]{16}:[0-9a-f]{64}$/);
    await verify(); // chains the AUDIT_ANCHOR event
    const head = await owner.query<{ last_id: string; last_mac: string }>(
      'SELECT last_id::text AS last_id, last_mac FROM audit_chain_head',
    );
    // The checkpoint names the head before its own audit event, which follows it.
    expect(Number(first(head.rows).last_id)).toBeGreaterThan(Number(cp.seq));
    const { rows } = await owner.query<{ action: string; changes: { seq: string } }>(
      `SELECT action, changes FROM audit_events WHERE id = $1`,
      [first(head.rows).last_id],
    );
    expect(rows[0]).toMatchObject({ action: 'AUDIT_ANCHOR', changes: { seq: cp.seq } });
    const v = await verify();
    expect(v.ok).toBe(true);
    expect(v.checkpoints).toBeGreaterThanOrEqual(1);
    expect(v.lastCheckpointAt).not.toBeNull();
  });

  it('writes checkpoints on a schedule, and only when the chain moved', async () => {
    const scheduled = (): Array<{ seq: string }> =>
      checkpointLines()
        .map((l) => JSON.parse(l) as { seq: string; reason: string })
        .filter((c) => c.reason === 'scheduled');
    await verify(); // everything chained: the head stays put
    const head = await owner.query<{ last_id: string }>(
      'SELECT last_id::text AS last_id FROM audit_chain_head',
    );
    const deadline = Date.now() + 10_000;
    while (scheduled().at(-1)?.seq !== first(head.rows).last_id && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 200));
    expect(scheduled().at(-1)?.seq).toBe(first(head.rows).last_id);
    // Idle chain: further ticks (every 1.2 s here) write nothing new.
    const count = checkpointLines().length;
    await new Promise((r) => setTimeout(r, 3_000));
    expect(checkpointLines().length).toBe(count);
  });

  it('(a) detects an edited event even when every later sha256 hash was recomputed', async () => {
    const ids = await keyedIds();
    const target = ids[1]!;
    const { rows } = await owner.query<{ action: string }>(
      'SELECT action FROM audit_events WHERE id = $1',
      [target],
    );
    await owner.query(`UPDATE audit_events SET action = 'HIDDEN' WHERE id = $1`, [target]);
    await recomputeHashesFrom(target);
    try {
      // The database's own check is fooled ...
      expect(await databaseVerdict()).toEqual({ ok: true });
      // ... the keyed MAC is not.
      expect(await verify()).toMatchObject({ ok: false, firstBrokenId: target });
    } finally {
      await owner.query(`UPDATE audit_events SET action = $2 WHERE id = $1`, [
        target,
        first(rows).action,
      ]);
      await recomputeHashesFrom(target);
    }
    expect((await verify()).ok).toBe(true);
  });

  it('(c) detects reordered events even when the sha256 chain was rebuilt in the new order', async () => {
    const [, , a, b] = await keyedIds();
    // Exchanges the two events' chain positions (twice: back where they were).
    const swap = async (): Promise<void> => {
      await owner.query(`
        DO $$
        DECLARE sa bigint; sb bigint;
        BEGIN
          SELECT chain_seq INTO sa FROM audit_events WHERE id = ${Number(a)};
          SELECT chain_seq INTO sb FROM audit_events WHERE id = ${Number(b)};
          UPDATE audit_events SET chain_seq = -1 WHERE id = ${Number(a)};
          UPDATE audit_events SET chain_seq = sa WHERE id = ${Number(b)};
          UPDATE audit_events SET chain_seq = sb WHERE id = ${Number(a)};
        END $$`);
    };
    await swap();
    await recomputeHashesFrom(b!);
    try {
      expect(await databaseVerdict()).toEqual({ ok: true });
      // b now comes first: its MAC chains to a, not to the event now before it.
      expect(await verify()).toMatchObject({ ok: false, firstBrokenId: b });
    } finally {
      await swap();
      await recomputeHashesFrom(a!);
    }
    expect((await verify()).ok).toBe(true);
  });

  it('detects every MAC stripped to pass the keyed events off as events from before the anchoring', async () => {
    await owner.query(`CREATE TEMP TABLE saved_macs AS SELECT id, mac FROM audit_events`);
    await owner.query(
      `CREATE TEMP TABLE saved_head AS SELECT last_mac, anchored_from FROM audit_chain_head`,
    );
    await owner.query(`UPDATE audit_events SET mac = NULL`);
    await owner.query(`UPDATE audit_chain_head SET last_mac = NULL, anchored_from = NULL`);
    try {
      expect(await databaseVerdict()).toEqual({ ok: true });
      const v = await verify();
      expect(v.ok).toBe(false);
      expect(v.reason).toMatch(/检查点/);
    } finally {
      await owner.query(
        `UPDATE audit_events e SET mac = s.mac FROM saved_macs s WHERE s.id = e.id`,
      );
      await owner.query(
        `UPDATE audit_chain_head h SET last_mac = s.last_mac, anchored_from = s.anchored_from FROM saved_head s`,
      );
      await owner.query('DROP TABLE saved_macs, saved_head');
    }
    expect((await verify()).ok).toBe(true);
  });

  it('detects a checkpoint line changed or forged without the key', async () => {
    const files = readdirSync(checkpointDir).filter((f) => f.endsWith('.jsonl'));
    const file = join(checkpointDir, first(files.slice(-1)));
    const original = readFileSync(file, 'utf8');
    const lines = original.trimEnd().split('\n');
    const last = JSON.parse(first(lines.slice(-1))) as { seq: string };
    lines[lines.length - 1] = JSON.stringify({ ...last, seq: String(Number(last.seq) - 1) });
    writeFileSync(file, `${lines.join('\n')}\n`);
    try {
      const v = await verify();
      expect(v.ok).toBe(false);
      expect(v.reason).toMatch(/检查点/);
    } finally {
      writeFileSync(file, original);
    }
    expect((await verify()).ok).toBe(true);
  });

  // Last: this attack is not undone.
  it('(b) detects the newest events deleted and the head rewound, with the id sequence reset', async () => {
    const cp = await anchor();
    await verify(); // the AUDIT_ANCHOR event chained (and deleted below with the others)
    const ids = await keyedIds();
    const keep = ids[ids.indexOf(cp.seq) - 3];
    await owner.query('BEGIN');
    await owner.query(
      `DELETE FROM audit_events WHERE chain_seq > (SELECT chain_seq FROM audit_events WHERE id = $1)`,
      [keep],
    );
    await owner.query(
      `UPDATE audit_chain_head h SET last_id = e.id, last_hash = e.hash, last_mac = e.mac, last_seq = e.chain_seq
       FROM audit_events e WHERE e.id = $1`,
      [keep],
    );
    await owner.query(`SELECT setval('audit_events_id_seq', $1)`, [keep]);
    await owner.query('COMMIT');
    // The database's own check is fooled: the rewound chain is consistent with its head.
    expect(await databaseVerdict()).toEqual({ ok: true });
    // The earliest event a checkpoint names that is gone: one of the deleted ones.
    const deleted = (id: string | null): boolean =>
      Number(id) > Number(keep) && Number(id) <= Number(cp.seq);
    let v = await verify();
    expect(v.ok).toBe(false);
    expect(deleted(v.firstBrokenId)).toBe(true);
    expect(v.reason).toMatch(/检查点/);

    // New events now reuse the deleted ids, so the checkpoint's event exists again, with another MAC.
    const maxId = async (): Promise<number> =>
      Number(
        (await owner.query<{ n: string }>('SELECT max(id)::text AS n FROM audit_events')).rows.at(0)
          ?.n,
      );
    for (let i = 0; i < 10 && (await maxId()) < Number(cp.seq); i++)
      await signedIn(api.url, '3401-reviewer');
    const reused = await owner.query<{ mac: string }>(
      'SELECT mac FROM audit_events WHERE id = $1',
      [cp.seq],
    );
    expect(first(reused.rows).mac).not.toBe(cp.mac);
    v = await verify();
    expect(v.ok).toBe(false);
    expect(deleted(v.firstBrokenId)).toBe(true);
    expect(v.reason).toMatch(/检查点/);
  });
});

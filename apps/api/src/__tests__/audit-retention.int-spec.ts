import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { AuditKeyring, JobQueue, macGenesis } from '@sunshine/api/core';
import { AUDIT_VERIFY_JOB, AuditRetention } from '@sunshine/api/audit';
import {
  ApiClient,
  createTestDatabase,
  runServerUrl,
  first,
  signedIn,
  TEST_AUDIT_HMAC_KEY,
  type TestDatabase,
} from '@sunshine/testing';
import type { StartedApi } from '../bootstrap';
import { startTestApi, testJobSchema } from '../testing';

/**
 * Issue 14 item 3 (audit retention, export, nightly verification) and the job queue, on a
 * database of its own (these tests rewrite the chain's times and purge it).
 */

let db: TestDatabase;
let api: StartedApi;
let owner: Client;
let auditor: ApiClient;
let checkpointDir: string;
const keyring = new AuditKeyring(TEST_AUDIT_HMAC_KEY);

interface Verification {
  ok: boolean;
  checked: number;
  firstBrokenId: string | null;
  reason: string | null;
}

async function verify(): Promise<Verification> {
  const r = await auditor.request<{ verifyAuditTrail: Verification }>(
    '{ verifyAuditTrail { ok checked firstBrokenId reason } }',
  );
  if (!r.data) throw new Error(JSON.stringify(r.errors));
  return r.data.verifyAuditTrail;
}

function checkpointLines(): Array<Record<string, unknown>> {
  return readdirSync(checkpointDir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .flatMap((f) =>
      readFileSync(join(checkpointDir, f), 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => JSON.parse(l) as Record<string, unknown>),
    );
}

/**
 * What years of use would leave: every chained event moved `days` into the past, re-chained with
 * the installation's key (as if written then). Earlier checkpoints name the old MACs: removed.
 */
async function ageChain(days: number): Promise<number> {
  await verify(); // chains everything entered so far
  await owner.query('BEGIN');
  await owner.query(
    `UPDATE audit_events SET occurred_at = occurred_at - make_interval(days => $1) WHERE chain_seq IS NOT NULL`,
    [days],
  );
  await owner.query(`
    DO $$
    DECLARE r record; v_prev text := (SELECT base_hash FROM audit_chain_head);
    BEGIN
      FOR r IN SELECT * FROM audit_events WHERE chain_seq IS NOT NULL ORDER BY chain_seq LOOP
        UPDATE audit_events SET prev_hash = v_prev,
          hash = audit_hash(v_prev, r.id, r.occurred_at, r.user_id, r.username, r.organization_id,
                            r.action, r.target_type, r.target_id, r.result, r.ip, r.changes)
        WHERE id = r.id RETURNING hash INTO v_prev;
      END LOOP;
      UPDATE audit_chain_head SET last_hash = v_prev;
    END $$`);
  const { rows } = await owner.query<{
    id: string;
    at_us: string;
    user_id: string | null;
    username: string | null;
    organization_id: string | null;
    action: string;
    target_type: string | null;
    target_id: string | null;
    result: string;
    ip: string | null;
    changes: string | null;
    prev_hash: string;
    mac: string | null;
  }>(
    `SELECT id::text AS id, ((extract(epoch FROM occurred_at) * 1000000)::bigint)::text AS at_us,
            user_id, username, organization_id, action, target_type, target_id, result, ip,
            changes::text AS changes, prev_hash, mac
     FROM audit_events WHERE chain_seq IS NOT NULL ORDER BY chain_seq`,
  );
  let previous: string | null = null;
  for (const r of rows) {
    if (r.mac === null) continue; // before the keying: only in the sha256 chain
    const mac = keyring.mac(previous ?? macGenesis(r.prev_hash), {
      id: r.id,
      atUs: r.at_us,
      userId: r.user_id,
      username: r.username,
      organizationId: r.organization_id,
      action: r.action,
      targetType: r.target_type,
      targetId: r.target_id,
      result: r.result,
      ip: r.ip,
      changes: r.changes === null ? null : (JSON.parse(r.changes) as unknown),
    });
    await owner.query('UPDATE audit_events SET mac = $2 WHERE id = $1', [r.id, mac]);
    previous = mac;
  }
  await owner.query('UPDATE audit_chain_head SET last_mac = coalesce($1, last_mac)', [previous]);
  await owner.query('COMMIT');
  for (const f of readdirSync(checkpointDir)) rmSync(join(checkpointDir, f));
  return rows.length;
}

beforeAll(async () => {
  db = await createTestDatabase({ serverUrl: runServerUrl() });
  checkpointDir = mkdtempSync(join(tmpdir(), 'sunshine-audit-retention-'));
  api = await startTestApi({
    DATABASE_URL: db.ownerUrl,
    DATABASE_APP_URL: db.appUrl,
    AUDIT_CHECKPOINT_DIR: checkpointDir,
    AUDIT_RETENTION_DAYS: '365',
  });
  owner = new Client({ connectionString: db.ownerUrl });
  await owner.connect();
  auditor = await signedIn(api.url, '34-auditor');
  await signedIn(api.url, '3401-admin');
  await signedIn(api.url, '3401-editor');
});

afterAll(async () => {
  await owner?.end();
  await api?.app.close();
  await db?.drop();
  if (checkpointDir) rmSync(checkpointDir, { recursive: true, force: true });
});

describe('audit retention', () => {
  it('refuses, in the database, to purge events younger than the retention or to keep less than 180 days', async () => {
    await verify();
    const head = first(
      (await owner.query<{ s: string }>('SELECT last_seq::text AS s FROM audit_chain_head')).rows,
    ).s;
    await expect(owner.query('SELECT audit_purge($1, 365)', [head])).rejects.toThrow(
      /younger than the retention/,
    );
    await expect(owner.query('SELECT audit_purge($1, 30)', [head])).rejects.toThrow(
      /at least 180 days/,
    );
    // The application's own entry refuses a short retention before asking the database.
    await expect(api.app.get(AuditRetention).purge(179)).rejects.toThrow(/180/);
    expect((await verify()).ok).toBe(true);
  });

  it('purges only events older than the retention, after a signed checkpoint, and the chain verifies from the first kept event', async () => {
    const aged = await ageChain(400);
    expect((await verify()).ok).toBe(true);
    // Newer events, which the purge keeps.
    await signedIn(api.url, '340102-editor');
    await signedIn(api.url, '3401-reviewer');
    const result = await api.app.get(AuditRetention).purge();
    expect(result.deleted).toBe(aged);
    const purge = checkpointLines().filter((c) => c.reason === 'purge');
    expect(purge).toHaveLength(1);
    expect(first(purge).seq).toBe(result.throughId);
    const { rows } = await owner.query<{ old: number; purged: number }>(
      `SELECT count(*) FILTER (WHERE occurred_at < now() - interval '365 days')::int AS old,
              count(*) FILTER (WHERE action = 'AUDIT_PURGE')::int AS purged
       FROM audit_events`,
    );
    expect(first(rows)).toEqual({ old: 0, purged: 1 });
    const v = await verify();
    expect(v).toMatchObject({ ok: true, firstBrokenId: null });
    // A second run finds nothing old enough.
    expect((await api.app.get(AuditRetention).purge()).deleted).toBe(0);
  });

  it('detects events deleted at the start of the chain without a purge checkpoint', async () => {
    const { rows } = await owner.query<{
      id: string;
      chain_seq: string;
      hash: string;
      mac: string;
    }>(
      'SELECT id::text AS id, chain_seq::text AS chain_seq, hash, mac FROM audit_events ORDER BY chain_seq LIMIT 1',
    );
    const firstKept = first(rows);
    await owner.query('CREATE TEMP TABLE saved_first AS SELECT * FROM audit_events WHERE id = $1', [
      firstKept.id,
    ]);
    await owner.query('CREATE TEMP TABLE saved_base AS SELECT * FROM audit_chain_head');
    await owner.query('DELETE FROM audit_events WHERE id = $1', [firstKept.id]);
    await owner.query(
      'UPDATE audit_chain_head SET base_seq = $1, base_id = $2, base_hash = $3, base_mac = $4',
      [firstKept.chain_seq, firstKept.id, firstKept.hash, firstKept.mac],
    );
    try {
      const v = await verify();
      expect(v.ok).toBe(false);
      expect(v.reason).toMatch(/清理检查点/);
    } finally {
      await owner.query('INSERT INTO audit_events SELECT * FROM saved_first');
      await owner.query('DELETE FROM audit_chain_head');
      await owner.query('INSERT INTO audit_chain_head SELECT * FROM saved_base');
      await owner.query('DROP TABLE saved_first, saved_base');
    }
    expect((await verify()).ok).toBe(true);
  });

  it('exports the trail with its hashes as CSV and JSON for the audit administrator, and audits the export', async () => {
    const EXPORT =
      'mutation($i: AuditExportInput!) { exportAuditTrail(input: $i) { fileName contentType content count truncated } }';
    type Export = {
      exportAuditTrail: {
        fileName: string;
        contentType: string;
        content: string;
        count: number;
        truncated: boolean;
      };
    };
    const csv = await auditor.request<Export>(EXPORT, { i: { format: 'CSV' } });
    const file = csv.data?.exportAuditTrail;
    expect(file?.fileName).toMatch(/\.csv$/);
    const lines = (file?.content ?? '')
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(first(lines)).toBe(
      'seq,id,occurred_at,user_id,username,organization_id,action,target_type,target_id,result,ip,changes,prev_hash,hash,mac',
    );
    expect(lines.length - 1).toBe(file?.count);
    expect(lines.slice(1).every((l) => /,[0-9a-f]{64},[0-9a-f]{64},/.test(l))).toBe(true);

    const json = await auditor.request<Export>(EXPORT, { i: { format: 'JSON' } });
    const parsed = JSON.parse(json.data?.exportAuditTrail.content ?? '{}') as {
      events: Array<{ hash: string | null; mac: string | null; action: string }>;
    };
    expect(parsed.events.length).toBeGreaterThan(3);
    expect(parsed.events.some((e) => e.action === 'AUDIT_EXPORT')).toBe(true); // the CSV export's
    expect(
      parsed.events.filter((e) => e.hash !== null).every((e) => /^[0-9a-f]{64}$/.test(e.hash!)),
    ).toBe(true);
    const { rows } = await owner.query<{ changes: { format: string; count: number } }>(
      `SELECT changes FROM audit_events WHERE action = 'AUDIT_EXPORT' ORDER BY id`,
    );
    expect(rows.map((r) => r.changes.format)).toEqual(['CSV', 'JSON']);

    const admin = await signedIn(api.url, '34-admin');
    const refused = await admin.request(EXPORT, { i: { format: 'CSV' } });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await verify()).ok).toBe(true);
  });

  it('notifies the audit administrators when the nightly verification fails (and nobody else)', async () => {
    const { rows } = await owner.query<{ id: string; action: string }>(
      'SELECT id::text AS id, action FROM audit_events WHERE chain_seq IS NOT NULL ORDER BY chain_seq OFFSET 2 LIMIT 1',
    );
    const target = first(rows);
    await owner.query(`UPDATE audit_events SET action = 'HIDDEN' WHERE id = $1`, [target.id]);
    try {
      const verdict = await api.app.get(AuditRetention).verifyAndAlert();
      expect(verdict).toMatchObject({ ok: false, firstBrokenId: target.id });
    } finally {
      await owner.query(`UPDATE audit_events SET action = $2 WHERE id = $1`, [
        target.id,
        target.action,
      ]);
    }
    type Page = { unread: number; items: Array<{ id: string; kind: string; title: string }> };
    const mine = await auditor.request<{ auditAlerts: Page }>(
      '{ auditAlerts { unread items { id kind title } } }',
    );
    if (!mine.data) throw new Error(JSON.stringify(mine.errors));
    expect(mine.data.auditAlerts.items).toEqual([
      expect.objectContaining({ kind: 'AUDIT_ALERT', title: '审计日志完整性校验未通过' }),
    ]);
    expect(mine.data.auditAlerts.unread).toBe(1);
    // Business roles never see it; the audit administrator still reads no business notification.
    const admin = await signedIn(api.url, '34-admin');
    const theirs = await admin.request<{ notifications: Page }>(
      '{ notifications(filter: { limit: 200 }) { unread items { id kind title } } }',
    );
    expect(theirs.data?.notifications.items.some((n) => n.kind === 'AUDIT_ALERT')).toBe(false);
    expect((await admin.request('{ auditAlerts { total } }')).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect(
      (await auditor.request('{ notifications { total } }')).errors?.[0]?.extensions?.code,
    ).toBe('FORBIDDEN');
    const marked = await auditor.request<{ markAuditAlertsRead: number }>(
      'mutation { markAuditAlertsRead(input: {}) }',
    );
    expect(marked.data?.markAuditAlertsRead).toBe(1);
    // Intact again: the next run sends nothing.
    expect(await api.app.get(AuditRetention).verifyAndAlert()).toMatchObject({ ok: true });
  });

  it('runs the verification on the job queue (pg-boss on the runtime role), and reports its depth', async () => {
    const jobs = api.app.get(JobQueue);
    expect(jobs.running).toBe(true);
    const before = (await jobs.stats()).find((s) => s.name === AUDIT_VERIFY_JOB);
    expect(before).toBeDefined();
    await jobs.send(AUDIT_VERIFY_JOB, {});
    const deadline = Date.now() + 20_000;
    let done = 0;
    while (Date.now() < deadline) {
      done =
        (await jobs.stats()).find((s) => s.name === AUDIT_VERIFY_JOB)?.completedSinceStart ?? 0;
      if (done > (before?.completedSinceStart ?? 0)) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(done).toBe((before?.completedSinceStart ?? 0) + 1);
    // The runtime role works the queue but owns none of its tables.
    const owned = await owner.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = $2 AND tableowner = $1`,
      [decodeURIComponent(new URL(db.appUrl).username), testJobSchema],
    );
    expect(first(owned.rows).n).toBe(0);
  });

  // Last: the forged event stays.
  it('never chains an event inserted without the key, and verification reports it', async () => {
    await owner.query(
      `INSERT INTO audit_events(id, occurred_at, username, action, result, entry_mac)
       VALUES (nextval('audit_events_id_seq'), now(), 'forger', 'FORGED', 'SUCCESS', $1)`,
      [`${keyring.currentKeyId}:${'0'.repeat(64)}`],
    );
    const v = await verify();
    expect(v.ok).toBe(false);
    expect(v.reason).toMatch(/没有有效的密钥签名/);
    const { rows } = await owner.query<{ q: boolean; s: string | null }>(
      `SELECT quarantined AS q, chain_seq::text AS s FROM audit_events WHERE action = 'FORGED'`,
    );
    expect(first(rows)).toEqual({ q: true, s: null });
  });
});

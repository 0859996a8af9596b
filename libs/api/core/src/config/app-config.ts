import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { MIN_AUDIT_KEY_LENGTH } from '../audit/audit-keys';

/** Every setting the API reads from the environment, parsed and checked once (docs/operations.md). */
export interface AppConfig {
  nodeEnv: string;
  production: boolean;
  port: number;
  /** Owner connection: migrations, role setup. */
  databaseUrl: string;
  /** Runtime connection as the restricted role; derived when unset. */
  databaseAppUrl?: string;
  databaseAppRole?: string;
  databasePoolSize: number;
  /** Longest a statement of the runtime role may run before PostgreSQL cancels it, in ms. */
  statementTimeoutMs: number;
  jwtSecret: string;
  accessTokenSeconds: number;
  refreshTokenDays: number;
  idleTimeoutMinutes: number;
  cookieSecure: boolean;
  demo: boolean;
  /** Folder of the built dashboard to serve in one-process mode, if any. */
  dashboardDir?: string;
  trustProxy: boolean;
  /** Fixed business clock (SUNSHINE_CLOCK), for stable demo data and tests. */
  clock: Date | null;
  /** Largest evidence file accepted, in bytes. */
  maxUploadBytes: number;
  /** Anchoring of the audit chain outside the database (docs/operations.md, "Audit key"). */
  audit: AuditAnchorConfig;
  /** SEED_PROVINCE: the province an empty database is seeded with (two-digit code). */
  seedProvince: string;
  /** LOG_LEVEL: the least severe level printed (`debug` shows the framework's start-up lines). */
  logLevel: LogLevelName;
  /** LOG_FORMAT: JSON lines (production default) or readable lines (development default). */
  logFormat: 'json' | 'pretty';
  /** METRICS_TOKEN: bearer token for /metrics; without it /metrics answers loopback callers only. */
  metricsToken?: string;
  /** SHUTDOWN_TIMEOUT_MS: how long SIGTERM waits for in-flight requests before closing them. */
  shutdownTimeoutMs: number;
  /** PASSWORD_MAX_AGE_DAYS: a password older than this must be changed at sign-in (0: never). */
  passwordMaxAgeDays: number;
  /** The second factor (TOTP) at sign-in. */
  secondFactor: SecondFactorConfig;
  /** The link checker (docs/operations.md, "Link checks"). */
  linkCheck: LinkCheckConfig;
  /**
   * JOB_QUEUE_SCHEMA: the PostgreSQL schema of the job queue (default `pgboss`). Instances that
   * share a schema share the work; a separate schema gives a separate queue on the same database.
   */
  jobQueueSchema: string;
  /** Training reminders (docs/operations.md, "Training reminders"). */
  training: TrainingReminderConfig;
}

export interface TrainingReminderConfig {
  /** TRAINING_REMINDER_DAYS: invited bureaus are reminded this many days before the registration deadline (1–60). */
  reminderDays: number;
  /** TRAINING_REMINDER_CRON: when the daily training reminders run (cron, Asia/Shanghai). */
  cron: string;
}

export interface SecondFactorConfig {
  /**
   * SECOND_FACTOR_ENFORCE: accounts that need a second factor and have none must enrol at
   * sign-in. Default: on in production unless DEMO is on. Enrolled accounts always give a code.
   */
  enforce: boolean;
  /** SECOND_FACTOR_FOR: `privileged` (ADMIN, SECURITY_ADMIN, AUDITOR; default) or `all`. */
  scope: 'privileged' | 'all';
  /** SECOND_FACTOR_KEY: encrypts the TOTP secrets at rest; required in production. */
  key?: string;
  /** Without SECOND_FACTOR_KEY (development, demo): a key generated on first start, kept here. */
  keyFile: string;
}

export interface LinkCheckConfig {
  /**
   * LINK_CHECK_ALLOW: host names, addresses and CIDR ranges the checker may fetch although they
   * are private or loopback (tests, the demo's local pages). Empty in production installations.
   */
  allow: string[];
  /** LINK_CHECK_CRON: when the scheduled re-check of every link runs (cron, Asia/Shanghai). */
  cron: string;
  /** LINK_CHECK_CONCURRENCY: checks running at once per instance (1–32). */
  concurrency: number;
  /** LINK_CHECK_TIMEOUT_MS: the longest one check (all redirects and the body) may take. */
  timeoutMs: number;
  /** LINK_CHECK_MAX_KB: body bytes read per check; the rest is cut off. */
  maxBytes: number;
  /** LINK_CHECK_MAX_AGE_HOURS: the schedule re-checks links last checked longer ago than this. */
  maxAgeHours: number;
  /**
   * Origins of the app itself the checker may fetch although they are loopback: in demo mode
   * only (the demo's local "bureau website" at /demo-site), exactly this port; empty otherwise.
   */
  ownOrigins: string[];
}

/** The app's own address as it announces it (`http://localhost:PORT`, as startApi answers). */
export function ownOrigin(port: number): string {
  return `http://localhost:${port}`;
}

export interface AuditAnchorConfig {
  /** AUDIT_HMAC_KEY: the secret that keys the chain; required in production. */
  hmacKey?: string;
  /** AUDIT_HMAC_RETIRED_KEYS: earlier secrets, kept only to verify the events they keyed. */
  retiredKeys: string[];
  /** Without AUDIT_HMAC_KEY (development, demo): a secret generated on first start, kept here. */
  keyFile: string;
  /** AUDIT_CHECKPOINT_DIR: where signed checkpoints of the chain head are appended. */
  checkpointDir: string;
  /** AUDIT_CHECKPOINT_MINUTES: scheduled checkpoints (0: none). */
  checkpointMinutes: number;
  /** AUDIT_CHAIN_INTERVAL_MS: how often the chainer chains entered events (0: only on flush). */
  chainIntervalMs: number;
  /** AUDIT_RETENTION_DAYS: events are kept this long (default 3 years; never below 180 days). */
  retentionDays: number;
  /** AUDIT_PURGE_CRON: when the retention job runs (cron, server time zone). */
  purgeCron: string;
  /** AUDIT_VERIFY_CRON: when the nightly verification runs. */
  verifyCron: string;
}

/** 网络安全法 第21条: network logs are kept at least six months. */
export const MIN_AUDIT_RETENTION_DAYS = 180;
export const DEFAULT_AUDIT_RETENTION_DAYS = 3 * 365;

const CRON = /^(\S+\s+){4}\S+$/;

/** Log levels, most to least severe (pino's names). */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];

/**
 * Every environment variable the API and `npm start` read, with its default as documented in
 * docs/operations.md ("Configuration"; a unit test keeps the two in step).
 */
export const CONFIG_VARIABLES = [
  'NODE_ENV',
  'PORT',
  'DATABASE_URL',
  'DATABASE_APP_URL',
  'DATABASE_APP_ROLE',
  'DATABASE_POOL_SIZE',
  'STATEMENT_TIMEOUT_MS',
  'JWT_SECRET',
  'ACCESS_TOKEN_SECONDS',
  'REFRESH_TOKEN_DAYS',
  'IDLE_TIMEOUT_MINUTES',
  'COOKIE_SECURE',
  'DEMO',
  'DASHBOARD_DIR',
  'TRUST_PROXY',
  'SUNSHINE_CLOCK',
  'MAX_UPLOAD_MB',
  'SUNSHINE_DATA_DIR',
  'AUDIT_HMAC_KEY',
  'AUDIT_HMAC_RETIRED_KEYS',
  'AUDIT_HMAC_KEY_FILE',
  'AUDIT_CHECKPOINT_DIR',
  'AUDIT_CHECKPOINT_MINUTES',
  'SEED_PROVINCE',
  'LOG_LEVEL',
  'LOG_FORMAT',
  'METRICS_TOKEN',
  'SHUTDOWN_TIMEOUT_MS',
  'EMBEDDED_PG_PORT',
  'PASSWORD_MAX_AGE_DAYS',
  'SECOND_FACTOR_ENFORCE',
  'SECOND_FACTOR_FOR',
  'SECOND_FACTOR_KEY',
  'SECOND_FACTOR_KEY_FILE',
  'AUDIT_CHAIN_INTERVAL_MS',
  'AUDIT_RETENTION_DAYS',
  'AUDIT_PURGE_CRON',
  'AUDIT_VERIFY_CRON',
  'LINK_CHECK_ALLOW',
  'LINK_CHECK_CRON',
  'LINK_CHECK_CONCURRENCY',
  'LINK_CHECK_TIMEOUT_MS',
  'LINK_CHECK_MAX_KB',
  'LINK_CHECK_MAX_AGE_HOURS',
  'TRAINING_REMINDER_DAYS',
  'TRAINING_REMINDER_CRON',
  'JOB_QUEUE_SCHEMA',
] as const;

/** Variables whose values are never echoed in a configuration error. */
const SECRET_VARIABLES = new Set([
  'JWT_SECRET',
  'AUDIT_HMAC_KEY',
  'AUDIT_HMAC_RETIRED_KEYS',
  'METRICS_TOKEN',
  'SECOND_FACTOR_KEY',
  'DATABASE_URL',
  'DATABASE_APP_URL',
]);

/** Every problem found in the environment at once, each naming its variable. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      `配置有误（共 ${problems.length} 项，各变量的说明见 docs/operations.md「Configuration」）：\n` +
        problems.map((p) => `  - ${p}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}

/** Reads variables, collecting a message for each invalid one instead of stopping at the first. */
class EnvReader {
  readonly problems: string[] = [];

  constructor(private readonly env: NodeJS.ProcessEnv) {}

  raw(name: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  }

  fail(name: string, expected: string): void {
    const value = this.env[name];
    const shown =
      value === undefined || value === ''
        ? '未设置'
        : SECRET_VARIABLES.has(name)
          ? '当前值已隐藏'
          : `当前为 "${value.length > 60 ? `${value.slice(0, 60)}…` : value}"`;
    this.problems.push(`${name} 应为${expected}（${shown}）`);
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const n = /^-?\d+$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      this.fail(name, ` ${min}–${max} 之间的整数`);
      return fallback;
    }
    return n;
  }

  /** A number that may have a fraction (e.g. minutes: 0.5). */
  num(name: string, fallback: number, min: number, max: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const n = /^\d+(\.\d+)?$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isFinite(n) || n < min || n > max) {
      this.fail(name, ` ${min}–${max} 之间的数`);
      return fallback;
    }
    return n;
  }

  bool(name: string, fallback: boolean): boolean {
    const value = this.raw(name)?.toLowerCase();
    if (value === undefined) return fallback;
    if (['1', 'true', 'yes', 'on'].includes(value)) return true;
    if (['0', 'false', 'no', 'off'].includes(value)) return false;
    this.fail(name, ' true 或 false');
    return fallback;
  }

  /** A five-field cron expression (server time zone). */
  cron(name: string, fallback: string): string {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (CRON.test(value)) return value;
    this.fail(name, '五段式 cron 表达式，如 "15 3 * * *"');
    return fallback;
  }

  oneOf<T extends string>(name: string, values: readonly T[], fallback: T): T {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if ((values as readonly string[]).includes(value)) return value as T;
    this.fail(name, `以下之一：${values.join('、')}`);
    return fallback;
  }

  databaseUrl(name: string): string | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    try {
      const url = new URL(value);
      if (url.protocol === 'postgres:' || url.protocol === 'postgresql:') return value;
    } catch {
      // reported below
    }
    this.fail(name, 'PostgreSQL 连接串，如 postgres://用户@主机:5432/数据库');
    return undefined;
  }

  secret(name: string, minLength: number, required: boolean, why: string): string | undefined {
    const value = this.raw(name);
    if (value === undefined) {
      if (required) this.fail(name, `至少 ${minLength} 个字符的密钥（${why}）`);
      return undefined;
    }
    if (value.length < minLength) {
      this.fail(name, `至少 ${minLength} 个字符的密钥`);
      return undefined;
    }
    return value;
  }
}

function parseClock(reader: EnvReader): Date | null {
  const value = reader.raw('SUNSHINE_CLOCK');
  if (!value) return null;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) {
    reader.fail('SUNSHINE_CLOCK', ' ISO 8601 时间，如 2025-05-20T10:00:00+08:00');
    return null;
  }
  return d;
}

/**
 * Reads and checks every variable (CONFIG_VARIABLES). Throws one ConfigError naming each invalid
 * variable and what it expects, so that an operator fixes them all in one go.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const r = new EnvReader(env);
  const nodeEnv = r.oneOf('NODE_ENV', ['development', 'production', 'test'], 'development');
  const production = nodeEnv === 'production';
  const databaseUrl = r.databaseUrl('DATABASE_URL');
  if (databaseUrl === undefined && r.raw('DATABASE_URL') === undefined) {
    r.fail(
      'DATABASE_URL',
      'PostgreSQL 连接串（npm start 在未设置时使用内置数据库；直接运行 API 时必须设置）',
    );
  }
  const appRole = r.raw('DATABASE_APP_ROLE');
  if (appRole !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(appRole)) {
    r.fail('DATABASE_APP_ROLE', '小写字母、数字和下划线组成的角色名');
  }
  const jwtSecret = r.secret('JWT_SECRET', 16, production, '生产环境必须设置，各实例相同');
  // A key file next to the data would sit on the same host as the database it guards.
  const auditKey = r.secret(
    'AUDIT_HMAC_KEY',
    MIN_AUDIT_KEY_LENGTH,
    production,
    '生产环境必须设置，见 docs/operations.md「Audit key and checkpoints」',
  );
  const seedProvince = r.raw('SEED_PROVINCE');
  if (seedProvince !== undefined && !/^\d{2}$/.test(seedProvince)) {
    r.fail('SEED_PROVINCE', '两位省级行政区划代码，如 34（安徽）、32（江苏）');
  }
  const metricsToken = r.secret('METRICS_TOKEN', 16, false, '');
  const demo = r.bool('DEMO', !production);
  const secondFactorKey = r.secret(
    'SECOND_FACTOR_KEY',
    32,
    production,
    '生产环境必须设置（加密两步验证密钥），见 docs/operations.md',
  );
  // Read here only to be checked with the rest: `npm start` uses it for the embedded database.
  r.int('EMBEDDED_PG_PORT', 54329, 1, 65535);
  const port = r.int('PORT', 3000, 0, 65535);
  const config: AppConfig = {
    nodeEnv,
    production,
    port,
    databaseUrl: databaseUrl ?? '',
    databaseAppUrl: r.databaseUrl('DATABASE_APP_URL'),
    databaseAppRole: appRole,
    databasePoolSize: r.int('DATABASE_POOL_SIZE', 20, 1, 1000),
    statementTimeoutMs: r.int('STATEMENT_TIMEOUT_MS', 15_000, 100, 3_600_000),
    // Without a configured secret, tokens are valid for this process only.
    jwtSecret: jwtSecret ?? randomBytes(32).toString('hex'),
    accessTokenSeconds: r.int('ACCESS_TOKEN_SECONDS', 300, 10, 86_400),
    refreshTokenDays: r.int('REFRESH_TOKEN_DAYS', 7, 1, 365),
    idleTimeoutMinutes: r.int('IDLE_TIMEOUT_MINUTES', 30, 1, 1440),
    cookieSecure: r.bool('COOKIE_SECURE', production),
    demo,
    dashboardDir: r.raw('DASHBOARD_DIR'),
    trustProxy: r.bool('TRUST_PROXY', false),
    clock: parseClock(r),
    maxUploadBytes: r.int('MAX_UPLOAD_MB', 20, 1, 1024) * 1024 * 1024,
    audit: readAuditAnchorConfig(r, auditKey),
    seedProvince: seedProvince ?? '34',
    logLevel: r.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    logFormat: r.oneOf('LOG_FORMAT', ['json', 'pretty'], production ? 'json' : 'pretty'),
    metricsToken,
    shutdownTimeoutMs: r.int('SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
    passwordMaxAgeDays: r.int('PASSWORD_MAX_AGE_DAYS', 90, 0, 3650),
    secondFactor: {
      enforce: r.bool('SECOND_FACTOR_ENFORCE', production && !demo),
      scope: r.oneOf('SECOND_FACTOR_FOR', ['privileged', 'all'], 'privileged'),
      key: secondFactorKey,
      keyFile:
        r.raw('SECOND_FACTOR_KEY_FILE') ??
        join(r.raw('SUNSHINE_DATA_DIR') ?? join(process.cwd(), '.data'), 'second-factor.key'),
    },
    linkCheck: readLinkCheckConfig(r, demo ? port : null),
    jobQueueSchema: readJobQueueSchema(r),
    training: {
      reminderDays: r.int('TRAINING_REMINDER_DAYS', 3, 1, 60),
      cron: r.cron('TRAINING_REMINDER_CRON', '0 8 * * *'),
    },
  };
  if (r.problems.length > 0) throw new ConfigError(r.problems);
  return config;
}

function readJobQueueSchema(r: EnvReader): string {
  const value = r.raw('JOB_QUEUE_SCHEMA');
  if (value === undefined) return 'pgboss';
  // Not `public` and not a schema of the application's tables: the queue's tables carry no RLS.
  if (/^[a-z_][a-z0-9_]{0,62}$/.test(value) && !['public', 'pg_catalog'].includes(value)) {
    return value;
  }
  r.fail('JOB_QUEUE_SCHEMA', '小写字母、数字和下划线组成的模式名（不能是 public），如 pgboss');
  return 'pgboss';
}

function readLinkCheckConfig(r: EnvReader, demoPort: number | null = null): LinkCheckConfig {
  return {
    ownOrigins: demoPort ? [ownOrigin(demoPort), `http://127.0.0.1:${demoPort}`] : [],
    allow: (r.raw('LINK_CHECK_ALLOW') ?? '')
      .split(',')
      .map((x) => x.trim())
      .filter((x) => x !== ''),
    cron: r.cron('LINK_CHECK_CRON', '0 3 * * *'),
    concurrency: r.int('LINK_CHECK_CONCURRENCY', 4, 1, 32),
    timeoutMs: r.int('LINK_CHECK_TIMEOUT_MS', 10_000, 500, 120_000),
    maxBytes: r.int('LINK_CHECK_MAX_KB', 1024, 16, 20 * 1024) * 1024,
    maxAgeHours: r.int('LINK_CHECK_MAX_AGE_HOURS', 20, 1, 24 * 30),
  };
}

/** The link checker's settings alone (tests and tools that build a checker without the app). */
export function linkCheckConfig(env: NodeJS.ProcessEnv = process.env): LinkCheckConfig {
  const r = new EnvReader(env);
  const config = readLinkCheckConfig(r);
  if (r.problems.length > 0) throw new ConfigError(r.problems);
  return config;
}

function readAuditAnchorConfig(r: EnvReader, hmacKey: string | undefined): AuditAnchorConfig {
  const dataDir = r.raw('SUNSHINE_DATA_DIR') ?? join(process.cwd(), '.data');
  return {
    hmacKey,
    retiredKeys: (r.raw('AUDIT_HMAC_RETIRED_KEYS') ?? '')
      .split(',')
      .map((k) => k.trim())
      .filter((k) => k !== ''),
    keyFile: r.raw('AUDIT_HMAC_KEY_FILE') ?? join(dataDir, 'audit-hmac.key'),
    checkpointDir: r.raw('AUDIT_CHECKPOINT_DIR') ?? join(dataDir, 'audit-checkpoints'),
    checkpointMinutes: r.num('AUDIT_CHECKPOINT_MINUTES', 60, 0, 10_080),
    chainIntervalMs: r.int('AUDIT_CHAIN_INTERVAL_MS', 200, 0, 60_000),
    retentionDays: r.int(
      'AUDIT_RETENTION_DAYS',
      DEFAULT_AUDIT_RETENTION_DAYS,
      MIN_AUDIT_RETENTION_DAYS,
      36_500,
    ),
    purgeCron: r.cron('AUDIT_PURGE_CRON', '15 3 * * *'),
    verifyCron: r.cron('AUDIT_VERIFY_CRON', '30 2 * * *'),
  };
}

/**
 * The audit key and checkpoint settings (also read by the seed tool, which keys its events with
 * the installation's key). The data folder is `.data` under the working directory unless
 * SUNSHINE_DATA_DIR names another.
 */
export function auditAnchorConfig(env: NodeJS.ProcessEnv = process.env): AuditAnchorConfig {
  const r = new EnvReader(env);
  const config = readAuditAnchorConfig(r, r.raw('AUDIT_HMAC_KEY'));
  if (r.problems.length > 0) throw new ConfigError(r.problems);
  return config;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

/** Every setting the API reads from the environment, parsed once. Documented in README. */
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
  /** The link checker (docs/operations.md, "Link checks"). */
  linkCheck: LinkCheckConfig;
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

function bool(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  return ['1', 'true', 'yes', 'on'].includes(value.toLowerCase());
}

function int(value: string | undefined, fallback: number): number {
  const n = value ? Number.parseInt(value, 10) : Number.NaN;
  return Number.isFinite(n) ? n : fallback;
}

function parseClock(value: string | undefined): Date | null {
  if (!value) return null;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw new Error(`SUNSHINE_CLOCK is not a date: ${value}`);
  return d;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const nodeEnv = env.NODE_ENV ?? 'development';
  const production = nodeEnv === 'production';
  if (!env.DATABASE_URL) {
    throw new Error(
      'DATABASE_URL is not set (npm start provides an embedded PostgreSQL when it is unset)',
    );
  }
  if (production && !env.JWT_SECRET) {
    throw new Error('JWT_SECRET must be set in production');
  }
  if (production && !env.AUDIT_HMAC_KEY) {
    // A key file next to the data would sit on the same host as the database it guards.
    throw new Error('AUDIT_HMAC_KEY must be set in production (see docs/operations.md)');
  }
  return {
    nodeEnv,
    production,
    port: int(env.PORT, 3000),
    databaseUrl: env.DATABASE_URL,
    databaseAppUrl: env.DATABASE_APP_URL || undefined,
    databaseAppRole: env.DATABASE_APP_ROLE || undefined,
    databasePoolSize: int(env.DATABASE_POOL_SIZE, 20),
    statementTimeoutMs: Math.max(100, int(env.STATEMENT_TIMEOUT_MS, 15_000)),
    // Without a configured secret, tokens are valid for this process only.
    jwtSecret: env.JWT_SECRET || randomBytes(32).toString('hex'),
    accessTokenSeconds: int(env.ACCESS_TOKEN_SECONDS, 300),
    refreshTokenDays: int(env.REFRESH_TOKEN_DAYS, 7),
    idleTimeoutMinutes: int(env.IDLE_TIMEOUT_MINUTES, 30),
    cookieSecure: bool(env.COOKIE_SECURE, production),
    demo: bool(env.DEMO, !production),
    dashboardDir: env.DASHBOARD_DIR || undefined,
    trustProxy: bool(env.TRUST_PROXY, false),
    clock: parseClock(env.SUNSHINE_CLOCK),
    maxUploadBytes: int(env.MAX_UPLOAD_MB, 20) * 1024 * 1024,
    audit: auditAnchorConfig(env),
    linkCheck: linkCheckConfig(env),
  };
}

export function linkCheckConfig(env: NodeJS.ProcessEnv = process.env): LinkCheckConfig {
  const bounded = (name: string, fallback: number, min: number, max: number): number => {
    const raw = (env[name] ?? '').trim();
    const n = raw ? Number(raw) : fallback;
    if (!Number.isInteger(n) || n < min || n > max)
      throw new Error(`${name} must be a whole number from ${min} to ${max}: ${raw}`);
    return n;
  };
  const cron = (env.LINK_CHECK_CRON ?? '').trim() || '0 3 * * *';
  if (!CRON.test(cron))
    throw new Error(`LINK_CHECK_CRON is not a cron expression of five fields: ${cron}`);
  return {
    allow: (env.LINK_CHECK_ALLOW ?? '')
      .split(',')
      .map((x) => x.trim())
      .filter((x) => x !== ''),
    cron,
    concurrency: bounded('LINK_CHECK_CONCURRENCY', 4, 1, 32),
    timeoutMs: bounded('LINK_CHECK_TIMEOUT_MS', 10_000, 500, 120_000),
    maxBytes: bounded('LINK_CHECK_MAX_KB', 1024, 16, 20 * 1024) * 1024,
    maxAgeHours: bounded('LINK_CHECK_MAX_AGE_HOURS', 20, 1, 24 * 30),
  };
}

/**
 * The audit key and checkpoint settings (also read by the seed tool, which keys its events with
 * the installation's key). The data folder is `.data` under the working directory unless
 * SUNSHINE_DATA_DIR names another.
 */
export function auditAnchorConfig(env: NodeJS.ProcessEnv = process.env): AuditAnchorConfig {
  const dataDir = env.SUNSHINE_DATA_DIR || join(process.cwd(), '.data');
  const checkpointMinutes = env.AUDIT_CHECKPOINT_MINUTES
    ? Number(env.AUDIT_CHECKPOINT_MINUTES)
    : 60;
  if (!Number.isFinite(checkpointMinutes) || checkpointMinutes < 0) {
    throw new Error(
      `AUDIT_CHECKPOINT_MINUTES is not a number of minutes: ${env.AUDIT_CHECKPOINT_MINUTES}`,
    );
  }
  const chainIntervalMs = env.AUDIT_CHAIN_INTERVAL_MS ? Number(env.AUDIT_CHAIN_INTERVAL_MS) : 200;
  if (!Number.isInteger(chainIntervalMs) || chainIntervalMs < 0) {
    throw new Error(
      `AUDIT_CHAIN_INTERVAL_MS is not a whole number of milliseconds: ${env.AUDIT_CHAIN_INTERVAL_MS}`,
    );
  }
  const retentionDays = env.AUDIT_RETENTION_DAYS
    ? Number(env.AUDIT_RETENTION_DAYS)
    : DEFAULT_AUDIT_RETENTION_DAYS;
  if (!Number.isInteger(retentionDays) || retentionDays < MIN_AUDIT_RETENTION_DAYS) {
    throw new Error(
      `AUDIT_RETENTION_DAYS must be a whole number of days, at least ${MIN_AUDIT_RETENTION_DAYS} (网络安全法 第21条): ${env.AUDIT_RETENTION_DAYS}`,
    );
  }
  const cron = (name: string, fallback: string): string => {
    const value = (env[name] ?? '').trim() || fallback;
    if (!CRON.test(value)) {
      throw new Error(`${name} is not a cron expression of five fields: ${value}`);
    }
    return value;
  };
  return {
    chainIntervalMs,
    retentionDays,
    purgeCron: cron('AUDIT_PURGE_CRON', '15 3 * * *'),
    verifyCron: cron('AUDIT_VERIFY_CRON', '30 2 * * *'),
    hmacKey: env.AUDIT_HMAC_KEY || undefined,
    retiredKeys: (env.AUDIT_HMAC_RETIRED_KEYS ?? '')
      .split(',')
      .map((k) => k.trim())
      .filter((k) => k !== ''),
    keyFile: env.AUDIT_HMAC_KEY_FILE || join(dataDir, 'audit-hmac.key'),
    checkpointDir: env.AUDIT_CHECKPOINT_DIR || join(dataDir, 'audit-checkpoints'),
    checkpointMinutes,
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');

import { randomBytes } from 'node:crypto';

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
}

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
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');

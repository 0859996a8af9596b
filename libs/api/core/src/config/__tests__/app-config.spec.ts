import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_VARIABLES, ConfigError, loadConfig } from '../app-config';

describe('loadConfig', () => {
  it('has no setting that switches the code-level tenant checks off', () => {
    const env = {
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://owner@localhost/sunshine',
      JWT_SECRET: 'a-production-secret',
      AUDIT_HMAC_KEY: 'a-production-audit-key-0123456789abcdef',
      SECOND_FACTOR_KEY: 'a-production-second-factor-key-0123456789',
      TENANCY_CODE_CHECKS: 'false',
    };
    const config = loadConfig(env);
    expect(config.production).toBe(true);
    // The former variable is not read: the configuration is the same with or without it.
    const { TENANCY_CODE_CHECKS: _ignored, ...without } = env;
    expect({ ...config, jwtSecret: '' }).toEqual({ ...loadConfig(without), jwtSecret: '' });
    expect(Object.keys(config).filter((k) => /tenan/i.test(k))).toEqual([]);
  });

  it('requires the audit key in production, and keeps it and the checkpoints out of the database', () => {
    const env = {
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://owner@localhost/sunshine',
      JWT_SECRET: 'a-production-secret',
    };
    expect(() => loadConfig(env)).toThrow(/AUDIT_HMAC_KEY/);
    const dev = loadConfig({ DATABASE_URL: env.DATABASE_URL, SUNSHINE_DATA_DIR: '/srv/sunshine' });
    expect(dev.audit).toEqual({
      hmacKey: undefined,
      retiredKeys: [],
      keyFile: '/srv/sunshine/audit-hmac.key',
      checkpointDir: '/srv/sunshine/audit-checkpoints',
      checkpointMinutes: 60,
      chainIntervalMs: 200,
      retentionDays: 1095,
      purgeCron: '15 3 * * *',
      verifyCron: '30 2 * * *',
    });
  });

  it('keeps audit events at least 180 days (网络安全法 第21条), three years by default', () => {
    const base = { DATABASE_URL: 'postgres://owner@localhost/sunshine' };
    expect(loadConfig(base).audit.retentionDays).toBe(3 * 365);
    expect(loadConfig({ ...base, AUDIT_RETENTION_DAYS: '180' }).audit.retentionDays).toBe(180);
    for (const bad of ['179', '30', '0', '-1', 'abc', '200.5']) {
      expect(() => loadConfig({ ...base, AUDIT_RETENTION_DAYS: bad })).toThrow(
        /AUDIT_RETENTION_DAYS.*180/,
      );
    }
    expect(() => loadConfig({ ...base, AUDIT_PURGE_CRON: 'every night' })).toThrow(
      /AUDIT_PURGE_CRON/,
    );
  });
  it('second factor: enforced in production, not in the demo; its key required in production', () => {
    const prod = {
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://owner@localhost/sunshine',
      JWT_SECRET: 'a-production-secret',
      AUDIT_HMAC_KEY: 'a-production-audit-key-0123456789abcdef',
    };
    expect(() => loadConfig(prod)).toThrow(/SECOND_FACTOR_KEY/);
    const key = 'a-production-second-factor-key-0123456789';
    const config = loadConfig({ ...prod, SECOND_FACTOR_KEY: key });
    expect(config.secondFactor).toMatchObject({ enforce: true, scope: 'privileged', key });
    expect(config.passwordMaxAgeDays).toBe(90);
    expect(loadConfig({ ...prod, SECOND_FACTOR_KEY: key, DEMO: 'true' }).secondFactor.enforce).toBe(
      false,
    );
    const dev = loadConfig({ DATABASE_URL: prod.DATABASE_URL, SUNSHINE_DATA_DIR: '/srv/s' });
    expect(dev.secondFactor).toEqual({
      enforce: false,
      scope: 'privileged',
      key: undefined,
      keyFile: '/srv/s/second-factor.key',
    });
    expect(() => loadConfig({ ...prod, SECOND_FACTOR_KEY: 'short' })).toThrow(/32/);
    expect(() =>
      loadConfig({ ...prod, SECOND_FACTOR_KEY: key, SECOND_FACTOR_FOR: 'admins' }),
    ).toThrow(/SECOND_FACTOR_FOR/);
    expect(
      loadConfig({ ...prod, SECOND_FACTOR_KEY: key, PASSWORD_MAX_AGE_DAYS: '0' })
        .passwordMaxAgeDays,
    ).toBe(0);
    expect(() =>
      loadConfig({ ...prod, SECOND_FACTOR_KEY: key, PASSWORD_MAX_AGE_DAYS: 'ninety' }),
    ).toThrow(/PASSWORD_MAX_AGE_DAYS/);
  });
});

describe('configuration checks', () => {
  const base = { DATABASE_URL: 'postgres://owner@localhost/sunshine' };

  it('names every invalid variable and what it expects, in one message, without echoing secrets', () => {
    let error: unknown;
    try {
      loadConfig({
        ...base,
        NODE_ENV: 'prod',
        PORT: 'eighty',
        DATABASE_POOL_SIZE: '0',
        COOKIE_SECURE: 'maybe',
        LOG_LEVEL: 'loud',
        SUNSHINE_CLOCK: 'yesterday',
        METRICS_TOKEN: 'short-secret',
        SEED_PROVINCE: 'anhui',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { message, problems } = error as ConfigError;
    expect(problems).toHaveLength(8);
    expect(message).toContain(
      'NODE_ENV 应为以下之一：development、production、test（当前为 "prod"）',
    );
    expect(message).toContain('PORT 应为 0–65535 之间的整数（当前为 "eighty"）');
    expect(message).toContain('DATABASE_POOL_SIZE 应为 1–1000 之间的整数（当前为 "0"）');
    expect(message).toContain('COOKIE_SECURE 应为 true 或 false（当前为 "maybe"）');
    expect(message).toContain('LOG_LEVEL 应为以下之一');
    expect(message).toContain('SUNSHINE_CLOCK 应为 ISO 8601 时间');
    expect(message).toContain('METRICS_TOKEN 应为至少 16 个字符的密钥（当前值已隐藏）');
    expect(message).toContain('SEED_PROVINCE 应为两位省级行政区划代码');
    expect(message).not.toContain('short-secret');
    expect(message).toContain('docs/operations.md');
  });

  it('asks for the database and, in production, for the secrets', () => {
    expect(() => loadConfig({})).toThrow(/DATABASE_URL 应为PostgreSQL 连接串/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x/y' })).toThrow(/DATABASE_URL.*当前值已隐藏/);
    expect(() => loadConfig({ ...base, NODE_ENV: 'production' })).toThrow(
      /JWT_SECRET 应为至少 16 个字符的密钥（生产环境必须设置[^]*AUDIT_HMAC_KEY 应为至少 32 个字符/,
    );
  });

  it('has the documented defaults', () => {
    const c = loadConfig(base);
    expect(c).toMatchObject({
      nodeEnv: 'development',
      port: 3000,
      databasePoolSize: 20,
      statementTimeoutMs: 15_000,
      accessTokenSeconds: 300,
      refreshTokenDays: 7,
      idleTimeoutMinutes: 30,
      cookieSecure: false,
      demo: true,
      trustProxy: false,
      maxUploadBytes: 20 * 1024 * 1024,
      seedProvince: '34',
      logLevel: 'info',
      logFormat: 'pretty',
      shutdownTimeoutMs: 10_000,
      jobQueueSchema: 'pgboss',
    });
    expect(c.metricsToken).toBeUndefined();
    expect(loadConfig({ ...base, JOB_QUEUE_SCHEMA: 'jobs_b' }).jobQueueSchema).toBe('jobs_b');
    for (const bad of ['public', 'Jobs', 'jobs; DROP TABLE x']) {
      expect(() => loadConfig({ ...base, JOB_QUEUE_SCHEMA: bad })).toThrow(
        /JOB_QUEUE_SCHEMA 应为小写字母、数字和下划线组成的模式名/,
      );
    }
    const p = loadConfig({
      ...base,
      NODE_ENV: 'production',
      JWT_SECRET: 'a-production-secret',
      AUDIT_HMAC_KEY: 'a-production-audit-key-0123456789abcdef',
      SECOND_FACTOR_KEY: 'a-production-second-factor-key-0123456789',
    });
    expect(p).toMatchObject({ cookieSecure: true, demo: false, logFormat: 'json' });
  });
});

describe('the documented variables', () => {
  const root = join(__dirname, '..', '..', '..', '..', '..', '..');

  it('docs/operations.md lists every variable the app reads', () => {
    const docs = readFileSync(join(root, 'docs', 'operations.md'), 'utf8');
    const missing = CONFIG_VARIABLES.filter((v) => !docs.includes(`| \`${v}\``));
    expect(missing).toEqual([]);
  });

  it('the API, its libraries and the start script read no variable that is not checked', () => {
    // Variables of the test harness, not of the application.
    const harness = new Set(['SUNSHINE_TEST_OWNER_URL', 'SUNSHINE_TEST_APP_URL']);
    const read = new Set<string>();
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) {
          if (entry.name !== '__tests__' && entry.name !== 'node_modules') walk(path);
        } else if (/\.(ts|cjs)$/.test(entry.name)) {
          const source = readFileSync(path, 'utf8');
          for (const m of source.matchAll(
            /\.(?:raw|int|num|bool|oneOf|databaseUrl|secret|cron)\(\s*'([A-Z][A-Z0-9_]+)'/g,
          )) {
            read.add(m[1] as string);
          }
          for (const m of source.matchAll(
            /\b(?:process\.)?env\.([A-Z][A-Z0-9_]+)|\benv\[['"]([A-Z][A-Z0-9_]+)['"]\]/g,
          )) {
            read.add((m[1] ?? m[2]) as string);
          }
        }
      }
    };
    for (const dir of ['apps/api/src', 'libs/api', 'tools/scripts/start.cjs']) {
      const path = join(root, dir);
      if (dir.endsWith('.cjs')) {
        const source = readFileSync(path, 'utf8');
        for (const m of source.matchAll(/process\.env\.([A-Z][A-Z0-9_]+)/g))
          read.add(m[1] as string);
      } else walk(path);
    }
    const known = new Set<string>(CONFIG_VARIABLES);
    expect([...read].filter((v) => !known.has(v) && !harness.has(v)).sort()).toEqual([]);
    // ...and every listed variable is read somewhere.
    expect(CONFIG_VARIABLES.filter((v) => !read.has(v))).toEqual([]);
  });
});

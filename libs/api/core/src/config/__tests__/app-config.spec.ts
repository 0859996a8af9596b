import { loadConfig } from '../app-config';

describe('loadConfig', () => {
  it('has no setting that switches the code-level tenant checks off', () => {
    const env = {
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://owner@localhost/sunshine',
      JWT_SECRET: 'a-production-secret',
      AUDIT_HMAC_KEY: 'a-production-audit-key-0123456789abcdef',
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
});

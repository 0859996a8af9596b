import { loadConfig } from '../app-config';

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
    });
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

import { loadConfig } from '../app-config';

describe('loadConfig', () => {
  it('has no setting that switches the code-level tenant checks off', () => {
    const env = {
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://owner@localhost/sunshine',
      JWT_SECRET: 'a-production-secret',
      TENANCY_CODE_CHECKS: 'false',
    };
    const config = loadConfig(env);
    expect(config.production).toBe(true);
    // The former variable is not read: the configuration is the same with or without it.
    const { TENANCY_CODE_CHECKS: _ignored, ...without } = env;
    expect({ ...config, jwtSecret: '' }).toEqual({ ...loadConfig(without), jwtSecret: '' });
    expect(Object.keys(config).filter((k) => /tenan/i.test(k))).toEqual([]);
  });
});

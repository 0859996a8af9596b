import 'reflect-metadata';
import { ConfigError, log, logError } from '@sunshine/api/core';
import { startApi, stopOnSignals } from './bootstrap';

export { startApi };

if (require.main === module) {
  startApi().then(
    (api) => {
      stopOnSignals(api);
      log().info({ url: api.url, demo: api.config.demo }, `阳光督导已启动：${api.url}`);
      if (api.config.demo)
        log().info('演示账户：34-admin、34-leader、34-auditor、3401-editor 等，密码 Sunshine#2025');
    },
    (error: unknown) => {
      if (error instanceof ConfigError) console.error(`启动失败：${error.message}`);
      else logError('启动失败：', error);
      process.exit(1);
    },
  );
}

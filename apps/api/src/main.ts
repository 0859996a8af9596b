import 'reflect-metadata';
import { logError } from '@sunshine/api/core';
import { startApi } from './bootstrap';

export { startApi };

if (require.main === module) {
  startApi().then(
    ({ app, url, config }) => {
      const stop = (): void => {
        app.close().finally(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      console.log(`阳光督导已启动：${url}`);
      if (config.demo)
        console.log(
          '演示账户：34-admin、34-leader、34-auditor、3401-editor 等，密码 Sunshine#2025',
        );
    },
    (error: unknown) => {
      logError('启动失败：', error);
      process.exit(1);
    },
  );
}

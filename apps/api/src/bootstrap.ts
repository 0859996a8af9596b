import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { DynamicModule, INestApplication, LogLevel } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import express from 'express';
import helmet from 'helmet';
import { AuditKeyring, loadConfig, type AppConfig } from '@sunshine/api/core';
import { createOwnerDataSource, prepareDatabase } from '@sunshine/api/schema';
import {
  anhuiDivisions,
  provinceDivisions,
  seedDemo,
  seedProduction,
  DEMO_PASSWORD,
} from '@sunshine/tools/seed';
import { AppModule } from './app.module';

export interface StartedApi {
  app: INestApplication;
  config: AppConfig;
  url: string;
}

async function firstStartSeed(config: AppConfig, log: (m: string) => void): Promise<void> {
  const ds = createOwnerDataSource(config.databaseUrl);
  await ds.initialize();
  try {
    const [count] = (await ds.query('SELECT count(*)::int AS n FROM organizations')) as Array<{
      n: number;
    }>;
    if (!count) throw new Error('SELECT count(*) FROM organizations returned no row');
    if (count.n > 0) return;
    // The seed's events are keyed like every later one: the chain is anchored from its first event.
    const { keyring, created } = AuditKeyring.load(config.audit);
    if (created) log(`已生成审计链密钥文件 ${created}：请另行备份，勿与数据库备份放在一起`);
    const province = process.env.SEED_PROVINCE;
    const divisions =
      province && province !== '34' ? provinceDivisions(province) : anhuiDivisions();
    if (config.demo) {
      const r = await seedDemo(ds, divisions, config.clock ?? new Date(), keyring);
      log(
        `已载入演示数据：${r.organizations} 个单位，${r.users} 个演示账户（密码 ${DEMO_PASSWORD}）`,
      );
      if (r.reporting) {
        const p = r.reporting;
        log(
          `  年度计划 ${p.plans} 个，任务 ${p.tasks} 项，任务分解 ${p.assignments} 条，季度进展 ${p.reports} 条`,
        );
      }
    } else {
      const accounts = await seedProduction(ds, divisions, keyring);
      if (accounts) {
        // 三员分立: three administrators, three passwords, shown once; hand each to its holder.
        log('已创建系统管理员、安全管理员和审计管理员（初始密码仅显示这一次，首次登录须修改）：');
        for (const a of accounts) {
          log(`  ${a.displayName} ${a.username}，初始密码 ${a.password}`);
        }
      }
    }
  } finally {
    await ds.destroy();
  }
}

/** Serves the built dashboard with an SPA fallback, leaving API paths to Nest. */
function serveDashboard(app: NestExpressApplication, dir: string): void {
  const index = join(dir, 'index.html');
  app.use(express.static(dir, { index: false, maxAge: '1h' }));
  app.use((req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (req.method !== 'GET' || /^\/(graphql|health|files)(\/|$)/.test(req.path)) return next();
    res.sendFile(index);
  });
}

/**
 * Builds the Nest application from the root module. The application uses NestFactory; only tests
 * pass another factory (a testing module whose providers they override, see testing.ts).
 */
export type AppFactory = (
  root: DynamicModule,
  logger: LogLevel[],
) => Promise<NestExpressApplication>;

const nestFactory: AppFactory = (root, logger) =>
  NestFactory.create<NestExpressApplication>(root, { logger });

export async function startApi(
  env: NodeJS.ProcessEnv = process.env,
  options: { port?: number; quiet?: boolean; createApp?: AppFactory } = {},
): Promise<StartedApi> {
  const config = loadConfig(env);
  const log = options.quiet ? (): void => undefined : (m: string): void => console.log(m);
  const prepared = await prepareDatabase({
    databaseUrl: config.databaseUrl,
    appUrl: config.databaseAppUrl,
    appRole: config.databaseAppRole,
  });
  await firstStartSeed(config, log);
  const logger: LogLevel[] = options.quiet ? ['error'] : ['error', 'warn', 'log'];
  const app = await (options.createApp ?? nestFactory)(
    AppModule.forRoot(config, prepared.appUrl),
    logger,
  );
  if (config.trustProxy) app.set('trust proxy', 1);
  app.disable('x-powered-by');
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          connectSrc: ["'self'"],
          frameAncestors: ["'none'"],
          upgradeInsecureRequests: config.cookieSecure ? [] : null,
        },
      },
    }),
  );
  app.use(cookieParser());
  app.use(express.json({ limit: '1mb' }));
  const dashboardDir = config.dashboardDir ?? join(process.cwd(), 'dist', 'apps', 'dashboard');
  if (existsSync(join(dashboardDir, 'index.html'))) serveDashboard(app, dashboardDir);
  await app.listen(options.port ?? config.port, '0.0.0.0');
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  return { app, config, url: `http://localhost:${port}` };
}

import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { join, resolve, sep } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { DynamicModule, INestApplication, LoggerService } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import compression from 'compression';
import cookieParser from 'cookie-parser';
import express from 'express';
import helmet from 'helmet';
import {
  AuditKeyring,
  configureLogging,
  elapsedMs,
  loadConfig,
  log,
  Metrics,
  NestLogger,
  ownOrigin,
  Readiness,
  requestTracking,
  type AppConfig,
  type RequestRecord,
  type RequestTracking,
} from '@sunshine/api/core';
import { createOwnerDataSource, prepareDatabase } from '@sunshine/api/schema';
import {
  anhuiDivisions,
  provinceDivisions,
  seedDemo,
  seedProduction,
  DEMO_PASSWORD,
} from '@sunshine/tools/seed';
import { AppModule } from './app.module';
import { DEMO_SITE_PATH, demoSite } from './demo-site';

export interface StartedApi {
  app: INestApplication;
  config: AppConfig;
  url: string;
  /**
   * Graceful stop: readiness turns to 503, the server stops accepting connections, requests in
   * flight finish (up to SHUTDOWN_TIMEOUT_MS, then their connections are closed), and the Nest
   * application closes (shutdown hooks: job workers, timers, the database pool).
   */
  stop(): Promise<void>;
  /** Requests being served now. */
  inFlight(): number;
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
    const province = config.seedProvince;
    const divisions =
      province && province !== '34' ? provinceDivisions(province) : anhuiDivisions();
    if (config.demo) {
      const r = await seedDemo(ds, divisions, config.clock ?? new Date(), keyring, {
        siteOrigin: ownOrigin(config.port),
      });
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

/** Vite's content-hashed output (`assets/name-Hash8.js`): a changed file gets a new name. */
const HASHED_ASSET = /-[\w-]{8,}\.(?:js|mjs|css|woff2?|ttf|svg|png|jpe?g|gif|webp|ico|json|wasm)$/;
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Serves the built dashboard with an SPA fallback, leaving API paths to Nest. Hashed files are
 * cached for a year (`immutable`); index.html is revalidated on every load (`no-cache`), so a new
 * release is picked up at once. Files compressed at build time (`.br`, `.gz` beside the file,
 * tools/scripts/precompress.cjs) are sent as they are; everything else is compressed on the fly.
 */
function serveDashboard(app: NestExpressApplication, dir: string): void {
  const root = resolve(dir);
  const index = join(root, 'index.html');
  const variants: Array<[encoding: string, suffix: string]> = [
    ['br', '.br'],
    ['gzip', '.gz'],
  ];
  app.use((req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (!req.path.startsWith('/assets/') || !HASHED_ASSET.test(req.path)) return next();
    let file: string;
    try {
      file = resolve(root, `.${decodeURIComponent(req.path)}`);
    } catch {
      return next();
    }
    if (!file.startsWith(root + sep) || !existsSync(file)) return next();
    res.setHeader('Vary', 'Accept-Encoding');
    // Brotli first when the client takes both (it is smaller), whatever order it lists them in.
    const variant = variants.find(
      ([e, suffix]) => req.acceptsEncodings(e) === e && existsSync(file + suffix),
    );
    if (!variant) return next();
    res.type(file.slice(file.lastIndexOf('.')));
    res.setHeader('Content-Encoding', variant[0]);
    res.setHeader('Cache-Control', IMMUTABLE);
    res.sendFile(file + variant[1], { dotfiles: 'deny' }, (error) => {
      if (error && !res.headersSent) next();
    });
  });
  app.use(
    express.static(root, {
      index: false,
      setHeaders(res, path) {
        res.setHeader(
          'Cache-Control',
          HASHED_ASSET.test(path) && path.includes(`${sep}assets${sep}`)
            ? IMMUTABLE
            : path.endsWith('.html')
              ? 'no-cache'
              : 'public, max-age=3600',
        );
      },
    }),
  );
  app.use((req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (req.method !== 'GET' || /^\/(graphql|health|files|metrics)(\/|$)/.test(req.path))
      return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}

/** The metric label of a request: its route pattern, never the raw path. */
function routeOf(req: express.Request, record: RequestRecord): string {
  if (record.path === '/graphql') return '/graphql';
  const pattern = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof pattern === 'string') return pattern;
  if (req.path.startsWith('/assets/')) return 'static';
  return req.method === 'GET' ? 'dashboard' : 'unmatched';
}

/** Writes the request's log line and feeds the latency and error metrics. */
function requestFinished(metrics: Metrics) {
  return (record: RequestRecord, req: express.Request, res: express.Response): void => {
    const ms = elapsedMs(record);
    const route = routeOf(req, record);
    metrics.observeHttp(record.method, route, res.statusCode, ms / 1000);
    if (route === '/graphql') {
      const operation = record.operation ?? 'invalid';
      const type = operation.startsWith('Mutation.') ? 'mutation' : 'query';
      metrics.observeOperation(operation, type, ms / 1000, record.errorCodes);
    } else {
      for (const code of new Set(record.errorCodes)) metrics.countHttpError(code, route);
    }
    const routine =
      res.statusCode < 400 &&
      (route === 'static' ||
        route === 'dashboard' ||
        route === '/metrics' ||
        route.startsWith('/health'));
    log()[routine ? 'debug' : 'info'](
      {
        reqId: record.id,
        method: record.method,
        path: record.path,
        status: res.statusCode,
        ms,
        userId: record.userId,
        orgId: record.organizationId,
        op: record.operation,
        opName: record.operationName,
        errors: record.errorCodes.length ? [...new Set(record.errorCodes)] : undefined,
        aborted: res.writableFinished ? undefined : true,
      },
      'request',
    );
  };
}

function delay(ms: number): Promise<'timeout'> {
  return new Promise((done) => setTimeout(() => done('timeout'), ms).unref());
}

async function stopGracefully(
  app: INestApplication,
  tracking: RequestTracking,
  timeoutMs: number,
): Promise<void> {
  app.get(Readiness).markDraining();
  const server = app.getHttpServer() as Server;
  // No new connections; idle keep-alive connections are closed now, busy ones when they finish.
  const closed = new Promise<void>((done) => server.close(() => done()));
  const waiting = tracking.inFlight();
  if (waiting > 0) log().info({ inFlight: waiting }, '等待进行中的请求完成');
  const outcome = await Promise.race([tracking.idle(), delay(timeoutMs)]);
  if (outcome === 'timeout') {
    log().warn(
      { inFlight: tracking.inFlight(), timeoutMs },
      '等待超时（SHUTDOWN_TIMEOUT_MS），关闭剩余连接',
    );
  }
  server.closeAllConnections();
  await closed;
  // Nest's shutdown hooks: job workers, timers, GraphQL, then the database pool.
  await app.close();
}

/**
 * Stops the API gracefully on SIGTERM or SIGINT, then runs `after` (e.g. stopping the embedded
 * database) and exits; a second signal exits at once.
 */
export function stopOnSignals(
  api: StartedApi,
  after?: () => Promise<void>,
  /** npm start prints these two lines plainly; the server logs them. */
  say?: (message: string) => void,
): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) {
      log().warn({ signal }, '再次收到停止信号，立即退出');
      process.exit(1);
    }
    stopping = true;
    if (say) say(`\n正在停止（进行中的请求 ${api.inFlight()} 个）…`);
    else log().info({ signal, inFlight: api.inFlight() }, '正在停止…');
    void api
      .stop()
      .then(() => after?.())
      .then(
        () => {
          if (say) say('已停止。');
          else log().info('已停止');
          process.exit(0);
        },
        (error: unknown) => {
          log().error({ err: error }, '停止时出错');
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

/**
 * Builds the Nest application from the root module. The application uses NestFactory; only tests
 * pass another factory (a testing module whose providers they override, see testing.ts).
 */
export type AppFactory = (
  root: DynamicModule,
  logger: LoggerService,
) => Promise<NestExpressApplication>;

const nestFactory: AppFactory = (root, logger) =>
  NestFactory.create<NestExpressApplication>(root, { logger });

export async function startApi(
  env: NodeJS.ProcessEnv = process.env,
  options: {
    port?: number;
    /** Tests: only errors are logged (unless LOG_LEVEL says otherwise). */
    quiet?: boolean;
    createApp?: AppFactory;
    /** Where start-up messages for a person go (npm start prints them as plain lines). */
    say?: (message: string) => void;
  } = {},
): Promise<StartedApi> {
  const config = loadConfig(env);
  configureLogging({
    level: options.quiet && !env.LOG_LEVEL ? 'error' : config.logLevel,
    format: config.logFormat,
  });
  const say = options.quiet
    ? (): void => undefined
    : (options.say ?? ((m: string): void => log().info(m)));
  const prepared = await prepareDatabase({
    databaseUrl: config.databaseUrl,
    appUrl: config.databaseAppUrl,
    appRole: config.databaseAppRole,
  });
  await firstStartSeed(config, say);
  const app = await (options.createApp ?? nestFactory)(
    AppModule.forRoot(config, prepared.appUrl),
    new NestLogger(),
  );
  if (config.trustProxy) app.set('trust proxy', 1);
  app.disable('x-powered-by');
  // First: every request gets its id, its log line and its metrics, and counts as in flight.
  const tracking = requestTracking(requestFinished(app.get(Metrics)));
  app.use(tracking.middleware);
  // gzip or brotli for every compressible response (GraphQL answers included), except answers
  // that issue a session (sign-in, refresh: they set the refresh cookie and carry tokens), so
  // that no response holding a token is compressed (BREACH; CSRF prevention already stops
  // cross-site requests).
  app.use(
    compression({
      threshold: 1024,
      filter: (req, res) => !res.getHeader('Set-Cookie') && compression.filter(req, res),
    }),
  );
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
  // Demo only: the local "bureau website" the demo's links point at (never the internet).
  if (config.demo) app.use(DEMO_SITE_PATH, demoSite);
  if (existsSync(join(dashboardDir, 'index.html'))) serveDashboard(app, dashboardDir);
  await app.listen(options.port ?? config.port, '0.0.0.0');
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  let stopped: Promise<void> | null = null;
  return {
    app,
    config,
    url: `http://localhost:${port}`,
    stop: () => (stopped ??= stopGracefully(app, tracking, config.shutdownTimeoutMs)),
    inFlight: () => tracking.inFlight(),
  };
}

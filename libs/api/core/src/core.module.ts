import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import { APP_CONFIG, type AppConfig } from './config/app-config';
import { AuditTrail } from './audit/audit-trail.service';
import { AuditCheckpoints } from './audit/audit-checkpoints.service';
import { AuditKeyring } from './audit/audit-keys';
import { AuditChainer } from './audit/audit-chainer.service';
import { JOB_QUEUE_OPTIONS, JobQueue } from './jobs/job-queue.service';
import { AccessTokens } from './auth/access-token';
import { AuthGuard } from './auth/auth.guard';
import { graphqlOptions } from './graphql/graphql-options';
import { createValidationPipe } from './graphql/validation';
import { OrgDirectory } from './tenancy/org-directory.service';
import { Clock } from './clock/clock';
import { HttpErrorFilter } from './http/http-error.filter';
import { QueryCounter } from './database/query-counter';
import { TenancyChecks } from './tenancy/tenancy-checks';
import { TenantDatabase } from './tenancy/tenant-database.service';
import { OperationTransactionInterceptor } from './tenancy/operation-transaction.interceptor';
import { LiveSessionInterceptor } from './tenancy/live-session.interceptor';
import { log } from './logging/logger';
import { Metrics } from './observability/metrics';
import { Readiness } from './observability/readiness';

export interface CoreModuleOptions {
  config: AppConfig;
  /** Runtime (restricted role) connection string. */
  appDatabaseUrl: string;
  /** Write the GraphQL SDL to this file (schema script only). */
  schemaFile?: string;
}

/** The audit key from AUDIT_HMAC_KEY, or (development, demo) the key file, made on first start. */
function loadAuditKeyring(config: AppConfig): AuditKeyring {
  const { keyring, created } = AuditKeyring.load(config.audit);
  if (created) {
    log().warn(
      `已生成审计链密钥文件 ${created}：请另行备份，勿与数据库备份放在一起（生产环境请设置 AUDIT_HMAC_KEY）`,
    );
  }
  return keyring;
}

/**
 * Database, tenancy, the request guard (access token → Scope), audit trail and GraphQL: what every
 * feature module stands on. Sign-in itself is the auth feature (`@sunshine/api/auth`).
 */
@Global()
@Module({})
export class CoreModule {
  static forRoot(options: CoreModuleOptions): DynamicModule {
    const { config } = options;
    return {
      module: CoreModule,
      imports: [
        TypeOrmModule.forRoot({
          type: 'postgres',
          url: options.appDatabaseUrl,
          // Each feature registers its own entities (TypeOrmModule.forFeature).
          autoLoadEntities: true,
          synchronize: false,
          migrationsRun: false,
          // Expected failures (RLS refusals, conflicts) are mapped to client errors; unknown ones are logged by formatError.
          logging: false,
          logger: new QueryCounter(),
          extra: {
            max: config.databasePoolSize,
            application_name: 'sunshine-api',
            // Sent when each connection opens: no statement of the runtime role runs for longer.
            statement_timeout: config.statementTimeoutMs,
          },
        }),
        JwtModule.register({}),
        GraphQLModule.forRoot<ApolloDriverConfig>(graphqlOptions(config, options.schemaFile)),
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: HttpErrorFilter },
        { provide: APP_INTERCEPTOR, useClass: OperationTransactionInterceptor },
        { provide: APP_INTERCEPTOR, useClass: LiveSessionInterceptor },
        OrgDirectory,
        TenancyChecks,
        TenantDatabase,
        { provide: AuditKeyring, useFactory: () => loadAuditKeyring(config) },
        AuditTrail,
        AuditCheckpoints,
        AuditChainer,
        {
          provide: JOB_QUEUE_OPTIONS,
          useValue: {
            ownerUrl: config.databaseUrl,
            appUrl: options.appDatabaseUrl,
            schema: config.jobQueueSchema,
          },
        },
        JobQueue,
        AccessTokens,
        Clock,
        Metrics,
        Readiness,
      ],
      exports: [
        Metrics,
        Readiness,
        APP_CONFIG,
        TenantDatabase,
        OrgDirectory,
        AuditTrail,
        AuditKeyring,
        AuditCheckpoints,
        AuditChainer,
        JobQueue,
        AccessTokens,
        Clock,
      ],
    };
  }
}

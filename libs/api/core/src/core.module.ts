import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import { APP_CONFIG, type AppConfig } from './config/app-config';
import { AuditTrail } from './audit/audit-trail.service';
import { AccessTokens } from './auth/access-token';
import { AuthGuard } from './auth/auth.guard';
import { AuthResolver } from './auth/auth.resolver';
import { AuthService } from './auth/auth.service';
import { OrganizationEntity } from './entities/organization.entity';
import { UserEntity } from './entities/user.entity';
import { graphqlOptions } from './graphql/graphql-options';
import { createValidationPipe } from './graphql/validation';
import { OrgDirectory } from './tenancy/org-directory.service';
import { Clock } from './clock/clock';
import { HttpErrorFilter } from './http/http-error.filter';
import { QueryCounter } from './database/query-counter';
import { Notifier } from './notifications/notifier.service';
import { TenancyChecks } from './tenancy/tenancy-checks';
import { TenantDatabase } from './tenancy/tenant-database.service';

export interface CoreModuleOptions {
  config: AppConfig;
  /** Runtime (restricted role) connection string. */
  appDatabaseUrl: string;
  /** Write the GraphQL SDL to this file (schema script only). */
  schemaFile?: string;
}

/** Database, tenancy, auth, audit trail and GraphQL: what every feature module stands on. */
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
          entities: [OrganizationEntity, UserEntity],
          autoLoadEntities: true,
          synchronize: false,
          migrationsRun: false,
          // Expected failures (RLS refusals, conflicts) are mapped to client errors; unknown ones are logged by formatError.
          logging: false,
          logger: new QueryCounter(),
          extra: { max: config.databasePoolSize, application_name: 'sunshine-api' },
        }),
        JwtModule.register({}),
        GraphQLModule.forRoot<ApolloDriverConfig>(graphqlOptions(config, options.schemaFile)),
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: HttpErrorFilter },
        OrgDirectory,
        TenancyChecks,
        TenantDatabase,
        AuditTrail,
        AccessTokens,
        AuthService,
        AuthResolver,
        Clock,
        Notifier,
      ],
      exports: [
        APP_CONFIG,
        TenantDatabase,
        OrgDirectory,
        AuditTrail,
        AuthService,
        AccessTokens,
        Clock,
        Notifier,
      ],
    };
  }
}

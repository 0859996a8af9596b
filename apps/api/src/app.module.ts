import { Module, type DynamicModule } from '@nestjs/common';
import { CoreModule, type AppConfig } from '@sunshine/api/core';
import { AuditModule } from '@sunshine/api/audit';
import { AuthModule } from '@sunshine/api/auth';
import { OrganizationsModule } from '@sunshine/api/organizations';
import { UsersModule } from '@sunshine/api/users';
import { PlansModule } from '@sunshine/api/plans';
import { ReportingModule } from '@sunshine/api/reporting';
import { TrainingsModule } from '@sunshine/api/trainings';
import { AssessmentsModule } from '@sunshine/api/assessments';
import { ScorecardsModule } from '@sunshine/api/scorecards';
import { AnnualReportsModule } from '@sunshine/api/annual-reports';
import { NotificationsModule } from '@sunshine/api/notifications';
import { LinkChecksModule } from '@sunshine/api/link-checks';
import { LettersModule } from '@sunshine/api/letters';
import { ScorecardReaderModule } from './scorecard-reader.module';
import { HealthController } from './health.controller';
import { MetricsController } from './metrics.controller';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, appDatabaseUrl: string, schemaFile?: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot({ config, appDatabaseUrl, schemaFile }),
        AuthModule,
        OrganizationsModule,
        UsersModule,
        AuditModule,
        PlansModule,
        ReportingModule,
        AssessmentsModule,
        NotificationsModule,
        TrainingsModule,
        ScorecardsModule,
        LinkChecksModule,
        LettersModule,
        ScorecardReaderModule,
        AnnualReportsModule,
      ],
      controllers: [HealthController, MetricsController],
    };
  }
}

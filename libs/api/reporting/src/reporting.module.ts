import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProgressReportEntity } from './entities/progress-report.entity';
import { EvidenceController } from './evidence.controller';
import { EvidenceService } from './evidence.service';
import { OverviewService } from './overview.service';
import { RemindersService } from './reminders.service';
import { ReportQueriesService } from './report-queries.service';
import { ReportingResolver } from './reporting.resolver';
import { ReportingService } from './reporting.service';

@Module({
  imports: [TypeOrmModule.forFeature([ProgressReportEntity])],
  providers: [
    ReportQueriesService,
    ReportingService,
    EvidenceService,
    OverviewService,
    RemindersService,
    ReportingResolver,
  ],
  controllers: [EvidenceController],
  exports: [OverviewService, RemindersService],
})
export class ReportingModule {}

import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProgressReportEntity } from './entities/progress-report.entity';
import { EvidenceController } from './evidence.controller';
import { EvidenceFilesRepository } from './evidence-files.repository';
import { EvidenceService } from './evidence.service';
import { OverviewRepository } from './overview.repository';
import { OverviewResolver } from './overview.resolver';
import { OverviewService } from './overview.service';
import { ProgressReportsRepository } from './progress-reports.repository';
import { RemindersRepository } from './reminders.repository';
import { RemindersService } from './reminders.service';
import { ReportCopyService } from './report-copy.service';
import { ReportEventsRepository } from './report-events.repository';
import { ReportQueriesService } from './report-queries.service';
import { ReportReadsRepository } from './report-reads.repository';
import { ReportingResolver } from './reporting.resolver';
import { ReportingService } from './reporting.service';

@Module({
  imports: [TypeOrmModule.forFeature([ProgressReportEntity])],
  providers: [
    ProgressReportsRepository,
    ReportReadsRepository,
    ReportEventsRepository,
    EvidenceFilesRepository,
    RemindersRepository,
    OverviewRepository,
    ReportQueriesService,
    ReportingService,
    ReportCopyService,
    EvidenceService,
    OverviewService,
    RemindersService,
    ReportingResolver,
    OverviewResolver,
  ],
  controllers: [EvidenceController],
  exports: [OverviewService, RemindersService],
})
export class ReportingModule {}

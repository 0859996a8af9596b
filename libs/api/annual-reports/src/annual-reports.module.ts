import { Module } from '@nestjs/common';
import { AnnualReportRemindersService } from './annual-report-reminders.service';
import { AnnualReportSummaryService } from './annual-report-summary.service';
import { AnnualReportsRepository } from './annual-reports.repository';
import { AnnualReportsResolver } from './annual-reports.resolver';
import { AnnualReportsService } from './annual-reports.service';
import { AnnualReportFilesController } from './files/annual-report-files.controller';
import { AnnualReportFilesService } from './files/annual-report-files.service';
import { AnnualReportImportSeam } from './files/annual-report-import.seam';
import { AnnualReportStatisticsResolver } from './statistics/annual-report-statistics.resolver';
import { AnnualReportStatisticsService } from './statistics/annual-report-statistics.service';

@Module({
  providers: [
    AnnualReportsRepository,
    AnnualReportsService,
    AnnualReportSummaryService,
    AnnualReportRemindersService,
    AnnualReportsResolver,
    AnnualReportImportSeam,
    AnnualReportFilesService,
    AnnualReportStatisticsService,
    AnnualReportStatisticsResolver,
  ],
  controllers: [AnnualReportFilesController],
  exports: [AnnualReportsService, AnnualReportSummaryService, AnnualReportsRepository],
})
export class AnnualReportsModule {}

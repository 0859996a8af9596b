import { Module } from '@nestjs/common';
import { AnnualReportRemindersService } from './annual-report-reminders.service';
import { AnnualReportSummaryService } from './annual-report-summary.service';
import { AnnualReportsRepository } from './annual-reports.repository';
import { AnnualReportsResolver } from './annual-reports.resolver';
import { AnnualReportsService } from './annual-reports.service';

@Module({
  providers: [
    AnnualReportsRepository,
    AnnualReportsService,
    AnnualReportSummaryService,
    AnnualReportRemindersService,
    AnnualReportsResolver,
  ],
  exports: [AnnualReportsService, AnnualReportSummaryService, AnnualReportsRepository],
})
export class AnnualReportsModule {}

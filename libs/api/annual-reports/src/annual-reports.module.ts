import { Module } from '@nestjs/common';
import { AnnualReportSummaryService } from './annual-report-summary.service';
import { AnnualReportsRepository } from './annual-reports.repository';
import { AnnualReportsResolver } from './annual-reports.resolver';
import { AnnualReportsService } from './annual-reports.service';

@Module({
  providers: [
    AnnualReportsRepository,
    AnnualReportsService,
    AnnualReportSummaryService,
    AnnualReportsResolver,
  ],
  exports: [AnnualReportsService, AnnualReportSummaryService, AnnualReportsRepository],
})
export class AnnualReportsModule {}

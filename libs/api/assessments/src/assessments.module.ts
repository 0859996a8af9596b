import { Module } from '@nestjs/common';
import { AssessmentFilesController } from './assessment-files.controller';
import { AssessmentFilesRepository } from './assessment-files.repository';
import { AssessmentImportService } from './assessment-import.service';
import { AssessmentsRepository } from './assessments.repository';
import {
  AssessmentIssuesResolver,
  AssessmentOverviewResolver,
  AssessmentRoundsResolver,
} from './assessments.resolver';
import { AssessmentsService } from './assessments.service';
import { IndicatorImportService } from './indicator-import.service';
import { RectificationExportService } from './rectification-export.service';
import { RectificationService } from './rectification.service';

@Module({
  controllers: [AssessmentFilesController],
  providers: [
    AssessmentFilesRepository,
    AssessmentImportService,
    IndicatorImportService,
    RectificationExportService,
    AssessmentsRepository,
    AssessmentsService,
    RectificationService,
    AssessmentRoundsResolver,
    AssessmentIssuesResolver,
    AssessmentOverviewResolver,
  ],
  exports: [AssessmentsService, AssessmentsRepository],
})
export class AssessmentsModule {}

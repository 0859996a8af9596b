import { Module } from '@nestjs/common';
import { AssessmentAttachmentsController } from './assessment-attachments.controller';
import { AssessmentAttachmentsRepository } from './assessment-attachments.repository';
import { AssessmentAttachmentsService } from './assessment-attachments.service';
import { AssessmentDeadlinesService } from './assessment-deadlines.service';
import { AssessmentFilesController } from './assessment-files.controller';
import { AssessmentFilesRepository } from './assessment-files.repository';
import { AssessmentImportService } from './assessment-import.service';
import { AssessmentLoopRepository } from './assessment-loop.repository';
import { AssessmentLoopResolver } from './assessment-loop.resolver';
import { AssessmentLoopService } from './assessment-loop.service';
import { AssessmentRemindersService } from './assessment-reminders.service';
import { AssessmentsRepository } from './assessments.repository';
import {
  AssessmentIssuesResolver,
  AssessmentOverviewResolver,
  AssessmentRoundsResolver,
} from './assessments.resolver';
import { AssessmentsService } from './assessments.service';
import { IndicatorImportService } from './indicator-import.service';
import { IssueDeadlineService } from './issue-deadline.service';
import { RectificationExportService } from './rectification-export.service';
import { RectificationService } from './rectification.service';
import { IssueLinkRegistrar } from './links/issue-link.registrar';
import {
  AssessmentIssueLinksResolver,
  AssessmentOverviewLinksResolver,
} from './links/issue-links.resolver';
import { IssueLinksRepository } from './links/issue-links.repository';
import { IssueLinksService } from './links/issue-links.service';

@Module({
  // Files: imports and exports (AssessmentFiles…), attachments on issues and rectifications
  // (AssessmentAttachments…).
  controllers: [AssessmentFilesController, AssessmentAttachmentsController],
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
    AssessmentLoopRepository,
    AssessmentDeadlinesService,
    IssueDeadlineService,
    AssessmentRemindersService,
    AssessmentLoopService,
    AssessmentAttachmentsRepository,
    AssessmentAttachmentsService,
    AssessmentLoopResolver,
    IssueLinkRegistrar,
    IssueLinksRepository,
    IssueLinksService,
    AssessmentIssueLinksResolver,
    AssessmentOverviewLinksResolver,
  ],
  exports: [AssessmentsService, AssessmentsRepository, AssessmentRemindersService],
})
export class AssessmentsModule {}

import { Module } from '@nestjs/common';
import { AssessmentDeadlinesService } from './assessment-deadlines.service';
import { AssessmentFilesController } from './assessment-files.controller';
import { AssessmentFilesRepository } from './assessment-files.repository';
import { AssessmentFilesService } from './assessment-files.service';
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
import { IssueDeadlineService } from './issue-deadline.service';
import { RectificationService } from './rectification.service';

@Module({
  controllers: [AssessmentFilesController],
  providers: [
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
    AssessmentFilesRepository,
    AssessmentFilesService,
    AssessmentLoopResolver,
  ],
  exports: [AssessmentsService, AssessmentsRepository, AssessmentRemindersService],
})
export class AssessmentsModule {}

import { Module } from '@nestjs/common';
import { AssessmentsRepository } from './assessments.repository';
import {
  AssessmentIssuesResolver,
  AssessmentOverviewResolver,
  AssessmentRoundsResolver,
} from './assessments.resolver';
import { AssessmentsService } from './assessments.service';
import { RectificationService } from './rectification.service';

@Module({
  providers: [
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

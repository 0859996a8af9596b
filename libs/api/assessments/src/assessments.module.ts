import { Module } from '@nestjs/common';
import { AssessmentsRepository } from './assessments.repository';
import {
  AssessmentIssuesResolver,
  AssessmentOverviewResolver,
  AssessmentRoundsResolver,
} from './assessments.resolver';
import { AssessmentsService } from './assessments.service';
import { RectificationService } from './rectification.service';
import { IssueLinkRegistrar } from './links/issue-link.registrar';
import {
  AssessmentIssueLinksResolver,
  AssessmentOverviewLinksResolver,
} from './links/issue-links.resolver';
import { IssueLinksRepository } from './links/issue-links.repository';
import { IssueLinksService } from './links/issue-links.service';

@Module({
  providers: [
    AssessmentsRepository,
    AssessmentsService,
    RectificationService,
    AssessmentRoundsResolver,
    AssessmentIssuesResolver,
    AssessmentOverviewResolver,
    IssueLinkRegistrar,
    IssueLinksRepository,
    IssueLinksService,
    AssessmentIssueLinksResolver,
    AssessmentOverviewLinksResolver,
  ],
  exports: [AssessmentsService, AssessmentsRepository],
})
export class AssessmentsModule {}

export * from './assessments.module';
export * from './assessments.service';
export * from './rectification.service';
export * from './assessments.repository';
export * from './assessments.exception';
export * from './assessments.resolver';
export * from './assessment-loop.resolver';
export * from './assessment-reminders.service';
export {
  AssessmentIssueLinksResolver,
  AssessmentOverviewLinksResolver,
} from './links/issue-links.resolver';

import { Assessments1796134212024 } from './1796134212024-assessments';
import { AssessmentLoop1796141000000 } from './1796141000000-assessment-loop';
import { IssueScoreFacts1796141388204 } from './1796141388204-issue-score-facts';
import { IssueEventRoundIndex1796163725142 } from './1796163725142-issue-event-round-index';

/** The assessments feature's migrations (tables it owns, views it publishes), in order. */
export const ASSESSMENTS_MIGRATIONS = [
  Assessments1796134212024,
  AssessmentLoop1796141000000,
  IssueScoreFacts1796141388204,
  IssueEventRoundIndex1796163725142,
];

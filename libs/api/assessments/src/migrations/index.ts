import { Assessments1796134212024 } from './1796134212024-assessments';
import { IssueScoreFacts1796141388204 } from './1796141388204-issue-score-facts';

/** The assessments feature's migrations (tables it owns), in order. */
export const ASSESSMENTS_MIGRATIONS = [Assessments1796134212024, IssueScoreFacts1796141388204];

import { Assessments1796134212024 } from './1796134212024-assessments';

/** The assessments feature's migrations (tables it owns), in order. */
export const ASSESSMENTS_MIGRATIONS = [Assessments1796134212024];

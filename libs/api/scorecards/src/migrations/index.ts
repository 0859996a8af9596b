import { ScorecardTables1796141402233 } from './1796141402233-scorecard-tables';

/** The scorecards feature's migrations (tables it owns), in order. */
export const SCORECARDS_MIGRATIONS = [ScorecardTables1796141402233];

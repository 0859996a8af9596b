import { LinkChecks1796134414431 } from './1796134414431-link-checks';

/** The link checker's migrations (tables it owns), in order. */
export const LINK_CHECKS_MIGRATIONS = [LinkChecks1796134414431];

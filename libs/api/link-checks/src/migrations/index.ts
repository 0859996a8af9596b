import { LinkChecks1796134414431 } from './1796134414431-link-checks';
import { LinkOwnerBaselines1796135000000 } from './1796135000000-link-owner-baselines';

/** The link checker's migrations (tables it owns), in order. */
export const LINK_CHECKS_MIGRATIONS = [LinkChecks1796134414431, LinkOwnerBaselines1796135000000];

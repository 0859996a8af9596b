import { Foundation1763769600000 } from './1763769600000-foundation';
import { PlansReporting1763856000000 } from './1763856000000-plans-reporting';
import { ReportingIndexes1763942400000 } from './1763942400000-reporting-indexes';
import { SessionRotation1764028800000 } from './1764028800000-session-rotation';
import { PublishedViews1764115200000 } from './1764115200000-published-views';
import { ReportingRollup1764201600000 } from './1764201600000-reporting-rollup';
import { AuditAnchor1764288000008 } from './1764288000008-audit-anchor';
import { AuditChainer1796130512318 } from './1796130512318-audit-chainer';
import { SchemaVersion1796130575061 } from './1796130575061-schema-version';
import { InlinedTenancyChecks1796142000000 } from './1796142000000-inlined-tenancy-checks';
import { PolicyFunctionsPlannedOnce1796142000001 } from './1796142000001-policy-functions-planned-once';

/** Every migration, in order. A merged migration is never edited; add a new one. */
export const MIGRATIONS = [
  Foundation1763769600000,
  PlansReporting1763856000000,
  ReportingIndexes1763942400000,
  SessionRotation1764028800000,
  PublishedViews1764115200000,
  ReportingRollup1764201600000,
  AuditAnchor1764288000008,
  AuditChainer1796130512318,
  SchemaVersion1796130575061,
  InlinedTenancyChecks1796142000000,
  PolicyFunctionsPlannedOnce1796142000001,
];

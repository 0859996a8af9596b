import { ReportFigures1796130495755 } from './1796130495755-report-figures';
import { OpenReportIndexes1796132163134 } from './1796132163134-open-report-indexes';
import { SameTenantParents1764547200732 } from './1764547200732-same-tenant-parents';

/** The reporting feature's migrations (tables it owns), in order. */
export const REPORTING_MIGRATIONS = [
  SameTenantParents1764547200732,
  ReportFigures1796130495755,
  OpenReportIndexes1796132163134,
];

import { AuditReportNames1796130574071 } from './1796130574071-audit-report-names';
import { ReportFigures1796130495755 } from './1796130495755-report-figures';
import { OpenReportIndexes1796132163134 } from './1796132163134-open-report-indexes';
import { ApprovedReportIndex1796134608377 } from './1796134608377-approved-report-index';
import { SameTenantParents1764547200732 } from './1764547200732-same-tenant-parents';
import { DraftsStayHome1796130541295 } from './1796130541295-drafts-stay-home';

/** The reporting feature's migrations (tables it owns), in order. */
export const REPORTING_MIGRATIONS = [
  SameTenantParents1764547200732,
  ReportFigures1796130495755,
  DraftsStayHome1796130541295,
  AuditReportNames1796130574071,
  OpenReportIndexes1796132163134,
  ApprovedReportIndex1796134608377,
];

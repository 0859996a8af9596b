import { AnnualReportTables1796135107000 } from './1796135107000-annual-report-tables';

/** The annual reports feature's migrations (tables it owns), in order. */
export const ANNUAL_REPORTS_MIGRATIONS = [AnnualReportTables1796135107000];

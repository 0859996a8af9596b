import { lazy } from 'react';

export {
  cellProblems,
  cellsInput,
  fillZeros,
  table3Plan,
  valuesFromCells,
  withNoApplications,
  type FormValues,
} from './lib/annual-report-model';
export { useAnnualReport } from './lib/use-annual-report';

/** 年度报告: a bureau's annual disclosure report, its tables checked as the user types. */
export const AnnualReportPage = lazy(() =>
  import('./lib/annual-report-page').then((m) => ({ default: m.AnnualReportPage })),
);

export { AnnualFileActions } from './lib/files/annual-file-actions';
export { outcomesChartOption, outcomeCounts } from './lib/statistics/statistics-charts';

/** 年报统计: completion by city, the tables summed year on year, the reports to look at. */
export const AnnualStatisticsPage = lazy(() =>
  import('./lib/statistics/annual-statistics-page').then((m) => ({
    default: m.AnnualStatisticsPage,
  })),
);

/** A bureau's report as printed (the .docx's layout), with print and Word download. */
export const AnnualReportPreviewPage = lazy(() =>
  import('./lib/statistics/report-preview-page').then((m) => ({ default: m.ReportPreviewPage })),
);

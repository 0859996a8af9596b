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

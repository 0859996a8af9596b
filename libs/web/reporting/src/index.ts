import { lazy } from 'react';

export {
  COMPLETION_OPTIONS,
  completionProblem,
  evidenceFileProblem,
  formValuesFrom,
  isOverdue,
  percentForState,
  percentRange,
  reportMode,
  targetLabel,
  toSaveInput,
  type ReportFormValues,
  type ReportMode,
} from './lib/report/report-form-model';
export {
  hasSubordinates,
  initialTab,
  reportPath,
  tabCount,
  worklistBadge,
  worklistTabs,
  type WorklistCounts,
  type WorklistTab,
} from './lib/worklist/worklist-model';
export { useWorklistCounts } from './lib/worklist/use-worklist-counts';

/** 进展填报: the worklist, loaded on demand. */
export const WorklistPage = lazy(() =>
  import('./lib/worklist/worklist-page').then((m) => ({ default: m.WorklistPage })),
);
/** A quarterly report (form, review, acceptance), loaded on demand. */
export const ReportPage = lazy(() =>
  import('./lib/report/report-page').then((m) => ({ default: m.ReportPage })),
);

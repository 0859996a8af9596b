import { lazy } from 'react';

export {
  issueActions,
  kpiViews,
  matchesView,
  shortName,
  viewCounts,
  type Figures,
  type Issue,
} from './lib/assessment-model';
export { byOrganizationOption, byTypeOption } from './lib/charts/assessment-charts';
export { useAssessments } from './lib/use-assessments';
export {
  assessmentBadge,
  useAssessmentMenuCounts,
  type AssessmentMenuCounts,
} from './lib/use-assessment-menu-counts';
export { trendOption } from './lib/charts/trend-chart';

/** 第三方测评 (rounds, figures, problems and the rectification worklist). */
export const AssessmentsPage = lazy(() =>
  import('./lib/assessments-page').then((m) => ({ default: m.AssessmentsPage })),
);

import { lazy } from 'react';

export {
  coverageChartHeight,
  coverageChartOption,
  rankByCoverage,
  requirementText,
  sessionDates,
  sessionInput,
  type ChartOption,
  type CoverageItem,
} from './lib/trainings-model';
export { useTrainings } from './lib/use-trainings';

/** 培训: coverage of the year and the sessions (培训班) with their people. */
export const TrainingsPage = lazy(() =>
  import('./lib/trainings-page').then((m) => ({ default: m.TrainingsPage })),
);

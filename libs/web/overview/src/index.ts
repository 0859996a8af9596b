import { lazy } from 'react';

export {
  rankingChartHeight,
  rankingChartOption,
  type RankingItem,
} from './lib/charts/ranking-option';
export { trendChartOption } from './lib/charts/trend-option';
export type { ChartOption } from './lib/charts/chart-types';
export {
  awaitingAcceptance,
  childRows,
  drillPath,
  kpiViews,
  missingBelow,
  periodFromParams,
  periodOptions,
  rankByCompletion,
  shortOrgName,
  type ChildRow,
  type KpiView,
  type Period,
  type PeriodOption,
} from './lib/overview-model';
export { useOverview } from './lib/use-overview';

/** 完成情况总览 (the landing page of province and city leadership and administrators). */
export const OverviewPage = lazy(() =>
  import('./lib/overview-page').then((m) => ({ default: m.OverviewPage })),
);

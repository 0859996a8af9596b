import { lazy } from 'react';

export { changeOption, rankingOption, trendOption } from './lib/charts/score-charts';
export { rubricTree, setWeight, weightFields } from './lib/rubric-edit';
export { scorecardFilePath } from './lib/scorecard-files';
export { lowestRows, rankTogether, sourceLink, trendSeries } from './lib/scorecard-model';
export { useScorecards } from './lib/use-scorecards';

/** 考评: scores, the province map, rankings, trend and the breakdown down to the source records. */
export const ScorecardsPage = lazy(() =>
  import('./lib/scorecards-page').then((m) => ({ default: m.ScorecardsPage })),
);

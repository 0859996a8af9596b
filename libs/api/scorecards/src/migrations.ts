// Secondary entry point: the scorecards feature's migrations, for `@sunshine/api/schema`.
export { SCORECARDS_MIGRATIONS } from './migrations/index';

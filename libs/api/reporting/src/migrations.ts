// Secondary entry point: the reporting feature's migrations, for `@sunshine/api/schema`.
export { REPORTING_MIGRATIONS } from './migrations/index';

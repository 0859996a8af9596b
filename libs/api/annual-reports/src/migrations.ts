// Secondary entry point: the annual reports feature's migrations, for `@sunshine/api/schema`.
export { ANNUAL_REPORTS_MIGRATIONS } from './migrations/index';

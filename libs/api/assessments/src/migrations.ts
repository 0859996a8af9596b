// Secondary entry point: the assessments feature's migrations, for `@sunshine/api/schema`.
export { ASSESSMENTS_MIGRATIONS } from './migrations/index';

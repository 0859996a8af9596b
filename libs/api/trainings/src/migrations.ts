// Secondary entry point: the trainings feature's migrations, for `@sunshine/api/schema`.
export { TRAININGS_MIGRATIONS } from './migrations/index';

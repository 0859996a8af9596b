// Secondary entry point: the plans feature's migrations, for `@sunshine/api/schema`.
export { PLANS_MIGRATIONS } from './migrations/index';

// Secondary entry point: the users feature's migrations, for `@sunshine/api/schema`.
export { USERS_MIGRATIONS } from './migrations/index';

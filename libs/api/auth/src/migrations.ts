// Secondary entry point: the auth feature's migrations, for `@sunshine/api/schema`.
export { AUTH_MIGRATIONS } from './migrations/index';

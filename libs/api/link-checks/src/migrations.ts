// Secondary entry point: the link checker's migrations, for `@sunshine/api/schema`.
export { LINK_CHECKS_MIGRATIONS } from './migrations/index';

// Secondary entry point without NestJS: for tools, seeds and test set-up that run outside the app.
// The complete, ordered migration list is assembled by `@sunshine/api/schema`.
export * from './database/setup';
export * from './database/data-source';
/** Migrations kept in core: the schema's history (a merged migration never moves). */
export { MIGRATIONS as CORE_MIGRATIONS } from './database/migrations';
export * from './auth/password-hasher';
export * from './database/rows';
// The keyed audit writer, for seeds and tools that append events outside the app.
export * from './audit/audit-keys';
export * from './audit/audit-append';
export { auditAnchorConfig, type AuditAnchorConfig } from './config/app-config';

export * from './test-database';
export * from './api-client';
export * from './matrix';
export * from './audit-anchor';

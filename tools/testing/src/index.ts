export * from './test-database';
export * from './api-client';
export * from './matrix';
export * as evidenceFiles from './evidence-files';
export * from './audit-anchor';
export * from './rows';
export * from './scopes';
export * from './real-checklists';
export * from './assessment-lists';

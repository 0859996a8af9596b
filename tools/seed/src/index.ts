export * from './divisions';
export * from './org-ids';
export * from './seed';
export * from './demo-reporting';
export * from './random';
export * from './demo-assessments';

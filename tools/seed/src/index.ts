export * from './divisions';
export * from './org-ids';
export * from './seed';
export * from './demo-reporting';
export * from './random';
export * from './national';
export * from './demo-trainings';
export * from './demo-assessments';

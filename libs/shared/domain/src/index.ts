export * from './organization';
export * from './roles';
export * from './password-policy';
export * from './period';
export * from './deadline';
export * from './progress-workflow';
export * from './text';

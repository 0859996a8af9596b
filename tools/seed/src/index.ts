export * from './divisions';
export * from './org-ids';
export * from './seed';

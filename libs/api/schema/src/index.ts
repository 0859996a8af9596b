export * from './migrations';
export * from './owner-database';

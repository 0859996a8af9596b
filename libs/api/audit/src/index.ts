export * from './audit.module';
export * from './audit-events.resolver';

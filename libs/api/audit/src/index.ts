export * from './audit.module';
export * from './audit-events.resolver';
export * from './audit-retention.service';

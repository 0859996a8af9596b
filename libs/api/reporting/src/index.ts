export * from './reporting.module';
export * from './reporting.resolver';
export * from './overview.resolver';
export * from './overview.service';
export * from './reminders.service';

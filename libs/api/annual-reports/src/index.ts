export * from './annual-reports.module';
export * from './annual-reports.exception';
export * from './annual-reports.resolver';
export * from './annual-reports.service';
export * from './annual-report-summary.service';
export * from './annual-reports.repository';
export * from './annual-report-reminders.service';

export * from './trainings.module';
export * from './trainings.exception';
export * from './trainings.resolver';
export * from './training-reminders.service';

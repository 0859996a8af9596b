export * from './scorecards.module';
export * from './scorecards.resolver';
export * from './scorecards.service';

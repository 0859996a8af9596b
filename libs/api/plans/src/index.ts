export * from './plans.module';
export * from './plans.resolver';
export * from './plans.service';
export * from './plans.exception';

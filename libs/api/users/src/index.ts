export * from './users.module';
export * from './users.service';
export * from './users.exception';
export * from './users.resolver';

export * from './auth.module';
export * from './auth.service';
export * from './auth.resolver';
export * from './second-factor.resolver';
export * from './sessions';
export * from './sign-in-throttle.repository';
export * from './dtos/me.dto';
export * from './dtos/login.input';

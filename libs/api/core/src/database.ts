// Secondary entry point without NestJS: for tools, seeds and test set-up that run outside the app.
export * from './database/setup';
export * from './database/data-source';
export * from './auth/password-hasher';
export * from './database/rows';
